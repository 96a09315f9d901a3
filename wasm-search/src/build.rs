//! Building the index at site-build time: one segment, deterministic bytes.
//!
//! tantivy names segments with random UUIDs. The index is built on disk in a
//! scratch folder inside the output folder; its segment gets an id derived
//! from the hash of its files and `meta.json` is rewritten to match, so that
//! the same pages always give the same bytes. The files then go back to back
//! into one bundle (see [`Manifest`]). Building on disk rather than in a
//! `RamDirectory` keeps the segments, the merge and the export out of memory.

use std::fs::File;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tantivy::directory::MmapDirectory;
use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Value;
use tantivy::store::Compressor;
use tantivy::tokenizer::PreTokenizedString;
use tantivy::{DocAddress, Index, IndexSettings, IndexWriter, TantivyDocument};

use crate::manifest::{hex, Manifest, MANIFEST_FILE};
use crate::schema::{register_tokenizer, schema, Fields};
use crate::tokenizer::title_tokens;
use crate::SearchError;

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
    /// Plain text of the page.
    pub body: String,
}

/// Doc-store block size. Small blocks mean a hit's stored fields cost little
/// to fetch; the store skip index grows by a few bytes per block.
pub(crate) const STORE_BLOCK_SIZE: usize = 256;
/// Characters of body text stored for snippets. Every hit on a results page
/// downloads its stored fields, so this bounds what a page of hits costs; a
/// match further into the body is still found, and its snippet shows the
/// start of the page.
pub const EXCERPT_CHARS: usize = 300;
const WRITER_HEAP: usize = 50_000_000;
const META_FILE: &str = "meta.json";

/// How the writer runs; tests use `commit_every` to force several segments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BuildConfig {
    pub heap: usize,
    pub commit_every: Option<usize>,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            heap: WRITER_HEAP,
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
    build_index_with(out_dir, docs.into(), BuildConfig::default())
}

pub(crate) fn build_index_with(
    out_dir: &Path,
    docs: Vec<SearchDoc>,
    config: BuildConfig,
) -> Result<Manifest, SearchError> {
    std::fs::create_dir_all(out_dir).map_err(io_error(out_dir))?;
    let work = tempfile::Builder::new()
        .prefix(".building-")
        .tempdir_in(out_dir)
        .map_err(io_error(out_dir))?;
    let directory = MmapDirectory::open(work.path()).map_err(tantivy::TantivyError::from)?;
    let index = build(directory, docs, config)?;
    let parts = export(&index, work.path())?;
    drop(index);
    let manifest = Manifest::bundle_into(out_dir, &parts).map_err(io_error(out_dir))?;
    work.close().map_err(io_error(out_dir))?;
    let path = out_dir.join(MANIFEST_FILE);
    std::fs::write(&path, manifest.to_json()).map_err(io_error(&path))?;
    Ok(manifest)
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError {
    let path = path.to_path_buf();
    move |source| SearchError::Io { path, source }
}

/// Indexes `docs` into `directory` as one segment.
fn build(
    directory: MmapDirectory,
    mut docs: Vec<SearchDoc>,
    config: BuildConfig,
) -> Result<Index, SearchError> {
    let (schema, fields) = schema();
    let settings = IndexSettings {
        docstore_compression: Compressor::None,
        docstore_blocksize: STORE_BLOCK_SIZE,
        ..IndexSettings::default()
    };
    let index = Index::create(directory, schema, settings)?;
    register_tokenizer(&index);

    docs.sort_by(|a, b| a.url.cmp(&b.url));
    let mut writer: IndexWriter = index.writer_with_num_threads(1, config.heap)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for (i, doc) in docs.into_iter().enumerate() {
        writer.add_document(to_document(doc, &fields))?;
        if config.commit_every.is_some_and(|n| (i + 1) % n == 0) {
            writer.commit()?;
        }
    }
    writer.commit()?;
    let segments = segments_in_url_order(&index, &fields)?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    Ok(index)
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
    let body = collapse_space(&doc.body);
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Segment ids ordered by the URL of their first document. One indexing
/// thread fills segments with consecutive documents, so merging in this order
/// keeps the documents in URL order.
fn segments_in_url_order(index: &Index, fields: &Fields) -> Result<Vec<SegmentId>, SearchError> {
    let searcher = index.reader()?.searcher();
    let mut keyed = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        if segment.max_doc() == 0 {
            continue;
        }
        let first: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, 0))?;
        let url = first
            .get_first(fields.url)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        keyed.push((url, segment.segment_id()));
    }
    keyed.sort();
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

/// The committed index in `work` under its final names: each segment named
/// by a hash of its files, and `meta.json` rewritten to match. Returns
/// (final name, path in `work`) for every file.
fn export(index: &Index, work: &Path) -> Result<Vec<(String, PathBuf)>, SearchError> {
    let metas = index.searchable_segment_metas()?;
    let meta_path = work.join(META_FILE);
    let meta_bytes = std::fs::read(&meta_path).map_err(io_error(&meta_path))?;
    let mut meta: serde_json::Value = serde_json::from_slice(&meta_bytes).map_err(|e| {
        SearchError::Manifest(format!("tantivy wrote an unreadable meta.json: {e}"))
    })?;
    let mut files = Vec::new();
    for (i, segment) in metas.iter().enumerate() {
        let old_id = segment.id().uuid_string();
        let mut parts = Vec::new();
        for path in segment.list_files() {
            let full = work.join(&path);
            if full.exists() {
                let name = path.to_string_lossy().into_owned();
                parts.push((name.replacen(&old_id, "", 1), full));
            }
        }
        parts.sort();
        let mut hasher = Sha256::new();
        for (suffix, full) in &parts {
            hasher.update(suffix.as_bytes());
            let mut file = File::open(full).map_err(io_error(full))?;
            std::io::copy(&mut file, &mut hasher).map_err(io_error(full))?;
        }
        let new_id = hex(&hasher.finalize()[..16]);
        meta["segments"][i]["segment_id"] = serde_json::Value::String(hyphenated(&new_id));
        files.extend(
            parts
                .into_iter()
                .map(|(suffix, full)| (format!("{new_id}{suffix}"), full)),
        );
    }
    let mut meta_json = serde_json::to_string_pretty(&meta).expect("JSON values serialize");
    meta_json.push('\n');
    let path = work.join("meta.final.json");
    std::fs::write(&path, meta_json).map_err(io_error(&path))?;
    files.push((META_FILE.to_string(), path));
    Ok(files)
}

/// `0123…` (32 hex digits) as a UUID string, the form meta.json uses.
fn hyphenated(id: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &id[0..8],
        &id[8..12],
        &id[12..16],
        &id[16..20],
        &id[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{open_directory, MemorySource, RangeDirectory, RangeSource};

    fn doc(i: usize) -> SearchDoc {
        SearchDoc {
            title: format!("标题{i}"),
            url: format!("/p/{i:02}/"),
            body: "健康".repeat(i % 5 + 1),
            ..SearchDoc::default()
        }
    }

    /// Builds into a fresh folder; returns the names in it and the index
    /// files read back out of the bundle.
    fn build_files(
        docs: &[SearchDoc],
        config: BuildConfig,
    ) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
        let dir = tempfile::tempdir().unwrap();
        let manifest = build_index_with(dir.path(), docs.to_vec(), config).unwrap();
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

    #[test]
    fn several_segments_merge_into_one_in_url_order() {
        let docs: Vec<SearchDoc> = (0..40).rev().map(doc).collect();
        let config = BuildConfig {
            commit_every: Some(7),
            ..BuildConfig::default()
        };
        let (names, files) = build_files(&docs, config);
        let (_, again) = build_files(&docs, config);
        assert_eq!(files, again);
        assert_eq!(
            names,
            ["index.bin", "manifest.json"],
            "no scratch or lock files"
        );
        assert!(files.iter().any(|(name, _)| name == "meta.json"));
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
    fn excerpt_keeps_whole_characters() {
        let long = "健".repeat(EXCERPT_CHARS + 10);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS);
        assert_eq!(excerpt("短"), "短");
        assert_eq!(collapse_space(" 一\n\n二\t三 "), "一 二 三");
    }
}
