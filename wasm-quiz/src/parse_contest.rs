//! A contest file's tree → [`Contest`], with every problem found.
//!
//! Checks that need the banks (unknown bank or tag, too few questions, an
//! unreachable pass mark) live in `validate.rs`.

use jiayuan_core::msg;
use jiayuan_core::yaml::At;
use jiayuan_core::yaml_tree::Node;

use crate::fields::{describe, suggest, Fields, Pos, Problems};
use crate::model::{Contest, DrawRule, Mode, QuestionKind, Review, Scoring};

const CONTEST_KEYS: [&str; 15] = [
    "id",
    "title",
    "intro",
    "mode",
    "draw",
    "shuffle_questions",
    "shuffle_options",
    "time_limit_seconds",
    "question_time_limit_seconds",
    "scoring",
    "pass_mark",
    "review",
    "attempts_per_day",
    "opens_at",
    "closes_at",
];
const RULE_KEYS: [&str; 5] = ["bank", "tag", "difficulty", "type", "count"];
const SCORING_KEYS: [&str; 5] = [
    "single",
    "multiple",
    "true_false",
    "fill_blank",
    "partial_credit",
];

/// A whole day: longer limits are mistakes (milliseconds typed as seconds).
const MAX_TIME_LIMIT: u64 = 86_400;
const MAX_QUESTION_TIME_LIMIT: u64 = 3_600;
const MAX_COUNT: u64 = 1_000;
const MAX_POINTS: f64 = 1_000.0;
const MAX_ATTEMPTS: u64 = 1_000;

/// A contest and where the parts that the checks across files name are written.
pub struct ParsedContest {
    pub contest: Contest,
    pub pass_mark_at: Pos,
    pub rules_at: Vec<RulePlaces>,
}

/// Where a draw rule's `bank`, `tag` and `count` are written (the rule itself when one
/// is absent).
pub struct RulePlaces {
    pub bank: Pos,
    pub tag: Pos,
    pub count: Pos,
}

pub fn parse_contest(
    value: &At<Node>,
    file: &str,
    stem: &str,
    out: &mut Problems,
) -> Option<ParsedContest> {
    let before = out.0.len();
    let what = msg!("quiz-what-contest-file");
    let f = Fields::open(value, what, &CONTEST_KEYS, out)?;
    let id = f.text("id", true, out);
    if let Some(id) = &id {
        if id != stem {
            out.push(
                f.at("id"),
                msg!("quiz-contest-id-mismatch", id = id, stem = stem),
                Some(msg!("quiz-contest-id-mismatch-help", id = id, stem = stem)),
            );
        }
    }
    let title = f.text("title", true, out);
    let intro = f.text("intro", false, out).unwrap_or_default();
    let mode = choice(
        &f,
        "mode",
        &[("contest", Mode::Contest), ("practice", Mode::Practice)],
        out,
    );
    let review = choice(
        &f,
        "review",
        &[("end", Review::End), ("after_each", Review::AfterEach)],
        out,
    );
    let draw = draw(&f, out);
    let shuffle_questions = f.boolean("shuffle_questions", false, out).unwrap_or(false);
    let shuffle_options = f.boolean("shuffle_options", false, out).unwrap_or(false);
    let time_limit = f.whole("time_limit_seconds", false, (0, MAX_TIME_LIMIT), out);
    let question_limit = f.whole(
        "question_time_limit_seconds",
        false,
        (0, MAX_QUESTION_TIME_LIMIT),
        out,
    );
    if let (Some(q), Some(t)) = (question_limit, time_limit) {
        if t > 0 && q > t {
            out.push(
                f.at("question_time_limit_seconds"),
                msg!("quiz-question-time-too-long", question = q, total = t),
                None,
            );
        }
    }
    let scoring = scoring(&f, out);
    let pass_mark = f.number("pass_mark", false, (0.0, f64::MAX), out);
    let attempts = f.whole("attempts_per_day", false, (0, MAX_ATTEMPTS), out);
    let opens_at = instant(&f, "opens_at", out);
    let closes_at = instant(&f, "closes_at", out);
    if let (Some((_, opens)), Some((_, closes))) = (&opens_at, &closes_at) {
        if closes <= opens {
            out.push(
                f.at("closes_at"),
                msg!("quiz-closes-before-opens"),
                Some(msg!("quiz-closes-before-opens-help")),
            );
        }
    }
    if out.0.len() > before {
        return None;
    }
    let (draw, rules_at) = draw?;
    let contest = Contest {
        id: id?,
        title: title?,
        intro,
        mode: mode.unwrap_or_default(),
        draw,
        shuffle_questions,
        shuffle_options,
        time_limit_seconds: time_limit.unwrap_or(0) as u32,
        question_time_limit_seconds: question_limit.filter(|&q| q > 0).map(|q| q as u32),
        scoring: scoring?,
        pass_mark: pass_mark.unwrap_or(0.0),
        review: review.unwrap_or_default(),
        attempts_per_day: attempts.unwrap_or(0) as u32,
        opens_at: opens_at.map(|(text, _)| text),
        closes_at: closes_at.map(|(text, _)| text),
        file: file.to_owned(),
    };
    Some(ParsedContest {
        contest,
        pass_mark_at: f.at("pass_mark"),
        rules_at,
    })
}

/// An RFC 3339 time with its offset (`2022-05-29T08:00:00+08:00`), kept as
/// written: a contest server reads it, the page shows it.
fn instant(f: &Fields, key: &str, out: &mut Problems) -> Option<(String, i64)> {
    let text = f.text(key, false, out)?;
    match chrono::DateTime::parse_from_rfc3339(&text) {
        Ok(t) => Some((text, t.timestamp_millis())),
        Err(_) => {
            out.push(
                f.at(key),
                msg!("quiz-not-a-time", key = key, value = &text),
                Some(msg!("quiz-not-a-time-help", key = key)),
            );
            None
        }
    }
}

fn choice<T: Copy>(f: &Fields, key: &str, options: &[(&str, T)], out: &mut Problems) -> Option<T> {
    let text = f.text(key, false, out)?;
    let found = options
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, v)| *v);
    if found.is_none() {
        out.push(
            f.at(key),
            msg!("quiz-unknown-choice", key = key, value = &text),
            suggest(&text, options.iter().map(|(name, _)| *name)),
        );
    }
    found
}

fn draw(f: &Fields, out: &mut Problems) -> Option<(Vec<DrawRule>, Vec<RulePlaces>)> {
    let items = match &f.require("draw", out)?.value {
        Node::List(items) => items,
        other => {
            out.push(
                f.at("draw"),
                msg!("quiz-draw-not-a-list", found = describe(other)),
                Some(msg!("quiz-draw-not-a-list-help")),
            );
            return None;
        }
    };
    if items.is_empty() {
        out.push(f.at("draw"), msg!("quiz-draw-empty"), None);
        return None;
    }
    let mut rules = Vec::with_capacity(items.len());
    let mut places = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let what = msg!("quiz-what-draw-rule", number = i + 1);
        let Some(r) = Fields::open(item, what, &RULE_KEYS, out) else {
            continue;
        };
        places.push(RulePlaces {
            bank: r.at("bank"),
            tag: r.at("tag"),
            count: r.at("count"),
        });
        let difficulty = r.whole("difficulty", false, (1, 3), out).map(|d| d as u8);
        let count = r.whole("count", true, (1, MAX_COUNT), out);
        let kinds = QuestionKind::ALL.map(|k| (k.as_str(), k));
        let kind = choice(&r, "type", &kinds, out);
        rules.push(DrawRule {
            bank: r.text("bank", false, out),
            tag: r.text("tag", false, out),
            difficulty,
            kind,
            count: count.unwrap_or(0) as u32,
        });
    }
    Some((rules, places))
}

fn scoring(f: &Fields, out: &mut Problems) -> Option<Scoring> {
    let value = f.require("scoring", out)?;
    let what = msg!("quiz-what-scoring");
    let s = Fields::open(value, what, &SCORING_KEYS, out)?;
    let range = (0.0, MAX_POINTS);
    let single = s.number("single", true, range, out);
    let multiple = s.number("multiple", true, range, out);
    let true_false = s.number("true_false", true, range, out);
    let fill_blank = s.number("fill_blank", true, range, out);
    let partial_credit = s.boolean("partial_credit", false, out).unwrap_or(false);
    Some(Scoring {
        single: single?,
        multiple: multiple?,
        true_false: true_false?,
        fill_blank: fill_blank?,
        partial_credit,
    })
}

#[cfg(test)]
mod tests {
    use jiayuan_core::yaml_tree::tree;
    use serde_json::{json, Value};

    use super::*;

    fn good() -> Value {
        json!({
            "id": "c", "title": "竞答", "intro": "说明\n", "mode": "contest",
            "draw": [{"bank": "a", "count": 4}, {"tag": "t", "difficulty": 3, "count": 1}],
            "shuffle_questions": true, "shuffle_options": true,
            "time_limit_seconds": 900, "question_time_limit_seconds": 60,
            "scoring": {"single": 5, "multiple": 5, "true_false": 5, "fill_blank": 5,
                        "partial_credit": true},
            "pass_mark": 60, "review": "after_each", "attempts_per_day": 3
        })
    }

    /// Parses the contest written as JSON (a YAML flow document).
    fn parse(v: &Value) -> (Option<Contest>, Vec<String>) {
        let text = serde_json::to_string(v).unwrap();
        let mut out = Problems::default();
        let tree = tree(&text, 1 << 20).unwrap();
        let c = parse_contest(&tree, "quiz/contests/c.yaml", "c", &mut out);
        let messages = out.0.into_iter().map(|p| p.message.en()).collect();
        (c.map(|c| c.contest), messages)
    }

    #[test]
    fn a_good_contest_becomes_the_model() {
        let (c, messages) = parse(&good());
        assert!(messages.is_empty(), "{messages:?}");
        let c = c.unwrap();
        assert_eq!(c.paper_len(), 5);
        assert_eq!(c.draw[1].difficulty, Some(3));
        assert_eq!(c.review, Review::AfterEach);
        assert_eq!(c.question_time_limit_seconds, Some(60));
        assert!(c.scoring.partial_credit);
        assert_eq!(c.file, "quiz/contests/c.yaml");
    }

    #[test]
    fn limits_and_enums_are_checked() {
        let mut v = good();
        v["id"] = json!("contest-2023");
        v["mode"] = json!("pratice");
        v["time_limit_seconds"] = json!(-5);
        v["question_time_limit_seconds"] = json!(600);
        v["attempts_per_day"] = json!(100000);
        v["scoring"]["multiple"] = json!(-1);
        v["draw"][0]["count"] = json!(0);
        v["draw"][1]["colour"] = json!("red");
        let (c, messages) = parse(&v);
        assert!(c.is_none());
        assert_eq!(
            messages,
            [
                "contest id `contest-2023` does not match the file name `c`",
                "unknown mode `pratice`",
                "`count` is 0, outside the range 1–1000",
                "unknown key `colour` in draw rule 2",
                "`time_limit_seconds` is -5, outside the range 0–86400",
                "`multiple` is -1, outside the range 0–1000",
                "`attempts_per_day` is 100000, outside the range 0–1000",
            ]
        );
    }

    #[test]
    fn rules_filter_by_type_and_contests_have_opening_hours() {
        let mut v = good();
        v["draw"][0]["type"] = json!("true_false");
        v["opens_at"] = json!("2022-05-29T08:00:00+08:00");
        v["closes_at"] = json!("2022-06-30T18:00:00+08:00");
        let (c, messages) = parse(&v);
        assert!(messages.is_empty(), "{messages:?}");
        let c = c.unwrap();
        assert_eq!(c.draw[0].kind, Some(QuestionKind::TrueFalse));
        assert_eq!(c.draw[1].kind, None);
        assert_eq!(c.opens_at.as_deref(), Some("2022-05-29T08:00:00+08:00"));
        assert_eq!(c.closes_at.as_deref(), Some("2022-06-30T18:00:00+08:00"));
    }

    #[test]
    fn bad_types_and_times_are_named() {
        let mut v = good();
        v["draw"][0]["type"] = json!("singel");
        v["opens_at"] = json!("2022-05-29 08:00");
        let (c, messages) = parse(&v);
        assert!(c.is_none());
        assert_eq!(
            messages,
            [
                "unknown type `singel`",
                "`opens_at` is `2022-05-29 08:00`, not a time with an offset",
            ]
        );
        let mut v = good();
        v["opens_at"] = json!("2022-06-01T00:00:00+08:00");
        v["closes_at"] = json!("2022-05-31T16:00:00Z");
        let (_, messages) = parse(&v);
        assert_eq!(
            messages,
            ["`closes_at` is not after `opens_at`, so the contest would never be open"]
        );
    }

    #[test]
    fn question_limit_may_not_outlast_the_contest() {
        let mut v = good();
        v["time_limit_seconds"] = json!(30);
        let (_, messages) = parse(&v);
        assert_eq!(
            messages,
            ["a question may take 60 s, longer than the whole contest's 30 s"]
        );
    }
}
