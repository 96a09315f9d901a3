//! Tests of one character's merged postings (`char_postings.rs`).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{Bm25Weight, Scorer};

use super::*;
use crate::schema::Fields;
use crate::term_weight::{char_weight, norms};
use crate::{build_index, SearchDoc};

fn page(url: &str, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        title: title.into(),
        section: "news".into(),
        section_title: "新闻".into(),
        tags: Vec::new(),
        date: None,
        url: url.into(),
        body: body.into(),
        terms: Vec::new(),
    }
}

const PAGES: [(&str, &str, &str); 5] = [
    ("/1/", "孕前优生", "孕前检查，孕期保健。孕"),
    ("/2/", "家庭健康", "孕产妇健康管理服务"),
    ("/3/", "青春健康", "青春期教育进校园"),
    ("/4/", "孕", "备孕 孕"),
    ("/5/", "优生优育", "生育友好"),
];

/// A character's documents, frequencies and scores are those of a term that
/// every occurrence of it would give: counted here straight from the text.
#[test]
fn a_character_scores_as_one_term_of_its_occurrences() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<_> = PAGES.iter().map(|&(u, t, b)| page(u, t, b)).collect();
    build_index(dir.path(), docs).unwrap();
    let index = crate::open_index(dir.path()).unwrap();
    let segments = Segments::of_index(&index).unwrap();
    let fields = Fields::from_schema(segments.schema()).unwrap();
    let reader = &segments.readers()[0];
    let total_docs = segments.total_num_docs().unwrap();
    let average = segments.total_num_tokens(fields.text).unwrap() as f32 / total_docs as f32;
    for (title, source) in [(false, 2), (true, 1)] {
        for c in ['孕', '健', '育', '园', '家'] {
            let chars = CharTerms::of(&c.to_string(), fields.text, title).unwrap();
            let counts: Vec<(DocId, u32)> = PAGES
                .iter()
                .enumerate()
                .map(|(doc, page)| {
                    let text = if source == 1 { page.1 } else { page.2 };
                    (doc as DocId, text.matches(c).count() as u32)
                })
                .filter(|&(_, n)| n > 0)
                .collect();
            assert_eq!(
                chars.doc_freq(&segments).unwrap(),
                counts.len() as u64,
                "{c}"
            );
            let bm25 = Bm25Weight::for_one_term(counts.len() as u64, total_docs, average);
            let norms: FieldNormReader = norms(reader, fields.text).unwrap();
            let expected: Vec<(DocId, u32)> = counts
                .iter()
                .map(|&(doc, n)| (doc, bm25.score(norms.fieldnorm_id(doc), n).to_bits()))
                .collect();
            let weight = char_weight(&chars, &segments).unwrap();
            let mut scorer = weight.scorer(reader, 1.0).unwrap();
            let mut scored = Vec::new();
            while scorer.doc() != TERMINATED {
                scored.push((scorer.doc(), scorer.score().to_bits()));
                scorer.advance();
            }
            assert_eq!(
                scored,
                expected,
                "{c} in the {}",
                ["body", "title"][source % 2]
            );
        }
    }
}

#[test]
fn merged_positions_are_each_occurrence_in_order() {
    let dir = tempfile::tempdir().unwrap();
    build_index(dir.path(), &[page("/1/", "标题", "孕前检查，孕期保健。孕")]).unwrap();
    let index = crate::open_index(dir.path()).unwrap();
    let segments = Segments::of_index(&index).unwrap();
    let fields = Fields::from_schema(segments.schema()).unwrap();
    let chars = CharTerms::of("孕", fields.text, false).unwrap();
    let option = IndexRecordOption::WithFreqsAndPositions;
    let mut postings = chars.postings(&segments.readers()[0], option).unwrap();
    assert_eq!((postings.doc(), postings.term_freq()), (0, 3));
    let mut positions = Vec::new();
    postings.positions_with_offset(10, &mut positions);
    // The title 标题 at 0–1 and tantivy's gap between a field's values; then
    // 孕前检查 at 3–6, a gap, 孕期保健 at 8–11, a gap, 孕 at 13; plus 10.
    assert_eq!(positions, [13, 18, 23]);
    assert_eq!(postings.advance(), TERMINATED);
    assert_eq!(postings.seek(5), TERMINATED);
}

#[test]
fn only_a_single_cjk_character_is_a_character_query() {
    let (_, fields) = crate::schema::schema();
    assert!(CharTerms::of("孕", fields.text, false).is_some());
    for text in ["孕妇", "a", "7", "", "，"] {
        assert_eq!(CharTerms::of(text, fields.text, false), None, "{text}");
    }
}
