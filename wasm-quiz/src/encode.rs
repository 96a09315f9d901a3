//! The engine's types → [`Json`], in exactly the shapes their serde derives
//! write (tests in `codec_tests.rs` compare with serde_json).

use crate::decode::{MODES, REVIEWS, TIMINGS};
use crate::draw::{Paper, PaperQuestion};
use crate::engine::{Feedback, QuizResult, Reveal, ReviewEntry};
use crate::json::Json;
use crate::model::{Contest, QuestionKind};
use crate::score::{Key, Response};
use crate::session::Session;

fn name<T: PartialEq + Copy>(v: T, names: &[(&'static str, T)]) -> Json {
    let n = names.iter().find(|(_, x)| *x == v).map_or("", |(n, _)| n);
    Json::Str(n.into())
}

fn obj(fields: Vec<(&str, Json)>) -> Json {
    Json::Obj(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn s(text: &str) -> Json {
    Json::Str(text.to_owned())
}

fn n(x: impl Into<f64>) -> Json {
    Json::Num(x.into())
}

fn count(x: usize) -> Json {
    Json::Num(x as f64)
}

fn texts(items: &[String]) -> Json {
    Json::Arr(items.iter().map(|t| s(t)).collect())
}

fn indices(items: &[usize]) -> Json {
    Json::Arr(items.iter().map(|&i| count(i)).collect())
}

fn maybe(value: Option<Json>) -> Json {
    value.unwrap_or(Json::Null)
}

/// Adds `(key, value)` unless `value` is `None` (serde's skip_serializing_if).
fn push_some(fields: &mut Vec<(&str, Json)>, key: &'static str, value: Option<Json>) {
    if let Some(v) = value {
        fields.push((key, v));
    }
}

pub fn write_contest(c: &Contest) -> Json {
    let draw = c.draw.iter().map(|r| {
        let mut f = Vec::new();
        push_some(&mut f, "bank", r.bank.as_deref().map(s));
        push_some(&mut f, "tag", r.tag.as_deref().map(s));
        push_some(&mut f, "difficulty", r.difficulty.map(n));
        push_some(&mut f, "type", r.kind.map(kind));
        f.push(("count", n(r.count)));
        obj(f)
    });
    let sc = &c.scoring;
    let scoring = obj(vec![
        ("single", n(sc.single)),
        ("multiple", n(sc.multiple)),
        ("true_false", n(sc.true_false)),
        ("fill_blank", n(sc.fill_blank)),
        ("partial_credit", Json::Bool(sc.partial_credit)),
    ]);
    let mut f = vec![
        ("id", s(&c.id)),
        ("title", s(&c.title)),
        ("intro", s(&c.intro)),
        ("mode", name(c.mode, &MODES)),
        ("draw", Json::Arr(draw.collect())),
        ("shuffle_questions", Json::Bool(c.shuffle_questions)),
        ("shuffle_options", Json::Bool(c.shuffle_options)),
        ("time_limit_seconds", n(c.time_limit_seconds)),
    ];
    push_some(
        &mut f,
        "question_time_limit_seconds",
        c.question_time_limit_seconds.map(n),
    );
    f.extend([
        ("scoring", scoring),
        ("pass_mark", n(c.pass_mark)),
        ("review", name(c.review, &REVIEWS)),
        ("attempts_per_day", n(c.attempts_per_day)),
    ]);
    push_some(&mut f, "opens_at", c.opens_at.as_deref().map(s));
    push_some(&mut f, "closes_at", c.closes_at.as_deref().map(s));
    obj(f)
}

fn kind(k: QuestionKind) -> Json {
    s(k.as_str())
}

pub fn write_paper(p: &Paper) -> Json {
    let questions = p.questions.iter().map(|q: &PaperQuestion| {
        let mut f = vec![
            ("id", s(&q.id)),
            ("kind", kind(q.kind)),
            ("stem", s(&q.stem)),
        ];
        push_some(
            &mut f,
            "options",
            (!q.options.is_empty()).then(|| texts(&q.options)),
        );
        push_some(
            &mut f,
            "option_order",
            (!q.option_order.is_empty()).then(|| indices(&q.option_order)),
        );
        f.push(("points", n(q.points)));
        obj(f)
    });
    obj(vec![
        ("contest_id", s(&p.contest_id)),
        ("seed", n(p.seed as f64)),
        ("fingerprint", s(&p.fingerprint)),
        ("questions", Json::Arr(questions.collect())),
    ])
}

fn write_response(r: &Response) -> Json {
    match r {
        Response::Choice(c) => obj(vec![("choice", count(*c))]),
        Response::Choices(cs) => obj(vec![("choices", indices(cs))]),
        Response::Truth(t) => obj(vec![("truth", Json::Bool(*t))]),
        Response::Text(t) => obj(vec![("text", s(t))]),
    }
}

fn write_key(k: &Key) -> Json {
    match k {
        Key::Choice(c) => obj(vec![("choice", count(*c))]),
        Key::Choices(cs) => obj(vec![("choices", indices(cs))]),
        Key::Truth(t) => obj(vec![("truth", Json::Bool(*t))]),
        Key::Texts(ts) => obj(vec![("texts", texts(ts))]),
    }
}

pub fn write_session(x: &Session) -> Json {
    let responses = x
        .responses
        .iter()
        .map(|r| maybe(r.as_ref().map(write_response)));
    obj(vec![
        ("contest_id", s(&x.contest_id)),
        ("seed", n(x.seed as f64)),
        ("fingerprint", s(&x.fingerprint)),
        ("responses", Json::Arr(responses.collect())),
        ("current", count(x.current)),
        ("started_at_ms", n(x.started_at_ms)),
        ("question_started_at_ms", n(x.question_started_at_ms)),
        ("finished_at_ms", maybe(x.finished_at_ms.map(n))),
        ("timing", name(x.timing, &TIMINGS)),
        ("review", name(x.review, &REVIEWS)),
        ("time_limit_seconds", n(x.time_limit_seconds)),
        (
            "question_time_limit_seconds",
            maybe(x.question_time_limit_seconds.map(n)),
        ),
    ])
}

pub fn write_feedback(f: &Feedback) -> Json {
    let reveal = f.reveal.as_ref().map(|r: &Reveal| {
        obj(vec![
            ("correct", Json::Bool(r.correct)),
            ("points", n(r.points)),
            ("max", n(r.max)),
            ("key", write_key(&r.key)),
            ("explanation", s(&r.explanation)),
            ("source", s(&r.source)),
            ("source_url", maybe(r.source_url.as_deref().map(s))),
        ])
    });
    obj(vec![
        ("index", count(f.index)),
        ("answered", count(f.answered)),
        ("reveal", maybe(reveal)),
    ])
}

pub fn write_result(r: &QuizResult) -> Json {
    let entries = r.entries.iter().map(|e: &ReviewEntry| {
        obj(vec![
            ("index", count(e.index)),
            ("id", s(&e.id)),
            ("kind", kind(e.kind)),
            ("stem", s(&e.stem)),
            ("options", texts(&e.options)),
            ("response", maybe(e.response.as_ref().map(write_response))),
            ("key", write_key(&e.key)),
            ("correct", Json::Bool(e.correct)),
            ("points", n(e.points)),
            ("max", n(e.max)),
            ("explanation", s(&e.explanation)),
            ("source", s(&e.source)),
            ("source_url", maybe(e.source_url.as_deref().map(s))),
        ])
    });
    obj(vec![
        ("contest_id", s(&r.contest_id)),
        ("fingerprint", s(&r.fingerprint)),
        ("total", n(r.total)),
        ("max", n(r.max)),
        ("pass_mark", n(r.pass_mark)),
        ("passed", Json::Bool(r.passed)),
        ("answered", count(r.answered)),
        ("correct", count(r.correct)),
        ("elapsed_ms", n(r.elapsed_ms)),
        ("timing", name(r.timing, &TIMINGS)),
        ("entries", Json::Arr(entries.collect())),
    ])
}
