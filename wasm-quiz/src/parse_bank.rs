//! A bank file's tree → [`Bank`], with every problem of every question.

use serde_json::Value;

use crate::fields::{child, describe, scalar_text, suggest, Fields, Problems};
use crate::locate::ypath;
use crate::model::{
    letter_index, option_letter, Answer, Bank, Question, QuestionKind, MAX_OPTIONS, MIN_OPTIONS,
};
use crate::normalize::normalize;

const BANK_KEYS: [&str; 3] = ["bank", "title", "questions"];
const QUESTION_KEYS: [&str; 10] = [
    "id",
    "type",
    "stem",
    "options",
    "answer",
    "explanation",
    "difficulty",
    "tags",
    "source",
    "source_url",
];

/// A bank and, for each kept question, its index in the file's `questions`
/// list (questions with problems are left out).
pub struct ParsedBank {
    pub bank: Bank,
    pub positions: Vec<usize>,
}

pub fn parse_bank(value: &Value, file: &str, stem: &str, out: &mut Problems) -> Option<ParsedBank> {
    let top = Fields::open(value, vec![], "the bank file", &BANK_KEYS, out)?;
    let name = top.text("bank", true, out);
    if let Some(name) = &name {
        if name != stem {
            out.push(
                ypath!["bank"],
                format!("bank name `{name}` does not match the file name `{stem}`"),
                Some(format!(
                    "set `bank: {stem}` or rename the file to `{name}.yaml`"
                )),
            );
        }
    }
    let title = top.text("title", true, out);
    let mut bank = Bank {
        name: stem.to_owned(),
        title: title.unwrap_or_default(),
        questions: Vec::new(),
        file: file.to_owned(),
    };
    let mut positions = Vec::new();
    match top.require("questions", out) {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(q) = parse_question(item, i, stem, out) {
                    bank.questions.push(q);
                    positions.push(i);
                }
            }
        }
        Some(other) => out.push(
            ypath!["questions"],
            format!("`questions` must be a list, found {}", describe(other)),
            None,
        ),
        None => {}
    }
    Some(ParsedBank { bank, positions })
}

fn parse_question(value: &Value, i: usize, bank: &str, out: &mut Problems) -> Option<Question> {
    let before = out.0.len();
    // Name the question by its id from the start, for unknown-key messages.
    let what = match value.get("id").and_then(scalar_text) {
        Some(id) => format!("question `{id}`"),
        None => format!("question {}", i + 1),
    };
    let mut f = Fields::open(value, ypath!["questions", i], &what, &QUESTION_KEYS, out)?;
    let id = f.text("id", true, out);
    if let Some(id) = &id {
        f.set_what(format!("question `{id}`"));
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            out.push(
                f.at("id"),
                format!("question id `{id}` must be non-empty and without spaces"),
                Some("use a short slug such as `youth-001`".into()),
            );
        }
    }
    let kind = kind(&f, out);
    let stem = f.text("stem", true, out);
    if stem.as_ref().is_some_and(|s| s.trim().is_empty()) {
        out.push(
            f.at("stem"),
            format!("{} has an empty stem", f.what()),
            None,
        );
    }
    let options = kind.map(|k| options(&f, k, out)).unwrap_or_default();
    let answer = match (kind, f.require("answer", out)) {
        (Some(k), Some(v)) => answer(&f, k, v, &options, out),
        _ => None,
    };
    let explanation = f.text("explanation", true, out);
    let difficulty = f.whole("difficulty", true, (1, 3), out);
    let tags = f.text_list("tags", true, out);
    let source = f.text("source", true, out);
    let source_url = f.text("source_url", false, out);
    if let Some(url) = &source_url {
        // `//host` and `/\host` look site-relative but browsers open another host.
        if !url.starts_with('/') || url.starts_with("//") || url.starts_with("/\\") {
            out.push(
                f.at("source_url"),
                format!("`source_url` must be a site-relative URL, found `{url}`"),
                Some("start it with a single `/` and the path, e.g. `/youth-health/`; `//` and `/\\` lead to another site".into()),
            );
        }
    }
    if out.0.len() > before {
        return None;
    }
    Some(Question {
        id: id?,
        bank: bank.to_owned(),
        stem: stem?,
        options,
        answer: answer?,
        explanation: explanation?,
        difficulty: u8::try_from(difficulty?).ok()?,
        tags: tags?,
        source: source?,
        source_url,
    })
}

fn kind(f: &Fields, out: &mut Problems) -> Option<QuestionKind> {
    let text = f.text("type", true, out)?;
    let kind = QuestionKind::parse(&text);
    if kind.is_none() {
        out.push(
            f.at("type"),
            format!("{} has unknown type `{text}`", f.what()),
            suggest(&text, QuestionKind::ALL.map(QuestionKind::as_str)),
        );
    }
    kind
}

/// The options of a choice question; reports options on other types.
fn options(f: &Fields, kind: QuestionKind, out: &mut Problems) -> Vec<String> {
    if !kind.has_options() {
        if f.get("options").is_some() {
            out.push(
                f.at("options"),
                format!("a {} question takes no `options`", kind.as_str()),
                Some("remove `options`, or change `type`".into()),
            );
        }
        return Vec::new();
    }
    let Some(options) = f.text_list("options", true, out) else {
        return Vec::new();
    };
    let n = options.len();
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&n) {
        let count = match n {
            0 => "no options".to_owned(),
            n if n < MIN_OPTIONS => format!("too few options ({n})"),
            n => format!("too many options ({n})"),
        };
        out.push(
            f.at("options"),
            format!(
                "{} has {count}; a {} question needs {MIN_OPTIONS}–{MAX_OPTIONS}",
                f.what(),
                kind.as_str()
            ),
            None,
        );
    }
    for (j, o) in options.iter().enumerate() {
        if o.trim().is_empty() {
            out.push(
                child(&f.at("options"), j),
                format!("option {} of {} is empty", option_letter(j), f.what()),
                None,
            );
        } else if let Some(k) = options[..j].iter().position(|p| p.trim() == o.trim()) {
            out.push(
                child(&f.at("options"), j),
                format!(
                    "option {} repeats option {} (`{o}`)",
                    option_letter(j),
                    option_letter(k)
                ),
                None,
            );
        }
    }
    options
}

fn answer(
    f: &Fields,
    kind: QuestionKind,
    value: &Value,
    options: &[String],
    out: &mut Problems,
) -> Option<Answer> {
    let at = f.at("answer");
    let letters = if options.is_empty() {
        "(none)".to_owned()
    } else {
        format!("A–{}", option_letter(options.len() - 1))
    };
    let letter = |v: &Value, at: Vec<_>, out: &mut Problems| {
        let text = scalar_text(v).unwrap_or_default();
        match letter_index(&text) {
            Some(i) if i < options.len() => Some(i),
            _ => {
                out.push(
                    at,
                    format!("answer `{text}` is not among the options {letters}"),
                    None,
                );
                None
            }
        }
    };
    match (kind, value) {
        (QuestionKind::Single, Value::String(_)) => letter(value, at, out).map(Answer::Single),
        (QuestionKind::Multiple, Value::Array(items)) => {
            let mut picked = Vec::new();
            for (j, v) in items.iter().enumerate() {
                picked.push(letter(v, child(&at, j), out));
            }
            let mut picked: Vec<usize> = picked.into_iter().collect::<Option<_>>()?;
            picked.sort_unstable();
            picked.dedup();
            if picked.len() < 2 {
                out.push(
                    at,
                    format!(
                        "a multiple question needs at least 2 correct letters, found {}",
                        picked.len()
                    ),
                    Some("use `type: single` for one correct option".into()),
                );
                return None;
            }
            Some(Answer::Multiple(picked))
        }
        (QuestionKind::TrueFalse, Value::Bool(b)) => Some(Answer::TrueFalse(*b)),
        (QuestionKind::FillBlank, Value::Array(_)) => {
            let accepted = f.text_list("answer", true, out)?;
            if accepted.is_empty() || accepted.iter().any(|a| normalize(a).is_empty()) {
                out.push(
                    at,
                    "a fill_blank question needs a list of non-empty accepted answers",
                    Some("e.g. `answer: [1982年, 一九八二年]`".into()),
                );
                return None;
            }
            Some(Answer::FillBlank(accepted))
        }
        _ => {
            let want = match kind {
                QuestionKind::Single => "one option letter, e.g. `answer: B`",
                QuestionKind::Multiple => "a list of option letters, e.g. `answer: [A, C]`",
                QuestionKind::TrueFalse => "`true` or `false`",
                QuestionKind::FillBlank => "a list of accepted strings",
            };
            out.push(
                at,
                format!(
                    "the answer of a {} question must be {want}, found {}",
                    kind.as_str(),
                    describe(value)
                ),
                None,
            );
            None
        }
    }
}

#[cfg(test)]
#[path = "parse_bank_tests.rs"]
mod tests;
