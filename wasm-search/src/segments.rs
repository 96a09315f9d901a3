//! The segments a search reads, opened without tantivy's `IndexReader`, and
//! the statistics that score them.
//!
//! A `Searcher` comes only from an `IndexReader`, and the reader (like
//! `Index::open`) parses tantivy's `meta.json` into its own types, reloads it,
//! and runs a warming thread: in the browser that was serde_json's
//! deserializers of tantivy's schema and settings types and the thread
//! channels, over 100 KB of wasm (docs/search-wasm-size.md). [`Segments::open`]
//! takes the schema from [`schema`](crate::schema()), reads only the segment
//! list from `meta.json`, and opens each segment's reader directly.

use serde::Deserialize;
use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, Schema};
use tantivy::{Directory, DocAddress, Index, SegmentReader, Term};

use crate::page_store::{PageRecord, PageStore, PAGES_FILE};
use crate::{RangeDirectory, SearchError};

/// The index's segments opened for searching, with the page store.
pub struct Segments {
    schema: Schema,
    readers: Vec<SegmentReader>,
    /// Where each segment's documents start in the page store.
    firsts: Vec<usize>,
    pages: PageStore,
}

/// The part of `meta.json` that says which segments there are.
#[derive(Deserialize)]
struct Metas {
    segments: Vec<SegmentEntry>,
}

#[derive(Deserialize)]
struct SegmentEntry {
    segment_id: String,
    max_doc: u32,
    deletes: Option<Deletes>,
}

#[derive(Deserialize)]
struct Deletes {
    num_deleted_docs: u32,
    opstamp: u64,
}

impl Segments {
    /// Opens the segments of the index in `directory`, which
    /// [`build_index`](crate::build_index) wrote with the schema of
    /// [`schema`](crate::schema()).
    pub fn open(directory: RangeDirectory) -> Result<Segments, SearchError> {
        let meta = tantivy::Directory::atomic_read(&directory, "meta.json".as_ref())?;
        // From bytes, as tantivy reads its file footers (and as the manifest
        // is read): one instance of serde_json's parser instead of two.
        let metas: Metas = serde_json::from_slice(&meta)
            .map_err(|e| SearchError::Manifest(format!("cannot parse meta.json: {e}")))?;
        // Creating the index in code writes a fresh meta.json, which the
        // directory drops; nothing reads it back.
        let index = Index::create(directory, crate::schema().0, Default::default())?;
        // Through the index's directory, as tantivy opens its own files: the build
        // wrote the store with tantivy's footer.
        let pages = index.directory().open_read(PAGES_FILE.as_ref())?;
        let segments = metas
            .segments
            .iter()
            .map(|entry| {
                let id = SegmentId::from_uuid_string(&entry.segment_id).map_err(|e| {
                    SearchError::Manifest(format!("meta.json: segment {}: {e}", entry.segment_id))
                })?;
                let meta = index.new_segment_meta(id, entry.max_doc);
                Ok(match &entry.deletes {
                    Some(d) => meta.with_delete_meta(d.num_deleted_docs, d.opstamp),
                    None => meta,
                })
            })
            .collect::<Result<Vec<_>, SearchError>>()?;
        let readers = segments
            .into_iter()
            .map(|meta| SegmentReader::open(&index.segment(meta)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Segments::new(index.schema(), readers, pages)
    }

    /// The searchable segments of an opened `index`.
    pub fn of_index(index: &Index) -> Result<Segments, SearchError> {
        let readers = index
            .searchable_segments()?
            .iter()
            .map(SegmentReader::open)
            .collect::<tantivy::Result<Vec<_>>>()?;
        let pages = index.directory().open_read(PAGES_FILE.as_ref())?;
        Segments::new(index.schema(), readers, pages)
    }

    fn new(
        schema: Schema,
        readers: Vec<SegmentReader>,
        pages: tantivy::directory::FileSlice,
    ) -> Result<Segments, SearchError> {
        let pages = PageStore::open(pages)?;
        let mut firsts = Vec::with_capacity(readers.len());
        let mut docs = 0;
        for reader in &readers {
            firsts.push(docs);
            docs += reader.max_doc() as usize;
        }
        if docs != pages.len() {
            return Err(SearchError::Pages(format!(
                "{} pages for {docs} documents",
                pages.len()
            )));
        }
        Ok(Segments {
            schema,
            readers,
            firsts,
            pages,
        })
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// One reader per segment; a [`DocAddress`]'s segment is its place here.
    pub fn readers(&self) -> &[SegmentReader] {
        &self.readers
    }

    fn page_of(&self, address: DocAddress) -> usize {
        self.firsts[address.segment_ord as usize] + address.doc_id as usize
    }

    /// What a hit on the document at `address` shows.
    pub(crate) fn page(&self, address: DocAddress) -> Result<PageRecord, SearchError> {
        self.pages.get(self.page_of(address))
    }

    /// Fetches [`Segments::page`] through tantivy's async reads (see [`crate::warm`]).
    pub(crate) async fn warm_page(&self, address: DocAddress) -> tantivy::Result<()> {
        self.pages.warm(self.page_of(address)).await
    }
}

/// BM25 over all segments, summed as tantivy's `Searcher` sums them.
impl Bm25StatisticsProvider for Segments {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut total = 0;
        for reader in &self.readers {
            total += reader.inverted_index(field)?.total_num_tokens();
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.readers.iter().map(|r| u64::from(r.max_doc())).sum())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut total = 0;
        for reader in &self.readers {
            total += u64::from(reader.inverted_index(term.field())?.doc_freq(term)?);
        }
        Ok(total)
    }
}
