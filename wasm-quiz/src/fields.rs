//! Typed reading of one mapping of a parsed quiz file, collecting every
//! problem (unknown keys, missing keys, wrong types) instead of stopping at
//! the first, each at the line and column where the loader found the node.

use std::fmt::Display;

use jiayuan_core::diagnostic::{did_you_mean, Diagnostic};
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::yaml::At;
use jiayuan_core::yaml_tree::Node;

/// A 1-based line and column in the file.
pub type Pos = (usize, usize);

/// An error in `file` at `at`, with its help line if it has one: every report of the
/// bank and contest checks.
pub fn error(file: &str, (line, column): Pos, message: Msg, help: Option<Msg>) -> Diagnostic {
    let d = Diagnostic::error(file, message).at(line, column);
    match help {
        Some(help) => d.help(help),
        None => d,
    }
}

/// Where a node was written.
pub fn pos<T>(node: &At<T>) -> Pos {
    (node.line, node.column)
}

/// A problem found in one file, at `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub at: Pos,
    pub message: Msg,
    pub help: Option<Msg>,
}

#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, at: Pos, message: Msg, help: Option<Msg>) {
        self.0.push(Problem { at, message, help });
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

/// A YAML scalar read as text: strings, and numbers as written (an option
/// `1982` or an accepted answer `3` are text to the quiz).
pub fn scalar_text(node: &Node) -> Option<String> {
    match node {
        Node::Text(s) => Some(s.clone()),
        Node::Int(n) => Some(n.to_string()),
        Node::Float(n) => Some(float_text(*n)),
        _ => None,
    }
}

/// `2.5`, and `1.0` for a whole float (as YAML wrote it, not `1`).
fn float_text(n: f64) -> String {
    format!("{n:?}")
}

/// How a value is described in "found …" messages.
pub fn describe(node: &Node) -> Msg {
    match node {
        Node::Null => msg!("quiz-found-nothing"),
        Node::Bool(b) => msg!("quiz-found-bool", value = b.to_string()),
        Node::Int(n) => msg!("quiz-found-number", value = n.to_string()),
        Node::Float(n) => msg!("quiz-found-number", value = float_text(*n)),
        Node::Text(s) => msg!("quiz-found-text", value = s),
        Node::List(_) => msg!("quiz-found-list"),
        Node::Map(_) => msg!("quiz-found-mapping"),
    }
}

pub struct Fields<'a> {
    map: &'a [(At<String>, At<Node>)],
    at: Pos,
    /// What the mapping is, for messages: "question `y-001`", "the contest file".
    what: Msg,
}

impl<'a> Fields<'a> {
    /// Read `node` as a mapping whose keys must be among `known`.
    pub fn open(
        node: &'a At<Node>,
        what: Msg,
        known: &[&str],
        out: &mut Problems,
    ) -> Option<Fields<'a>> {
        let Node::Map(map) = &node.value else {
            out.push(
                pos(node),
                msg!("quiz-not-a-mapping", what = what, found = describe(node)),
                Some(msg!("quiz-expected-keys", keys = known)),
            );
            return None;
        };
        for (key, _) in map.iter().filter(|(k, _)| !known.contains(&k.as_str())) {
            out.push(
                pos(key),
                msg!("quiz-unknown-key", key = key.as_str(), what = what.clone()),
                suggest(key, known.iter().copied()),
            );
        }
        Some(Fields {
            map,
            at: pos(node),
            what,
        })
    }

    /// Where `key` is written, or where the mapping starts when it is absent.
    pub fn at(&self, key: &str) -> Pos {
        self.entry(key).map_or(self.at, |(k, _)| pos(k))
    }

    /// Where item `index` of the list under `key` is written (else where `key` is).
    pub fn item_at(&self, key: &str, index: usize) -> Pos {
        match self.get(key).map(|v| &v.value) {
            Some(Node::List(items)) if index < items.len() => pos(&items[index]),
            _ => self.at(key),
        }
    }

    pub fn set_what(&mut self, what: Msg) {
        self.what = what;
    }

    pub fn what(&self) -> Msg {
        self.what.clone()
    }

    fn entry(&self, key: &str) -> Option<&'a (At<String>, At<Node>)> {
        self.map.iter().find(|(k, _)| k.as_str() == key)
    }

    /// The value of `key`; null counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a At<Node>> {
        self.entry(key)
            .map(|(_, v)| v)
            .filter(|v| v.value != Node::Null)
    }

    pub fn require(&self, key: &str, out: &mut Problems) -> Option<&'a At<Node>> {
        let value = self.get(key);
        if value.is_none() {
            out.push(
                self.at,
                msg!("quiz-missing-key", what = self.what(), key = key),
                None,
            );
        }
        value
    }

    /// `key` holds a value of the wrong kind; `want` words the kind it must be.
    pub fn wrong(&self, key: &str, want: Msg, found: &Node, out: &mut Problems) {
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
        match v {
            Node::Bool(b) => Some(*b),
            _ => {
                self.wrong(key, msg!("quiz-want-bool"), v, out);
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub fn whole(
        &self,
        key: &str,
        required: bool,
        (min, max): (u64, u64),
        out: &mut Problems,
    ) -> Option<u64> {
        let v = self.value(key, required, out)?;
        let Node::Int(n) = *v else {
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
        let n = match *v {
            Node::Int(n) => n as f64,
            Node::Float(n) => n,
            _ => {
                self.wrong(key, msg!("quiz-want-number"), v, out);
                return None;
            }
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
        let Node::List(items) = v else {
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
                        pos(item),
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

    fn value(&self, key: &str, required: bool, out: &mut Problems) -> Option<&'a Node> {
        let found = if required {
            self.require(key, out)
        } else {
            self.get(key)
        };
        found.map(|v| &v.value)
    }
}

/// `` `key` must be a list, found the text `x` ``.
pub fn wrong_kind(key: &str, want: Msg, found: &Node) -> Msg {
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
    use jiayuan_core::i18n::Lang;
    use jiayuan_core::yaml_tree::tree;

    use super::*;

    #[test]
    fn reports_unknown_missing_and_mistyped_keys_together() {
        let text = "id: a\nexplaination: x\ndifficulty: hard\ntags: [1, ~]\n";
        let v = tree(text, 1024).unwrap();
        let mut out = Problems::default();
        let f = Fields::open(
            &v,
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
        let places: Vec<Pos> = out.0.iter().map(|p| p.at).collect();
        assert_eq!(places, [(2, 1), (1, 1), (3, 1), (4, 11)]);
    }

    #[test]
    fn ranges_are_checked() {
        let v = tree("n: -5\nx: 1.0e9\n", 1024).unwrap();
        let mut out = Problems::default();
        let what = msg!("quiz-what-contest-file");
        let f = Fields::open(&v, what, &["n", "x"], &mut out).unwrap();
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
