//! The range directory against an in-memory source.

use super::*;
use crate::MemorySource;

fn directory(block_size: usize) -> (Arc<MemorySource>, RangeDirectory) {
    let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let source = Arc::new(MemorySource::new([("f".to_string(), data)]));
    let directory = RangeDirectory::new(Arc::clone(&source), block_size);
    (source, directory)
}

#[test]
fn reads_are_exact_and_cached() {
    let (source, dir) = directory(512);
    let file = dir.get_file_handle(Path::new("f")).unwrap();
    assert_eq!(file.len(), 10_000);
    for range in [0..1, 511..513, 100..4000, 9_990..10_000, 0..10_000, 5..5] {
        let got = file.read_bytes(range.clone()).unwrap();
        let want = source
            .read("f", range.start as u64..range.end as u64)
            .unwrap();
        assert_eq!(got.as_slice(), want.as_slice(), "{range:?}");
    }
    // Everything is cached now: a second pass fetches nothing.
    let before = dir.stats();
    file.read_bytes(0..10_000).unwrap();
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_gap_is_fetched_in_one_aligned_request() {
    let (_, dir) = directory(1000);
    let file = dir.get_file_handle(Path::new("f")).unwrap();
    file.read_bytes(1500..1600).unwrap();
    assert_eq!(
        dir.stats(),
        FetchStats {
            requests: 1,
            bytes: 1000
        }
    );
    file.read_bytes(100..4200).unwrap();
    // Blocks 0 and 2..=4 are missing: two requests, block 1 is reused.
    assert_eq!(
        dir.stats(),
        FetchStats {
            requests: 3,
            bytes: 5000
        }
    );
}

#[test]
fn planned_async_reads_list_missing_blocks_and_supply_fills_them() {
    use std::task::{Context, Waker};

    let (source, dir) = directory(512);
    let file = dir.get_file_handle(Path::new("f")).unwrap();
    file.read_bytes(0..100).unwrap(); // block 0 is cached
    let (polls, wants) = dir.plan(|| {
        let mut cx = Context::from_waker(Waker::noop());
        let mut reads = [
            file.read_bytes_async(0..1500),       // blocks 1 and 2 missing
            file.read_bytes_async(1000..1100),    // block 1 again
            file.read_bytes_async(9_990..10_000), // the short last block
            file.read_bytes_async(10..20),        // cached: finishes
        ];
        reads
            .iter_mut()
            .map(|read| read.as_mut().poll(&mut cx).is_pending())
            .collect::<Vec<_>>()
    });
    assert_eq!(polls, [true, true, true, false]);
    let want = |start, end| Want {
        file: "f".into(),
        start,
        end,
    };
    assert_eq!(wants, [want(512, 1536), want(9_728, 10_000)]);
    assert_eq!(dir.stats().requests, 1, "planning fetched nothing");
    for w in &wants {
        let bytes = source.read(&w.file, w.start..w.end).unwrap();
        dir.supply(&w.file, w.start, &bytes).unwrap();
    }
    let before = dir.stats();
    for range in [0..1536, 9_728..10_000] {
        let got = file.read_bytes(range.clone()).unwrap();
        let expected = source
            .read("f", range.start as u64..range.end as u64)
            .unwrap();
        assert_eq!(got.as_slice(), expected.as_slice());
    }
    assert_eq!(
        dir.stats(),
        before,
        "supplied blocks are read from the cache"
    );
    // Outside planning, async reads simply read.
    let mut cx = Context::from_waker(Waker::noop());
    assert!(file
        .read_bytes_async(3000..3010)
        .as_mut()
        .poll(&mut cx)
        .is_ready());
    // Only whole blocks can be supplied.
    assert!(dir.supply("f", 100, &[0; 512]).is_err());
    assert!(dir.supply("f", 512, &[0; 100]).is_err());
    assert!(dir.supply("f", 9_728, &[0; 400]).is_err());
}

#[test]
fn missing_files_and_writes_are_errors_but_atomic_writes_are_dropped() {
    let (_, dir) = directory(512);
    assert!(!dir.exists(Path::new("nope")).unwrap());
    assert!(matches!(
        dir.get_file_handle(Path::new("nope")),
        Err(OpenReadError::FileDoesNotExist(_))
    ));
    assert!(dir.open_write(Path::new("new")).is_err());
    assert!(dir.delete(Path::new("f")).is_err());
    assert_eq!(dir.atomic_read(Path::new("f")).unwrap().len(), 10_000);
    // An atomic write is accepted and dropped: the file keeps its bytes.
    dir.atomic_write(Path::new("f"), b"x").unwrap();
    assert_eq!(dir.atomic_read(Path::new("f")).unwrap().len(), 10_000);
}
