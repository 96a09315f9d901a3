//! The contests this server runs, each with its engine (the same `wasm-quiz`
//! code the browser runs), opening hours, and the conversions between the
//! API's answers (`"B"`, `["A","C"]`, `true`, `"长期均衡"`) and the engine's.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use wasm_quiz::model::{letter_index, option_letter};
use wasm_quiz::{contest_bundle, Response};
use wasm_quiz::{Engine, Key, Mode, Paper, PaperQuestion, Question, QuestionKind, QuizSet};

use crate::error::{ApiError, ApiResult};

/// Longest fill-in answer accepted, in characters.
const MAX_TEXT_ANSWER: usize = 200;

pub struct ServedContest {
    pub engine: Engine,
    /// Milliseconds since the epoch; `None` means no bound.
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
}

pub struct Contests(BTreeMap<String, ServedContest>);

/// A question as a participant sees it before submitting: no key, no
/// explanation, no source.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    pub stem: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    pub points: f64,
}

impl Contests {
    /// The `mode: contest` contests of `set`; practice sets stay static.
    pub fn from_set(set: &QuizSet) -> Result<Contests, String> {
        let mut served = BTreeMap::new();
        for contest in set.contests.iter().filter(|c| c.mode == Mode::Contest) {
            let bundle = contest_bundle(set, &contest.id)
                .ok_or_else(|| format!("contest `{}` vanished", contest.id))?;
            let engine = Engine::new(bundle).map_err(|e| format!("{}: {e}", contest.id))?;
            let instant = |t: &Option<String>| -> Result<Option<i64>, String> {
                t.as_deref()
                    .map(|t| {
                        chrono::DateTime::parse_from_rfc3339(t)
                            .map(|t| t.timestamp_millis())
                            .map_err(|e| format!("{}: `{t}`: {e}", contest.id))
                    })
                    .transpose()
            };
            let item = ServedContest {
                opens_at: instant(&contest.opens_at)?,
                closes_at: instant(&contest.closes_at)?,
                engine,
            };
            served.insert(contest.id.clone(), item);
        }
        Ok(Contests(served))
    }

    pub fn get(&self, id: &str) -> ApiResult<&ServedContest> {
        self.0.get(id).ok_or_else(|| {
            ApiError::not_found(
                "unknown_contest",
                "没有这个竞答活动；分题库练习请直接在网页上作答。",
            )
        })
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

impl ServedContest {
    pub fn paper(&self, seed: u64) -> Paper {
        self.engine.paper(seed)
    }

    /// Whether attempts may begin at `now`, as a 403 naming the reason.
    pub fn check_open(&self, now: i64) -> ApiResult<()> {
        if self.opens_at.is_some_and(|t| now < t) {
            return Err(ApiError::forbidden(
                "contest_not_open",
                "竞答尚未开始，请在开始时间之后再来。",
            ));
        }
        if self.closes_at.is_some_and(|t| now >= t) {
            return Err(ApiError::forbidden(
                "contest_closed",
                "竞答已经结束，不再受理作答。",
            ));
        }
        Ok(())
    }

    /// The paper question `id` and its position, or a 404 when this attempt's
    /// paper does not hold it.
    pub fn find<'p>(&self, paper: &'p Paper, id: &str) -> ApiResult<(usize, &'p PaperQuestion)> {
        paper
            .questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.id == id)
            .ok_or_else(|| ApiError::not_found("question_not_in_paper", "本次试卷中没有这道题。"))
    }

    /// The bank question behind a paper question.
    pub fn question(&self, pq: &PaperQuestion) -> ApiResult<&Question> {
        self.engine
            .bundle()
            .questions
            .iter()
            .find(|q| q.id == pq.id)
            .ok_or_else(|| {
                ApiError::conflict("stale", "竞答题目已经更新，这次作答无法继续，请重新开始。")
            })
    }
}

pub fn question_view(pq: &PaperQuestion) -> QuestionView {
    QuestionView {
        id: pq.id.clone(),
        kind: pq.kind,
        stem: pq.stem.clone(),
        options: pq.options.clone(),
        points: pq.points,
    }
}

fn invalid(kind: QuestionKind) -> ApiError {
    let message = match kind {
        QuestionKind::Single => "这是单选题，请提交一个选项字母，例如 \"B\"。",
        QuestionKind::Multiple => "这是多选题，请提交选项字母的列表，例如 [\"A\",\"C\"]。",
        QuestionKind::TrueFalse => "这是判断题，请提交 true（正确）或 false（错误）。",
        _ => "这是填空题，请提交填写的文字（不超过200字）。",
    };
    ApiError::bad_request("invalid_answer", message)
}

/// The API's answer → the engine's response, checked against the question
/// as shown in this attempt.
pub fn parse_answer(pq: &PaperQuestion, answer: &Value) -> ApiResult<Response> {
    let letter = |v: &Value| {
        v.as_str()
            .and_then(letter_index)
            .filter(|&i| i < pq.options.len())
    };
    let response = match (pq.kind, answer) {
        (QuestionKind::Single, v) => letter(v).map(Response::Choice),
        (QuestionKind::Multiple, Value::Array(items)) if !items.is_empty() => {
            let mut picked = items.iter().map(letter).collect::<Option<Vec<usize>>>();
            if let Some(p) = &mut picked {
                p.sort_unstable();
                p.dedup();
            }
            picked
                .filter(|p| p.len() == items.len())
                .map(Response::Choices)
        }
        (QuestionKind::TrueFalse, Value::Bool(b)) => Some(Response::Truth(*b)),
        (QuestionKind::FillBlank, Value::String(s))
            if !s.trim().is_empty() && s.chars().count() <= MAX_TEXT_ANSWER =>
        {
            Some(Response::Text(s.clone()))
        }
        _ => None,
    };
    response.ok_or_else(|| invalid(pq.kind))
}

fn letters(indices: &[usize]) -> Value {
    Value::Array(
        indices
            .iter()
            .map(|&i| Value::String(option_letter(i).to_string()))
            .collect(),
    )
}

/// The engine's response → the API's answer.
pub fn answer_json(response: &Response) -> Value {
    match response {
        Response::Choice(i) => Value::String(option_letter(*i).to_string()),
        Response::Choices(is) => letters(is),
        Response::Truth(b) => Value::Bool(*b),
        Response::Text(s) => Value::String(s.clone()),
        _ => Value::Null,
    }
}

/// The answer key in the API's terms: a fill-in lists every accepted text.
pub fn key_json(key: &Key) -> Value {
    match key {
        Key::Choice(i) => Value::String(option_letter(*i).to_string()),
        Key::Choices(is) => letters(is),
        Key::Truth(b) => Value::Bool(*b),
        Key::Texts(ts) => Value::Array(ts.iter().cloned().map(Value::String).collect()),
        _ => Value::Null,
    }
}
