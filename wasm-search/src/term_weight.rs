//! One term's weight and scorer, scoring as tantivy's term query does (BM25
//! over the field's norms) but weighed from [`Segments`]: tantivy's own term
//! weight is made only through a `Searcher`, and its scorer is private.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, Explanation, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::char_postings::{CharPostings, CharStatistics, CharTerms};
use crate::segments::Segments;

/// The weight of `term`, reading its postings with `option`.
pub(crate) fn term_weight(
    term: &Term,
    option: IndexRecordOption,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    Ok(Box::new(TermWeight {
        source: Source::Term(term.clone()),
        option,
        bm25: Bm25Weight::for_terms(segments, std::slice::from_ref(term))?,
    }))
}

/// The weight of a lone CJK character: BM25 of its frequency, as of one term
/// (`crate::char_postings`).
pub(crate) fn char_weight(
    chars: &CharTerms,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    let statistics = CharStatistics::new(segments, [chars])?;
    Ok(Box::new(TermWeight {
        source: Source::Char(chars.clone()),
        option: IndexRecordOption::WithFreqs,
        bm25: Bm25Weight::for_terms(&statistics, &[chars.unigram()])?,
    }))
}

/// What a [`TermWeight`] scores: one term, or every term a character starts.
enum Source {
    Term(Term),
    Char(CharTerms),
}

/// Explains a match without printing its term: tantivy's term weight
/// formats the term with `Debug` in `explain`, which would keep the regex
/// crate in the wasm (see `SiteQuery`). One weight for terms and characters:
/// each `Weight` impl brings its own copies of the trait's provided methods.
struct TermWeight {
    source: Source,
    option: IndexRecordOption,
    bm25: Bm25Weight,
}

impl Weight for TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (field, postings) = match &self.source {
            Source::Term(term) => {
                let inverted = reader.inverted_index(term.field())?;
                let Some(info) = inverted.get_term_info(term)? else {
                    return Ok(Box::new(EmptyScorer));
                };
                let postings = inverted.read_postings_from_terminfo(&info, self.option)?;
                (term.field(), SourcePostings::Term(postings))
            }
            Source::Char(chars) => {
                let postings = chars.postings(reader, self.option)?;
                if postings.doc() == tantivy::TERMINATED {
                    return Ok(Box::new(EmptyScorer));
                }
                (chars.field(), SourcePostings::Char(postings))
            }
        };
        Ok(Box::new(TermScorer {
            postings,
            norms: norms(reader, field)?,
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

/// A term's or a character's postings. Each scorer holds one, in place: boxing
/// the larger would allocate for every term of every query.
#[allow(clippy::large_enum_variant)]
enum SourcePostings {
    Term(SegmentPostings),
    Char(CharPostings),
}

/// A term's postings scored with BM25, as tantivy's `TermScorer` scores them.
struct TermScorer {
    postings: SourcePostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for TermScorer {
    fn advance(&mut self) -> DocId {
        match &mut self.postings {
            SourcePostings::Term(p) => p.advance(),
            SourcePostings::Char(p) => p.advance(),
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        match &mut self.postings {
            SourcePostings::Term(p) => p.seek(target),
            SourcePostings::Char(p) => p.seek(target),
        }
    }

    fn doc(&self) -> DocId {
        match &self.postings {
            SourcePostings::Term(p) => p.doc(),
            SourcePostings::Char(p) => p.doc(),
        }
    }

    fn size_hint(&self) -> u32 {
        match &self.postings {
            SourcePostings::Term(p) => p.size_hint(),
            SourcePostings::Char(p) => p.size_hint(),
        }
    }
}

impl Scorer for TermScorer {
    fn score(&mut self) -> Score {
        let norm = self.norms.fieldnorm_id(self.doc());
        let freq = match &self.postings {
            SourcePostings::Term(p) => p.term_freq(),
            SourcePostings::Char(p) => p.term_freq(),
        };
        self.bm25.score(norm, freq)
    }
}
