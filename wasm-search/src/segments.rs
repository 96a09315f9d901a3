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
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Executor, Index, SegmentReader, Term};

use crate::stored::StoredFields;
use crate::{RangeDirectory, SearchError};

/// Decompressed doc-store blocks kept per segment, as tantivy's searcher keeps.
const STORE_CACHE_BLOCKS: usize = 100;

/// The index's segments opened for searching, with their document stores.
pub struct Segments {
    schema: Schema,
    readers: Vec<SegmentReader>,
    stores: Vec<StoreReader>,
    /// Runs the doc store's decompression inline (the store is uncompressed).
    executor: Executor,
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
        Segments::new(index.schema(), readers)
    }

    /// The searchable segments of an opened `index`.
    pub fn of_index(index: &Index) -> Result<Segments, SearchError> {
        let readers = index
            .searchable_segments()?
            .iter()
            .map(SegmentReader::open)
            .collect::<tantivy::Result<Vec<_>>>()?;
        Segments::new(index.schema(), readers)
    }

    fn new(schema: Schema, readers: Vec<SegmentReader>) -> Result<Segments, SearchError> {
        let stores = readers
            .iter()
            .map(|reader| reader.get_store_reader(STORE_CACHE_BLOCKS))
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(tantivy::TantivyError::from)?;
        Ok(Segments {
            schema,
            readers,
            stores,
            executor: Executor::single_thread(),
        })
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// One reader per segment; a [`DocAddress`]'s segment is its place here.
    pub fn readers(&self) -> &[SegmentReader] {
        &self.readers
    }

    /// The stored fields of the document at `address`.
    pub(crate) fn doc(&self, address: DocAddress) -> tantivy::Result<StoredFields> {
        self.stores[address.segment_ord as usize].get(address.doc_id)
    }

    /// [`Segments::doc`] through tantivy's async reads (see [`crate::warm`]).
    pub(crate) async fn doc_async(&self, address: DocAddress) -> tantivy::Result<StoredFields> {
        self.stores[address.segment_ord as usize]
            .get_async(address.doc_id, &self.executor)
            .await
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
