//! The quiz data model: banks, questions, contests. Plain data, shared by
//! the build-time validator and the browser engine.

use serde::{Deserialize, Serialize};

/// Most options a single or multiple choice question may have (letters A–F).
pub const MAX_OPTIONS: usize = 6;
/// Fewest options a single or multiple choice question may have.
pub const MIN_OPTIONS: usize = 2;

/// The four question types of a bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    FillBlank,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::TrueFalse,
        QuestionKind::FillBlank,
    ];

    /// The spelling used in the YAML `type:` field.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::TrueFalse => "true_false",
            QuestionKind::FillBlank => "fill_blank",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }
}

/// The answer key, in terms of the original (unshuffled) option indices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Answer {
    /// Index of the one correct option.
    Single(usize),
    /// Indices of the correct options, ascending, at least two.
    Multiple(Vec<usize>),
    TrueFalse(bool),
    /// Accepted strings, compared after [`crate::normalize::normalize`].
    FillBlank(Vec<String>),
}

impl Answer {
    pub fn kind(&self) -> QuestionKind {
        match self {
            Answer::Single(_) => QuestionKind::Single,
            Answer::Multiple(_) => QuestionKind::Multiple,
            Answer::TrueFalse(_) => QuestionKind::TrueFalse,
            Answer::FillBlank(_) => QuestionKind::FillBlank,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Question {
    pub id: String,
    /// Name of the bank the question comes from.
    pub bank: String,
    pub stem: String,
    /// Empty for true/false and fill-in-the-blank questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    pub answer: Answer,
    pub explanation: String,
    pub difficulty: u8,
    #[serde(default)]
    pub tags: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

impl Question {
    pub fn kind(&self) -> QuestionKind {
        self.answer.kind()
    }
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Bank {
    /// Equal to the file stem.
    pub name: String,
    pub title: String,
    pub questions: Vec<Question>,
    /// The file the bank was read from, as shown in diagnostics.
    pub file: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    #[default]
    Contest,
    Practice,
}

/// When the page may reveal whether an answer was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Review {
    #[default]
    End,
    AfterEach,
}

/// One rule of a contest's draw: `count` questions matching every filter given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DrawRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// Only questions of this type: rules per type give every paper the
    /// same mix of types, whatever the seed.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<QuestionKind>,
    pub count: u32,
}

impl DrawRule {
    pub fn new(count: u32) -> DrawRule {
        DrawRule {
            count,
            ..DrawRule::default()
        }
    }

    pub fn matches(&self, q: &Question) -> bool {
        self.bank.as_ref().is_none_or(|b| *b == q.bank)
            && self.tag.as_ref().is_none_or(|t| q.tags.contains(t))
            && self.difficulty.is_none_or(|d| d == q.difficulty)
            && self.kind.is_none_or(|k| k == q.kind())
    }
}

/// Points per question type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scoring {
    pub single: f64,
    pub multiple: f64,
    pub true_false: f64,
    pub fill_blank: f64,
    #[serde(default)]
    pub partial_credit: bool,
}

impl Default for Scoring {
    fn default() -> Scoring {
        Scoring {
            single: 1.0,
            multiple: 1.0,
            true_false: 1.0,
            fill_blank: 1.0,
            partial_credit: false,
        }
    }
}

impl Scoring {
    pub fn points(&self, kind: QuestionKind) -> f64 {
        match kind {
            QuestionKind::Single => self.single,
            QuestionKind::Multiple => self.multiple,
            QuestionKind::TrueFalse => self.true_false,
            QuestionKind::FillBlank => self.fill_blank,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contest {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub mode: Mode,
    pub draw: Vec<DrawRule>,
    #[serde(default)]
    pub shuffle_questions: bool,
    #[serde(default)]
    pub shuffle_options: bool,
    /// 0 means no limit.
    #[serde(default)]
    pub time_limit_seconds: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_time_limit_seconds: Option<u32>,
    pub scoring: Scoring,
    #[serde(default)]
    pub pass_mark: f64,
    #[serde(default)]
    pub review: Review,
    /// 0 means unlimited; the page counts attempts locally, a contest
    /// server counts them per participant.
    #[serde(default)]
    pub attempts_per_day: u32,
    /// When a contest server starts accepting attempts: RFC 3339 with its
    /// offset, as written in the contest file. `None` means from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    /// When it stops accepting attempts and answers; `None` means never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    /// The file the contest was read from; not part of the bundle.
    #[serde(skip)]
    pub file: String,
}

impl Contest {
    /// A contest with the given draw and defaults everywhere else.
    pub fn new(id: &str, title: &str, draw: Vec<DrawRule>) -> Contest {
        Contest {
            id: id.to_owned(),
            title: title.to_owned(),
            intro: String::new(),
            mode: Mode::Contest,
            draw,
            shuffle_questions: false,
            shuffle_options: false,
            time_limit_seconds: 0,
            question_time_limit_seconds: None,
            scoring: Scoring::default(),
            pass_mark: 0.0,
            review: Review::End,
            attempts_per_day: 0,
            opens_at: None,
            closes_at: None,
            file: String::new(),
        }
    }

    /// Number of questions a paper of this contest holds.
    pub fn paper_len(&self) -> usize {
        self.draw.iter().map(|r| r.count as usize).sum()
    }
}

/// Everything read from a quiz folder: banks sorted by name, contests by id.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct QuizSet {
    pub banks: Vec<Bank>,
    pub contests: Vec<Contest>,
}

impl QuizSet {
    pub fn new(banks: Vec<Bank>, contests: Vec<Contest>) -> QuizSet {
        QuizSet { banks, contests }
    }

    pub fn contest(&self, id: &str) -> Option<&Contest> {
        self.contests.iter().find(|c| c.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.banks.iter().flat_map(|b| b.questions.iter())
    }
}

/// Letter shown for the option at `index` (0 → A).
pub fn option_letter(index: usize) -> char {
    (b'A' + index as u8) as char
}

/// Index of an option letter (A → 0), accepting lower case.
pub fn letter_index(letter: &str) -> Option<usize> {
    let mut chars = letter.trim().chars();
    let c = chars.next()?.to_ascii_uppercase();
    if chars.next().is_some() || !c.is_ascii_uppercase() {
        return None;
    }
    Some((c as u8 - b'A') as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip() {
        for i in 0..MAX_OPTIONS {
            assert_eq!(letter_index(&option_letter(i).to_string()), Some(i));
        }
        assert_eq!(letter_index("c"), Some(2));
        assert_eq!(letter_index("AB"), None);
        assert_eq!(letter_index("1"), None);
        assert_eq!(letter_index(""), None);
    }

    #[test]
    fn kinds_parse_their_own_spelling() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(QuestionKind::parse("essay"), None);
    }

    #[test]
    fn answer_serializes_externally_tagged() {
        let json = serde_json::to_string(&Answer::Multiple(vec![0, 2])).unwrap();
        assert_eq!(json, r#"{"multiple":[0,2]}"#);
    }
}
