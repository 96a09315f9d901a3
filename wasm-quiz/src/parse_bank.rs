//! A bank file's tree → [`Bank`], with every problem of every question.

use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::yaml::At;
use jiayuan_core::yaml_tree::Node;

use crate::fields::{describe, pos, scalar_text, suggest, wrong_kind, Fields, Pos, Problems};
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

/// A bank and, for each kept question, where its `id` is written (questions with
/// problems are left out).
pub struct ParsedBank {
    pub bank: Bank,
    pub id_at: Vec<Pos>,
}

pub fn parse_bank(
    value: &At<Node>,
    file: &str,
    stem: &str,
    out: &mut Problems,
) -> Option<ParsedBank> {
    let what = msg!("quiz-what-bank-file");
    let top = Fields::open(value, what, &BANK_KEYS, out)?;
    let name = top.text("bank", true, out);
    if let Some(name) = &name {
        if name != stem {
            out.push(
                top.at("bank"),
                msg!("quiz-bank-name-mismatch", name = name, stem = stem),
                Some(msg!(
                    "quiz-bank-name-mismatch-help",
                    name = name,
                    stem = stem
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
    let mut id_at = Vec::new();
    match top.require("questions", out).map(|v| &v.value) {
        Some(Node::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some((q, at)) = parse_question(item, i, stem, out) {
                    bank.questions.push(q);
                    id_at.push(at);
                }
            }
        }
        Some(other) => out.push(
            top.at("questions"),
            wrong_kind("questions", msg!("quiz-want-list"), other),
            None,
        ),
        None => {}
    }
    Some(ParsedBank { bank, id_at })
}

/// The question, and where its id is written.
fn parse_question(
    value: &At<Node>,
    i: usize,
    bank: &str,
    out: &mut Problems,
) -> Option<(Question, Pos)> {
    let before = out.0.len();
    // Name the question by its id from the start, for unknown-key messages.
    let what = match value.get("id").and_then(|id| scalar_text(id)) {
        Some(id) => msg!("quiz-what-question-id", id = id),
        None => msg!("quiz-what-question-number", number = i + 1),
    };
    let mut f = Fields::open(value, what, &QUESTION_KEYS, out)?;
    let id = f.text("id", true, out);
    if let Some(id) = &id {
        f.set_what(msg!("quiz-what-question-id", id = id));
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            out.push(
                f.at("id"),
                msg!("quiz-bad-question-id", id = id),
                Some(msg!("quiz-bad-question-id-help")),
            );
        }
    }
    let kind = kind(&f, out);
    let stem = f.text("stem", true, out);
    if stem.as_ref().is_some_and(|s| s.trim().is_empty()) {
        out.push(f.at("stem"), msg!("quiz-empty-stem", what = f.what()), None);
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
                msg!("quiz-source-url-not-relative", url = url),
                Some(msg!("quiz-source-url-not-relative-help")),
            );
        }
    }
    if out.0.len() > before {
        return None;
    }
    let question = Question {
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
    };
    Some((question, f.at("id")))
}

fn kind(f: &Fields, out: &mut Problems) -> Option<QuestionKind> {
    let text = f.text("type", true, out)?;
    let kind = QuestionKind::parse(&text);
    if kind.is_none() {
        out.push(
            f.at("type"),
            msg!("quiz-unknown-type", what = f.what(), kind = &text),
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
                msg!("quiz-options-not-taken", kind = kind.as_str()),
                Some(msg!("quiz-options-not-taken-help")),
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
            0 => msg!("quiz-options-none"),
            n if n < MIN_OPTIONS => msg!("quiz-options-too-few", count = n),
            n => msg!("quiz-options-too-many", count = n),
        };
        out.push(
            f.at("options"),
            msg!(
                "quiz-option-count",
                what = f.what(),
                count = count,
                kind = kind.as_str(),
                min = MIN_OPTIONS,
                max = MAX_OPTIONS
            ),
            None,
        );
    }
    for (j, o) in options.iter().enumerate() {
        if o.trim().is_empty() {
            out.push(
                f.item_at("options", j),
                msg!(
                    "quiz-option-empty",
                    letter = option_letter(j).to_string(),
                    what = f.what()
                ),
                None,
            );
        } else if let Some(k) = options[..j].iter().position(|p| p.trim() == o.trim()) {
            out.push(
                f.item_at("options", j),
                msg!(
                    "quiz-option-repeated",
                    letter = option_letter(j).to_string(),
                    first = option_letter(k).to_string(),
                    text = o
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
    value: &At<Node>,
    options: &[String],
    out: &mut Problems,
) -> Option<Answer> {
    let at = f.at("answer");
    let letters: Msg = if options.is_empty() {
        msg!("quiz-letters-none")
    } else {
        msg!(
            "quiz-letters",
            last = option_letter(options.len() - 1).to_string()
        )
    };
    let letter = |v: &At<Node>, out: &mut Problems| {
        let text = scalar_text(v).unwrap_or_default();
        match letter_index(&text) {
            Some(i) if i < options.len() => Some(i),
            _ => {
                out.push(
                    pos(v),
                    msg!(
                        "quiz-answer-not-an-option",
                        answer = &text,
                        letters = letters.clone()
                    ),
                    None,
                );
                None
            }
        }
    };
    match (kind, &value.value) {
        (QuestionKind::Single, Node::Text(_)) => letter(value, out).map(Answer::Single),
        (QuestionKind::Multiple, Node::List(items)) => {
            let picked: Vec<Option<usize>> = items.iter().map(|v| letter(v, out)).collect();
            let mut picked: Vec<usize> = picked.into_iter().collect::<Option<_>>()?;
            picked.sort_unstable();
            picked.dedup();
            if picked.len() < 2 {
                out.push(
                    at,
                    msg!("quiz-multiple-too-few", count = picked.len()),
                    Some(msg!("quiz-multiple-too-few-help")),
                );
                return None;
            }
            Some(Answer::Multiple(picked))
        }
        (QuestionKind::TrueFalse, Node::Bool(b)) => Some(Answer::TrueFalse(*b)),
        (QuestionKind::FillBlank, Node::List(_)) => {
            let accepted = f.text_list("answer", true, out)?;
            if accepted.is_empty() || accepted.iter().any(|a| normalize(a).is_empty()) {
                out.push(
                    at,
                    msg!("quiz-fill-blank-answers"),
                    Some(msg!("quiz-fill-blank-answers-help")),
                );
                return None;
            }
            Some(Answer::FillBlank(accepted))
        }
        _ => {
            let want = match kind {
                QuestionKind::Single => msg!("quiz-want-answer-single"),
                QuestionKind::Multiple => msg!("quiz-want-answer-multiple"),
                QuestionKind::TrueFalse => msg!("quiz-want-answer-true-false"),
                QuestionKind::FillBlank => msg!("quiz-want-answer-fill-blank"),
            };
            out.push(
                at,
                msg!(
                    "quiz-answer-wrong-kind",
                    kind = kind.as_str(),
                    want = want,
                    found = describe(value)
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
