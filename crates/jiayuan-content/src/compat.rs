//! `[content] front_matter = "compatible"`: front matter written for Hugo or Zola.
//!
//! The common keys of those generators are read and mapped onto jiayuan's own
//! (`summary` → `description`, `lastmod` → `updated`, `category` → `categories`,
//! `authors` → `author`); any other key is kept under `extra` and reported once per key
//! for the whole site, not once per file. A file without front matter is a page titled
//! by its first heading, or by its file name (docs/decisions.md, "Content from other
//! generators").

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::frontmatter::{self, PageMeta, SectionMeta, SortBy, Split};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::yaml::At;

/// A key compatible mode did not know, kept under `extra`, and where it was written
/// (1-based line counted from the top of the YAML).
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub key: String,
    pub line: usize,
}

/// Text or a list of texts: Hugo accepts `tags: 政策` as well as `tags: [政策]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Every page key jiayuan reads, plus the Hugo/Zola keys it maps.
#[derive(Debug, Default, Deserialize)]
struct CompatPage {
    title: Option<At<String>>,
    date: Option<At<String>>,
    updated: Option<At<String>>,
    lastmod: Option<At<String>>,
    #[serde(default)]
    draft: bool,
    description: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    tags: OneOrMany,
    #[serde(default)]
    categories: OneOrMany,
    #[serde(default)]
    category: OneOrMany,
    #[serde(default)]
    keywords: OneOrMany,
    weight: Option<i64>,
    slug: Option<At<String>>,
    #[serde(default)]
    aliases: Vec<At<String>>,
    author: Option<String>,
    #[serde(default)]
    authors: OneOrMany,
    city: Option<String>,
    cover: Option<At<String>>,
    template: Option<At<String>>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
}

const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "draft",
    "description",
    "summary",
    "tags",
    "categories",
    "category",
    "keywords",
    "weight",
    "slug",
    "aliases",
    "author",
    "authors",
    "city",
    "cover",
    "template",
    "extra",
];

#[derive(Debug, Default, Deserialize)]
struct CompatSection {
    title: Option<String>,
    description: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    sort_by: SortBy,
    paginate_by: Option<usize>,
    template: Option<String>,
    page_template: Option<String>,
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<At<String>>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
}

const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "summary",
    "sort_by",
    "paginate_by",
    "template",
    "page_template",
    "weight",
    "draft",
    "aliases",
    "extra",
];

/// The keys strict front matter allows on a page and on a section (`frontmatter.rs`).
const STRICT_PAGE_KEYS: &[&str] = &[
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
const STRICT_SECTION_KEYS: &[&str] = &[
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

/// Whether strict front matter would reject `key` (for `jiayuan init`, which picks the
/// mode a tree needs).
pub fn strict_rejects(key: &str, section: bool) -> bool {
    let allowed = if section {
        STRICT_SECTION_KEYS
    } else {
        STRICT_PAGE_KEYS
    };
    !allowed.contains(&key)
}

/// Splits front matter from the body; a file without any is all body.
pub fn split<'a>(shown: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() == "---" {
        frontmatter::split(shown, text)
    } else {
        Ok(Split {
            yaml: "",
            yaml_line: 1,
            body: text,
            body_offset: 0,
        })
    }
}

/// A page's front matter, its keys kept under `extra`, and whether it had a title.
pub fn page(
    shown: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<(PageMeta, Vec<Kept>), Diagnostic> {
    let c: CompatPage = frontmatter::parse(shown, text, split)?;
    let mut extra = c.extra;
    let kept = keep_unknown(shown, text, split, PAGE_KEYS, &mut extra)?;
    let keywords = c.keywords.into_vec();
    if !keywords.is_empty() {
        extra.entry("keywords".into()).or_insert(keywords.into());
    }
    let description = prefer(c.description, c.summary, "summary", &mut extra);
    let mut categories = c.categories.into_vec();
    categories.extend(c.category.into_vec());
    let authors = c.authors.into_vec();
    let author = c
        .author
        .or_else(|| (!authors.is_empty()).then(|| authors.join("、")));
    let title = c.title.unwrap_or_else(|| {
        At::unplaced(first_heading(split.body).unwrap_or_else(|| file_stem(shown)))
    });
    let meta = PageMeta {
        title,
        date: c.date,
        updated: c.updated.or(c.lastmod),
        draft: c.draft,
        description,
        tags: c.tags.into_vec(),
        categories,
        weight: c.weight,
        slug: c.slug,
        aliases: c.aliases,
        author,
        city: c.city,
        cover: c.cover,
        template: c.template,
        extra,
    };
    Ok((meta, kept))
}

/// A section's `_index.md` front matter, with its keys kept under `extra`.
pub fn section(
    shown: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<(SectionMeta, Vec<Kept>), Diagnostic> {
    let c: CompatSection = frontmatter::parse(shown, text, split)?;
    let mut extra = c.extra;
    let kept = keep_unknown(shown, text, split, SECTION_KEYS, &mut extra)?;
    let description = prefer(c.description, c.summary, "summary", &mut extra);
    let meta = SectionMeta {
        title: c.title.or_else(|| first_heading(split.body)),
        description,
        sort_by: c.sort_by,
        paginate_by: c.paginate_by,
        template: c.template,
        page_template: c.page_template,
        weight: c.weight,
        draft: c.draft,
        aliases: c.aliases,
        extra,
    };
    Ok((meta, kept))
}

/// `first`, else `second`; when both are written, `second` stays under `extra.<key>`.
fn prefer(
    first: Option<String>,
    second: Option<String>,
    key: &str,
    extra: &mut BTreeMap<String, serde_json::Value>,
) -> Option<String> {
    match (first, second) {
        (Some(f), Some(s)) => {
            extra.entry(key.into()).or_insert(s.into());
            Some(f)
        }
        (f, s) => f.or(s),
    }
}

/// Moves every top-level key not in `known` into `extra` (an `extra:` value of the same
/// name wins) and lists them with their lines.
fn keep_unknown(
    shown: &Path,
    text: &str,
    split: &Split<'_>,
    known: &[&str],
    extra: &mut BTreeMap<String, serde_json::Value>,
) -> Result<Vec<Kept>, Diagnostic> {
    let all: BTreeMap<String, At<serde_json::Value>> = frontmatter::parse(shown, text, split)?;
    let mut kept: Vec<Kept> = all
        .into_iter()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, value)| {
            let line = value.line;
            extra.entry(key.clone()).or_insert(value.value);
            Kept { key, line }
        })
        .collect();
    kept.sort_by_key(|k| k.line);
    Ok(kept)
}

/// The text of the first ATX heading (`# 标题`) outside code fences.
pub fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        if fence.is_some() || line.starts_with("    ") {
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        let rest = &trimmed[hashes..];
        if (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            let rest = match rest.rfind(" {#") {
                Some(i) if rest.trim_end().ends_with('}') => &rest[..i],
                _ => rest,
            };
            let title = rest.trim().trim_end_matches('#').trim();
            if !title.is_empty() {
                return Some(title.to_string());
            }
        }
    }
    None
}

fn file_stem(shown: &Path) -> String {
    shown
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

#[cfg(test)]
#[path = "compat_tests.rs"]
mod tests;
