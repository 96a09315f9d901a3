//! Substring recall: every page containing a Chinese string is found.

mod common;

use std::collections::BTreeSet;

use common::{corpus, Rng};
use wasm_search::tokenizer::is_cjk;
use wasm_search::{build_index, open_index, search, SearchOptions};

/// A random run of 1–6 CJK characters from the corpus text.
fn sample(rng: &mut Rng, texts: &[&str]) -> String {
    loop {
        let chars: Vec<char> = rng.pick(texts).chars().collect();
        let len = 1 + rng.below(6);
        if chars.len() < len {
            continue;
        }
        let start = rng.below(chars.len() - len + 1);
        let piece = &chars[start..start + len];
        if piece.iter().all(|&c| is_cjk(c)) {
            return piece.iter().collect();
        }
    }
}

#[test]
fn every_page_containing_a_substring_is_found() {
    let docs = corpus(400, 7);
    let dir = tempfile::tempdir().unwrap();
    build_index(dir.path(), docs.as_slice()).unwrap();
    let index = open_index(dir.path()).unwrap();
    let segments = wasm_search::Segments::of_index(&index).unwrap();
    let opts = SearchOptions {
        limit: 10_000,
        ..SearchOptions::default()
    };
    let texts: Vec<&str> = docs
        .iter()
        .flat_map(|d| [d.title.as_str(), &*d.body])
        .collect();
    let mut rng = Rng::new(2022);
    let mut lengths = [0usize; 7];
    for _ in 0..250 {
        let needle = sample(&mut rng, &texts);
        lengths[needle.chars().count()] += 1;
        let expected: BTreeSet<&str> = docs
            .iter()
            .filter(|d| d.title.contains(&needle) || d.body.contains(&needle))
            .map(|d| d.url.as_str())
            .collect();
        assert!(!expected.is_empty());
        let results = wasm_search::search_with(&segments, &needle, &opts).unwrap();
        let found: BTreeSet<&str> = results.hits.iter().map(|h| h.url.as_str()).collect();
        let missing: Vec<_> = expected.difference(&found).collect();
        assert!(missing.is_empty(), "{needle}: missed {missing:?}");
        // Bigram phrases are exact, so nothing extra is found either.
        assert_eq!(found, expected, "{needle}");
        assert_eq!(results.total, expected.len(), "{needle}");
    }
    assert!(lengths[1..].iter().all(|&n| n >= 20), "lengths {lengths:?}");
    // The one-shot API agrees with the kept segments.
    let once = search(&index, "计划生育", &opts).unwrap();
    let kept = wasm_search::search_with(&segments, "计划生育", &opts).unwrap();
    assert_eq!(once, kept);
}
