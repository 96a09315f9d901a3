//! What a browser downloads: bytes fetched through the range directory for
//! the first queries on a 1000-page site.

mod common;

use std::sync::Arc;

use wasm_search::{
    build_index, search_with, warm, FetchStats, MemorySource, RangeDirectory, RangeSource,
    SearchDoc, SearchOptions, SearchResults, Segments, DEFAULT_BLOCK_SIZE,
};

/// A search as the browser runs it: plan a step, fetch everything it wants
/// at once (one round), repeat until nothing is missing, then search.
/// Returns the results and the number of rounds; fails if the search itself
/// still has to fetch anything.
fn planned_search(
    source: &MemorySource,
    directory: &RangeDirectory,
    segments: &Segments,
    query: &str,
) -> (SearchResults, usize) {
    let opts = SearchOptions::default();
    let mut rounds = 0;
    loop {
        let (finished, wants) = directory.plan(|| warm(segments, query, &opts));
        let finished = finished.unwrap();
        assert_eq!(finished, wants.is_empty(), "{query}: {wants:?}");
        if finished {
            break;
        }
        rounds += 1;
        assert!(rounds <= 4, "{query}: still planning after {rounds} rounds");
        for want in wants {
            let bytes = source.read(&want.file, want.start..want.end).unwrap();
            directory.supply(&want.file, want.start, &bytes).unwrap();
        }
    }
    let before = directory.stats();
    let results = search_with(segments, query, &opts).unwrap();
    assert_eq!(
        directory.stats(),
        before,
        "{query}: the search fetched after planning"
    );
    (results, rounds)
}

/// Opens the index of `docs` over a counting source and runs `queries` in
/// order; returns what each query fetched (the first includes opening).
fn measure(name: &str, docs: &[SearchDoc], queries: &[&str]) -> Vec<FetchStats> {
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index(dir.path(), docs).unwrap();
    let source = Arc::new(MemorySource::load(dir.path(), &manifest).unwrap());
    let directory = RangeDirectory::new(Arc::clone(&source), DEFAULT_BLOCK_SIZE);
    let segments = Segments::open(directory.clone()).unwrap();
    let opened = directory.stats();
    let mut before = FetchStats::default();
    let mut fetched = Vec::new();
    for query in queries {
        let results = search_with(&segments, query, &SearchOptions::default()).unwrap();
        assert!(results.total > 0, "{query}");
        let now = directory.stats();
        let this = FetchStats {
            requests: now.requests - before.requests,
            bytes: now.bytes - before.bytes,
        };
        eprintln!(
            "{name}: {query:<12} {:>4} hits  {:>3} requests  {:>6} bytes",
            results.total, this.requests, this.bytes
        );
        fetched.push(this);
        before = now;
    }
    let total: u64 = manifest.files.iter().map(|f| f.size).sum();
    eprintln!("{name}: index {total} bytes, opening fetched {opened:?}");
    assert_eq!(
        source.bytes_read(),
        before.bytes,
        "the source served what the directory counted"
    );
    fetched
}

const QUERIES: [&str; 4] = ["三孩政策", "家庭健康 讲座", "孕", "心理健康"];

#[test]
fn planned_searches_fetch_in_few_rounds_and_find_the_same() {
    let docs = common::corpus(1000, 7);
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index(dir.path(), docs.as_slice()).unwrap();
    let source = Arc::new(MemorySource::load(dir.path(), &manifest).unwrap());
    let directory = RangeDirectory::new(Arc::clone(&source), DEFAULT_BLOCK_SIZE);
    let segments = Segments::open(directory.clone()).unwrap();
    let plain = wasm_search::open_index(dir.path()).unwrap();
    for (i, query) in QUERIES
        .iter()
        .chain(&["\"家庭健康\"", "hpv 疫苗"])
        .enumerate()
    {
        let before = directory.stats();
        let (results, rounds) = planned_search(&source, &directory, &segments, query);
        let fetched = directory.stats();
        eprintln!(
            "planned: {query:<12} {:>4} hits  {rounds} rounds  {:>3} ranges  {:>6} bytes",
            results.total,
            fetched.requests - before.requests,
            fetched.bytes - before.bytes
        );
        let expected = wasm_search::search(&plain, query, &SearchOptions::default()).unwrap();
        assert_eq!(results, expected, "{query}");
        // Dictionary, then postings and norms, then stored pages; a query
        // whose blocks are all cached already needs fewer.
        assert!(rounds <= 3, "{query}: {rounds} rounds");
        if i == 0 {
            assert_eq!(rounds, 3, "{query}: the first query needs every step");
        }
    }
    let (again, rounds) = planned_search(&source, &directory, &segments, QUERIES[0]);
    assert_eq!(rounds, 0, "a repeated query is all cached");
    assert!(again.total > 0);
}

#[test]
fn short_pages() {
    let fetched = measure("short", &common::corpus(1000, 42), &QUERIES);
    assert!(
        fetched[0].bytes <= 150 * 1024,
        "first query: {:?}",
        fetched[0]
    );
    for later in &fetched[1..] {
        assert!(later.bytes <= 50 * 1024, "later query: {later:?}");
    }
}

/// Pages of ~1,500 characters with many distinct bigrams, where the query
/// words are common: the term-dictionary block (~8 KB) per term and the
/// position lists of common bigrams dominate.
#[test]
fn long_pages() {
    let fetched = measure("long", &common::long_corpus(1000, 42), &QUERIES);
    assert!(
        fetched[0].bytes <= 150 * 1024,
        "first query: {:?}",
        fetched[0]
    );
    assert!(
        fetched[1].bytes <= 80 * 1024,
        "two common phrases: {:?}",
        fetched[1]
    );
    for later in &fetched[2..] {
        assert!(later.bytes <= 50 * 1024, "later query: {later:?}");
    }
}
