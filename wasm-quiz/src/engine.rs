//! The engine the contest page drives: a loaded bundle plus the operations on
//! a [`Session`]. Everything here is plain Rust; `wasm.rs` only adds JSON.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bundle::{ContestBundle, BUNDLE_FORMAT};
use crate::draw::{draw_paper, Paper, PaperQuestion};
use crate::model::{Contest, Question, QuestionKind, Review};
use crate::score::{key, mark, round2, Key, Mark, Response};
use crate::session::{Session, SessionError, Timing};

#[derive(Debug, Clone)]
pub struct Engine {
    bundle: ContestBundle,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EngineError {
    Json(String),
    /// Valid JSON that is not a contest bundle.
    Shape(String),
    Format(u32),
    /// A question whose key does not fit its options, or a repeated id.
    Invalid(String),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Json(e) => write!(f, "contest bundle is not valid JSON: {e}"),
            EngineError::Shape(e) => write!(f, "contest bundle has an unexpected shape: {e}"),
            EngineError::Format(v) => write!(
                f,
                "contest bundle has format {v}, this engine reads format {BUNDLE_FORMAT}"
            ),
            EngineError::Invalid(e) => write!(f, "contest bundle is inconsistent: {e}"),
        }
    }
}

impl std::error::Error for EngineError {}

/// What the page may show after an answer; `reveal` only under
/// `review: after_each`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Feedback {
    pub index: usize,
    pub answered: usize,
    pub reveal: Option<Reveal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reveal {
    pub correct: bool,
    pub points: f64,
    pub max: f64,
    pub key: Key,
    pub explanation: String,
    pub source: String,
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewEntry {
    pub index: usize,
    pub id: String,
    pub kind: QuestionKind,
    pub stem: String,
    /// Options in the order the reader saw them.
    pub options: Vec<String>,
    pub response: Option<Response>,
    pub key: Key,
    pub correct: bool,
    pub points: f64,
    pub max: f64,
    pub explanation: String,
    pub source: String,
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuizResult {
    pub contest_id: String,
    pub fingerprint: String,
    pub total: f64,
    pub max: f64,
    pub pass_mark: f64,
    pub passed: bool,
    pub answered: usize,
    pub correct: usize,
    pub elapsed_ms: f64,
    pub timing: Timing,
    pub entries: Vec<ReviewEntry>,
}

impl Engine {
    pub fn new(bundle: ContestBundle) -> Result<Engine, EngineError> {
        if bundle.format != BUNDLE_FORMAT {
            return Err(EngineError::Format(bundle.format));
        }
        for (i, q) in bundle.questions.iter().enumerate() {
            check_key(q).map_err(EngineError::Invalid)?;
            if bundle.questions[..i].iter().any(|p| p.id == q.id) {
                return Err(EngineError::Invalid(format!("id `{}` repeats", q.id)));
            }
        }
        Ok(Engine { bundle })
    }

    /// Read a bundle as written by `serde_json::to_string(&ContestBundle)`.
    pub fn from_bundle_json(json: &str) -> Result<Engine, EngineError> {
        let tree = crate::json::parse(json).map_err(EngineError::Json)?;
        let bundle = crate::decode::read_bundle(&tree).map_err(EngineError::Shape)?;
        Engine::new(bundle)
    }

    pub fn contest(&self) -> &Contest {
        &self.bundle.contest
    }

    pub fn bundle(&self) -> &ContestBundle {
        &self.bundle
    }

    pub fn paper(&self, seed: u64) -> Paper {
        draw_paper(&self.bundle.questions, &self.bundle.contest, seed)
    }

    pub fn start(&self, seed: u64, now_ms: f64, timing: Timing) -> Session {
        Session::new(&self.paper(seed), self.contest(), now_ms, timing)
    }

    /// The session's paper, redrawn; an error if the contest has changed.
    pub fn session_paper(&self, session: &Session) -> Result<Paper, SessionError> {
        let paper = self.paper(session.seed);
        let same = paper.fingerprint == session.fingerprint
            && paper.contest_id == session.contest_id
            && paper.questions.len() == session.responses.len();
        same.then_some(paper).ok_or(SessionError::Stale)
    }

    /// Record `response` to question `index` of the paper.
    pub fn answer(
        &self,
        session: &mut Session,
        index: usize,
        response: Response,
        now_ms: f64,
    ) -> Result<Feedback, SessionError> {
        let paper = self.session_paper(session)?;
        session.check_answerable(index, now_ms)?;
        let pq = &paper.questions[index];
        let q = self.question(pq)?;
        let m = mark(q, &pq.option_order, &response, &self.contest().scoring)
            .map_err(|e| SessionError::Response(index, e))?;
        let reveal = (session.review == Review::AfterEach).then(|| Reveal {
            correct: m.correct,
            points: m.points,
            max: m.max,
            key: key(q, &pq.option_order),
            explanation: q.explanation.clone(),
            source: q.source.clone(),
            source_url: q.source_url.clone(),
        });
        session.responses[index] = Some(response);
        Ok(Feedback {
            index,
            answered: session.answered(),
            reveal,
        })
    }

    /// Score and review of a finished attempt.
    pub fn result(&self, session: &Session) -> Result<QuizResult, SessionError> {
        let Some(finished_at) = session.finished_at_ms else {
            return Err(SessionError::NotFinished);
        };
        let paper = self.session_paper(session)?;
        let mut entries = Vec::with_capacity(paper.questions.len());
        for (index, (pq, response)) in paper.questions.iter().zip(&session.responses).enumerate() {
            let q = self.question(pq)?;
            let m = match response {
                // A stored response that no longer fits scores nothing.
                Some(r) => mark(q, &pq.option_order, r, &self.contest().scoring).ok(),
                None => None,
            }
            .unwrap_or(Mark {
                points: 0.0,
                max: self.contest().scoring.points(q.kind()),
                correct: false,
            });
            entries.push(ReviewEntry {
                index,
                id: q.id.clone(),
                kind: q.kind(),
                stem: pq.stem.clone(),
                options: pq.options.clone(),
                response: response.clone(),
                key: key(q, &pq.option_order),
                correct: m.correct,
                points: m.points,
                max: m.max,
                explanation: q.explanation.clone(),
                source: q.source.clone(),
                source_url: q.source_url.clone(),
            });
        }
        let total = round2(entries.iter().map(|e| e.points).sum());
        let max = round2(entries.iter().map(|e| e.max).sum());
        let pass_mark = self.contest().pass_mark;
        Ok(QuizResult {
            contest_id: paper.contest_id,
            fingerprint: paper.fingerprint,
            total,
            max,
            pass_mark,
            passed: total + 1e-9 >= pass_mark,
            answered: session.answered(),
            correct: entries.iter().filter(|e| e.correct).count(),
            elapsed_ms: session.elapsed_ms(finished_at),
            timing: session.timing,
            entries,
        })
    }

    fn question(&self, pq: &PaperQuestion) -> Result<&Question, SessionError> {
        self.bundle
            .questions
            .iter()
            .find(|q| q.id == pq.id && q.options.len() == pq.option_order.len())
            .ok_or(SessionError::Stale)
    }
}

/// The answer key refers only to options that exist.
fn check_key(q: &Question) -> Result<(), String> {
    use crate::model::Answer;
    let n = q.options.len();
    let ok = match &q.answer {
        Answer::Single(k) => *k < n,
        Answer::Multiple(ks) => ks.iter().all(|k| *k < n),
        Answer::TrueFalse(_) | Answer::FillBlank(_) => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("question `{}` has a key beyond its options", q.id))
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
