//! Building the index at site-build time: one segment, deterministic bytes.
//!
//! The documents are indexed in runs on all cores ([`chunks`]) and the runs merged
//! into one segment, in URL order, in a scratch folder inside the output folder.
//! tantivy names segments with random UUIDs: the merged segment gets an id derived
//! from the hash of its files and `meta.json` is rewritten to match, so that the same
//! pages always give the same bytes. The files then go back to back into one bundle
//! (see [`Manifest`]). Building on disk rather than in a `RamDirectory` keeps the
//! segments, the merge and the export out of memory.

mod chunks;
mod export;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::MmapDirectory;
use tantivy::indexer::merge_filtered_segments;
use tantivy::store::Compressor;
use tantivy::tokenizer::PreTokenizedString;
use tantivy::{Index, IndexSettings, TantivyDocument};

use crate::manifest::{Manifest, MANIFEST_FILE};
use crate::schema::{schema, Fields};
use crate::tokenizer::title_tokens;
use crate::SearchError;
pub use chunks::ChunkCache;
use chunks::Place;

/// One page to index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDoc {
    pub title: String,
    /// Section key, used by the `section` filter.
    pub section: String,
    pub section_title: String,
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: String,
    /// Plain text of the page, shared with the model that holds it.
    pub body: Arc<str>,
    /// Words indexed after the body (the page's tags and categories): a search finds
    /// them, and they follow the text in the stored excerpt.
    pub terms: Vec<String>,
}

/// Doc-store block size. Small blocks mean a hit's stored fields cost little
/// to fetch; the store skip index grows by a few bytes per block.
pub(crate) const STORE_BLOCK_SIZE: usize = 256;
/// Characters of body text stored for snippets. Every hit on a results page
/// downloads its stored fields, so this bounds what a page of hits costs; a
/// match further into the body is still found, and its snippet shows the
/// start of the page.
pub const EXCERPT_CHARS: usize = 300;
/// Documents per run. A run is indexed on one core, and an edit in `jiayuan serve`
/// indexes one run again; every run is one more segment for the merge to read.
const CHUNK_DOCS: usize = 1000;
/// The indexing heap of one run (tantivy asks for at least 15 MB per thread); a run
/// that outgrows it is written as several segments and merged like the others.
const CHUNK_HEAP: usize = 40_000_000;

/// How the runs are cut and written; tests use small runs and `commit_every` to
/// force several segments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BuildConfig {
    pub heap: usize,
    pub chunk_docs: usize,
    pub commit_every: Option<usize>,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            heap: CHUNK_HEAP,
            chunk_docs: CHUNK_DOCS,
            commit_every: None,
        }
    }
}

/// Builds the index of `docs` into `out_dir` and writes `manifest.json`.
///
/// Documents are indexed in URL order, so a document's id orders it by URL.
/// Given them by value, the index takes over their text instead of copying it.
pub fn build_index(
    out_dir: &Path,
    docs: impl Into<Vec<SearchDoc>>,
) -> Result<Manifest, SearchError> {
    build_index_with(out_dir, docs.into(), None, BuildConfig::default())
}

/// [`build_index`], indexing only the runs of documents that `cache` does not hold
/// from an earlier build. The bytes are those [`build_index`] writes.
pub fn build_index_cached(
    out_dir: &Path,
    docs: impl Into<Vec<SearchDoc>>,
    cache: &ChunkCache,
) -> Result<Manifest, SearchError> {
    build_index_with(out_dir, docs.into(), Some(cache), BuildConfig::default())
}

pub(crate) fn build_index_with(
    out_dir: &Path,
    mut docs: Vec<SearchDoc>,
    cache: Option<&ChunkCache>,
    config: BuildConfig,
) -> Result<Manifest, SearchError> {
    std::fs::create_dir_all(out_dir).map_err(io_error(out_dir))?;
    let work = tempfile::Builder::new()
        .prefix(".building-")
        .tempdir_in(out_dir)
        .map_err(io_error(out_dir))?;
    docs.sort_by(|a, b| a.url.cmp(&b.url));
    let chunks = chunks::split(docs, config.chunk_docs);
    let _turn = cache.map(ChunkCache::lock);
    let place = match cache {
        Some(cache) => Place::Cache(cache),
        None => Place::Scratch(work.path()),
    };
    let dirs = chunks::index_chunks(chunks, place, config)?;
    let index = merge(&dirs, work.path())?;
    let parts = export::export(&index, work.path())?;
    drop(index);
    let manifest = Manifest::bundle_into(out_dir, &parts).map_err(io_error(out_dir))?;
    work.close().map_err(io_error(out_dir))?;
    let path = out_dir.join(MANIFEST_FILE);
    std::fs::write(&path, manifest.to_json()).map_err(io_error(&path))?;
    Ok(manifest)
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError {
    let path = path.to_path_buf();
    move |source| SearchError::Io { path, source }
}

fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::None,
        docstore_blocksize: STORE_BLOCK_SIZE,
        ..IndexSettings::default()
    }
}

/// The segments of the chunk indexes in `dirs`, in order, merged into one segment of a
/// new index in `work`; no documents, no segment.
fn merge(dirs: &[PathBuf], work: &Path) -> Result<Index, SearchError> {
    let (schema, fields) = schema();
    let mut segments = Vec::new();
    for dir in dirs {
        let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let chunk = Index::open(directory)?;
        segments.extend(export::segments_in_url_order(&chunk, &fields)?);
    }
    let directory = MmapDirectory::open(work).map_err(tantivy::TantivyError::from)?;
    if segments.is_empty() {
        return Ok(Index::create(directory, schema, index_settings())?);
    }
    let alive = vec![None; segments.len()];
    Ok(merge_filtered_segments(
        &segments,
        index_settings(),
        alive,
        directory,
    )?)
}

fn to_document(doc: SearchDoc, fields: &Fields) -> TantivyDocument {
    let mut out = TantivyDocument::default();
    let title = collapse_space(&doc.title);
    out.add_pre_tokenized_text(
        fields.text,
        PreTokenizedString {
            tokens: title_tokens(&title),
            text: title.clone(),
        },
    );
    out.add_text(fields.title, title);
    out.add_text(fields.section, doc.section);
    out.add_text(fields.section_title, doc.section_title);
    for tag in doc.tags {
        out.add_text(fields.tags, tag);
    }
    if let Some(date) = doc.date {
        out.add_text(fields.date, date);
    }
    out.add_text(fields.url, doc.url);
    let words = doc.terms.iter().flat_map(|t| t.split_whitespace());
    let body = collapse_words(doc.body.split_whitespace().chain(words));
    out.add_text(fields.excerpt, excerpt(&body));
    // Plain text, tokenized by the field's registered `cjk` tokenizer when the indexing
    // thread takes the document: pre-tokenized bodies waited in tantivy's document queue
    // with every token allocated, 1.6 GB at 10,000 pages.
    out.add_text(fields.text, body);
    out
}

fn excerpt(body: &str) -> &str {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => &body[..end],
        None => body,
    }
}

/// Runs of whitespace become one space: smaller store, cleaner snippets.
fn collapse_space(text: &str) -> String {
    collapse_words(text.split_whitespace())
}

/// `words` joined by one space each.
fn collapse_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{open_directory, MemorySource, RangeDirectory, RangeSource};
    use tantivy::schema::Value;
    use tantivy::DocAddress;

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

    #[test]
    fn excerpt_keeps_whole_characters() {
        let long = "健".repeat(EXCERPT_CHARS + 10);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS);
        assert_eq!(excerpt("短"), "短");
        assert_eq!(collapse_space(" 一\n\n二\t三 "), "一 二 三");
    }
}
