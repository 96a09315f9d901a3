//! Typed reading of one mapping of a parsed quiz file, collecting every
//! problem (unknown keys, missing keys, wrong types) instead of stopping at
//! the first, each tagged with the path of the offending node.

use std::fmt::Display;

use jiayuan_core::diagnostic::did_you_mean;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use serde_json::{Map, Value};

use crate::locate::Seg;

/// A problem found in one file, located later from its path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub message: Msg,
    pub help: Option<Msg>,
}

#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, path: Vec<Seg>, message: Msg, help: Option<Msg>) {
        self.0.push(Problem {
            path,
            message,
            help,
        });
    }
}

/// `did you mean `x`?` for the closest candidate, else the full list.
pub fn suggest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Msg> {
    let all: Vec<&str> = candidates.into_iter().collect();
    if let Some(c) = did_you_mean(given, &all) {
        return Some(msg!("did-you-mean", suggestion = c));
    }
    (!all.is_empty()).then(|| msg!("quiz-expected-one-of", allowed = &all))
}

/// Append one segment to a path.
pub fn child(path: &[Seg], seg: impl Into<Seg>) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg.into());
    p
}

/// A YAML scalar read as text: strings, and numbers as written (an option
/// `1982` or an accepted answer `3` are text to the quiz).
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// How a value is described in "found …" messages.
pub fn describe(value: &Value) -> Msg {
    match value {
        Value::Null => msg!("quiz-found-nothing"),
        Value::Bool(b) => msg!("quiz-found-bool", value = b.to_string()),
        Value::Number(n) => msg!("quiz-found-number", value = n.to_string()),
        Value::String(s) => msg!("quiz-found-text", value = s),
        Value::Array(_) => msg!("quiz-found-list"),
        Value::Object(_) => msg!("quiz-found-mapping"),
    }
}

pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: Vec<Seg>,
    /// What the mapping is, for messages: "question `y-001`", "the contest file".
    what: Msg,
}

impl<'a> Fields<'a> {
    /// Read `value` as a mapping whose keys must be among `known`.
    pub fn open(
        value: &'a Value,
        path: Vec<Seg>,
        what: Msg,
        known: &[&str],
        out: &mut Problems,
    ) -> Option<Fields<'a>> {
        let Value::Object(map) = value else {
            out.push(
                path,
                msg!("quiz-not-a-mapping", what = what, found = describe(value)),
                Some(msg!("quiz-expected-keys", keys = known)),
            );
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            out.push(
                child(&path, key.as_str()),
                msg!("quiz-unknown-key", key = key, what = what.clone()),
                suggest(key, known.iter().copied()),
            );
        }
        Some(Fields { map, path, what })
    }

    pub fn at(&self, key: &str) -> Vec<Seg> {
        child(&self.path, key)
    }

    pub fn set_what(&mut self, what: Msg) {
        self.what = what;
    }

    pub fn what(&self) -> Msg {
        self.what.clone()
    }

    /// The value of `key`; null counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn require(&self, key: &str, out: &mut Problems) -> Option<&'a Value> {
        let value = self.get(key);
        if value.is_none() {
            out.push(
                self.path.clone(),
                msg!("quiz-missing-key", what = self.what(), key = key),
                None,
            );
        }
        value
    }

    /// `key` holds a value of the wrong kind; `want` words the kind it must be.
    pub fn wrong(&self, key: &str, want: Msg, found: &Value, out: &mut Problems) {
        out.push(self.at(key), wrong_kind(key, want, found), None);
    }

    pub fn text(&self, key: &str, required: bool, out: &mut Problems) -> Option<String> {
        let v = self.value(key, required, out)?;
        let text = scalar_text(v);
        if text.is_none() {
            self.wrong(key, msg!("quiz-want-text"), v, out);
        }
        text
    }

    pub fn boolean(&self, key: &str, required: bool, out: &mut Problems) -> Option<bool> {
        let v = self.value(key, required, out)?;
        let b = v.as_bool();
        if b.is_none() {
            self.wrong(key, msg!("quiz-want-bool"), v, out);
        }
        b
    }

    /// A whole number in `0..=max`; `what_max` names the limit in messages.
    pub fn whole(
        &self,
        key: &str,
        required: bool,
        (min, max): (u64, u64),
        out: &mut Problems,
    ) -> Option<u64> {
        let v = self.value(key, required, out)?;
        let Some(n) = v.as_i64().map(i128::from).or(v.as_u64().map(i128::from)) else {
            self.wrong(key, msg!("quiz-want-whole"), v, out);
            return None;
        };
        if n < i128::from(min) || n > i128::from(max) {
            out.push(self.at(key), out_of_range(key, n, min, max), None);
            return None;
        }
        u64::try_from(n).ok()
    }

    /// A number in `min..=max`.
    pub fn number(
        &self,
        key: &str,
        required: bool,
        (min, max): (f64, f64),
        out: &mut Problems,
    ) -> Option<f64> {
        let v = self.value(key, required, out)?;
        let Some(n) = v.as_f64() else {
            self.wrong(key, msg!("quiz-want-number"), v, out);
            return None;
        };
        if !(min..=max).contains(&n) {
            out.push(self.at(key), out_of_range(key, n, min, max), None);
            return None;
        }
        Some(n)
    }

    /// A list of text items (a lone scalar is not accepted).
    pub fn text_list(&self, key: &str, required: bool, out: &mut Problems) -> Option<Vec<String>> {
        let v = self.value(key, required, out)?;
        let Value::Array(items) = v else {
            self.wrong(key, msg!("quiz-want-list"), v, out);
            return None;
        };
        let mut texts = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match scalar_text(item) {
                Some(t) => texts.push(t),
                None => {
                    ok = false;
                    out.push(
                        child(&self.at(key), i),
                        msg!(
                            "quiz-item-not-text",
                            number = i + 1,
                            key = key,
                            found = describe(item)
                        ),
                        None,
                    );
                }
            }
        }
        ok.then_some(texts)
    }

    fn value(&self, key: &str, required: bool, out: &mut Problems) -> Option<&'a Value> {
        if required {
            self.require(key, out)
        } else {
            self.get(key)
        }
    }
}

/// `` `key` must be a list, found the text `x` ``.
pub fn wrong_kind(key: &str, want: Msg, found: &Value) -> Msg {
    msg!(
        "quiz-wrong-kind",
        key = key,
        want = want,
        found = describe(found)
    )
}

/// `` `key` is 12, outside the range 1–3 ``, with the numbers as Rust prints them.
fn out_of_range(key: &str, n: impl Display, min: impl Display, max: impl Display) -> Msg {
    msg!(
        "quiz-out-of-range",
        key = key,
        value = n.to_string(),
        min = min.to_string(),
        max = max.to_string()
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use jiayuan_core::i18n::Lang;

    use super::*;
    use crate::locate::ypath;

    #[test]
    fn reports_unknown_missing_and_mistyped_keys_together() {
        let v = json!({"id": "a", "explaination": "x", "difficulty": "hard", "tags": [1, null]});
        let mut out = Problems::default();
        let f = Fields::open(
            &v,
            ypath!["questions", 0],
            msg!("quiz-what-question-id", id = "a"),
            &["id", "explanation", "difficulty", "tags", "stem"],
            &mut out,
        )
        .unwrap();
        assert_eq!(f.text("stem", true, &mut out), None);
        assert_eq!(f.whole("difficulty", true, (1, 3), &mut out), None);
        assert_eq!(f.text_list("tags", true, &mut out), None);
        let messages: Vec<String> = out.0.iter().map(|p| p.message.en()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `explaination` in question `a`",
                "question `a` is missing `stem`",
                "`difficulty` must be a whole number, found the text `hard`",
                "item 2 of `tags` must be text, found nothing",
            ]
        );
        assert_eq!(
            out.0[0].help.as_ref().map(Msg::en).as_deref(),
            Some("did you mean `explanation`?")
        );
        let chinese: Vec<String> = out.0.iter().map(|p| p.message.text(Lang::ZhCn)).collect();
        assert_eq!(
            chinese,
            [
                "题目 `a`：未知的键 `explaination`",
                "题目 `a`：缺少 `stem`",
                "`difficulty` 应为整数，实际是文本 `hard`",
                "`tags` 的第 2 项应为文本，实际是空值",
            ]
        );
        assert_eq!(out.0[3].path, ypath!["questions", 0, "tags", 1]);
    }

    #[test]
    fn ranges_are_checked() {
        let v = json!({"n": -5, "x": 1e9});
        let mut out = Problems::default();
        let what = msg!("quiz-what-contest-file");
        let f = Fields::open(&v, vec![], what, &["n", "x"], &mut out).unwrap();
        assert_eq!(f.whole("n", true, (0, 10), &mut out), None);
        assert_eq!(f.number("x", true, (0.0, 1000.0), &mut out), None);
        assert_eq!(out.0[0].message.en(), "`n` is -5, outside the range 0–10");
        assert_eq!(
            out.0[1].message.en(),
            "`x` is 1000000000, outside the range 0–1000"
        );
        assert_eq!(
            suggest("zzz", ["abc", "def"]).unwrap().en(),
            "expected one of: abc, def"
        );
    }
}
