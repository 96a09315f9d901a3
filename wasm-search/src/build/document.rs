//! A page as tantivy's document: the title tokenized here (each token marked as a
//! title's), the body left to the field's tokenizer, and the stored excerpt.

use tantivy::tokenizer::PreTokenizedString;
use tantivy::TantivyDocument;

use super::{SearchDoc, EXCERPT_CHARS};
use crate::schema::Fields;
use crate::tokenizer::title_tokens;

pub(super) fn to_document(doc: SearchDoc, fields: &Fields) -> TantivyDocument {
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

    #[test]
    fn excerpt_keeps_whole_characters() {
        let long = "健".repeat(EXCERPT_CHARS + 10);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS);
        assert_eq!(excerpt("短"), "短");
        assert_eq!(collapse_space(" 一\n\n二\t三 "), "一 二 三");
    }
}
