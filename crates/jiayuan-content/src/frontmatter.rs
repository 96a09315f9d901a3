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
    pub cover: Option<String>,
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
        return Err(Diagnostic::error(shown, "the file does not start with front matter")
            .at(1, 1)
            .with_source(source())
            .help("begin the file with a line `---`, then `title: 标题`, then a closing `---` line"));
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
    Err(
        Diagnostic::error(shown, "the front matter opened here is never closed")
            .at(1, 1)
            .with_source(source())
            .help("add a line with only `---` after the last front matter key"),
    )
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
        let key = || yaml::key_at(yaml, e.line, e.column).unwrap_or_else(|| "a value".into());
        let (message, help) = explain(&e.problem, key);
        Diagnostic::error(shown, message)
            .at(line, column)
            .with_source(Arc::from(text))
            .help(help)
    })
}

/// What a Rust type wants, in an editor's words; the loader names it as the type does.
fn kind(expected: &str) -> &str {
    let e = expected.trim_start_matches("a ").trim_start_matches("an ");
    match e {
        "sequence" | "sequence start" | "seq" => "a list",
        "string" | "string scalar" | "str" | "char" => "text",
        "map" | "mapping" | "mapping start" | "struct" => "`key: value` lines",
        "bool" | "boolean" => "true or false",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "a whole number"
        }
        _ => expected,
    }
}

/// An editor's wording of a YAML problem, with a fix.
fn explain(problem: &Problem, key: impl Fn() -> String) -> (String, String) {
    match problem {
        Problem::UnknownKey { key, allowed } => {
            let help = match did_you_mean(key, allowed) {
                Some(s) => format!("did you mean `{s}`? Allowed keys: {}", allowed.join(", ")),
                None => format!(
                    "allowed keys: {}; put your own values under `extra:`",
                    allowed.join(", ")
                ),
            };
            (format!("unknown front matter key `{key}`"), help)
        }
        Problem::MissingKey { key } => (
            format!("the front matter has no `{key}`"),
            format!("add a line like `{key}: 标题` between the --- lines"),
        ),
        Problem::WrongType { expected } => (
            format!("`{}` has the wrong type: expected {}", key(), kind(expected)),
            "lists are written [甲, 乙] or as `- item` lines; text with a colon needs quotes"
                .into(),
        ),
        Problem::UnknownChoice { value, allowed } => (
            format!("`{}` cannot be `{value}`", key()),
            format!("write one of: {}", allowed.join(", ")),
        ),
        Problem::DuplicateKey { key } => (
            format!(
                "the front matter has `{}` twice",
                key.as_deref().unwrap_or("a key")
            ),
            "keep one of the two lines".into(),
        ),
        Problem::TooDeep { limit } => (
            format!("the front matter nests lists or `key: value` maps more than {limit} levels deep"),
            "front matter holds text, dates and short lists; close the brackets you opened, or move deep data out of the page".into(),
        ),
        Problem::TooManyAliases { limit } => (
            format!("the front matter's aliases (`*name`) repeat more than {limit} values"),
            "write the values out where they are needed instead of repeating an `&anchor` with `*alias`".into(),
        ),
        Problem::TooLarge { limit } => (
            format!("the front matter is longer than {} KiB", limit / 1024),
            "keep long text in the page body, below the closing `---` line".into(),
        ),
        _ => (
            "front matter is not valid YAML".into(),
            "check indentation and quoting; text containing `: ` or starting with `[`, `{` or `*` must be quoted"
                .into(),
        ),
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
        assert_eq!(e.message, "unknown front matter key `titel`");
        assert!(e.help.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn type_error_points_into_the_file() {
        let e = page("---\ntitle: a\n\ntags: 3\n---\n").unwrap_err();
        assert_eq!(e.line, 4, "{e:?}");
        assert!(e.message.contains("tags"), "{}", e.message);
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(page("---\ntitle: a\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(page("title: a\n")
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(page("---\n---\n")
            .unwrap_err()
            .message
            .contains("no `title`"));
    }
}
