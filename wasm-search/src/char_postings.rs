//! One CJK character as a query term. The index has a unigram only where a
//! character ends its run; elsewhere the character starts a bigram (see
//! `crate::tokenizer`). Every occurrence of a character therefore starts
//! exactly one term, and the terms that start with it are one range of the
//! term dictionary: `孕`, `孕\u{1}`, `孕妇`, `孕妇\u{1}`, … (title terms end
//! in [`TITLE_MARK`]). Their postings, merged, are the character's postings:
//! its documents, its frequency (the sum) and its positions.

use tantivy::postings::{Postings, TermInfo};
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, Term, TERMINATED};

use crate::segments::Segments;
use crate::sort::sort_few_by_key;
use crate::tokenizer::{is_cjk, TITLE_MARK};

/// The terms of one character in the title or in the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CharTerms {
    field: Field,
    c: char,
    title: bool,
}

impl CharTerms {
    /// The character's terms if `text` is one CJK character.
    pub(crate) fn of(text: &str, field: Field, title: bool) -> Option<CharTerms> {
        let mut chars = text.chars();
        let c = chars.next().filter(|&c| is_cjk(c))?;
        chars
            .next()
            .is_none()
            .then_some(CharTerms { field, c, title })
    }

    pub(crate) fn field(&self) -> Field {
        self.field
    }

    /// The unigram's term, under which [`CharStatistics`] answers the
    /// character's document frequency.
    pub(crate) fn unigram(&self) -> Term {
        let mut text = self.c.to_string();
        if self.title {
            text.push(TITLE_MARK);
        }
        Term::from_field_text(self.field, &text)
    }

    fn is_own(&self, key: &[u8]) -> bool {
        key.ends_with(&[TITLE_MARK as u8]) == self.title
    }

    /// The character's terms in `reader`'s dictionary (title or body), with their
    /// postings' places.
    pub(crate) fn terms(&self, reader: &SegmentReader) -> tantivy::Result<Vec<(Term, TermInfo)>> {
        let inverted = reader.inverted_index(self.field)?;
        let (from, to) = self.key_range();
        let mut range = inverted.terms().range().ge(&from);
        if let Some(to) = &to {
            range = range.lt(to);
        }
        let mut stream = range.into_stream()?;
        let mut terms = Vec::new();
        while stream.advance() {
            if self.is_own(stream.key()) {
                let term = Term::from_field_bytes(self.field, stream.key());
                terms.push((term, stream.value().clone()));
            }
        }
        Ok(terms)
    }

    /// The dictionary keys from the character's on, up to the next character's.
    pub(crate) fn key_range(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let key = |c: char| c.to_string().into_bytes();
        (key(self.c), char::from_u32(self.c as u32 + 1).map(key))
    }

    /// The merged postings in `reader`, with positions if `option` has them.
    /// Document ids are dense, so the merge counts by id and sorts nothing but
    /// each document's few positions.
    pub(crate) fn postings(
        &self,
        reader: &SegmentReader,
        option: IndexRecordOption,
    ) -> tantivy::Result<CharPostings> {
        let inverted = reader.inverted_index(self.field)?;
        let lists = self.terms(reader)?;
        let mut freqs = vec![0u32; reader.max_doc() as usize];
        for (_, info) in &lists {
            let mut postings = inverted.read_postings_from_terminfo(info, option)?;
            while postings.doc() != TERMINATED {
                freqs[postings.doc() as usize] += postings.term_freq();
                postings.advance();
            }
        }
        let positions = option.has_positions();
        let mut merged = CharPostings::default();
        let mut total = 0;
        for (doc, freq) in freqs.iter_mut().enumerate() {
            if *freq > 0 {
                merged.docs.push(doc as DocId);
                merged.freqs.push(*freq);
                merged.starts.push(total as usize);
                // From here on, where the document's next position goes.
                let start = total;
                if positions {
                    total += *freq;
                }
                *freq = start;
            }
        }
        merged.starts.push(total as usize);
        if positions {
            merged.positions = vec![0; total as usize];
            let mut buffer = Vec::new();
            for (_, info) in &lists {
                let mut postings = inverted.read_postings_from_terminfo(info, option)?;
                while postings.doc() != TERMINATED {
                    postings.positions(&mut buffer);
                    let at = &mut freqs[postings.doc() as usize];
                    let from = *at as usize;
                    merged.positions[from..from + buffer.len()].copy_from_slice(&buffer);
                    *at += buffer.len() as u32;
                    postings.advance();
                }
            }
            for span in merged.starts.windows(2) {
                sort_few_by_key(&mut merged.positions[span[0]..span[1]], |&p| p);
            }
        }
        Ok(merged)
    }

    /// How many documents hold the character, over every segment.
    pub(crate) fn doc_freq(&self, segments: &Segments) -> tantivy::Result<u64> {
        let mut count = 0;
        for reader in segments.readers() {
            count += self.postings(reader, IndexRecordOption::Basic)?.docs.len() as u64;
        }
        Ok(count)
    }
}

/// The statistics of [`Segments`], with each character's document frequency
/// answered for its unigram's term (BM25 weighs a character as one term).
pub(crate) struct CharStatistics<'a> {
    segments: &'a Segments,
    chars: Vec<(Term, u64)>,
}

impl<'a> CharStatistics<'a> {
    pub(crate) fn new<'c>(
        segments: &'a Segments,
        chars: impl IntoIterator<Item = &'c CharTerms>,
    ) -> tantivy::Result<CharStatistics<'a>> {
        let mut known = Vec::new();
        for chars in chars {
            known.push((chars.unigram(), chars.doc_freq(segments)?));
        }
        Ok(CharStatistics {
            segments,
            chars: known,
        })
    }
}

impl Bm25StatisticsProvider for CharStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.segments.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.segments.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.chars.iter().find(|(known, _)| known == term) {
            Some(&(_, count)) => Ok(count),
            None => self.segments.doc_freq(term),
        }
    }
}

/// A character's postings in one segment, merged from its terms' and held in
/// memory: the documents in order, each with its frequency and its positions.
#[derive(Debug, Default)]
pub(crate) struct CharPostings {
    docs: Vec<DocId>,
    freqs: Vec<u32>,
    /// Where each document's positions start in `positions`, and the end.
    starts: Vec<usize>,
    positions: Vec<u32>,
    at: usize,
}

impl CharPostings {
    pub(crate) fn term_freq(&self) -> u32 {
        self.freqs[self.at]
    }

    /// The current document's positions plus `offset`, as tantivy's postings give them.
    pub(crate) fn positions_with_offset(&self, offset: u32, out: &mut Vec<u32>) {
        out.clear();
        let span = self.starts[self.at]..self.starts[self.at + 1];
        out.extend(self.positions[span].iter().map(|p| p + offset));
    }
}

impl DocSet for CharPostings {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.at += self.docs[self.at..].partition_point(|&doc| doc < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        self.docs.len() as u32
    }
}

#[cfg(test)]
#[path = "char_postings_tests.rs"]
mod tests;
