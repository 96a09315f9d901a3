//! One term's weight and scorer, scoring as tantivy's term query does (BM25
//! over the field's norms) but weighed from [`Segments`]: tantivy's own term
//! weight is made only through a `Searcher`, and its scorer is private.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, Explanation, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use crate::char_postings::{CharPostings, CharStatistics, CharTerms};
use crate::segments::Segments;

/// What a weight looks up at one place: a term, or a lone CJK character, which
/// is every term that starts with it ([`crate::char_postings`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Slot {
    Term(Term),
    Char(CharTerms),
}

impl Slot {
    pub(crate) fn field(&self) -> Field {
        match self {
            Slot::Term(term) => term.field(),
            Slot::Char(chars) => chars.field(),
        }
    }

    /// The character's terms, if the slot is one.
    pub(crate) fn chars(&self) -> Option<&CharTerms> {
        match self {
            Slot::Term(_) => None,
            Slot::Char(chars) => Some(chars),
        }
    }

    /// The term BM25 weighs the slot as (a character's unigram, whose document
    /// frequency [`CharStatistics`] answers).
    pub(crate) fn weighed_as(&self) -> Term {
        match self {
            Slot::Term(term) => term.clone(),
            Slot::Char(chars) => chars.unigram(),
        }
    }

    /// The slot's postings in `reader`, read with `option`; `None` if it has none.
    pub(crate) fn postings(
        &self,
        reader: &SegmentReader,
        option: IndexRecordOption,
    ) -> tantivy::Result<Option<SlotPostings>> {
        Ok(match self {
            Slot::Term(term) => reader
                .inverted_index(term.field())?
                .read_postings(term, option)?
                .map(SlotPostings::Term),
            Slot::Char(chars) => Some(SlotPostings::Char(chars.postings(reader, option)?))
                .filter(|p| p.doc() != TERMINATED),
        })
    }
}

/// The postings of a [`Slot`]. Each scorer holds its own in place: boxing the
/// larger would allocate for every term of every query.
#[allow(clippy::large_enum_variant)]
pub(crate) enum SlotPostings {
    Term(SegmentPostings),
    Char(CharPostings),
}

impl SlotPostings {
    pub(crate) fn advance(&mut self) -> DocId {
        match self {
            SlotPostings::Term(p) => p.advance(),
            SlotPostings::Char(p) => p.advance(),
        }
    }

    pub(crate) fn seek(&mut self, target: DocId) -> DocId {
        match self {
            SlotPostings::Term(p) => p.seek(target),
            SlotPostings::Char(p) => p.seek(target),
        }
    }

    pub(crate) fn doc(&self) -> DocId {
        match self {
            SlotPostings::Term(p) => p.doc(),
            SlotPostings::Char(p) => p.doc(),
        }
    }

    pub(crate) fn size_hint(&self) -> u32 {
        match self {
            SlotPostings::Term(p) => p.size_hint(),
            SlotPostings::Char(p) => p.size_hint(),
        }
    }

    pub(crate) fn term_freq(&self) -> u32 {
        match self {
            SlotPostings::Term(p) => p.term_freq(),
            SlotPostings::Char(p) => p.term_freq(),
        }
    }

    pub(crate) fn positions_with_offset(&mut self, offset: u32, out: &mut Vec<u32>) {
        match self {
            SlotPostings::Term(p) => p.positions_with_offset(offset, out),
            SlotPostings::Char(p) => p.positions_with_offset(offset, out),
        }
    }
}

/// The weight of `term`, reading its postings with `option`.
pub(crate) fn term_weight(
    term: &Term,
    option: IndexRecordOption,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    slot_weight(Slot::Term(term.clone()), option, segments)
}

/// The weight of a lone CJK character: BM25 of its frequency, as of one term
/// (`crate::char_postings`).
pub(crate) fn char_weight(
    chars: &CharTerms,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    slot_weight(
        Slot::Char(chars.clone()),
        IndexRecordOption::WithFreqs,
        segments,
    )
}

fn slot_weight(
    slot: Slot,
    option: IndexRecordOption,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    let statistics = CharStatistics::new(segments, slot.chars())?;
    let bm25 = Bm25Weight::for_terms(&statistics, &[slot.weighed_as()])?;
    Ok(Box::new(TermWeight { slot, option, bm25 }))
}

/// Explains a match without printing its term: tantivy's term weight
/// formats the term with `Debug` in `explain`, which would keep the regex
/// crate in the wasm (see `SiteQuery`). One weight for terms and characters:
/// each `Weight` impl brings its own copies of the trait's provided methods.
struct TermWeight {
    slot: Slot,
    option: IndexRecordOption,
    bm25: Bm25Weight,
}

impl Weight for TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(postings) = self.slot.postings(reader, self.option)? else {
            return Ok(Box::new(EmptyScorer));
        };
        Ok(Box::new(TermScorer {
            postings,
            norms: norms(reader, self.slot.field())?,
            bm25: self.bm25.boost_by(boost),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_score(self, reader, doc, "term")
    }
}

/// The field norms BM25 reads for `field`: all 1 where the field keeps none, as
/// tantivy's weights do.
pub(crate) fn norms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(match reader.fieldnorms_readers().get_field(field)? {
        Some(norms) => norms,
        None => FieldNormReader::constant(reader.max_doc(), 1),
    })
}

/// `doc`'s score under `weight` as a bare explanation named `name`.
pub(crate) fn explain_score(
    weight: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
    name: &'static str,
) -> tantivy::Result<Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.doc() > doc || scorer.seek(doc) != doc {
        return Err(TantivyError::InvalidArgument(format!(
            "document #{doc} does not match"
        )));
    }
    Ok(Explanation::new(name, scorer.score()))
}

/// A term's postings scored with BM25, as tantivy's `TermScorer` scores them.
struct TermScorer {
    postings: SlotPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for TermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for TermScorer {
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.doc());
        self.bm25.score(norm, self.postings.term_freq())
    }
}
