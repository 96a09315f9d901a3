//! The units of a search as one tantivy query: every unit must match, in the
//! title (boosted) or the body, and so must every filter.

use std::fmt;

use tantivy::query::{BooleanWeight, BoostWeight, Occur, SumCombiner, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::char_postings::CharTerms;
use crate::phrase::phrase_weight;
use crate::query::Unit;
use crate::schema::Fields;
use crate::segments::Segments;
use crate::sort::sort_few_by_key;
use crate::term_weight::{char_weight, term_weight, Slot};
use crate::tokenizer::TITLE_MARK;
use crate::SearchOptions;

/// How much more a match in the title counts than one in the body.
pub const TITLE_BOOST: f32 = 3.0;

/// A unit's query in one field.
#[derive(Clone)]
enum Leaf {
    Term(Term),
    /// A lone CJK character: every term that starts with it.
    Char(CharTerms),
    /// The slots with their positions in the phrase, in position order.
    Phrase(Vec<(usize, Slot)>),
}

/// What a search reads from the index for one of its terms, with whether it
/// reads positions.
pub(crate) enum Read<'a> {
    Term(&'a Term, bool),
    /// The postings of a character's dictionary range.
    Char(&'a CharTerms, bool),
}

impl Leaf {
    /// The query for `unit` in the body, or in the title if `title`.
    fn new(unit: &Unit, field: Field, title: bool) -> Leaf {
        let slot = |text: &str| match CharTerms::of(text, field, title) {
            Some(chars) => Slot::Char(chars),
            None if title => {
                Slot::Term(Term::from_field_text(field, &format!("{text}{TITLE_MARK}")))
            }
            None => Slot::Term(Term::from_field_text(field, text)),
        };
        match unit {
            Unit::Term(text) => match slot(text) {
                Slot::Term(term) => Leaf::Term(term),
                Slot::Char(chars) => Leaf::Char(chars),
            },
            Unit::Phrase(terms) => {
                let mut terms: Vec<_> =
                    terms.iter().map(|(pos, text)| (*pos, slot(text))).collect();
                sort_few_by_key(&mut terms, |&(pos, _)| pos);
                Leaf::Phrase(terms)
            }
        }
    }

    fn weight(&self, segments: &Segments) -> tantivy::Result<Box<dyn Weight>> {
        match self {
            Leaf::Term(term) => term_weight(term, IndexRecordOption::WithFreqs, segments),
            Leaf::Char(chars) => char_weight(chars, segments),
            Leaf::Phrase(terms) => phrase_weight(terms, segments),
        }
    }

    fn reads<'a>(&'a self, visitor: &mut dyn FnMut(Read<'a>)) {
        match self {
            Leaf::Term(term) => visitor(Read::Term(term, false)),
            Leaf::Char(chars) => visitor(Read::Char(chars, false)),
            Leaf::Phrase(terms) => terms.iter().for_each(|(_, slot)| match slot {
                Slot::Term(term) => visitor(Read::Term(term, true)),
                Slot::Char(chars) => visitor(Read::Char(chars, true)),
            }),
        }
    }
}

/// The whole search as one weight: every unit must match, in the title
/// (boosted) or the body, and so must every filter, which adds nothing to
/// the score.
///
/// It holds the terms and phrases by value and builds their weights itself,
/// where `BooleanQuery` would box them as `dyn Query`. A `dyn Query` vtable
/// carries the query's `Debug`, `Term`'s `Debug` reaches `Facet`'s
/// `Display`, and that compiles the whole regex crate into the browser's
/// wasm: 180 KB gzipped for code no search runs. [`TermWeight`] closes the
/// other way there.
#[derive(Clone)]
pub(crate) struct SiteQuery {
    /// (title, body) per unit.
    units: Vec<(Leaf, Leaf)>,
    filters: Vec<Term>,
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
fn sum(clauses: Vec<(Occur, Box<dyn Weight>)>) -> Box<dyn Weight> {
    let minimum_should = usize::from(clauses.iter().all(|(occur, _)| *occur == Occur::Should));
    Box::new(BooleanWeight::with_minimum_number_should_match(
        clauses,
        minimum_should,
        true,
        Box::new(SumCombiner::default),
    ))
}

impl SiteQuery {
    /// The scoring weight, with BM25 statistics from `segments`.
    pub(crate) fn weight(&self, segments: &Segments) -> tantivy::Result<Box<dyn Weight>> {
        let mut clauses = Vec::with_capacity(self.units.len() + self.filters.len());
        for (title, body) in &self.units {
            let title = Box::new(BoostWeight::new(title.weight(segments)?, TITLE_BOOST));
            let either = vec![
                (Occur::Should, title as Box<dyn Weight>),
                (Occur::Should, body.weight(segments)?),
            ];
            clauses.push((Occur::Must, sum(either)));
        }
        for filter in &self.filters {
            let weight = term_weight(filter, IndexRecordOption::Basic, segments)?;
            clauses.push((
                Occur::Must,
                Box::new(BoostWeight::new(weight, 0.0)) as Box<dyn Weight>,
            ));
        }
        Ok(sum(clauses))
    }

    /// Everything the search reads, with whether positions are read (phrases).
    pub(crate) fn reads<'a>(&'a self, visitor: &mut dyn FnMut(Read<'a>)) {
        for (title, body) in &self.units {
            title.reads(visitor);
            body.reads(visitor);
        }
        for filter in &self.filters {
            visitor(Read::Term(filter, false));
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
    let filter = |field: Field, value: &str| Term::from_field_text(field, value);
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
    use tantivy::query::{
        BooleanQuery, BoostQuery, ConstScoreQuery, PhraseQuery, Query, TermQuery,
    };

    use super::*;
    use crate::query::parse;
    use crate::{build_index, SearchDoc};

    /// The query as stock tantivy would build it from boxed queries.
    fn reference(units: &[Unit], fields: &Fields, opts: &SearchOptions) -> BooleanQuery {
        let leaf = |unit: &Unit, title: bool| -> Box<dyn Query> {
            let stock_term = |slot| match slot {
                Slot::Term(term) => term,
                Slot::Char(_) => panic!("stock tantivy has no query for one character"),
            };
            match Leaf::new(unit, fields.text, title) {
                Leaf::Term(term) => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                Leaf::Char(_) => panic!("stock tantivy has no query for one character"),
                Leaf::Phrase(terms) => Box::new(PhraseQuery::new_with_offset(
                    terms
                        .into_iter()
                        .map(|(p, slot)| (p, stock_term(slot)))
                        .collect(),
                )),
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

    /// Queries without a lone character (which `char_postings` tests): stock
    /// tantivy has no query for every term that starts with a character.
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
            terms: Vec::new(),
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
        let index = crate::open_index(dir.path()).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segments = Segments::of_index(&index).unwrap();
        let fields = Fields::from_schema(searcher.schema()).unwrap();
        // (document, score bits) in document order.
        let by_doc = |hits: Vec<(f32, tantivy::DocAddress)>| -> Vec<(u32, u32)> {
            let mut hits: Vec<_> = hits
                .into_iter()
                .map(|(score, address)| (address.doc_id, score.to_bits()))
                .collect();
            hits.sort_unstable();
            hits
        };
        let top = TopDocs::with_limit(10).order_by_score();
        let stock = |query: &dyn Query| by_doc(searcher.search(query, &top).unwrap());
        let all = |query: &SiteQuery| by_doc(crate::search::ranked(&segments, query).unwrap());
        let mut compared = 0;
        for text in [
            "三孩政策",
            "健康",
            "家庭 健康",
            "\"优生优育\"",
            "hpv 免费",
            "孕前 检查",
        ] {
            for (section, tag) in [(None, None), (Some("news"), None), (None, Some("健康"))] {
                let opts = SearchOptions {
                    section: section.map(str::to_string),
                    tag: tag.map(str::to_string),
                    ..SearchOptions::default()
                };
                let units = parse(text);
                let ours = build(&units, &fields, &opts).unwrap();
                let expected = stock(&reference(&units, &fields, &opts));
                assert_eq!(all(&ours), expected, "{text} {opts:?}");
                // tantivy's phrase weight asserts (in debug builds) when asked
                // to explain a document before its first match, so only
                // term-only queries are explained.
                let terms_only = units.iter().all(|u| matches!(u, Unit::Term(_)));
                for &(doc, bits) in expected.iter().filter(|_| terms_only) {
                    let weight = ours.weight(&segments).unwrap();
                    let explained = weight.explain(&segments.readers()[0], doc).unwrap().value();
                    assert_eq!(explained.to_bits(), bits, "{text} {opts:?} #{doc}");
                }
                compared += expected.len();
            }
        }
        assert!(compared > 10, "only {compared} hits compared");
    }
}
