//! Search over the demo portal: every page containing a sampled Chinese string is found
//! (substring recall 100%), and title matches rank first.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use jiayuan_content::{load, LoadOptions};
use jiayuan_core::config::Config;
use jiayuan_core::text::is_han;

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A small deterministic generator (splitmix64), so the sample is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_page_containing_a_sampled_string_is_found() {
    let root = demo();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let result = common::build(&root, &public, &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );

    let config = Config::load(&root).unwrap();
    let opts = LoadOptions {
        shortcodes: None,
        drafts: false,
        now: jiayuan_core::time::parse_date("2022-12-31", jiayuan_core::time::DEFAULT_ZONE)
            .unwrap(),
    };
    let site = load(&root, config, &opts, &mut Vec::new());
    let pages: Vec<(String, String)> = site
        .pages
        .values()
        .map(|p| {
            (
                site.config.url(&p.head.path),
                format!("{}\n{}", p.head.meta.title, p.body.text),
            )
        })
        .collect();
    // Runs of Han characters: a query is sampled inside one run, as a reader would type it.
    let runs: Vec<Vec<char>> = pages
        .iter()
        .flat_map(|(_, text)| {
            text.split(|c: char| !is_han(c))
                .filter(|r| !r.is_empty())
                .map(|r| r.chars().collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng(2022);
    let mut samples = BTreeSet::new();
    while samples.len() < 240 {
        let run = &runs[rng.below(runs.len())];
        let len = 1 + rng.below(6);
        if run.len() < len {
            continue;
        }
        let start = rng.below(run.len() - len + 1);
        samples.insert(run[start..start + len].iter().collect::<String>());
    }
    let mut misses = Vec::new();
    for q in &samples {
        let expected: BTreeSet<&str> = pages
            .iter()
            .filter(|(_, t)| t.contains(q.as_str()))
            .map(|(u, _)| u.as_str())
            .collect();
        let found = jiayuan::search::query(&public, q, 10_000).unwrap();
        let got: BTreeSet<&str> = found.hits.iter().map(|h| h.url.as_str()).collect();
        let missing: Vec<_> = expected.difference(&got).collect();
        if !missing.is_empty() {
            misses.push(format!("{q}: missing {missing:?}"));
        }
    }
    assert!(
        misses.is_empty(),
        "recall below 100% for {} of {} queries:\n{}",
        misses.len(),
        samples.len(),
        misses.join("\n")
    );
}

#[test]
fn title_matches_rank_above_body_matches_and_cli_prints_json() {
    let root = demo();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    assert!(common::build(&root, &public, &[]).status.success());
    let found = jiayuan::search::query(&public, "青春期", 50).unwrap();
    let first_body_only = found
        .hits
        .iter()
        .position(|h| !h.title.contains("青春期"))
        .unwrap_or(found.hits.len());
    assert!(first_body_only > 0, "a title match comes first");
    assert!(
        found.hits[first_body_only..]
            .iter()
            .all(|h| !h.title.contains("青春期")),
        "no title match after a body-only one"
    );

    let cli = common::jiayuan()
        .args(["search", "三孩", "--json", "--limit", "3", "--output"])
        .arg(&public)
        .output()
        .unwrap();
    assert!(cli.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&cli.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for l in &lines {
        for key in ["title", "url", "score", "snippet"] {
            assert!(l.get(key).is_some(), "{key} in {l}");
        }
    }
    assert!(lines[0]["snippet"].as_str().unwrap().contains("<mark>"));
}
