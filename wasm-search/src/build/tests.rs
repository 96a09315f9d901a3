use super::*;
use crate::schema::Fields;
use crate::{open_directory, MemorySource, RangeDirectory, RangeSource};
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

fn doc(i: usize) -> SearchDoc {
    SearchDoc {
        title: format!("标题{i}"),
        url: format!("/p/{i:02}/"),
        body: "健康".repeat(i % 5 + 1).into(),
        ..SearchDoc::default()
    }
}

/// Builds into a fresh folder; returns the names in it and the index
/// files read back out of the bundle.
fn build_files(
    docs: &[SearchDoc],
    cache: Option<&ChunkCache>,
    config: BuildConfig,
) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let manifest = build_index_with(dir.path(), docs.to_vec(), cache, config).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let source = MemorySource::load(dir.path(), &manifest).unwrap();
    let files = manifest
        .files
        .iter()
        .map(|f| (f.name.clone(), source.read(&f.name, 0..f.size).unwrap()))
        .collect();
    (names, files)
}

fn cached_chunks(cache: &ChunkCache) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".lock")
        .collect();
    names.sort();
    names
}

#[test]
fn several_segments_merge_into_one_in_url_order() {
    let docs: Vec<SearchDoc> = (0..40).rev().map(doc).collect();
    let config = BuildConfig {
        commit_every: Some(4),
        chunk_docs: 9,
        ..BuildConfig::default()
    };
    let (names, files) = build_files(&docs, None, config);
    let (_, again) = build_files(&docs, None, config);
    assert_eq!(files, again);
    assert_eq!(
        names,
        ["index.bin", "manifest.json"],
        "no scratch or lock files"
    );
    let meta = &files
        .iter()
        .find(|(name, _)| name == "meta.json")
        .unwrap()
        .1;
    let meta: serde_json::Value = serde_json::from_slice(meta).unwrap();
    assert_eq!(meta["payload"], serde_json::Value::Null, "no merged ids");
    let index = open_directory(RangeDirectory::new(MemorySource::new(files), 512)).unwrap();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.segment_readers().len(), 1);
    let fields = Fields::from_schema(&index.schema()).unwrap();
    for i in 0..40u32 {
        let stored: TantivyDocument = searcher.doc(DocAddress::new(0, i)).unwrap();
        let url = stored.get_first(fields.url).and_then(|v| v.as_str());
        assert_eq!(url, Some(format!("/p/{i:02}/").as_str()));
    }
}

#[test]
fn a_cached_build_writes_the_bytes_of_a_fresh_one_and_indexes_only_changed_runs() {
    let config = BuildConfig {
        chunk_docs: 10,
        ..BuildConfig::default()
    };
    let folder = tempfile::tempdir().unwrap();
    let cache = ChunkCache::open(folder.path()).unwrap().unwrap();
    let mut docs: Vec<SearchDoc> = (0..40).map(doc).collect();
    let (_, first) = build_files(&docs, Some(&cache), config);
    assert_eq!(first, build_files(&docs, None, config).1);
    let before = cached_chunks(&cache);
    assert_eq!(before.len(), 4, "{before:?}");

    docs[25].body = "婚育新风进万家".into();
    let (_, edited) = build_files(&docs, Some(&cache), config);
    assert_eq!(edited, build_files(&docs, None, config).1);
    assert_ne!(edited, first);
    let after = cached_chunks(&cache);
    let kept = after.iter().filter(|name| before.contains(name)).count();
    assert_eq!(
        (after.len(), kept),
        (4, 3),
        "one run indexed again, the old one gone"
    );

    // A page first in URL order moves every run's bounds: all are indexed again.
    let before = cached_chunks(&cache);
    docs.push(SearchDoc {
        url: "/p/0/".into(),
        ..doc(0)
    });
    let (_, grown) = build_files(&docs, Some(&cache), config);
    assert_eq!(grown, build_files(&docs, None, config).1);
    let after = cached_chunks(&cache);
    let kept = after.iter().filter(|name| before.contains(name)).count();
    assert_eq!((after.len(), kept), (5, 0));
}

#[test]
fn a_cache_folder_serves_one_process_and_starts_empty() {
    let folder = tempfile::tempdir().unwrap();
    let config = BuildConfig {
        chunk_docs: 10,
        ..BuildConfig::default()
    };
    let docs: Vec<SearchDoc> = (0..20).map(doc).collect();
    let cache = ChunkCache::open(folder.path()).unwrap().unwrap();
    build_files(&docs, Some(&cache), config);
    assert_eq!(cached_chunks(&cache).len(), 2);
    assert!(
        ChunkCache::open(folder.path()).unwrap().is_none(),
        "held while the first is open"
    );
    drop(cache);
    let again = ChunkCache::open(folder.path()).unwrap().unwrap();
    assert_eq!(
        cached_chunks(&again),
        Vec::<String>::new(),
        "emptied when taken"
    );
}
