//! A page as tantivy's document (the title tokenized here, each token marked as a
//! title's, and the body left to the field's tokenizer) and as its page-store record.

use tantivy::tokenizer::PreTokenizedString;
use tantivy::TantivyDocument;

use super::{SearchDoc, EXCERPT_CHARS};
use crate::page_store::PageRecord;
use crate::schema::Fields;
use crate::tokenizer::title_tokens;

pub(super) fn to_document(doc: SearchDoc, fields: &Fields) -> TantivyDocument {
    let body = collapse_words(text_words(&doc));
    let mut out = TantivyDocument::default();
    let title = collapse_space(&doc.title);
    out.add_pre_tokenized_text(
        fields.text,
        PreTokenizedString {
            tokens: title_tokens(&title),
            text: title.clone(),
        },
    );
    out.add_text(fields.section, doc.section);
    for tag in doc.tags {
        out.add_text(fields.tags, tag);
    }
    out.add_text(fields.url, doc.url);
    // Plain text, tokenized by the field's registered `cjk` tokenizer when the indexing
    // thread takes the document: pre-tokenized bodies waited in tantivy's document queue
    // with every token allocated, 1.6 GB at 10,000 pages.
    out.add_text(fields.text, body);
    out
}

/// The words of the text a page is indexed by: its body, then its tags and categories.
fn text_words(doc: &SearchDoc) -> impl Iterator<Item = &str> {
    let terms = doc.terms.iter().flat_map(|t| t.split_whitespace());
    doc.body.split_whitespace().chain(terms)
}

/// What a hit on `doc` shows: the fields as displayed, and the first
/// [`EXCERPT_CHARS`] characters of the text [`to_document`] indexes.
pub(super) fn page_record(doc: &SearchDoc) -> PageRecord {
    // Only the words that start within the excerpt, each after its space.
    let mut chars = 0;
    let words = text_words(doc).take_while(|word| {
        let within = chars < EXCERPT_CHARS;
        chars += usize::from(chars > 0) + word.chars().count();
        within
    });
    let excerpt = collapse_words(words);
    PageRecord {
        title: collapse_space(&doc.title),
        url: doc.url.clone(),
        section: doc.section.clone(),
        section_title: doc.section_title.clone(),
        date: doc.date.clone().unwrap_or_default(),
        excerpt: first_chars(&excerpt, EXCERPT_CHARS).to_string(),
        tags: doc.tags.clone(),
    }
}

fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((end, _)) => &text[..end],
        None => text,
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

    fn excerpt(body: &str, terms: &[&str]) -> String {
        let doc = SearchDoc {
            body: body.into(),
            terms: terms.iter().map(|t| t.to_string()).collect(),
            ..SearchDoc::default()
        };
        page_record(&doc).excerpt
    }

    #[test]
    fn the_excerpt_is_the_start_of_the_indexed_text_in_whole_characters() {
        let long = "健".repeat(EXCERPT_CHARS + 10);
        assert_eq!(excerpt(&long, &[]).chars().count(), EXCERPT_CHARS);
        assert_eq!(excerpt("短", &[]), "短");
        assert_eq!(excerpt(" 一\n\n二\t三 ", &["标签 词"]), "一 二 三 标签 词");
        // Cut inside the space before a word, and inside a word.
        let words = format!("{} 尾", "健".repeat(EXCERPT_CHARS - 1));
        assert_eq!(
            excerpt(&words, &[]),
            format!("{} ", "健".repeat(EXCERPT_CHARS - 1))
        );
        let words = format!("{} 尾巴", "健".repeat(EXCERPT_CHARS - 2));
        assert_eq!(
            excerpt(&words, &[]),
            format!("{} 尾", "健".repeat(EXCERPT_CHARS - 2))
        );
        assert_eq!(collapse_space(" 一\n\n二\t三 "), "一 二 三");
    }
}
