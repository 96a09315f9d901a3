//! Typed reading of one mapping of a parsed quiz file, collecting every
//! problem (unknown keys, missing keys, wrong types) instead of stopping at
//! the first, each tagged with the path of the offending node.

use serde_json::{Map, Value};

use crate::locate::Seg;

/// A problem found in one file, located later from its path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, path: Vec<Seg>, message: impl Into<String>, help: Option<String>) {
        self.0.push(Problem {
            path,
            message: message.into(),
            help,
        });
    }
}

/// `did you mean `x`?` for the closest candidate, else the full list.
pub fn suggest<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    if let Some(c) = jiayuan_suggest::closest(given, candidates.clone()) {
        return Some(format!("did you mean `{c}`?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    (!all.is_empty()).then(|| format!("expected one of: {}", all.join(", ")))
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
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: Vec<Seg>,
    /// What the mapping is, for messages: "question `y-001`", "the contest".
    what: String,
}

impl<'a> Fields<'a> {
    /// Read `value` as a mapping whose keys must be among `known`.
    pub fn open(
        value: &'a Value,
        path: Vec<Seg>,
        what: &str,
        known: &[&str],
        out: &mut Problems,
    ) -> Option<Fields<'a>> {
        let Value::Object(map) = value else {
            out.push(
                path,
                format!(
                    "{what} must be a mapping of keys, found {}",
                    describe(value)
                ),
                Some(format!("expected keys: {}", known.join(", "))),
            );
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            out.push(
                child(&path, key.as_str()),
                format!("unknown key `{key}` in {what}"),
                suggest(key, known.iter().copied()),
            );
        }
        Some(Fields {
            map,
            path,
            what: what.to_owned(),
        })
    }

    pub fn at(&self, key: &str) -> Vec<Seg> {
        child(&self.path, key)
    }

    pub fn set_what(&mut self, what: String) {
        self.what = what;
    }

    pub fn what(&self) -> &str {
        &self.what
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
                format!("{} is missing `{key}`", self.what),
                None,
            );
        }
        value
    }

    fn wrong(&self, key: &str, want: &str, found: &Value, out: &mut Problems) {
        out.push(
            self.at(key),
            format!("`{key}` must be {want}, found {}", describe(found)),
            None,
        );
    }

    pub fn text(&self, key: &str, required: bool, out: &mut Problems) -> Option<String> {
        let v = self.value(key, required, out)?;
        let text = scalar_text(v);
        if text.is_none() {
            self.wrong(key, "text", v, out);
        }
        text
    }

    pub fn boolean(&self, key: &str, required: bool, out: &mut Problems) -> Option<bool> {
        let v = self.value(key, required, out)?;
        let b = v.as_bool();
        if b.is_none() {
            self.wrong(key, "true or false", v, out);
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
            self.wrong(key, "a whole number", v, out);
            return None;
        };
        if n < i128::from(min) || n > i128::from(max) {
            out.push(
                self.at(key),
                format!("`{key}` is {n}, outside the range {min}–{max}"),
                None,
            );
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
            self.wrong(key, "a number", v, out);
            return None;
        };
        if !(min..=max).contains(&n) {
            out.push(
                self.at(key),
                format!("`{key}` is {n}, outside the range {min}–{max}"),
                None,
            );
            return None;
        }
        Some(n)
    }

    /// A list of text items (a lone scalar is not accepted).
    pub fn text_list(&self, key: &str, required: bool, out: &mut Problems) -> Option<Vec<String>> {
        let v = self.value(key, required, out)?;
        let Value::Array(items) = v else {
            self.wrong(key, "a list", v, out);
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
                        format!(
                            "item {} of `{key}` must be text, found {}",
                            i + 1,
                            describe(item)
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::locate::ypath;

    #[test]
    fn reports_unknown_missing_and_mistyped_keys_together() {
        let v = json!({"id": "a", "explaination": "x", "difficulty": "hard", "tags": [1, null]});
        let mut out = Problems::default();
        let f = Fields::open(
            &v,
            ypath!["questions", 0],
            "question `a`",
            &["id", "explanation", "difficulty", "tags", "stem"],
            &mut out,
        )
        .unwrap();
        assert_eq!(f.text("stem", true, &mut out), None);
        assert_eq!(f.whole("difficulty", true, (1, 3), &mut out), None);
        assert_eq!(f.text_list("tags", true, &mut out), None);
        let messages: Vec<&str> = out.0.iter().map(|p| p.message.as_str()).collect();
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
            out.0[0].help.as_deref(),
            Some("did you mean `explanation`?")
        );
        assert_eq!(out.0[3].path, ypath!["questions", 0, "tags", 1]);
    }

    #[test]
    fn ranges_are_checked() {
        let v = json!({"n": -5, "x": 1e9});
        let mut out = Problems::default();
        let f = Fields::open(&v, vec![], "it", &["n", "x"], &mut out).unwrap();
        assert_eq!(f.whole("n", true, (0, 10), &mut out), None);
        assert_eq!(f.number("x", true, (0.0, 1000.0), &mut out), None);
        assert_eq!(out.0[0].message, "`n` is -5, outside the range 0–10");
        assert_eq!(
            suggest("zzz", ["abc", "def"]).unwrap(),
            "expected one of: abc, def"
        );
    }
}
