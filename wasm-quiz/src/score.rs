//! Marking one response against the answer key.
//!
//! Responses and keys are in *display* terms (option positions as shown on
//! the paper); the paper's option order maps them back to the bank's order.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Answer, Question, QuestionKind, Scoring};
use crate::normalize::matches_any;

/// What the reader answered. Option indices are 0-based display positions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Response {
    Choice(usize),
    Choices(Vec<usize>),
    Truth(bool),
    Text(String),
}

/// The correct answer, in display terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Key {
    Choice(usize),
    Choices(Vec<usize>),
    Truth(bool),
    Texts(Vec<String>),
}

/// The outcome of marking one question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mark {
    pub points: f64,
    pub max: f64,
    /// Fully correct (partial credit does not count).
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The response has the wrong shape for the question type.
    WrongKind(QuestionKind),
    /// An option index beyond the question's options.
    NoSuchOption(usize),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::WrongKind(k) => {
                let want = match k {
                    QuestionKind::Single => "{\"choice\": n}",
                    QuestionKind::Multiple => "{\"choices\": [n, …]}",
                    QuestionKind::TrueFalse => "{\"truth\": true|false}",
                    QuestionKind::FillBlank => "{\"text\": \"…\"}",
                };
                write!(
                    f,
                    "a {} question expects a response like {want}",
                    k.as_str()
                )
            }
            ResponseError::NoSuchOption(i) => write!(f, "there is no option {i}"),
        }
    }
}

impl std::error::Error for ResponseError {}

/// Round to hundredths, so that sums of thirds still reach a pass mark.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The original option index for display position `shown`.
fn original(order: &[usize], shown: usize, n_options: usize) -> Result<usize, ResponseError> {
    if shown >= n_options {
        return Err(ResponseError::NoSuchOption(shown));
    }
    Ok(order.get(shown).copied().unwrap_or(shown))
}

/// The display position of original option `orig`.
fn shown(order: &[usize], orig: usize) -> usize {
    order.iter().position(|&o| o == orig).unwrap_or(orig)
}

/// Mark `response` to question `q` shown with option `order` (display
/// position → original index; empty means unshuffled).
pub fn mark(
    q: &Question,
    order: &[usize],
    response: &Response,
    scoring: &Scoring,
) -> Result<Mark, ResponseError> {
    let max = scoring.points(q.kind());
    let n = q.options.len();
    let (fraction, correct) = match (&q.answer, response) {
        (Answer::Single(key), Response::Choice(c)) => {
            let ok = original(order, *c, n)? == *key;
            (if ok { 1.0 } else { 0.0 }, ok)
        }
        (Answer::Multiple(keys), Response::Choices(cs)) => {
            let mut picked = cs
                .iter()
                .map(|&c| original(order, c, n))
                .collect::<Result<Vec<_>, _>>()?;
            picked.sort_unstable();
            picked.dedup();
            multiple_fraction(keys, &picked, scoring.partial_credit)
        }
        (Answer::TrueFalse(key), Response::Truth(t)) => {
            let ok = key == t;
            (if ok { 1.0 } else { 0.0 }, ok)
        }
        (Answer::FillBlank(accepted), Response::Text(t)) => {
            let ok = matches_any(t, accepted);
            (if ok { 1.0 } else { 0.0 }, ok)
        }
        _ => return Err(ResponseError::WrongKind(q.kind())),
    };
    Ok(Mark {
        points: round2(max * fraction),
        max,
        correct,
    })
}

/// Moodle/H5P style: each right pick earns 1/#keys, each wrong pick costs
/// 1/#keys, clamped to [0, 1]. `picked` is sorted and free of duplicates.
fn multiple_fraction(keys: &[usize], picked: &[usize], partial: bool) -> (f64, bool) {
    let exact = keys == picked;
    if exact {
        return (1.0, true);
    }
    if !partial || keys.is_empty() {
        return (0.0, false);
    }
    let right = picked.iter().filter(|p| keys.contains(p)).count() as f64;
    let wrong = picked.len() as f64 - right;
    let fraction = ((right - wrong) / keys.len() as f64).clamp(0.0, 1.0);
    (fraction, false)
}

/// The answer key of `q` in display terms.
pub fn key(q: &Question, order: &[usize]) -> Key {
    match &q.answer {
        Answer::Single(k) => Key::Choice(shown(order, *k)),
        Answer::Multiple(ks) => {
            let mut v: Vec<usize> = ks.iter().map(|&k| shown(order, k)).collect();
            v.sort_unstable();
            Key::Choices(v)
        }
        Answer::TrueFalse(b) => Key::Truth(*b),
        Answer::FillBlank(a) => Key::Texts(a.clone()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn question(id: &str, answer: Answer, n_options: usize) -> Question {
        Question {
            id: id.to_owned(),
            bank: "bank".to_owned(),
            stem: format!("stem of {id}"),
            options: (0..n_options).map(|i| format!("option {i}")).collect(),
            answer,
            explanation: "because".to_owned(),
            difficulty: 1,
            tags: Vec::new(),
            source: "source".to_owned(),
            source_url: None,
        }
    }

    fn scoring(partial: bool) -> Scoring {
        Scoring {
            single: 5.0,
            multiple: 6.0,
            true_false: 2.0,
            fill_blank: 4.0,
            partial_credit: partial,
        }
    }

    #[test]
    fn single_choice_maps_through_the_option_order() {
        let q = question("q", Answer::Single(1), 4);
        let order = [2, 3, 1, 0]; // original option 1 is shown third
        let s = scoring(false);
        assert_eq!(
            mark(&q, &order, &Response::Choice(2), &s).unwrap().points,
            5.0
        );
        assert_eq!(
            mark(&q, &order, &Response::Choice(1), &s).unwrap().points,
            0.0
        );
        assert_eq!(key(&q, &order), Key::Choice(2));
        assert_eq!(
            mark(&q, &order, &Response::Choice(4), &s),
            Err(ResponseError::NoSuchOption(4))
        );
    }

    #[test]
    fn multiple_partial_credit_follows_moodle() {
        let q = question("q", Answer::Multiple(vec![0, 1, 2]), 5);
        let s = scoring(true);
        let pts = |c: Vec<usize>| mark(&q, &[], &Response::Choices(c), &s).unwrap().points;
        assert_eq!(pts(vec![0, 1, 2]), 6.0);
        assert_eq!(pts(vec![2, 1, 0, 0]), 6.0);
        assert_eq!(pts(vec![0, 1]), 4.0);
        assert_eq!(pts(vec![0, 1, 3]), 2.0);
        assert_eq!(pts(vec![0, 3, 4]), 0.0);
        assert_eq!(pts(vec![0, 1, 2, 3, 4]), 2.0);
        assert_eq!(pts(vec![]), 0.0);
        assert!(
            !mark(&q, &[], &Response::Choices(vec![0, 1]), &s)
                .unwrap()
                .correct
        );
    }

    #[test]
    fn multiple_without_partial_credit_is_all_or_nothing() {
        let q = question("q", Answer::Multiple(vec![0, 2]), 4);
        let s = scoring(false);
        let pts = |c: Vec<usize>| mark(&q, &[], &Response::Choices(c), &s).unwrap().points;
        assert_eq!(pts(vec![0, 2]), 6.0);
        assert_eq!(pts(vec![0]), 0.0);
    }

    #[test]
    fn true_false_and_fill_blank() {
        let s = scoring(false);
        let tf = question("tf", Answer::TrueFalse(false), 0);
        assert_eq!(
            mark(&tf, &[], &Response::Truth(false), &s).unwrap().points,
            2.0
        );
        assert_eq!(
            mark(&tf, &[], &Response::Truth(true), &s).unwrap().points,
            0.0
        );
        let fb = question("fb", Answer::FillBlank(vec!["1982年".into()]), 0);
        let m = mark(&fb, &[], &Response::Text("１９８２ 年。".into()), &s).unwrap();
        assert!(m.correct);
        assert_eq!(m.points, 4.0);
    }

    #[test]
    fn wrong_shape_is_an_error() {
        let q = question("q", Answer::TrueFalse(true), 0);
        let err = mark(&q, &[], &Response::Choice(0), &scoring(false)).unwrap_err();
        assert_eq!(err, ResponseError::WrongKind(QuestionKind::TrueFalse));
        assert!(err.to_string().contains("truth"));
    }
}
