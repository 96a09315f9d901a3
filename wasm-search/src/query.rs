//! From the search box to a tantivy query.
//!
//! Space-separated parts are ANDed. Inside a part, every word is a term and
//! every CJK run is a unit of its own: one character is a term that
//! [`crate::site_query`] looks up as every term the character starts, longer
//! runs are a phrase over bigrams that cover the run (non-overlapping where
//! possible: `ABCDE` is `AB`@0 `CD`@2 `DE`@3, which is exact because the index
//! puts a gap between runs). Text in quotes (`"…"`, `“…”`)
//! is one phrase over all of its tokens. Each unit matches the title (boosted)
//! or the body: [`crate::site_query`] turns the units into a tantivy query.

use std::collections::BTreeSet;

use crate::tokenizer::{segments, Segment, SEGMENT_GAP};

/// One thing every hit must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    Term(String),
    /// Terms with their positions relative to the first.
    Phrase(Vec<(usize, String)>),
}

impl Unit {
    fn from_terms(mut terms: Vec<(usize, String)>) -> Option<Unit> {
        match terms.len() {
            0 => None,
            1 => terms.pop().map(|(_, text)| Unit::Term(text)),
            _ => Some(Unit::Phrase(terms)),
        }
    }

    fn texts(&self) -> Vec<&str> {
        match self {
            Unit::Term(text) => vec![text.as_str()],
            Unit::Phrase(terms) => terms.iter().map(|(_, t)| t.as_str()).collect(),
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '＂')
}

/// Splits on whitespace outside quotes; returns (quoted, text) parts.
fn parts(query: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        if is_quote(c) {
            out.push((quoted, std::mem::take(&mut current)));
            quoted = !quoted;
        } else if !quoted && (c.is_whitespace() || c == '\u{3000}') {
            out.push((false, std::mem::take(&mut current)));
        } else {
            current.push(c);
        }
    }
    out.push((quoted, current));
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// Where the bigrams covering a run of `n ≥ 2` characters start: every other
/// character, plus the last pair if `n` is odd. Fewer terms mean fewer
/// dictionary blocks and position lists to fetch.
fn bigram_starts(n: usize) -> Vec<usize> {
    let mut starts: Vec<usize> = (0..n - 1).step_by(2).collect();
    if n % 2 == 1 {
        starts.push(n - 2);
    }
    starts.dedup();
    starts
}

/// The terms of a segment placed from `position`, as the tokenizer indexes
/// them: bigrams cover a run (a lone character stands for every term it starts).
fn segment_terms(segment: &Segment, position: usize) -> Vec<(usize, String)> {
    match segment {
        Segment::Word { text, .. } => vec![(position, text.clone())],
        Segment::Cjk { chars } if chars.len() == 1 => vec![(position, chars[0].0.to_string())],
        Segment::Cjk { chars } => bigram_starts(chars.len())
            .into_iter()
            .map(|i| (position + i, [chars[i].0, chars[i + 1].0].iter().collect()))
            .collect(),
    }
}

/// Parses the search box into units.
pub(crate) fn parse(query: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    for (quoted, text) in parts(query) {
        if quoted {
            let mut terms = Vec::new();
            let mut position = 0;
            for segment in segments(&text) {
                terms.extend(segment_terms(&segment, position));
                position += segment.width() + SEGMENT_GAP;
            }
            units.extend(Unit::from_terms(terms));
        } else {
            for segment in segments(&text) {
                units.extend(Unit::from_terms(segment_terms(&segment, 0)));
            }
        }
    }
    units.dedup();
    units
}

/// Every term text of the units, for highlighting.
pub(crate) fn highlight_terms(units: &[Unit]) -> BTreeSet<String> {
    units
        .iter()
        .flat_map(|u| u.texts())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(terms: &[(usize, &str)]) -> Unit {
        Unit::Phrase(terms.iter().map(|(p, t)| (*p, t.to_string())).collect())
    }

    #[test]
    fn chinese_runs_are_bigram_phrases_and_single_chars_unigrams() {
        assert_eq!(
            parse("三孩政策 孕"),
            vec![phrase(&[(0, "三孩"), (2, "政策")]), Unit::Term("孕".into())]
        );
        assert_eq!(parse("优生"), vec![Unit::Term("优生".into())]);
    }

    #[test]
    fn words_and_runs_in_one_part_are_separate_units() {
        assert_eq!(
            parse("2022年三孩政策 HPV"),
            vec![
                Unit::Term("2022".into()),
                phrase(&[(0, "年三"), (2, "孩政"), (3, "政策")]),
                Unit::Term("hpv".into()),
            ]
        );
    }

    #[test]
    fn quotes_make_one_phrase_with_index_positions() {
        assert_eq!(
            parse("\"2022年 三孩\""),
            vec![phrase(&[(0, "2022"), (2, "年"), (4, "三孩")])]
        );
        assert_eq!(
            parse("“计划 生育”"),
            vec![phrase(&[(0, "计划"), (3, "生育")])]
        );
    }

    #[test]
    fn bigram_cover_is_minimal_and_complete() {
        assert_eq!(bigram_starts(2), [0]);
        assert_eq!(bigram_starts(3), [0, 1]);
        assert_eq!(bigram_starts(4), [0, 2]);
        assert_eq!(bigram_starts(5), [0, 2, 3]);
        assert_eq!(bigram_starts(6), [0, 2, 4]);
        for n in 2..12 {
            let covered: Vec<usize> = bigram_starts(n).iter().flat_map(|&s| [s, s + 1]).collect();
            assert!((0..n).all(|i| covered.contains(&i)), "{n}");
        }
    }

    #[test]
    fn empty_and_punctuation_only_queries_have_no_units() {
        assert!(parse("").is_empty());
        assert!(parse("  ，。！ \"\" ").is_empty());
    }
}
