//! A phrase's weight and scorer (no slop), scoring as tantivy's phrase query
//! does but weighed from [`Segments`]: tantivy builds its phrase weight only
//! through a `Searcher`, and its scorer is private (see crate::segments).
//!
//! The scorer's size hint and cost are tantivy's too: boolean queries order
//! their clauses by cost, and the order of a float sum decides its last bit.
//!
//! A place in the phrase holds a term or a lone CJK character, which is every
//! term that starts with it ([`crate::char_postings`]).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{Bm25Weight, EmptyScorer, Explanation, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use crate::char_postings::CharStatistics;
use crate::segments::Segments;
use crate::sort::sort_few_by_key;
use crate::term_weight::{explain_score, norms, Slot, SlotPostings};

/// The weight of the phrase `terms` (position in the phrase, slot; at least
/// two, one field).
pub(crate) fn phrase_weight(
    terms: &[(usize, Slot)],
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    let statistics = CharStatistics::new(segments, terms.iter().filter_map(|(_, s)| s.chars()))?;
    let only: Vec<Term> = terms.iter().map(|(_, slot)| slot.weighed_as()).collect();
    Ok(Box::new(PhraseWeight {
        terms: terms.to_vec(),
        bm25: Bm25Weight::for_terms(&statistics, &only)?,
    }))
}

struct PhraseWeight {
    terms: Vec<(usize, Slot)>,
    bm25: Bm25Weight,
}

impl Weight for PhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.terms[0].1.field();
        let max_position = self.terms.iter().map(|&(pos, _)| pos).max().unwrap_or(0);
        let mut postings = Vec::with_capacity(self.terms.len());
        for (pos, slot) in &self.terms {
            match slot.postings(reader, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push(((max_position - pos) as u32, p)),
                None => return Ok(Box::new(EmptyScorer)),
            }
        }
        // As tantivy's intersection: the cheapest list leads.
        sort_few_by_key(&mut postings, |(_, p)| p.size_hint());
        let mut scorer = PhraseScorer {
            postings,
            norms: norms(reader, field)?,
            bm25: self.bm25.boost_by(boost),
            max_doc: reader.max_doc(),
            doc: 0,
            count: 0,
            left: Vec::new(),
            right: Vec::new(),
        };
        scorer.settle(scorer.postings[0].1.doc());
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_score(self, reader, doc, "phrase")
    }
}

struct PhraseScorer {
    /// (position offset, postings), cheapest first.
    postings: Vec<(u32, SlotPostings)>,
    norms: FieldNormReader,
    bm25: Bm25Weight,
    max_doc: u32,
    /// The current document: the lists may stop elsewhere once one ends.
    doc: DocId,
    /// Occurrences of the phrase in the current document.
    count: u32,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl PhraseScorer {
    /// Moves to the first document from `target` on that has every term,
    /// all at the phrase's positions.
    fn settle(&mut self, mut target: DocId) -> DocId {
        loop {
            self.doc = self.intersect(target);
            if self.doc == TERMINATED {
                return self.doc;
            }
            self.count = self.phrase_count();
            if self.count > 0 {
                return self.doc;
            }
            target = self.doc + 1;
        }
    }

    /// Moves every list to the first document from `target` on that all of
    /// them have.
    fn intersect(&mut self, mut target: DocId) -> DocId {
        'candidate: loop {
            for (_, postings) in &mut self.postings {
                let doc = if postings.doc() < target {
                    postings.seek(target)
                } else {
                    postings.doc()
                };
                if doc == TERMINATED {
                    return TERMINATED;
                }
                if doc > target {
                    target = doc;
                    continue 'candidate;
                }
            }
            return target;
        }
    }

    /// How often the terms stand at the phrase's positions here: the
    /// positions (shifted to a common start) that all lists share.
    fn phrase_count(&mut self) -> u32 {
        let (first, rest) = self.postings.split_first_mut().expect("two terms or more");
        first.1.positions_with_offset(first.0, &mut self.left);
        for (offset, postings) in rest {
            postings.positions_with_offset(*offset, &mut self.right);
            let right = &self.right;
            let mut j = 0;
            self.left.retain(|&p| {
                while j < right.len() && right[j] < p {
                    j += 1;
                }
                j < right.len() && right[j] == p
            });
            if self.left.is_empty() {
                return 0;
            }
        }
        self.left.len() as u32
    }

    /// tantivy's estimate of an intersection's size (`size_hint.rs`).
    fn intersection_hint(&self) -> u32 {
        if self.max_doc == 0 {
            return 0;
        }
        let mut sizes = self.postings.iter().map(|(_, p)| p.size_hint());
        let Some(first) = sizes.next() else {
            return 0;
        };
        let mut estimate = f64::from(first);
        let mut smallest = estimate;
        let mut co_location: f64 = 1.3;
        for size in sizes {
            co_location = (co_location - 0.1).max(1.0);
            estimate *= (f64::from(size) / f64::from(self.max_doc)) * co_location;
            smallest = smallest.min(f64::from(size));
        }
        estimate.round().min(smallest) as u32
    }
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc();
        if doc == TERMINATED {
            return doc;
        }
        self.settle(doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        self.settle(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.intersection_hint() / (10 * self.postings.len() as u32)
    }

    fn cost(&self) -> u64 {
        u64::from(self.intersection_hint()) * 10 * self.postings.len() as u64
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.doc());
        self.bm25.score(norm, self.count)
    }
}
