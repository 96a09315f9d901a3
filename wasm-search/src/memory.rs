//! Index files held in memory: the [`RangeSource`] of native search and of
//! the tests, counting what is read from it.

use std::collections::HashMap;
use std::io;
use std::ops::Range;
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::RangeSource;

/// Index files held in memory; counts what is read from it.
#[derive(Debug, Default)]
pub struct MemorySource {
    files: HashMap<String, Vec<u8>>,
    bytes_read: AtomicU64,
}

impl MemorySource {
    /// A source over `files` (name, contents).
    pub fn new(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> MemorySource {
        MemorySource {
            files: files.into_iter().collect(),
            bytes_read: AtomicU64::new(0),
        }
    }

    /// Reads the bundle that `manifest` describes from `dir` and splits it
    /// into its files.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(
        dir: &Path,
        manifest: &crate::Manifest,
    ) -> Result<MemorySource, crate::SearchError> {
        let path = dir.join(&manifest.bundle);
        let bundle = std::fs::read(&path).map_err(|source| crate::SearchError::Io {
            path: path.clone(),
            source,
        })?;
        let mut files = Vec::with_capacity(manifest.files.len());
        for file in &manifest.files {
            let bytes = bundle
                .get(file.offset as usize..(file.offset + file.size) as usize)
                .ok_or_else(|| {
                    crate::SearchError::Manifest(format!(
                        "{} ends before {} ({} bytes at {})",
                        path.display(),
                        file.name,
                        file.size,
                        file.offset
                    ))
                })?;
            files.push((file.name.clone(), bytes.to_vec()));
        }
        Ok(MemorySource::new(files))
    }

    /// Bytes handed out by [`RangeSource::read`] so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }
}

impl RangeSource for Arc<MemorySource> {
    fn len(&self, file: &str) -> io::Result<u64> {
        self.as_ref().len(file)
    }

    fn read(&self, file: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        self.as_ref().read(file, range)
    }
}

impl RangeSource for MemorySource {
    fn len(&self, file: &str) -> io::Result<u64> {
        self.files
            .get(file)
            .map(|bytes| bytes.len() as u64)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, file.to_string()))
    }

    fn read(&self, file: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        let bytes = self
            .files
            .get(file)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, file.to_string()))?;
        let slice = bytes
            .get(range.start as usize..range.end as usize)
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, file.to_string()))?;
        self.bytes_read
            .fetch_add(slice.len() as u64, Ordering::Relaxed);
        Ok(slice.to_vec())
    }
}
