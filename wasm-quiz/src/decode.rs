//! [`Json`] → the engine's types, in exactly the shapes their serde derives
//! write (tests check this against serde_json), so the generator writes
//! bundles with serde and the browser reads them without serde_json (see
//! `json.rs` for the size this saves). `encode.rs` is the other direction.

use crate::bundle::ContestBundle;
use crate::json::Json;
use crate::model::{Answer, Contest, DrawRule, Mode, Question, QuestionKind, Review, Scoring};
use crate::score::Response;
use crate::session::{Session, Timing};

type R<T> = Result<T, String>;

fn field<'a>(j: &'a Json, key: &str) -> R<&'a Json> {
    j.get(key).ok_or_else(|| format!("missing field `{key}`"))
}

/// A present, non-null field.
fn opt<'a>(j: &'a Json, key: &str) -> Option<&'a Json> {
    j.get(key).filter(|v| **v != Json::Null)
}

fn string(j: &Json) -> R<String> {
    match j {
        Json::Str(s) => Ok(s.clone()),
        _ => Err("expected a string".into()),
    }
}

fn num(j: &Json) -> R<f64> {
    match j {
        Json::Num(n) => Ok(*n),
        _ => Err("expected a number".into()),
    }
}

fn uint(j: &Json) -> R<u64> {
    let n = num(j)?;
    if n >= 0.0 && n.fract() == 0.0 && n < 18_446_744_073_709_551_616.0 {
        Ok(n as u64)
    } else {
        Err("expected a whole number".into())
    }
}

fn small(j: &Json) -> R<u32> {
    u32::try_from(uint(j)?).map_err(|_| "number too large".into())
}

fn index(j: &Json) -> R<usize> {
    usize::try_from(uint(j)?).map_err(|_| "number too large".into())
}

fn boolean(j: &Json) -> R<bool> {
    match j {
        Json::Bool(b) => Ok(*b),
        _ => Err("expected true or false".into()),
    }
}

fn list<T>(j: &Json, item: impl Fn(&Json) -> R<T>) -> R<Vec<T>> {
    match j {
        Json::Arr(items) => items.iter().map(item).collect(),
        _ => Err("expected a list".into()),
    }
}

fn or_default<T: Default>(j: &Json, key: &str, read: impl Fn(&Json) -> R<T>) -> R<T> {
    opt(j, key).map_or(Ok(T::default()), read)
}

/// An externally tagged enum value: `{"tag": value}`.
fn tagged(j: &Json) -> R<(&str, &Json)> {
    match j {
        Json::Obj(fields) if fields.len() == 1 => Ok((fields[0].0.as_str(), &fields[0].1)),
        _ => Err("expected an object with one key".into()),
    }
}

fn unit<T: Copy>(j: &Json, names: &[(&str, T)]) -> R<T> {
    let s = string(j)?;
    names
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, v)| *v)
        .ok_or_else(|| format!("unknown variant `{s}`"))
}

fn question_kind(j: &Json) -> R<QuestionKind> {
    let s = string(j)?;
    QuestionKind::parse(&s).ok_or_else(|| format!("unknown question type `{s}`"))
}

fn context<T>(what: &str, r: R<T>) -> R<T> {
    r.map_err(|e| format!("{what}: {e}"))
}

pub(crate) const MODES: [(&str, Mode); 2] =
    [("contest", Mode::Contest), ("practice", Mode::Practice)];
pub(crate) const REVIEWS: [(&str, Review); 2] =
    [("end", Review::End), ("after_each", Review::AfterEach)];
pub(crate) const TIMINGS: [(&str, Timing); 3] = [
    ("standard", Timing::Standard),
    ("double", Timing::Double),
    ("off", Timing::Off),
];

pub fn read_bundle(j: &Json) -> R<ContestBundle> {
    let format = context("format", field(j, "format").and_then(small))?;
    let contest = context("contest", field(j, "contest").and_then(read_contest))?;
    let questions = list(field(j, "questions")?, read_question)?;
    let mut bundle = ContestBundle::new(contest, questions);
    bundle.format = format;
    Ok(bundle)
}

fn read_contest(j: &Json) -> R<Contest> {
    let draw = list(field(j, "draw")?, |r| {
        Ok(DrawRule {
            bank: opt(r, "bank").map(string).transpose()?,
            tag: opt(r, "tag").map(string).transpose()?,
            difficulty: opt(r, "difficulty")
                .map(small)
                .transpose()?
                .map(|d| d as u8),
            kind: opt(r, "type").map(question_kind).transpose()?,
            count: small(field(r, "count")?)?,
        })
    })?;
    let s = field(j, "scoring")?;
    let mut c = Contest::new(
        &string(field(j, "id")?)?,
        &string(field(j, "title")?)?,
        draw,
    );
    c.intro = or_default(j, "intro", string)?;
    c.mode = opt(j, "mode").map_or(Ok(Mode::Contest), |m| unit(m, &MODES))?;
    c.shuffle_questions = or_default(j, "shuffle_questions", boolean)?;
    c.shuffle_options = or_default(j, "shuffle_options", boolean)?;
    c.time_limit_seconds = or_default(j, "time_limit_seconds", small)?;
    c.question_time_limit_seconds = opt(j, "question_time_limit_seconds")
        .map(small)
        .transpose()?;
    c.scoring = Scoring {
        single: num(field(s, "single")?)?,
        multiple: num(field(s, "multiple")?)?,
        true_false: num(field(s, "true_false")?)?,
        fill_blank: num(field(s, "fill_blank")?)?,
        partial_credit: or_default(s, "partial_credit", boolean)?,
    };
    c.pass_mark = or_default(j, "pass_mark", num)?;
    c.review = opt(j, "review").map_or(Ok(Review::End), |r| unit(r, &REVIEWS))?;
    c.attempts_per_day = or_default(j, "attempts_per_day", small)?;
    c.opens_at = opt(j, "opens_at").map(string).transpose()?;
    c.closes_at = opt(j, "closes_at").map(string).transpose()?;
    Ok(c)
}

fn read_question(j: &Json) -> R<Question> {
    let id = string(field(j, "id")?)?;
    let read = || -> R<Question> {
        let (tag, v) = tagged(field(j, "answer")?)?;
        let answer = match tag {
            "single" => Answer::Single(index(v)?),
            "multiple" => Answer::Multiple(list(v, index)?),
            "true_false" => Answer::TrueFalse(boolean(v)?),
            "fill_blank" => Answer::FillBlank(list(v, string)?),
            other => return Err(format!("unknown answer type `{other}`")),
        };
        Ok(Question {
            id: id.clone(),
            bank: string(field(j, "bank")?)?,
            stem: string(field(j, "stem")?)?,
            options: or_default(j, "options", |o| list(o, string))?,
            answer,
            explanation: string(field(j, "explanation")?)?,
            difficulty: small(field(j, "difficulty")?)? as u8,
            tags: or_default(j, "tags", |t| list(t, string))?,
            source: string(field(j, "source")?)?,
            source_url: opt(j, "source_url").map(string).transpose()?,
        })
    };
    context(&format!("question `{id}`"), read())
}

pub fn read_response(j: &Json) -> R<Response> {
    let (tag, v) = tagged(j)?;
    Ok(match tag {
        "choice" => Response::Choice(index(v)?),
        "choices" => Response::Choices(list(v, index)?),
        "truth" => Response::Truth(boolean(v)?),
        "text" => Response::Text(string(v)?),
        other => return Err(format!("unknown response `{other}`")),
    })
}

pub fn read_session(j: &Json) -> R<Session> {
    let ms = |key: &str| field(j, key).and_then(num);
    Ok(Session {
        contest_id: string(field(j, "contest_id")?)?,
        seed: uint(field(j, "seed")?)?,
        fingerprint: string(field(j, "fingerprint")?)?,
        responses: list(field(j, "responses")?, |r| match r {
            Json::Null => Ok(None),
            r => read_response(r).map(Some),
        })?,
        current: index(field(j, "current")?)?,
        started_at_ms: ms("started_at_ms")?,
        question_started_at_ms: ms("question_started_at_ms")?,
        finished_at_ms: opt(j, "finished_at_ms").map(num).transpose()?,
        timing: unit(field(j, "timing")?, &TIMINGS)?,
        review: unit(field(j, "review")?, &REVIEWS)?,
        time_limit_seconds: small(field(j, "time_limit_seconds")?)?,
        question_time_limit_seconds: opt(j, "question_time_limit_seconds")
            .map(small)
            .transpose()?,
    })
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
