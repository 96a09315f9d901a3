//! Planning: async reads that note missing blocks instead of fetching them,
//! and handing the fetched blocks back (see the `directory` module).

use std::io;
use std::ops::Range;
use std::sync::atomic::Ordering;

use super::{RangeDirectory, Shared};

/// Bytes a planned read is waiting for: `start..end` of `file`, aligned to
/// blocks (or ending at the end of the file).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Want {
    pub file: String,
    pub start: u64,
    pub end: u64,
}

impl RangeDirectory {
    /// Runs `step` with async reads that note missing blocks instead of
    /// fetching them; returns its result and what it waits for, merged
    /// into as few ranges as possible. Sync reads still fetch.
    pub fn plan<T>(&self, step: impl FnOnce() -> T) -> (T, Vec<Want>) {
        *self.shared.wanted.lock().expect("plan poisoned") = Some(Vec::new());
        let result = step();
        let mut wanted = self
            .shared
            .wanted
            .lock()
            .expect("plan poisoned")
            .take()
            .unwrap_or_default();
        wanted.sort();
        let mut wants: Vec<Want> = Vec::new();
        for (file, start, end) in wanted {
            match wants.last_mut() {
                Some(last) if last.file == file && last.end >= start => {
                    last.end = last.end.max(end);
                }
                _ => wants.push(Want { file, start, end }),
            }
        }
        (result, wants)
    }

    /// Stores bytes fetched for a [`Want`]: `bytes` of `file` from `start`,
    /// which must lie on a block boundary.
    pub fn supply(&self, file: &str, start: u64, bytes: &[u8]) -> io::Result<()> {
        let shared = &self.shared;
        let bs = shared.block_size as u64;
        let len = shared.len(file)?;
        let end = start + bytes.len() as u64;
        if !start.is_multiple_of(bs) || end > len || (!end.is_multiple_of(bs) && end != len) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{file}: {start}..{end} is not whole blocks of a {len}-byte file"),
            ));
        }
        let mut cache = shared.cache.lock().expect("block cache poisoned");
        cache.insert(file, start, bytes);
        shared.requests.fetch_add(1, Ordering::Relaxed);
        shared
            .bytes
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

impl Shared {
    /// While planning, notes the blocks of `range` of `file` (of length `len`) that
    /// are missing and returns true if there were any.
    pub(super) fn want(&self, file: &str, len: u64, range: Range<u64>) -> bool {
        let mut wanted = self.wanted.lock().expect("plan poisoned");
        let Some(wanted) = wanted.as_mut() else {
            return false;
        };
        if range.start >= range.end {
            return false;
        }
        let cache = self.cache.lock().expect("block cache poisoned");
        let before = wanted.len();
        for gap in cache.missing(file, self.blocks(range, len)) {
            wanted.push((file.to_string(), gap.start, gap.end));
        }
        wanted.len() > before
    }
}
