//! `manifest.json`: the list of index files with their sizes and one content
//! hash, so that a reader knows every file length without asking the server.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SearchError;

/// The name of the manifest next to the index files.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The manifest format this crate writes and reads.
pub const MANIFEST_VERSION: u32 = 1;

/// One index file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
}

/// The index files and a hash over their names and contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub files: Vec<ManifestFile>,
    pub hash: String,
}

impl Manifest {
    /// Describes `files` (name, contents), sorted by name.
    pub fn describe(files: &[(String, Vec<u8>)]) -> Manifest {
        let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut hasher = Sha256::new();
        for (name, bytes) in &sorted {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        Manifest {
            version: MANIFEST_VERSION,
            files: sorted
                .iter()
                .map(|(name, bytes)| ManifestFile {
                    name: name.clone(),
                    size: bytes.len() as u64,
                })
                .collect(),
            hash: hex(&hasher.finalize()),
        }
    }

    /// Parses `manifest.json` and checks its version.
    /// [`Manifest::describe`] for the files `names` in `dir`, read one at a
    /// time.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn describe_dir(dir: &std::path::Path, names: &[String]) -> std::io::Result<Manifest> {
        let mut sorted: Vec<&String> = names.iter().collect();
        sorted.sort();
        let mut hasher = Sha256::new();
        let mut files = Vec::new();
        for name in sorted {
            let mut file = std::fs::File::open(dir.join(name))?;
            let size = file.metadata()?.len();
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(size.to_le_bytes());
            std::io::copy(&mut file, &mut hasher)?;
            files.push(ManifestFile {
                name: name.clone(),
                size,
            });
        }
        Ok(Manifest {
            version: MANIFEST_VERSION,
            files,
            hash: hex(&hasher.finalize()),
        })
    }

    pub fn parse(json: &str) -> Result<Manifest, SearchError> {
        let manifest: Manifest = serde_json::from_str(json)
            .map_err(|e| SearchError::Manifest(format!("cannot parse {MANIFEST_FILE}: {e}")))?;
        if manifest.version != MANIFEST_VERSION {
            return Err(SearchError::Manifest(format!(
                "{MANIFEST_FILE} has version {}, this reader understands {MANIFEST_VERSION}",
                manifest.version
            )));
        }
        Ok(manifest)
    }

    /// The size of `name`, if the index has such a file.
    pub fn size_of(&self, name: &str) -> Option<u64> {
        self.files.iter().find(|f| f.name == name).map(|f| f.size)
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        json.push('\n');
        json
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
        let names: Vec<_> = a.files.iter().map(|f| (f.name.as_str(), f.size)).collect();
        assert_eq!(names, [("a", 1), ("b", 2)]);
        let same = Manifest::describe(&[("a".into(), vec![3]), ("b".into(), vec![1, 2])]);
        assert_eq!(a, same);
        let renamed = Manifest::describe(&[("a".into(), vec![3]), ("c".into(), vec![1, 2])]);
        assert_ne!(a.hash, renamed.hash);
        assert_eq!(a.hash.len(), 64);
    }

    #[test]
    fn parse_round_trips_and_rejects_other_versions() {
        let m = Manifest::describe(&[("meta.json".into(), b"{}".to_vec())]);
        assert_eq!(Manifest::parse(&m.to_json()).unwrap(), m);
        assert_eq!(m.size_of("meta.json"), Some(2));
        let other = m.to_json().replace("\"version\": 1", "\"version\": 2");
        assert!(Manifest::parse(&other).is_err());
    }
}
