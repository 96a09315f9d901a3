//! Prints what a browser would fetch for each query, round by round, on a
//! built index: `cargo run --release -p wasm-search --example plan_trace --
//! public/search/index 三孩政策 健康`. The queries run in order on one
//! engine, so later ones reuse what earlier ones fetched.

use std::sync::Arc;

use wasm_search::{
    search_with, warm, Manifest, MemorySource, RangeDirectory, RangeSource, SearchOptions,
    Segments, DEFAULT_BLOCK_SIZE, MANIFEST_FILE,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: plan_trace INDEX_DIR QUERY...")?);
    let manifest = Manifest::parse(&std::fs::read_to_string(dir.join(MANIFEST_FILE))?)?;
    let source = Arc::new(MemorySource::load(&dir, &manifest)?);
    let directory = RangeDirectory::new(Arc::clone(&source), DEFAULT_BLOCK_SIZE);
    let segments = Segments::open(directory.clone())?;
    println!("opening: {:?}", directory.stats());
    for query in args {
        let opts = SearchOptions::default();
        let before = directory.stats();
        let mut round = 0;
        loop {
            let (finished, wants) = directory.plan(|| warm(&segments, &query, &opts));
            if finished? {
                break;
            }
            round += 1;
            let listed: Vec<String> = wants
                .iter()
                .map(|w| format!("{}@{}+{}", w.file, w.start, w.end - w.start))
                .collect();
            println!("{query} round {round}: {}", listed.join(" "));
            for want in wants {
                let bytes = source.read(&want.file, want.start..want.end)?;
                directory.supply(&want.file, want.start, &bytes)?;
            }
        }
        let planned = directory.stats();
        let results = search_with(&segments, &query, &opts)?;
        println!(
            "{query}: {} hits, {round} rounds, {} ranges, {} bytes; the search fetched {} more",
            results.total,
            planned.requests - before.requests,
            planned.bytes - before.bytes,
            directory.stats().requests - planned.requests
        );
    }
    Ok(())
}
