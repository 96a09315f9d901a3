//! The units of a search as one tantivy query: every unit must match, in the
//! title (boosted) or the body, and so must every filter.

use std::fmt;

use tantivy::query::{
    BooleanWeight, BoostWeight, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer,
    SumCombiner, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::query::Unit;
use crate::schema::Fields;
use crate::tokenizer::TITLE_MARK;
use crate::SearchOptions;

/// How much more a match in the title counts than one in the body.
pub const TITLE_BOOST: f32 = 3.0;

/// A unit's query in one field.
#[derive(Clone)]
enum Leaf {
    Term(TermQuery),
    Phrase(PhraseQuery),
}

impl Leaf {
    /// The query for `unit` in the body, or in the title if `title`.
    fn new(unit: &Unit, field: Field, title: bool) -> Leaf {
        let term = |text: &str| {
            if title {
                Term::from_field_text(field, &format!("{text}{TITLE_MARK}"))
            } else {
                Term::from_field_text(field, text)
            }
        };
        match unit {
            Unit::Term(text) => {
                Leaf::Term(TermQuery::new(term(text), IndexRecordOption::WithFreqs))
            }
            Unit::Phrase(terms) => Leaf::Phrase(PhraseQuery::new_with_offset(
                terms.iter().map(|(pos, text)| (*pos, term(text))).collect(),
            )),
        }
    }

    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match self {
            Leaf::Term(query) => term_weight(query, scoring),
            Leaf::Phrase(query) => query.weight(scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        match self {
            Leaf::Term(query) => query.query_terms(visitor),
            Leaf::Phrase(query) => query.query_terms(visitor),
        }
    }
}

/// A term query's weight behind [`Quiet`].
fn term_weight(query: &TermQuery, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
    Ok(Box::new(Quiet(query.specialized_weight(scoring)?)))
}

/// A weight that scores like the one it wraps but explains a match without
/// printing its term: tantivy's term weight formats the term with `Debug`
/// in `explain`, which would keep the regex crate in the wasm (see
/// [`SiteQuery`]).
struct Quiet<W>(W);

impl<W: Weight> Weight for Quiet<W> {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.0.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new("term", scorer.score()))
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.0.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.0.for_each_pruning(threshold, reader, callback)
    }
}

/// The whole search as one tantivy query: every unit must match, in the title
/// (boosted) or the body, and so must every filter, which adds nothing to
/// the score.
///
/// It holds the term and phrase queries by value and builds their weights
/// itself, where `BooleanQuery` would box them as `dyn Query`. A `dyn Query`
/// vtable carries the query's `Debug`, `Term`'s `Debug` reaches `Facet`'s
/// `Display`, and that compiles the whole regex crate into the browser's
/// wasm: 180 KB gzipped for code no search runs. [`Quiet`] closes the other
/// way there.
#[derive(Clone)]
pub(crate) struct SiteQuery {
    /// (title, body) per unit.
    units: Vec<(Leaf, Leaf)>,
    filters: Vec<TermQuery>,
}

impl fmt::Debug for SiteQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SiteQuery({} units, {} filters)",
            self.units.len(),
            self.filters.len()
        )
    }
}

/// Sums the scores of `clauses`; `should` clauses need one match among them.
fn sum(clauses: Vec<(Occur, Box<dyn Weight>)>, scoring: bool) -> Box<dyn Weight> {
    let minimum_should = usize::from(clauses.iter().all(|(occur, _)| *occur == Occur::Should));
    Box::new(BooleanWeight::with_minimum_number_should_match(
        clauses,
        minimum_should,
        scoring,
        Box::new(SumCombiner::default),
    ))
}

/// Multiplies the scores of `weight` by `factor` when scoring.
fn scaled(weight: Box<dyn Weight>, factor: f32, scoring: bool) -> Box<dyn Weight> {
    if scoring {
        Box::new(BoostWeight::new(weight, factor))
    } else {
        weight
    }
}

impl Query for SiteQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let scoring = enable_scoring.is_scoring_enabled();
        let mut clauses = Vec::with_capacity(self.units.len() + self.filters.len());
        for (title, body) in &self.units {
            let title = scaled(title.weight(enable_scoring)?, TITLE_BOOST, scoring);
            let either = vec![
                (Occur::Should, title),
                (Occur::Should, body.weight(enable_scoring)?),
            ];
            clauses.push((Occur::Must, sum(either, scoring)));
        }
        for filter in &self.filters {
            let weight = term_weight(filter, enable_scoring)?;
            clauses.push((Occur::Must, scaled(weight, 0.0, scoring)));
        }
        Ok(sum(clauses, scoring))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (title, body) in &self.units {
            title.query_terms(visitor);
            body.query_terms(visitor);
        }
        for filter in &self.filters {
            filter.query_terms(visitor);
        }
    }
}

/// The query for `units` with the filters of `opts`; `None` if there is
/// nothing to search for.
pub(crate) fn build(units: &[Unit], fields: &Fields, opts: &SearchOptions) -> Option<SiteQuery> {
    if units.is_empty() {
        return None;
    }
    let units = units
        .iter()
        .map(|unit| {
            (
                Leaf::new(unit, fields.text, true),
                Leaf::new(unit, fields.text, false),
            )
        })
        .collect();
    let filter = |field: Field, value: &str| {
        TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )
    };
    let filters = [
        opts.section.as_deref().map(|s| filter(fields.section, s)),
        opts.tag.as_deref().map(|t| filter(fields.tags, t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(SiteQuery { units, filters })
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery};

    use super::*;
    use crate::query::parse;
    use crate::{build_index, SearchDoc};

    /// The query as stock tantivy would build it from boxed queries.
    fn reference(units: &[Unit], fields: &Fields, opts: &SearchOptions) -> BooleanQuery {
        let leaf = |unit: &Unit, title: bool| -> Box<dyn Query> {
            match Leaf::new(unit, fields.text, title) {
                Leaf::Term(query) => Box::new(query),
                Leaf::Phrase(query) => Box::new(query),
            }
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = units
            .iter()
            .map(|unit| {
                let title = Box::new(BoostQuery::new(leaf(unit, true), TITLE_BOOST));
                let either = BooleanQuery::new(vec![
                    (Occur::Should, title as Box<dyn Query>),
                    (Occur::Should, leaf(unit, false)),
                ]);
                (Occur::Must, Box::new(either) as Box<dyn Query>)
            })
            .collect();
        for (field, value) in [(fields.section, &opts.section), (fields.tags, &opts.tag)] {
            if let Some(value) = value {
                let term = TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                );
                let filter = ConstScoreQuery::new(Box::new(term), 0.0);
                clauses.push((Occur::Must, Box::new(filter)));
            }
        }
        BooleanQuery::new(clauses)
    }

    #[test]
    fn site_query_scores_exactly_like_stock_boolean_queries() {
        let page = |url: &str, section: &str, tag: &str, title: &str, body: &str| SearchDoc {
            title: title.into(),
            section: section.into(),
            section_title: section.into(),
            tags: vec![tag.into()],
            date: None,
            url: url.into(),
            body: body.into(),
        };
        let dir = tempfile::tempdir().unwrap();
        build_index(
            dir.path(),
            &[
                page(
                    "/1/",
                    "news",
                    "政策",
                    "三孩政策解读",
                    "三孩政策配套措施陆续出台。",
                ),
                page(
                    "/2/",
                    "news",
                    "健康",
                    "家庭健康讲座",
                    "讲座介绍三孩政策和优生优育。",
                ),
                page(
                    "/3/",
                    "youth",
                    "健康",
                    "青春健康",
                    "青春期健康教育进校园，家庭参与。",
                ),
                page(
                    "/4/",
                    "youth",
                    "政策",
                    "优生优育",
                    "孕前检查 免费 HPV 疫苗。",
                ),
            ],
        )
        .unwrap();
        let searcher = crate::open_index(dir.path())
            .unwrap()
            .reader()
            .unwrap()
            .searcher();
        let fields = Fields::from_schema(searcher.schema()).unwrap();
        let all = |query: &dyn Query| -> Vec<(u32, u32)> {
            let top = TopDocs::with_limit(10).order_by_score();
            let mut hits: Vec<_> = searcher
                .search(query, &top)
                .unwrap()
                .into_iter()
                .map(|(score, address)| (address.doc_id, score.to_bits()))
                .collect();
            hits.sort_unstable();
            hits
        };
        let mut compared = 0;
        for text in [
            "三孩政策",
            "健康",
            "家庭 健康",
            "\"优生优育\"",
            "hpv 免费",
            "孕",
        ] {
            for (section, tag) in [(None, None), (Some("news"), None), (None, Some("健康"))] {
                let opts = SearchOptions {
                    section: section.map(str::to_string),
                    tag: tag.map(str::to_string),
                    ..SearchOptions::default()
                };
                let units = parse(text);
                let ours = build(&units, &fields, &opts).unwrap();
                let expected = all(&reference(&units, &fields, &opts));
                assert_eq!(all(&ours), expected, "{text} {opts:?}");
                // tantivy's phrase weight asserts (in debug builds) when asked
                // to explain a document before its first match, so only
                // term-only queries are explained.
                let terms_only = units.iter().all(|u| matches!(u, Unit::Term(_)));
                for &(doc, bits) in expected.iter().filter(|_| terms_only) {
                    let address = tantivy::DocAddress::new(0, doc);
                    let explained = ours.explain(&searcher, address).unwrap().value();
                    assert_eq!(explained.to_bits(), bits, "{text} {opts:?} #{doc}");
                }
                compared += expected.len();
            }
        }
        assert!(compared > 10, "only {compared} hits compared");
    }
}
