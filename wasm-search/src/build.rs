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
mod document;
mod export;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::io::Write as _;

use tantivy::directory::{MmapDirectory, TerminatingWrite as _};
use tantivy::indexer::merge_filtered_segments;
use tantivy::store::Compressor;
use tantivy::Directory as _;
use tantivy::{Index, IndexSettings};

use crate::manifest::{Manifest, MANIFEST_FILE};
use crate::schema::schema;
use crate::SearchError;
pub use chunks::ChunkCache;
use chunks::Place;
use document::{page_record, to_document};
use rayon::prelude::*;

use crate::page_store::{encode_record, write_store, PAGES_FILE};

/// The page store in the scratch folder until the merge gives it tantivy's footer.
const PAGES_SCRATCH: &str = "pages.scratch";

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

/// Characters of body text stored for snippets. Every hit on a results page
/// downloads its page record, so this bounds what a page of hits costs; a
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
    docs: Vec<SearchDoc>,
    cache: Option<&ChunkCache>,
    config: BuildConfig,
) -> Result<Manifest, SearchError> {
    Runs::index(out_dir, docs, cache, config)?.merge()
}

/// A build's runs indexed and waiting for their merge, which takes one core: a caller
/// with other work can do it beside [`Runs::merge`] and keep both cores busy
/// (`jiayuan build` renders its pages there). [`build_index`] is
/// [`Runs::index_all`] and [`Runs::merge`], and so are its bytes.
pub struct Runs<'a> {
    out_dir: PathBuf,
    work: tempfile::TempDir,
    dirs: Vec<PathBuf>,
    /// The page store of the documents, in URL order as the merge leaves them, written
    /// beside the runs (held in memory it was 7 MB more at the build's peak).
    pages: PathBuf,
    docs: usize,
    /// A cache's turn, held until the merge has read its runs.
    _turn: Option<chunks::Turn<'a>>,
}

impl<'a> Runs<'a> {
    /// Indexes the runs of `docs` (all cores), with `cache` as in [`build_index_cached`].
    pub fn index_all(
        out_dir: &Path,
        docs: impl Into<Vec<SearchDoc>>,
        cache: Option<&'a ChunkCache>,
    ) -> Result<Runs<'a>, SearchError> {
        Runs::index(out_dir, docs.into(), cache, BuildConfig::default())
    }

    fn index(
        out_dir: &Path,
        mut docs: Vec<SearchDoc>,
        cache: Option<&'a ChunkCache>,
        config: BuildConfig,
    ) -> Result<Runs<'a>, SearchError> {
        std::fs::create_dir_all(out_dir).map_err(io_error(out_dir))?;
        let work = tempfile::Builder::new()
            .prefix(".building-")
            .tempdir_in(out_dir)
            .map_err(io_error(out_dir))?;
        docs.sort_by(|a, b| a.url.cmp(&b.url));
        let records: Vec<Vec<u8>> = docs
            .par_iter()
            .map(|doc| encode_record(&page_record(doc)))
            .collect();
        let pages = work.path().join(PAGES_SCRATCH);
        let mut file =
            std::io::BufWriter::new(std::fs::File::create(&pages).map_err(io_error(&pages))?);
        write_store(&records, &mut file)
            .and_then(|()| file.flush())
            .map_err(io_error(&pages))?;
        drop((file, records));
        let count = docs.len();
        let chunks = chunks::split(docs, config.chunk_docs);
        let turn = cache.map(ChunkCache::lock);
        let place = match cache {
            Some(cache) => Place::Cache(cache),
            None => Place::Scratch(work.path()),
        };
        let dirs = chunks::index_chunks(chunks, place, config)?;
        Ok(Runs {
            out_dir: out_dir.to_path_buf(),
            work,
            dirs,
            pages,
            docs: count,
            _turn: turn,
        })
    }

    /// Merges the runs into one segment, bundles it into `index.bin` and writes
    /// `manifest.json` beside it.
    pub fn merge(self) -> Result<Manifest, SearchError> {
        let out_dir = &self.out_dir;
        let index = merge(&self.dirs, self.work.path())?;
        let merged: u32 = index
            .searchable_segment_metas()?
            .iter()
            .map(|meta| meta.max_doc())
            .sum();
        if merged as usize != self.docs {
            return Err(SearchError::Pages(format!(
                "{} pages but {merged} documents merged",
                self.docs
            )));
        }
        // Through the index's directory, which ends the file with tantivy's footer:
        // the reader opens it as tantivy opens its own files.
        let pages = self.work.path().join(PAGES_FILE);
        let mut write = index
            .directory()
            .open_write(PAGES_FILE.as_ref())
            .map_err(tantivy::TantivyError::from)?;
        let mut scratch = std::fs::File::open(&self.pages).map_err(io_error(&self.pages))?;
        std::io::copy(&mut scratch, &mut write).map_err(io_error(&pages))?;
        write.terminate().map_err(io_error(&pages))?;
        let mut parts = export::export(&index, self.work.path())?;
        drop(index);
        parts.push((PAGES_FILE.to_string(), pages));
        let manifest = Manifest::bundle_into(out_dir, &parts).map_err(io_error(out_dir))?;
        self.work.close().map_err(io_error(out_dir))?;
        let path = out_dir.join(MANIFEST_FILE);
        std::fs::write(&path, manifest.to_json()).map_err(io_error(&path))?;
        Ok(manifest)
    }
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError {
    let path = path.to_path_buf();
    move |source| SearchError::Io { path, source }
}

/// tantivy's doc store holds only the URLs that order the merge, and no search reads
/// it: uncompressed, in tantivy's default blocks.
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::None,
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

#[cfg(test)]
mod tests;
