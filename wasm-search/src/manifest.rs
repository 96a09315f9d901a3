//! `manifest.json`: the index files with their sizes and one content hash, so
//! that a reader knows every file length without asking the server.
//!
//! The files travel back to back in one bundle file ([`BUNDLE_FILE`]): one URL,
//! so that the blocks a query needs from several index files come in one
//! multi-range request. Each file's place in the bundle is its `offset`.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SearchError;

/// The name of the manifest next to the bundle.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The name of the file holding every index file, in name order.
pub const BUNDLE_FILE: &str = "index.bin";
/// The index format this crate writes and reads: the bundle's layout (2), then the
/// pages' own store and the schema without stored-only fields (3). A reader of another
/// version refuses the index instead of reading fields where they no longer are.
pub const MANIFEST_VERSION: u32 = 3;

/// One index file: `size` bytes at `offset` in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
    pub offset: u64,
}

/// The index files, the bundle that holds them, and a hash over their names
/// and contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub bundle: String,
    pub files: Vec<ManifestFile>,
    pub hash: String,
}

/// Collects files in bundle order and hashes them.
struct Describer {
    hasher: Sha256,
    files: Vec<ManifestFile>,
    offset: u64,
}

impl Describer {
    fn new() -> Describer {
        Describer {
            hasher: Sha256::new(),
            files: Vec::new(),
            offset: 0,
        }
    }

    /// Starts file `name` of `size` bytes; its contents go to `self.hasher`.
    fn start(&mut self, name: &str, size: u64) {
        self.hasher.update(name.as_bytes());
        self.hasher.update([0]);
        self.hasher.update(size.to_le_bytes());
        self.files.push(ManifestFile {
            name: name.to_string(),
            size,
            offset: self.offset,
        });
        self.offset += size;
    }

    fn finish(self) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            bundle: BUNDLE_FILE.to_string(),
            files: self.files,
            hash: hex(&self.hasher.finalize()),
        }
    }
}

impl Manifest {
    /// Describes `files` (name, contents) as bundled in name order.
    pub fn describe(files: &[(String, Vec<u8>)]) -> Manifest {
        let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut describer = Describer::new();
        for (name, bytes) in sorted {
            describer.start(name, bytes.len() as u64);
            describer.hasher.update(bytes);
        }
        describer.finish()
    }

    /// Writes the files `parts` (name, path) into `dir`/[`BUNDLE_FILE`] in
    /// name order, one at a time, removes them, and describes the bundle.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundle_into(
        dir: &std::path::Path,
        parts: &[(String, std::path::PathBuf)],
    ) -> std::io::Result<Manifest> {
        use std::io::Write;
        let mut sorted: Vec<&(String, std::path::PathBuf)> = parts.iter().collect();
        sorted.sort();
        let mut bundle = std::io::BufWriter::new(std::fs::File::create(dir.join(BUNDLE_FILE))?);
        let mut describer = Describer::new();
        for (name, path) in sorted {
            let mut file = std::fs::File::open(path)?;
            describer.start(name, file.metadata()?.len());
            let mut tee = Tee {
                hasher: &mut describer.hasher,
                out: &mut bundle,
            };
            std::io::copy(&mut file, &mut tee)?;
            std::fs::remove_file(path)?;
        }
        bundle.flush()?;
        Ok(describer.finish())
    }

    /// Parses `manifest.json` and checks its version.
    pub fn parse(json: &str) -> Result<Manifest, SearchError> {
        // From bytes: the parser tantivy instantiates for its file footers.
        let manifest: Manifest = serde_json::from_slice(json.as_bytes())
            .map_err(|e| SearchError::Manifest(format!("cannot parse {MANIFEST_FILE}: {e}")))?;
        if manifest.version != MANIFEST_VERSION {
            return Err(SearchError::Manifest(format!(
                "{MANIFEST_FILE} has version {}, this reader understands {MANIFEST_VERSION}",
                manifest.version
            )));
        }
        Ok(manifest)
    }

    /// The entry of file `name`.
    pub fn file(&self, name: &str) -> Option<&ManifestFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Where `range` of file `name` lies in the bundle.
    pub fn to_bundle(&self, name: &str, range: Range<u64>) -> Option<Range<u64>> {
        let file = self.file(name)?;
        (range.start <= range.end && range.end <= file.size)
            .then(|| file.offset + range.start..file.offset + range.end)
    }

    /// The file and its range that `range` of the bundle is, if it lies
    /// within one file.
    pub fn from_bundle(&self, range: Range<u64>) -> Option<(&str, Range<u64>)> {
        let file = self
            .files
            .iter()
            .find(|f| f.offset <= range.start && range.start < f.offset + f.size)?;
        (range.end <= file.offset + file.size).then(|| {
            (
                file.name.as_str(),
                range.start - file.offset..range.end - file.offset,
            )
        })
    }

    /// The size of file `name`.
    pub fn size_of(&self, name: &str) -> Option<u64> {
        self.file(name).map(|f| f.size)
    }

    /// The manifest as written to disk: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        json.push('\n');
        json
    }
}

/// Writes to the bundle and the hash at once.
#[cfg(not(target_arch = "wasm32"))]
struct Tee<'a, W> {
    hasher: &'a mut Sha256,
    out: &'a mut W,
}

#[cfg(not(target_arch = "wasm32"))]
impl<W: std::io::Write> std::io::Write for Tee<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_sorts_and_hashes_names_and_contents() {
        let a = Manifest::describe(&[("b".into(), vec![1, 2]), ("a".into(), vec![3])]);
        let names: Vec<_> = a
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.size, f.offset))
            .collect();
        assert_eq!(names, [("a", 1, 0), ("b", 2, 1)]);
        assert_eq!(a.bundle, BUNDLE_FILE);
        let same = Manifest::describe(&[("a".into(), vec![3]), ("b".into(), vec![1, 2])]);
        assert_eq!(a, same);
        let renamed = Manifest::describe(&[("a".into(), vec![3]), ("c".into(), vec![1, 2])]);
        assert_ne!(a.hash, renamed.hash);
        assert_eq!(a.hash.len(), 64);
    }

    #[test]
    fn ranges_map_between_files_and_the_bundle() {
        let m = Manifest::describe(&[("a".into(), vec![0; 10]), ("b".into(), vec![0; 5])]);
        assert_eq!(m.to_bundle("b", 1..4), Some(11..14));
        assert_eq!(m.to_bundle("a", 0..10), Some(0..10));
        assert_eq!(m.to_bundle("a", 5..11), None);
        assert_eq!(m.to_bundle("c", 0..1), None);
        assert_eq!(m.from_bundle(11..14), Some(("b", 1..4)));
        assert_eq!(m.from_bundle(0..10), Some(("a", 0..10)));
        assert_eq!(m.from_bundle(8..12), None, "spans two files");
        assert_eq!(m.from_bundle(15..16), None, "past the end");
    }

    #[test]
    fn parse_round_trips_and_rejects_other_versions() {
        let m = Manifest::describe(&[("meta.json".into(), b"{}".to_vec())]);
        assert_eq!(Manifest::parse(&m.to_json()).unwrap(), m);
        assert_eq!(m.size_of("meta.json"), Some(2));
        let other = m.to_json().replace("\"version\": 3", "\"version\": 2");
        assert_ne!(other, m.to_json());
        assert_eq!(
            Manifest::parse(&other).unwrap_err().to_string(),
            "search manifest: manifest.json has version 2, this reader understands 3"
        );
    }
}
