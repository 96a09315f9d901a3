//! The bytes a [`RangeDirectory`](super::RangeDirectory) holds of each file: extents
//! as they were fetched or supplied, each whole blocks, none overlapping another.
//!
//! Cached as one entry per 64-byte block, a read of a 250 KB position list looked up
//! (with SipHash) and copied four thousand blocks, and storing them made as many
//! allocations: a quarter of a later query's time natively. An extent is one
//! allocation, found by one ordered-map lookup, and a read inside one extent is a
//! slice of it, not a copy.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use tantivy::directory::OwnedBytes;

/// Every file's extents.
#[derive(Default)]
pub(super) struct Cache {
    files: HashMap<String, Extents>,
}

impl Cache {
    /// The parts of `range` of `file` that are not held, in order.
    pub(super) fn missing(&self, file: &str, range: Range<u64>) -> Vec<Range<u64>> {
        match self.files.get(file) {
            Some(extents) => extents.missing(range),
            None if range.start < range.end => vec![range],
            None => Vec::new(),
        }
    }

    /// Holds `bytes` of `file` from `start`, those not already held.
    pub(super) fn insert(&mut self, file: &str, start: u64, bytes: &[u8]) {
        if !self.files.contains_key(file) {
            self.files.insert(file.to_string(), Extents::default());
        }
        let extents = self.files.get_mut(file).expect("inserted above");
        for gap in extents.missing(start..start + bytes.len() as u64) {
            let part = &bytes[(gap.start - start) as usize..(gap.end - start) as usize];
            extents.0.insert(gap.start, Arc::from(part));
        }
    }

    /// `range` of `file` if all of it is held.
    pub(super) fn read(&self, file: &str, range: Range<u64>) -> Option<OwnedBytes> {
        if range.start >= range.end {
            return Some(OwnedBytes::empty());
        }
        self.files.get(file)?.read(range)
    }
}

/// One file's extents by start.
#[derive(Default)]
struct Extents(BTreeMap<u64, Arc<[u8]>>);

impl Extents {
    /// The extent holding byte `at`, with its start.
    fn holding(&self, at: u64) -> Option<(u64, &Arc<[u8]>)> {
        let (&start, bytes) = self.0.range(..=at).next_back()?;
        (at < start + bytes.len() as u64).then_some((start, bytes))
    }

    fn missing(&self, range: Range<u64>) -> Vec<Range<u64>> {
        let mut gaps = Vec::new();
        let mut at = range.start;
        while at < range.end {
            if let Some((start, bytes)) = self.holding(at) {
                at = start + bytes.len() as u64;
                continue;
            }
            let next = self.0.range(at..).next().map(|(&start, _)| start);
            let end = next.map_or(range.end, |next| next.min(range.end));
            gaps.push(at..end);
            at = end;
        }
        gaps
    }

    fn read(&self, range: Range<u64>) -> Option<OwnedBytes> {
        let (start, bytes) = self.holding(range.start)?;
        let end = start + bytes.len() as u64;
        if range.end <= end {
            let slice = (range.start - start) as usize..(range.end - start) as usize;
            return Some(OwnedBytes::new(Arc::clone(bytes)).slice(slice));
        }
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        let mut at = range.start;
        while at < range.end {
            let (start, bytes) = self.holding(at)?;
            let to = range.end.min(start + bytes.len() as u64);
            out.extend_from_slice(&bytes[(at - start) as usize..(to - start) as usize]);
            at = to;
        }
        Some(OwnedBytes::new(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extents_fill_gaps_only_and_read_across_each_other() {
        let file: Vec<u8> = (0..=255).collect();
        let mut cache = Cache::default();
        assert_eq!(cache.missing("f", 0..10), vec![0..10]);
        cache.insert("f", 16, &file[16..32]);
        cache.insert("f", 48, &file[48..64]);
        assert_eq!(cache.missing("f", 0..64), [0..16, 32..48]);
        assert_eq!(cache.missing("f", 20..30), Vec::<Range<u64>>::new());
        assert_eq!(cache.missing("f", 20..50), vec![32..48]);
        assert!(cache.read("f", 20..50).is_none(), "a gap in the middle");
        // Bytes that overlap what is held fill the gap and leave the rest as it was.
        cache.insert("f", 0, &file[0..64]);
        assert_eq!(cache.missing("f", 0..64), Vec::<Range<u64>>::new());
        assert_eq!(cache.files["f"].0.len(), 4, "0..16, 16..32, 32..48, 48..64");
        assert_eq!(cache.read("f", 20..50).unwrap().as_slice(), &file[20..50]);
        assert_eq!(cache.read("f", 17..18).unwrap().as_slice(), &file[17..18]);
        assert_eq!(cache.read("f", 5..5).unwrap().as_slice(), b"");
        assert!(cache.read("f", 60..65).is_none(), "past what is held");
        assert!(cache.read("g", 0..1).is_none(), "another file");
    }
}
