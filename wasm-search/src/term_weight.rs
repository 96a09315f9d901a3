//! One term's weight and scorer, scoring as tantivy's term query does (BM25
//! over the field's norms) but weighed from [`Segments`]: tantivy's own term
//! weight is made only through a `Searcher`, and its scorer is private.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, Explanation, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::segments::Segments;

/// The weight of `term`, reading its postings with `option`.
pub(crate) fn term_weight(
    term: &Term,
    option: IndexRecordOption,
    segments: &Segments,
) -> tantivy::Result<Box<dyn Weight>> {
    Ok(Box::new(TermWeight {
        term: term.clone(),
        option,
        bm25: Bm25Weight::for_terms(segments, std::slice::from_ref(term))?,
    }))
}

/// Explains a match without printing its term: tantivy's term weight
/// formats the term with `Debug` in `explain`, which would keep the regex
/// crate in the wasm (see `SiteQuery`).
struct TermWeight {
    term: Term,
    option: IndexRecordOption,
    bm25: Bm25Weight,
}

impl Weight for TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&self.term)? else {
            return Ok(Box::new(EmptyScorer));
        };
        let postings = inverted.read_postings_from_terminfo(&info, self.option)?;
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

/// A term's postings scored with BM25, as tantivy's `TermScorer` scores them.
struct TermScorer {
    postings: SegmentPostings,
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
