//! A read-only tantivy [`Directory`] that fetches byte ranges of index files
//! on demand through a [`RangeSource`], with a block cache in front of it.
//!
//! In the browser the source is a synchronous `Range` request made by the
//! worker; natively (and in tests) it is [`MemorySource`](crate::MemorySource).
//!
//! Reads are synchronous, one request per gap, so a query that touches ten
//! places waits for ten round trips. [`RangeDirectory::plan`] avoids that:
//! while it runs, tantivy's *async* reads (its warm-up API) do not fetch but
//! note what is missing and never finish. The caller fetches all of that at
//! once, in parallel, hands it over with [`RangeDirectory::supply`], and
//! plans again until nothing is missing.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

mod cache;
mod plan;

use cache::Cache;
pub use plan::Want;

/// Where index bytes come from.
pub trait RangeSource: Send + Sync + 'static {
    /// The length of `file`; `ErrorKind::NotFound` if there is no such file.
    fn len(&self, file: &str) -> io::Result<u64>;
    /// Exactly the bytes of `range` of `file`.
    fn read(&self, file: &str, range: Range<u64>) -> io::Result<Vec<u8>>;
}

/// What a [`RangeDirectory`] has asked its source for so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct FetchStats {
    pub requests: u64,
    pub bytes: u64,
}

/// The default cache block. A read fetches every missing block it touches in
/// one request, so the block size sets the waste around each read, not the
/// number of requests: on the 1000-page test site 512 B fetched about a sixth
/// less than 1 KB and a third less than 4 KB, for two or three more requests.
/// At 10,000 pages (`node bench/search_bench.mjs 10000`, BENCHMARKS.md) a later
/// query's median went 57 → 53 → 51 → 49 KB from 512 to 256, 128 and 64 B, the
/// first query's 292 → 285 KB, for up to six more requests in the first round.
pub const DEFAULT_BLOCK_SIZE: usize = 64;

struct Shared {
    source: Box<dyn RangeSource>,
    block_size: usize,
    cache: Mutex<Cache>,
    lens: Mutex<HashMap<String, u64>>,
    /// While planning: the missing ranges (whole blocks) async reads asked for.
    wanted: Mutex<Option<Vec<(String, u64, u64)>>>,
    requests: AtomicU64,
    bytes: AtomicU64,
}

/// A read-only directory over a [`RangeSource`]. Writes fail; locks are no-ops.
#[derive(Clone)]
pub struct RangeDirectory {
    shared: Arc<Shared>,
}

impl fmt::Debug for RangeDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RangeDirectory")
            .field("block_size", &self.shared.block_size)
            .field("stats", &self.stats())
            .finish()
    }
}

impl RangeDirectory {
    /// A directory reading `source` in aligned blocks of `block_size` bytes.
    pub fn new(source: impl RangeSource, block_size: usize) -> RangeDirectory {
        RangeDirectory {
            shared: Arc::new(Shared {
                source: Box::new(source),
                block_size: block_size.max(1),
                cache: Mutex::default(),
                lens: Mutex::default(),
                wanted: Mutex::default(),
                requests: AtomicU64::new(0),
                bytes: AtomicU64::new(0),
            }),
        }
    }

    /// Requests and bytes fetched from the source so far.
    pub fn stats(&self) -> FetchStats {
        FetchStats {
            requests: self.shared.requests.load(Ordering::Relaxed),
            bytes: self.shared.bytes.load(Ordering::Relaxed),
        }
    }
}

impl Shared {
    fn fetch(&self, file: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        let bytes = self.source.read(file, range.clone())?;
        if bytes.len() as u64 != range.end - range.start {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{file}: asked for {range:?}, got {} bytes", bytes.len()),
            ));
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(bytes)
    }

    fn len(&self, file: &str) -> io::Result<u64> {
        let mut lens = self.lens.lock().expect("length cache poisoned");
        if let Some(&len) = lens.get(file) {
            return Ok(len);
        }
        let len = self.source.len(file)?;
        lens.insert(file.to_string(), len);
        Ok(len)
    }

    /// `range` widened to whole blocks of a file of `len` bytes.
    fn blocks(&self, range: Range<u64>, len: u64) -> Range<u64> {
        let bs = self.block_size as u64;
        range.start / bs * bs..(range.end.div_ceil(bs) * bs).min(len)
    }

    /// Reads `range` of `file` (of length `len`), fetching the missing blocks
    /// in as few requests as there are gaps.
    fn read(&self, file: &str, len: u64, range: Range<u64>) -> io::Result<OwnedBytes> {
        let mut cache = self.cache.lock().expect("block cache poisoned");
        if range.start < range.end {
            for gap in cache.missing(file, self.blocks(range.clone(), len)) {
                let bytes = self.fetch(file, gap.clone())?;
                cache.insert(file, gap.start, &bytes);
            }
        }
        cache.read(file, range.clone()).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{file}: {range:?} is past its {len} bytes"),
            )
        })
    }
}

/// One file of a [`RangeDirectory`]; reads go through the block cache.
struct RangeFileHandle {
    shared: Arc<Shared>,
    name: String,
    len: u64,
}

impl fmt::Debug for RangeFileHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RangeFileHandle({}, {} bytes)", self.name, self.len)
    }
}

impl HasLen for RangeFileHandle {
    fn len(&self) -> usize {
        self.len as usize
    }
}

#[async_trait::async_trait]
impl FileHandle for RangeFileHandle {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        self.shared
            .read(&self.name, self.len, range.start as u64..range.end as u64)
    }

    async fn read_bytes_async(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if self
            .shared
            .want(&self.name, self.len, range.start as u64..range.end as u64)
        {
            // Planning: the bytes come with the next `supply`, and the step
            // that asked runs again then.
            return std::future::pending().await;
        }
        self.read_bytes(range)
    }
}

fn file_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn read_error(path: &Path, error: io::Error) -> OpenReadError {
    if error.kind() == io::ErrorKind::NotFound {
        OpenReadError::FileDoesNotExist(path.to_path_buf())
    } else {
        OpenReadError::wrap_io_error(error, path.to_path_buf())
    }
}

fn read_only(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{}: the search index is read-only", path.display()),
    )
}

impl Directory for RangeDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let name = file_name(path);
        let len = self.shared.len(&name).map_err(|e| read_error(path, e))?;
        Ok(Arc::new(RangeFileHandle {
            shared: Arc::clone(&self.shared),
            name,
            len,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        match self.shared.len(&file_name(path)) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(read_error(path, e)),
        }
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            read_only(path),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let name = file_name(path);
        let len = self.shared.len(&name).map_err(|e| read_error(path, e))?;
        self.shared
            .read(&name, len, 0..len)
            .map(|bytes| bytes.as_slice().to_vec())
            .map_err(|e| read_error(path, e))
    }

    /// Succeeds without storing anything: creating an index over the
    /// directory in code (crate::segments) writes a fresh `meta.json` (and
    /// may note it in `.managed.json`), and nothing reads those back.
    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        // Nothing writes, so readers need not exclude anyone.
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests;
