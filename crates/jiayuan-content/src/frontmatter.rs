//! Front matter: splitting it from the body and reading it as YAML.
//!
//! YAML is read by jiayuan-core's loader, which places every value and every error; this
//! module adds the offset of the front matter in its file and the editor's wording.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use jiayuan_core::diagnostic::{did_you_mean, Diagnostic};
use jiayuan_core::i18n::{Arg, Msg};
use jiayuan_core::msg;
use jiayuan_core::yaml::{self, At, Problem};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: At<String>,
    pub date: Option<At<String>>,
    pub updated: Option<At<String>>,
    #[serde(default)]
    pub draft: bool,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    pub weight: Option<i64>,
    pub slug: Option<At<String>>,
    #[serde(default)]
    pub aliases: Vec<At<String>>,
    pub author: Option<String>,
    pub city: Option<String>,
    pub cover: Option<At<String>>,
    pub template: Option<At<String>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    /// Only compatible front matter sets these (`crate::compat`); strict has no such key.
    #[serde(skip)]
    pub aliases: Vec<At<String>>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A file split into front matter and body, with the body's position in the file.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body within the file.
    pub body_offset: usize,
}

/// Splits `---` fenced front matter from the body.
pub fn split<'a>(shown: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let source = || Arc::from(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(shown, msg!("fm-missing"))
            .at(1, 1)
            .with_source(source())
            .help(msg!("fm-missing-help")));
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_line_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_offset: end,
            });
        }
        offset = end;
    }
    Err(Diagnostic::error(shown, msg!("fm-unclosed"))
        .at(1, 1)
        .with_source(source())
        .help(msg!("fm-unclosed-help")))
}

/// Deserializes front matter; every error is placed in the file and worded for editors.
pub fn parse<T: DeserializeOwned>(
    shown: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    yaml::from_str(yaml).map_err(|e| {
        // A missing key belongs at the top of the front matter, where it is to be added.
        let missing = matches!(e.problem, Problem::MissingKey { .. });
        let (line, column) = if e.line == 0 || missing {
            (split.yaml_line, 1)
        } else {
            (e.line + split.yaml_line - 1, e.column)
        };
        let key = || yaml::key_at(yaml, e.line, e.column);
        let (message, help) = explain(&e.problem, key);
        Diagnostic::error(shown, message)
            .at(line, column)
            .with_source(Arc::from(text))
            .help(help)
    })
}

/// What a Rust type wants, in an editor's words; the loader names it as the type does.
fn kind(expected: &str) -> Msg {
    let e = expected.trim_start_matches("a ").trim_start_matches("an ");
    match e {
        "sequence" | "sequence start" | "seq" => msg!("kind-list"),
        "string" | "string scalar" | "str" | "char" => msg!("kind-text"),
        "map" | "mapping" | "mapping start" | "struct" => msg!("kind-mapping"),
        "bool" | "boolean" => msg!("kind-bool"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            msg!("kind-integer")
        }
        _ => msg!("kind-other", name = expected),
    }
}

/// An editor's wording of a YAML problem, with a fix.
fn explain(problem: &Problem, key: impl Fn() -> Option<String>) -> (Msg, Msg) {
    let some_key = || key().map_or_else(|| msg!("fm-a-value").into(), Arg::from);
    match problem {
        Problem::UnknownKey { key, allowed } => {
            let help = match did_you_mean(key, allowed) {
                Some(s) => msg!("fm-unknown-key-suggest", suggestion = s, allowed = allowed),
                None => msg!("fm-allowed-keys", allowed = allowed),
            };
            (msg!("fm-unknown-key", key = key), help)
        }
        Problem::MissingKey { key } => (
            msg!("fm-missing-key", key = key),
            msg!("fm-missing-key-help", key = key),
        ),
        Problem::WrongType { expected } => (
            Msg {
                id: "fm-wrong-type",
                args: vec![("key", some_key()), ("expected", kind(expected).into())],
            },
            msg!("fm-wrong-type-help"),
        ),
        Problem::UnknownChoice { value, allowed } => (
            Msg {
                id: "fm-unknown-choice",
                args: vec![("key", some_key()), ("value", value.into())],
            },
            msg!("fm-unknown-choice-help", allowed = allowed),
        ),
        Problem::DuplicateKey { key } => (
            match key {
                Some(key) => msg!("fm-duplicate-key", key = key),
                None => msg!("fm-duplicate-some-key"),
            },
            msg!("fm-duplicate-key-help"),
        ),
        Problem::TooDeep { limit } => (
            msg!("fm-too-deep", limit = *limit),
            msg!("fm-too-deep-help"),
        ),
        Problem::TooManyAliases { limit } => (
            msg!("fm-too-many-aliases", limit = *limit),
            msg!("fm-too-many-aliases-help"),
        ),
        Problem::TooLarge { limit } => (
            msg!("fm-too-large", kib = *limit / 1024),
            msg!("fm-too-large-help"),
        ),
        _ => (msg!("fm-syntax"), msg!("fm-syntax-help")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Result<PageMeta, Diagnostic> {
        let shown = Path::new("a.md");
        let s = split(shown, text)?;
        parse(shown, text, &s)
    }

    #[test]
    fn reads_page_keys() {
        let p =
            page("---\ntitle: 家园\ntags: [三孩政策, 优生优育]\ncity: 保定\n---\n正文").unwrap();
        assert_eq!(*p.title, "家园");
        assert_eq!(p.tags, ["三孩政策", "优生优育"]);
        assert_eq!(p.city.as_deref(), Some("保定"));
    }

    #[test]
    fn unknown_key_points_at_its_line_and_suggests() {
        let e = page("---\ntitle: a\ntitel: b\n---\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.message.en(), "unknown front matter key `titel`");
        assert!(e.help.unwrap().en().starts_with("did you mean `title`?"));
    }

    #[test]
    fn type_error_points_into_the_file() {
        let e = page("---\ntitle: a\n\ntags: 3\n---\n").unwrap_err();
        assert_eq!(e.line, 4, "{e:?}");
        assert!(e.message.en().contains("tags"), "{:?}", e.message);
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(page("---\ntitle: a\n")
            .unwrap_err()
            .message
            .en()
            .contains("never closed"));
        assert!(page("title: a\n")
            .unwrap_err()
            .message
            .en()
            .contains("does not start"));
        assert!(page("---\n---\n")
            .unwrap_err()
            .message
            .en()
            .contains("no `title`"));
    }
}
