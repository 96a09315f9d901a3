//! What a browser downloads: bytes fetched through the range directory for
//! the first queries on a 1000-page site.

mod common;

use std::sync::Arc;

use wasm_search::tantivy::ReloadPolicy;
use wasm_search::{
    build_index, open_directory, search_with, FetchStats, MemorySource, RangeDirectory, SearchDoc,
    SearchOptions, DEFAULT_BLOCK_SIZE,
};

/// Opens the index of `docs` over a counting source and runs `queries` in
/// order; returns what each query fetched (the first includes opening).
fn measure(name: &str, docs: &[SearchDoc], queries: &[&str]) -> Vec<FetchStats> {
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index(dir.path(), docs).unwrap();
    let source = Arc::new(MemorySource::load(dir.path(), &manifest).unwrap());
    let directory = RangeDirectory::new(Arc::clone(&source), DEFAULT_BLOCK_SIZE);
    let index = open_directory(directory.clone()).unwrap();
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .unwrap();
    let searcher = reader.searcher();
    let opened = directory.stats();
    let mut before = FetchStats::default();
    let mut fetched = Vec::new();
    for query in queries {
        let results = search_with(&searcher, query, &SearchOptions::default()).unwrap();
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
