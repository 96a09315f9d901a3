//! The browser surface: a [`SearchEngine`] opened over a JavaScript range
//! reader, searching with JSON options and returning JSON results.
//!
//! The worker passes `read(file, start, end) -> Uint8Array`, which does a
//! synchronous `XMLHttpRequest` with a `Range` header (allowed in workers).
//! The engine only ever asks for ranges of the bundle file; it maps them to
//! the index files with the manifest.
//! A JS function is neither `Send` nor `Sync`, which tantivy's `Directory`
//! requires, so the callbacks live in a thread-local table and the source
//! holds only its index there (wasm32 runs on one thread).

use std::cell::RefCell;
use std::io;
use std::ops::Range;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{
    results_json, search_remembering, wants_json, warm_remembering, Manifest, RangeDirectory,
    RangeSource, RankMemo, SearchOptions, Segments, Want, DEFAULT_BLOCK_SIZE,
};

thread_local! {
    static READERS: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// File sizes and places in the bundle come from the manifest, so no request
/// is spent on lengths; every read is a range of the bundle.
struct JsSource {
    reader: usize,
    manifest: Manifest,
}

impl RangeSource for JsSource {
    fn len(&self, file: &str) -> io::Result<u64> {
        self.manifest
            .size_of(file)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, file.to_string()))
    }

    fn read(&self, name: &str, range: Range<u64>) -> io::Result<Vec<u8>> {
        let range = self
            .manifest
            .to_bundle(name, range.clone())
            .ok_or_else(|| io::Error::other(format!("{name} {range:?}: outside the file")))?;
        let file = self.manifest.bundle.as_str();
        let read = READERS.with(|readers| readers.borrow()[self.reader].clone());
        let value = read
            .call3(
                &JsValue::NULL,
                &JsValue::from_str(file),
                &JsValue::from_f64(range.start as f64),
                &JsValue::from_f64(range.end as f64),
            )
            .map_err(|e| io::Error::other(format!("{file} {range:?}: {e:?}")))?;
        let bytes = value.dyn_into::<js_sys::Uint8Array>().map_err(|_| {
            io::Error::other(format!(
                "{file} {range:?}: the reader did not return a Uint8Array"
            ))
        })?;
        Ok(bytes.to_vec())
    }
}

/// A search index opened in the browser.
#[wasm_bindgen]
pub struct SearchEngine {
    directory: RangeDirectory,
    manifest: Manifest,
    segments: Segments,
    /// Planning and searching one query rank its matches once.
    memo: RankMemo,
}

#[wasm_bindgen]
impl SearchEngine {
    /// Opens the index described by `manifest_json` (the text of
    /// `manifest.json`); `read(file, start, end)` must return exactly those
    /// bytes of `file` as a `Uint8Array`.
    pub fn open(manifest_json: &str, read: js_sys::Function) -> Result<SearchEngine, JsError> {
        let manifest = Manifest::parse(manifest_json)?;
        let reader = READERS.with(|readers| {
            let mut readers = readers.borrow_mut();
            readers.push(read);
            readers.len() - 1
        });
        let directory = RangeDirectory::new(
            JsSource {
                reader,
                manifest: manifest.clone(),
            },
            DEFAULT_BLOCK_SIZE,
        );
        let segments = Segments::open(directory.clone())?;
        Ok(SearchEngine {
            directory,
            manifest,
            segments,
            memo: RankMemo::default(),
        })
    }

    /// What the next step of searching `query` still needs, as JSON ranges
    /// of the bundle: `[{"file","start","end"}, ...]`, empty once
    /// [`SearchEngine::search`] can run without fetching. Fetch all of it at
    /// once, hand each range to [`SearchEngine::supply`] and plan again (at
    /// most three rounds: dictionary, postings, stored pages).
    pub fn plan(&self, query: &str, opts_json: &str) -> Result<String, JsError> {
        let opts = options(opts_json)?;
        let (finished, wants) = self
            .directory
            .plan(|| warm_remembering(&self.segments, query, &opts, &self.memo));
        finished?;
        let mut in_bundle = Vec::with_capacity(wants.len());
        for want in wants {
            let range = self
                .manifest
                .to_bundle(&want.file, want.start..want.end)
                .ok_or_else(|| JsError::new(&format!("{}: not in the manifest", want.file)))?;
            in_bundle.push(Want {
                file: self.manifest.bundle.clone(),
                start: range.start,
                end: range.end,
            });
        }
        Ok(wants_json(&in_bundle))
    }

    /// Stores the bytes fetched for one range that [`SearchEngine::plan`]
    /// asked for (`start` is its start in the bundle).
    pub fn supply(&self, start: f64, bytes: &[u8]) -> Result<(), JsError> {
        let start = start as u64;
        let (name, range) = self
            .manifest
            .from_bundle(start..start + bytes.len() as u64)
            .ok_or_else(|| JsError::new(&format!("{start}: not a range that was planned")))?;
        self.directory
            .supply(name, range.start, bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Searches; `opts_json` is `SearchOptions` as JSON (`""` for defaults:
    /// `{"section","tag","offset","limit","snippet_chars"}`). Returns the
    /// results as JSON: `{"total", "hits": [...]}`. Whatever was not
    /// planned and supplied is read with the synchronous reader.
    pub fn search(&self, query: &str, opts_json: &str) -> Result<String, JsError> {
        let opts = options(opts_json)?;
        let results = search_remembering(&self.segments, query, &opts, &self.memo)?;
        Ok(results_json(&results))
    }

    /// Bytes fetched through `read` so far.
    pub fn fetched_bytes(&self) -> f64 {
        self.directory.stats().bytes as f64
    }

    /// Calls of `read` so far.
    pub fn fetch_requests(&self) -> f64 {
        self.directory.stats().requests as f64
    }
}

fn options(json: &str) -> Result<SearchOptions, JsError> {
    if json.trim().is_empty() {
        return Ok(SearchOptions::default());
    }
    serde_json::from_slice(json.as_bytes())
        .map_err(|e| JsError::new(&format!("search options: {e}")))
}
