//! Front matter: splitting it from the body and reading it as YAML.
//!
//! This is the only module that parses YAML for content (DESIGN D7), so a maintained
//! serde_yaml fork can replace it in one change. Every error is mapped to the line and
//! column in the original file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use jiayuan_core::diagnostic::{did_you_mean, Diagnostic};

pub const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "draft",
    "description",
    "tags",
    "categories",
    "weight",
    "slug",
    "aliases",
    "author",
    "city",
    "cover",
    "template",
    "extra",
];

pub const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "sort_by",
    "paginate_by",
    "template",
    "page_template",
    "weight",
    "draft",
    "extra",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub author: Option<String>,
    pub city: Option<String>,
    pub cover: Option<String>,
    pub template: Option<String>,
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

/// Deserializes front matter, mapping serde_yaml errors to file positions.
pub fn parse<T: DeserializeOwned>(
    shown: &Path,
    text: &str,
    split: &Split<'_>,
    allowed: &[&str],
) -> Result<T, Diagnostic> {
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((split.yaml_line, 1), |l| {
            (l.line() + split.yaml_line - 1, l.column())
        });
        let raw = e.to_string();
        let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
        let (message, help) = explain(&raw, allowed);
        Diagnostic::error(shown, message)
            .at(line, column)
            .with_source(Arc::from(text))
            .help(help)
    })
}

/// Turns serde's wording into an editor's wording, with a fix.
fn explain(raw: &str, allowed: &[&str]) -> (String, String) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let help = match did_you_mean(key, allowed) {
            Some(s) => format!("did you mean `{s}`? Allowed keys: {}", allowed.join(", ")),
            None => format!(
                "allowed keys: {}; put your own values under `extra:`",
                allowed.join(", ")
            ),
        };
        return (format!("unknown front matter key `{key}`"), help);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return (
            format!("the front matter has no `{key}`"),
            format!("add a line like `{key}: 标题` between the --- lines"),
        );
    }
    if let Some((field, rest)) = raw.split_once(": invalid type: ") {
        return (
            format!("`{field}` has the wrong type: {rest}"),
            "lists are written [甲, 乙] or as `- item` lines; text with a colon needs quotes"
                .into(),
        );
    }
    if raw.contains("invalid type") {
        return (
            format!("front matter has the wrong shape: {raw}"),
            "front matter must be `key: value` lines".into(),
        );
    }
    (
        format!("front matter is not valid YAML: {raw}"),
        "check indentation and quoting; text containing `: ` or starting with `[`, `{` or `*` must be quoted"
            .into(),
    )
}

/// 1-based line of a top-level front matter key, for errors about its value.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(split.yaml_line.saturating_sub(1), |i| i + split.yaml_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Result<PageMeta, Diagnostic> {
        let shown = Path::new("a.md");
        let s = split(shown, text)?;
        parse(shown, text, &s, PAGE_KEYS)
    }

    #[test]
    fn reads_page_keys() {
        let p =
            page("---\ntitle: 家园\ntags: [三孩政策, 优生优育]\ncity: 保定\n---\n正文").unwrap();
        assert_eq!(p.title, "家园");
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
