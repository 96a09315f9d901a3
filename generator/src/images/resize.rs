//! One picture: its size, and copies of it 480, 960 and 1440 pixels wide (never wider than
//! it is), in its own format and in lossless WebP when that is smaller. Each copy is kept
//! in the cache folder under the hash of the picture's bytes, so a rebuild resizes
//! nothing it has resized before.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{imageops::FilterType, DynamicImage, ImageFormat};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The widths a picture is resized to (those below its own width).
pub const WIDTHS: [u32; 3] = [480, 960, 1440];

/// What the cache knows of one picture.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Size and modification time (ns) of the source when it was read.
    pub len: u64,
    pub modified: u128,
    /// SHA-256 of the source's bytes (hex, first 20 characters).
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// The widths made (ascending), each in the source's format.
    pub widths: Vec<u32>,
    /// Whether each width also has a WebP copy (it was smaller); then the full width has
    /// one too (when it is not wider than the widest copy), so a `<source>` of WebP
    /// alone offers every width the `<img>` does.
    pub webp: bool,
    /// The extension of the copies in the source's format: `png` or `jpg`.
    pub ext: String,
}

impl Entry {
    /// The cache file of width `w`, in the source's format or in WebP.
    pub fn cached(&self, dir: &Path, w: u32, webp: bool) -> PathBuf {
        let ext = if webp { "webp" } else { &self.ext };
        dir.join(format!("{}-{w}.{ext}", self.hash))
    }

    /// The cache's copy of the picture itself, which the build links into the output
    /// in place of copying the site's file (a link to that file would let an edit in
    /// place change the published one).
    pub fn original(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.{}", self.hash, self.ext))
    }

    /// The widths of the WebP copies: every copy's, and the full width when it is kept.
    pub fn webp_widths(&self) -> Vec<u32> {
        if !self.webp {
            return Vec::new();
        }
        let mut out = self.widths.clone();
        if self.width <= WIDTHS[WIDTHS.len() - 1] {
            out.push(self.width);
        }
        out
    }

    /// Whether every file this entry names is in the cache folder.
    pub fn complete(&self, dir: &Path) -> bool {
        self.widths
            .iter()
            .all(|&w| self.cached(dir, w, false).is_file())
            && self
                .webp_widths()
                .iter()
                .all(|&w| self.cached(dir, w, true).is_file())
    }
}

/// Why a picture could not be resized (the reason as the decoder or the disk gave it).
pub struct Failed(pub String);

/// The source's length and modification time, to know it unchanged without reading it.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// Reads, resizes and encodes `path` into `dir`; the entry describes what was written.
pub fn process(path: &Path, dir: &Path) -> Result<Entry, Failed> {
    let bytes = std::fs::read(path).map_err(|e| Failed(e.to_string()))?;
    let (len, modified) = stamp(path).unwrap_or_default();
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .take(10)
        .map(|b| format!("{b:02x}"))
        .collect();
    let format = image::guess_format(&bytes).map_err(|e| Failed(e.to_string()))?;
    let img =
        image::load_from_memory_with_format(&bytes, format).map_err(|e| Failed(e.to_string()))?;
    let (ext, own) = match format {
        ImageFormat::Jpeg => ("jpg", ImageFormat::Jpeg),
        _ => ("png", ImageFormat::Png),
    };
    let widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < img.width())
        .collect();
    let mut entry = Entry {
        len,
        modified,
        hash,
        width: img.width(),
        height: img.height(),
        widths: widths.clone(),
        webp: false,
        ext: ext.to_string(),
    };
    let copies: Vec<(u32, Vec<u8>, Vec<u8>)> = widths
        .iter()
        .map(|&w| {
            let h =
                ((u64::from(img.height()) * u64::from(w)) / u64::from(img.width())).max(1) as u32;
            let small = img.resize_exact(w, h, FilterType::Lanczos3);
            // `image` writes lossless WebP only: for a photograph, already lossy, that is
            // several times its JPEG, so only PNG sources are tried in WebP.
            let webp = match own {
                ImageFormat::Png => encode(&small, ImageFormat::WebP)?,
                _ => Vec::new(),
            };
            Ok((w, encode(&small, own)?, webp))
        })
        .collect::<Result<_, Failed>>()?;
    let own_total: usize = copies.iter().map(|c| c.1.len()).sum();
    let webp_total: usize = copies.iter().map(|c| c.2.len()).sum();
    entry.webp = own == ImageFormat::Png && !copies.is_empty() && webp_total < own_total;
    std::fs::create_dir_all(dir).map_err(|e| Failed(e.to_string()))?;
    write(&entry.original(dir), &bytes)?;
    for (w, own_bytes, webp_bytes) in &copies {
        write(&entry.cached(dir, *w, false), own_bytes)?;
        if entry.webp {
            write(&entry.cached(dir, *w, true), webp_bytes)?;
        }
    }
    if entry.webp_widths().contains(&entry.width) {
        write(
            &entry.cached(dir, entry.width, true),
            &encode(&img, ImageFormat::WebP)?,
        )?;
    }
    Ok(entry)
}

/// Puts the picture's own bytes in the cache for an entry whose copies are there but not
/// the picture (a cache from before pictures were kept): `path`'s size and time are the
/// entry's, as for the copies. `false` when that fails; the build then copies the file.
pub fn keep_original(path: &Path, entry: &Entry, dir: &Path) -> bool {
    let original = entry.original(dir);
    original.is_file()
        || std::fs::read(path)
            .map_err(|e| Failed(e.to_string()))
            .and_then(|bytes| write(&original, &bytes))
            .is_ok()
}

fn encode(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, Failed> {
    let mut out = Cursor::new(Vec::new());
    // JPEG has no alpha; WebP (lossless) and PNG keep what the picture has.
    let img = match format {
        ImageFormat::Jpeg => DynamicImage::ImageRgb8(img.to_rgb8()),
        _ => img.clone(),
    };
    img.write_to(&mut out, format)
        .map_err(|e| Failed(e.to_string()))?;
    Ok(out.into_inner())
}

/// Writes through a temporary name, so a killed build never leaves half a file in the cache.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Failed> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Failed(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(|e| Failed(e.to_string()))
}
