//! Chinese full-text search for jiayuan: a CJK bigram tokenizer and a tantivy
//! index that the generator builds ([`build_index`]) and that both the
//! generator and the browser search ([`search`]).
//!
//! The browser opens the index through [`RangeDirectory`], which fetches only
//! the byte ranges a query touches.

#[cfg(not(target_arch = "wasm32"))]
mod build;
mod char_postings;
mod directory;
mod json;
mod manifest;
mod memory;
mod page_store;
mod phrase;
mod prefetch;
mod query;
mod schema;
mod search;
mod segments;
mod site_query;
mod snippet;
mod sort;
mod term_weight;
pub mod tokenizer;
#[cfg(target_arch = "wasm32")]
mod wasm;

use std::path::PathBuf;

#[cfg(not(target_arch = "wasm32"))]
pub use build::{build_index, build_index_cached, ChunkCache, Runs, SearchDoc, EXCERPT_CHARS};
pub use directory::{FetchStats, RangeDirectory, RangeSource, Want, DEFAULT_BLOCK_SIZE};
pub use json::{results_json, wants_json};
pub use manifest::{Manifest, ManifestFile, BUNDLE_FILE, MANIFEST_FILE, MANIFEST_VERSION};
pub use memory::MemorySource;
pub use prefetch::{warm, warm_remembering};
pub use schema::{register_tokenizer, schema, Fields};
pub use search::{
    search, search_remembering, search_with, Hit, RankMemo, SearchOptions, SearchResults,
};
pub use segments::Segments;
pub use site_query::TITLE_BOOST;
pub use snippet::{escape_html, highlight};
pub use tantivy;
pub use tokenizer::{CjkTokenizer, TOKENIZER_NAME};

/// Everything that can go wrong while building or searching.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index file: {0}")]
    OpenRead(#[from] tantivy::directory::error::OpenReadError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search manifest: {0}")]
    Manifest(String),
    #[error("search index pages.store: {0}")]
    Pages(String),
    #[error("search options: {0}")]
    Options(String),
}

/// Opens the index that [`build_index`] wrote to `dir`, reading its files
/// into memory.
#[cfg(not(target_arch = "wasm32"))]
pub fn open_index(dir: &std::path::Path) -> Result<tantivy::Index, SearchError> {
    let path = dir.join(MANIFEST_FILE);
    let json = std::fs::read_to_string(&path).map_err(|source| SearchError::Io {
        path: path.clone(),
        source,
    })?;
    let manifest = Manifest::parse(&json)?;
    let source = MemorySource::load(dir, &manifest)?;
    open_directory(RangeDirectory::new(source, DEFAULT_BLOCK_SIZE))
}

/// Opens an index over any [`RangeDirectory`] and registers the tokenizer.
pub fn open_directory(directory: RangeDirectory) -> Result<tantivy::Index, SearchError> {
    let index = tantivy::Index::open(directory)?;
    register_tokenizer(&index);
    Ok(index)
}
