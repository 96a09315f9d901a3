//! The index schema, shared by the builder and the reader.
//!
//! Title and body are indexed in one field: a query term is looked up in the
//! title and in the body, and with two fields that is two term-dictionary
//! blocks (about 8 KB each) to download. Title tokens carry [`TITLE_MARK`](crate::tokenizer::TITLE_MARK), so
//! `健康` and `健康\u{1}` are neighbours in the one dictionary.

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
use tantivy::Index;

use crate::tokenizer::{CjkTokenizer, TOKENIZER_NAME};

/// The fields of the search index. What a hit shows is not in tantivy's doc store
/// but in the index's own page store (`page_store.rs`), read by document id.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Section key: one raw term for filtering.
    pub section: Field,
    /// Tags: raw terms for filtering, multi-valued.
    pub tags: Field,
    /// Page URL, stored: the build merges segments in the order of their first URL.
    pub url: Field,
    /// Title tokens (each followed by [`TITLE_MARK`](crate::tokenizer::TITLE_MARK)) and body tokens, with
    /// positions. A term and its title form sort next to each other, so both
    /// lookups read one term-dictionary block.
    pub text: Field,
}

impl Fields {
    /// Looks the fields up in a schema built by [`schema`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            section: schema.get_field("section")?,
            tags: schema.get_field("tags")?,
            url: schema.get_field("url")?,
            text: schema.get_field("text")?,
        })
    }
}

fn full_text() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Raw terms used only as filters: no fieldnorms, no frequencies.
fn filter_term() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    )
}

/// Builds the schema and returns it with its fields.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let section = builder.add_text_field("section", filter_term());
    let tags = builder.add_text_field("tags", filter_term());
    let url = builder.add_text_field("url", STORED);
    let text = builder.add_text_field("text", full_text());
    let fields = Fields {
        section,
        tags,
        url,
        text,
    };
    (builder.build(), fields)
}

/// Registers the `cjk` tokenizer, which the index needs before any use.
pub fn register_tokenizer(index: &Index) {
    index.tokenizers().register(TOKENIZER_NAME, CjkTokenizer);
}
