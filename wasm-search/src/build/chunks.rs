//! Indexing in chunks: the documents, in URL order, are cut into runs of a fixed
//! length, each run is indexed on a core of its own into an index of its own, and the
//! runs' segments are merged into one in order. Where the runs are cut depends only on
//! the number of documents, so a build gives the same bytes whichever runs it indexed
//! and whichever it took from a [`ChunkCache`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tantivy::directory::MmapDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter};

use super::{index_settings, io_error, to_document, BuildConfig, SearchDoc};
use crate::manifest::hex;
use crate::schema::{register_tokenizer, schema, Fields};
use crate::SearchError;

/// Changes whenever a chunk's index would come out different for the same documents,
/// so that no cache hands out an index of another format.
const CHUNK_FORMAT: &str = "jiayuan-search-chunk-1";

/// The lock file that keeps a cache folder to one process.
const LOCK_FILE: &str = ".lock";

/// Chunk indexes kept from one build to the next by one process (`jiayuan serve`). An
/// edit then indexes only the run that holds the edited page and merges; the other runs
/// are taken as they were. The folder is emptied when a process takes it, so no run
/// outlives the code that indexed it, and it is held with a lock on a file inside for as
/// long as the process runs (the system drops the lock when the process ends, however it
/// ends).
#[derive(Debug)]
pub struct ChunkCache {
    dir: PathBuf,
    _held: std::fs::File,
    /// Whether a build holds its [`Turn`], and the wait for it.
    busy: Mutex<bool>,
    freed: Condvar,
}

/// A build's turn at a [`ChunkCache`], given back when dropped. Unlike a `MutexGuard`
/// it may end on another thread than the one that took it: a build indexes its runs on
/// one and may merge them on another.
pub(super) struct Turn<'a>(&'a ChunkCache);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.busy.lock().unwrap_or_else(|p| p.into_inner()) = false;
        self.0.freed.notify_one();
    }
}

impl ChunkCache {
    /// Takes `dir` (made if missing) and empties it; `None` when another process holds it.
    pub fn open(dir: &Path) -> Result<Option<ChunkCache>, SearchError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let held = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path))?;
        match held.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => return Err(io_error(&lock_path)(e)),
        }
        prune(dir, &[]);
        Ok(Some(ChunkCache {
            dir: dir.to_path_buf(),
            _held: held,
            busy: Mutex::new(false),
            freed: Condvar::new(),
        }))
    }

    /// Held for a whole build: two builds of one process take turns, so that neither
    /// removes a chunk the other is merging.
    pub(super) fn lock(&self) -> Turn<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy {
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy = true;
        Turn(self)
    }

    pub(super) fn path(&self) -> &Path {
        &self.dir
    }
}

/// Where the chunk indexes go: a build's scratch folder, or a cache.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    Scratch(&'a Path),
    Cache(&'a ChunkCache),
}

/// `docs` (sorted by URL) in runs of `size`, the last one shorter.
pub(super) fn split(docs: Vec<SearchDoc>, size: usize) -> Vec<Vec<SearchDoc>> {
    let size = size.max(1);
    let mut chunks = Vec::with_capacity(docs.len().div_ceil(size));
    let mut run = Vec::with_capacity(size);
    for doc in docs {
        run.push(doc);
        if run.len() == size {
            chunks.push(std::mem::replace(&mut run, Vec::with_capacity(size)));
        }
    }
    if !run.is_empty() {
        chunks.push(run);
    }
    chunks
}

/// Indexes every chunk not already in `place`, the chunks in parallel, and returns the
/// folder of each chunk's index, in order. A cache keeps only the chunks of this build.
pub(super) fn index_chunks(
    chunks: Vec<Vec<SearchDoc>>,
    place: Place<'_>,
    config: BuildConfig,
) -> Result<Vec<PathBuf>, SearchError> {
    let jobs: Vec<(PathBuf, Vec<SearchDoc>)> = match place {
        Place::Scratch(work) => chunks
            .into_iter()
            .enumerate()
            .map(|(i, docs)| (work.join(format!("chunk-{i:05}")), docs))
            .collect(),
        Place::Cache(cache) => chunks
            .into_par_iter()
            .map(|docs| (cache.path().join(chunk_key(&docs)), docs))
            .collect(),
    };
    let dirs: Vec<PathBuf> = jobs.iter().map(|(dir, _)| dir.clone()).collect();
    jobs.into_par_iter()
        .filter(|(dir, _)| !dir.exists())
        .try_for_each(|(dir, docs)| index_one(&dir, docs, config))?;
    if let Place::Cache(cache) = place {
        prune(cache.path(), &dirs);
    }
    Ok(dirs)
}

/// A hash of every field of every document in the run.
fn chunk_key(docs: &[SearchDoc]) -> String {
    let mut hasher = Sha256::new();
    let mut field = |text: &str| {
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    field(CHUNK_FORMAT);
    for doc in docs {
        field(&doc.url);
        field(&doc.title);
        field(&doc.section);
        field(&doc.section_title);
        field(doc.date.as_deref().unwrap_or("\u{0}"));
        field(&doc.body);
        for list in [&doc.tags, &doc.terms] {
            field(&list.len().to_string());
            for item in list {
                field(item);
            }
        }
    }
    hex(&hasher.finalize()[..16])
}

/// Indexes one run into `dir`, built beside it and renamed into place, so that a
/// folder of that name is always a whole index.
fn index_one(dir: &Path, docs: Vec<SearchDoc>, config: BuildConfig) -> Result<(), SearchError> {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let fresh = dir.with_file_name(format!(".{name}.part"));
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).map_err(io_error(&fresh))?;
    }
    std::fs::create_dir_all(&fresh).map_err(io_error(&fresh))?;
    let directory = MmapDirectory::open(&fresh).map_err(tantivy::TantivyError::from)?;
    let (schema, fields) = schema();
    let index = Index::create(directory, schema, index_settings())?;
    register_tokenizer(&index);
    write_docs(&index, docs, &fields, config)?;
    drop(index);
    std::fs::rename(&fresh, dir).map_err(io_error(dir))
}

fn write_docs(
    index: &Index,
    docs: Vec<SearchDoc>,
    fields: &Fields,
    config: BuildConfig,
) -> Result<(), SearchError> {
    let mut writer: IndexWriter = index.writer_with_num_threads(1, config.heap)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for (i, doc) in docs.into_iter().enumerate() {
        writer.add_document(to_document(doc, fields))?;
        if config.commit_every.is_some_and(|n| (i + 1) % n == 0) {
            writer.commit()?;
        }
    }
    writer.commit()?;
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Removes every chunk of the cache that this build did not use (and what a stopped
/// build left), keeping the lock file.
fn prune(cache: &Path, used: &[PathBuf]) {
    let used: BTreeSet<&Path> = used.iter().map(PathBuf::as_path).collect();
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !used.contains(path.as_path()) && entry.file_name() != LOCK_FILE {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, body: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            body: body.into(),
            ..SearchDoc::default()
        }
    }

    #[test]
    fn runs_are_cut_by_count_alone() {
        let docs: Vec<SearchDoc> = (0..7).map(|i| doc(&format!("/{i}/"), "")).collect();
        let sizes: Vec<usize> = split(docs.clone(), 3).iter().map(Vec::len).collect();
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(split(docs.clone(), 7).len(), 1);
        assert_eq!(split(Vec::new(), 3).len(), 0);
        let urls: Vec<String> = split(docs, 3).concat().into_iter().map(|d| d.url).collect();
        assert_eq!(urls, ["/0/", "/1/", "/2/", "/3/", "/4/", "/5/", "/6/"]);
    }

    #[test]
    fn the_key_follows_every_field() {
        let base = vec![doc("/a/", "正文")];
        let key = chunk_key(&base);
        assert_eq!(key, chunk_key(&base.clone()));
        let mut changed = base.clone();
        changed[0].tags = vec!["婚育".into()];
        assert_ne!(chunk_key(&changed), key);
        let mut termed = base.clone();
        termed[0].terms = vec!["婚育".into()];
        assert_ne!(
            chunk_key(&termed),
            chunk_key(&changed),
            "a term is not a tag"
        );
        let mut moved = base.clone();
        moved[0].date = Some(String::new());
        assert_ne!(chunk_key(&moved), key, "an empty date is not no date");
        // Length-prefixed fields: text cannot slide from one field to the next.
        let (a, b) = (doc("/a/", "bc"), doc("/ab/", "c"));
        assert_ne!(chunk_key(&[a]), chunk_key(&[b]));
    }
}
