//! The index files are the same bytes for the same pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::corpus;
use wasm_search::{
    build_index, open_index, search, Manifest, SearchOptions, BUNDLE_FILE, MANIFEST_FILE,
};

fn read_all(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn two_builds_give_identical_bytes() {
    let docs = corpus(300, 1);
    let mut reversed = docs.clone();
    reversed.reverse();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let ma = build_index(a.path(), docs.as_slice()).unwrap();
    let mb = build_index(b.path(), reversed.as_slice()).unwrap();
    assert_eq!(ma, mb);
    let (fa, fb) = (read_all(a.path()), read_all(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between builds");
    }
    // The folder holds the bundle and the manifest; the manifest lists the
    // index files back to back, in name order, filling the bundle exactly.
    assert_eq!(
        fa.keys().map(String::as_str).collect::<Vec<_>>(),
        [BUNDLE_FILE, MANIFEST_FILE]
    );
    let mut offset = 0;
    for file in &ma.files {
        assert_eq!(file.offset, offset, "{}", file.name);
        offset += file.size;
    }
    assert_eq!(offset, fa[BUNDLE_FILE].len() as u64);
    let names: Vec<&str> = ma.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.is_sorted() && names.contains(&"meta.json"),
        "{names:?}"
    );
    let parsed = Manifest::parse(std::str::from_utf8(&fa[MANIFEST_FILE]).unwrap()).unwrap();
    assert_eq!(parsed, ma);
}

#[test]
fn one_segment_with_content_derived_names() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index(dir.path(), corpus(50, 3)).unwrap();
    let segment_ids: std::collections::BTreeSet<&str> = manifest
        .files
        .iter()
        .filter(|f| f.name != "meta.json" && f.name != "pages.store")
        .map(|f| f.name.split('.').next().unwrap())
        .collect();
    assert_eq!(segment_ids.len(), 1, "{manifest:?}");
    let index = open_index(dir.path()).unwrap();
    assert_eq!(index.searchable_segment_metas().unwrap().len(), 1);

    let other = tempfile::tempdir().unwrap();
    let changed = build_index(other.path(), corpus(51, 3)).unwrap();
    assert_ne!(changed.hash, manifest.hash);
    assert!(changed
        .files
        .iter()
        .all(|f| f.name == "meta.json" || !manifest.files.contains(f)));
}

#[test]
fn an_empty_site_builds_and_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index(dir.path(), &[]).unwrap();
    let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["meta.json", "pages.store"]);
    let index = open_index(dir.path()).unwrap();
    let results = search(&index, "计生", &SearchOptions::default()).unwrap();
    assert_eq!(results.total, 0);
}
