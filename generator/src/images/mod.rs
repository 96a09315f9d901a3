//! Responsive pictures (docs/decisions.md, "Responsive images"): every local PNG or JPEG
//! an article or a section body shows, and every page's cover, is resized to the widths of `resize::WIDTHS` below its own, the
//! copies are published beside it (`a.png` → `a-480w.png`, `a-480w.webp`), and its
//! `<img>` tags get `srcset`, `sizes`, `width` and `height` (a cover's go to the page's
//! `cover_picture`, for the templates that show it). Copies are cached in the
//! site's `.jiayuan-cache/images/` by the hash of the picture's bytes; a picture whose
//! size and modification time are those of the cache's index is not even read.

mod resize;
mod rewrite;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use jiayuan_content::model::{Page, Picture, Site};
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;

use resize::Entry;
use rewrite::Responsive;

/// The pictures whose own bytes the cache holds: the site's file and the cache's copy,
/// which the static files' copy links into the output instead of copying the file.
pub type Originals = HashMap<PathBuf, PathBuf>;

/// A picture's URL, its file, and its cache entry (with whether the cache had it).
type Outcome = (String, PathBuf, Result<(Entry, bool), resize::Failed>);

/// The cache folder, inside the site folder.
pub const CACHE: &str = ".jiayuan-cache/images";

/// How many pictures were resized, and how many came from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub resized: usize,
    pub cached: usize,
}

/// The cache's index as `serve` holds it between edits, so that an edit of a page with
/// pictures does not read and parse the whole index again; empty until the first such
/// edit reads it, and emptied by a full build (which writes the file).
#[derive(Debug, Default)]
pub struct CacheIndex(Option<BTreeMap<String, Entry>>);

impl CacheIndex {
    fn take(&mut self, file: &Path) -> BTreeMap<String, Entry> {
        self.0.take().unwrap_or_else(|| {
            std::fs::read(file)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default()
        })
    }
}

/// Resizes the pictures of every page, writes the copies into `staging` and rewrites
/// the pages' `<img>` tags; the pictures themselves are left to the static files' copy,
/// with the cache's copies of them.
pub fn run(
    root: &Path,
    site: &mut Site,
    staging: &Staging,
) -> (Counts, Originals, Vec<Diagnostic>) {
    let mut originals = Originals::new();
    let (counts, diags) = run_pages(
        root,
        site,
        staging,
        None,
        &mut CacheIndex::default(),
        Some(&mut originals),
    );
    (counts, originals, diags)
}

/// [`run`] for the pages with the keys in `only` (all pages when `None`): the pages an
/// incremental rebuild of `serve` rendered again. The cache index keeps the other
/// pages' pictures then; `index` is the index as last read or written. `originals`, when
/// given, receives the pictures whose own bytes the cache holds.
pub fn run_pages(
    root: &Path,
    site: &mut Site,
    staging: &Staging,
    only: Option<&BTreeSet<String>>,
    index: &mut CacheIndex,
    mut originals: Option<&mut Originals>,
) -> (Counts, Vec<Diagnostic>) {
    let cache = root.join(CACHE);
    let base = site.config.url("/");
    let chosen = |key: &String| only.is_none_or(|keys| keys.contains(key));
    // The pages' pictures and covers, and the pictures of section bodies (sections are
    // only read again by a full build). Every page's HTML is scanned, on all cores: at
    // 10,000 pages this was a serial pass over 100 MB of HTML before any page rendered.
    let mut sources: Vec<String> = site
        .pages
        .par_iter()
        .filter(|(k, _)| chosen(k))
        .flat_map_iter(|(_, page)| {
            rewrite::sources(&page.body.html)
                .into_iter()
                .chain(cover_url(site, page))
        })
        .collect();
    if only.is_none() {
        for section in site.sections.values() {
            sources.extend(rewrite::sources(&section.html));
        }
    }
    let pictures: BTreeMap<String, PathBuf> = sources
        .into_par_iter()
        .filter_map(|src| source_file(root, site, &base, &src).map(|file| (src, file)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    if pictures.is_empty() && only.is_some() {
        return (Counts::default(), Vec::new());
    }
    let index_file = cache.join("index.json");
    let old = index.take(&index_file);
    let done: Vec<Outcome> = pictures
        .into_par_iter()
        .map(|(src, file)| {
            let key = jiayuan_core::files::rel_path(root, &file);
            let hit = old.get(&key).filter(|e| {
                resize::stamp(&file) == Some((e.len, e.modified)) && e.complete(&cache)
            });
            let entry = match hit {
                Some(e) => {
                    resize::keep_original(&file, e, &cache);
                    Ok((e.clone(), true))
                }
                None => resize::process(&file, &cache).map(|e| (e, false)),
            };
            (src, file, entry)
        })
        .collect();
    let mut counts = Counts::default();
    let mut diags = Vec::new();
    let mut new = if only.is_some() {
        old.clone()
    } else {
        BTreeMap::new()
    };
    let mut responsive = HashMap::new();
    for (src, file, result) in done {
        let shown = jiayuan_core::files::rel_path(root, &file);
        match result {
            Ok((entry, hit)) => {
                if hit {
                    counts.cached += 1;
                } else {
                    counts.resized += 1;
                }
                match publish(&src, &base, &shown, &entry, &cache, staging) {
                    Ok(r) => {
                        responsive.insert(src, r);
                    }
                    Err(d) => diags.push(d),
                }
                if let Some(originals) = originals.as_deref_mut() {
                    let kept = entry.original(&cache);
                    if kept.is_file() {
                        originals.insert(file, kept);
                    }
                }
                new.insert(shown, entry);
            }
            Err(resize::Failed(reason)) => diags.push(
                Diagnostic::error(&shown, msg!("image-unreadable", reason = reason))
                    .help(msg!("image-unreadable-help")),
            ),
        }
    }
    if new != old {
        // Through a temporary name: builds of one site may run side by side (tests).
        if let Ok(json) = serde_json::to_vec_pretty(&new) {
            let tmp = index_file.with_extension(format!("tmp-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&cache);
            if std::fs::write(&tmp, json).is_ok() {
                let _ = std::fs::rename(&tmp, &index_file);
            }
        }
    }
    index.0 = Some(new);
    let covers: HashMap<String, Picture> = site
        .pages
        .iter()
        .filter(|(k, _)| chosen(k))
        .filter_map(|(k, p)| Some((k.clone(), responsive.get(&cover_url(site, p)?)?.picture())))
        .collect();
    // With no picture to point at, every page's HTML stays as it is, uncopied.
    let rewrite_html = !responsive.is_empty();
    site.pages
        .par_iter_mut()
        .filter(|(k, _)| chosen(k))
        .for_each(|(key, page)| {
            if rewrite_html {
                page.body.html = rewrite::rewrite(&page.body.html, &responsive);
            }
            page.cover_picture = covers.get(key).cloned();
        });
    if only.is_none() && rewrite_html {
        for section in site.sections.values_mut() {
            section.html = rewrite::rewrite(&section.html, &responsive);
        }
    }
    (counts, diags)
}

/// The URL of the page's cover when it is a file of the site (not an address).
fn cover_url(site: &Site, page: &Page) -> Option<String> {
    let cover = page.body.cover.as_deref().filter(|c| c.starts_with('/'))?;
    Some(site.config.url(cover))
}

/// The file behind an image URL of the site: a PNG or JPEG under `content/` or `static/`
/// (the theme's `static/` last), or nothing for any other picture.
fn source_file(root: &Path, site: &Site, base: &str, src: &str) -> Option<PathBuf> {
    let rel = src.strip_prefix(base)?;
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg") || rel.contains("..") {
        return None;
    }
    let mut dirs = vec![root.join("content"), root.join("static")];
    if let Some(theme) = &site.config.theme {
        dirs.push(root.join("themes").join(theme).join("static"));
    }
    dirs.into_iter().map(|d| d.join(rel)).find(|p| p.is_file())
}

/// Links (or copies) the cached copies next to the picture in the output.
fn publish(
    src: &str,
    base: &str,
    shown: &str,
    entry: &Entry,
    cache: &Path,
    staging: &Staging,
) -> Result<Responsive, Diagnostic> {
    let stem = src.rsplit_once('.').map_or(src, |(s, _)| s);
    let mut out = Responsive {
        width: entry.width,
        height: entry.height,
        copies: Vec::new(),
        webp: Vec::new(),
    };
    let own = entry.widths.iter().map(|&w| (w, false));
    let webp = entry.webp_widths().into_iter().map(|w| (w, true));
    for (w, webp) in own.chain(webp) {
        let ext = if webp { "webp" } else { &entry.ext };
        let url = format!("{stem}-{w}w.{ext}");
        let site_path = format!("/{}", url.strip_prefix(base).unwrap_or(&url));
        let owner = Owner::new(Kind::Static, msg!("owner-image-copy", file = shown), shown);
        staging.link_file(&site_path, &entry.cached(cache, w, webp), owner)?;
        if webp { &mut out.webp } else { &mut out.copies }.push((w, url));
    }
    if !out.copies.is_empty() && entry.width <= resize::WIDTHS[resize::WIDTHS.len() - 1] {
        out.copies.push((entry.width, src.to_string()));
    }
    Ok(out)
}
