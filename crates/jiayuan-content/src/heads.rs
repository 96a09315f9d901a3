//! Heads: what a file's front matter says and where the page or section lives, before
//! any Markdown is rendered. Drafts, scheduled pages and draft sections leave here.

use std::collections::BTreeMap;
use std::path::Path;

use chrono_tz::Tz;

use crate::compat::{self, Kept};
use crate::frontmatter::{self, PageMeta, SectionMeta};
use crate::model::SourceFile;
use crate::LoadOptions;
use jiayuan_core::config::FrontMatterMode;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::files;
use jiayuan_core::msg;
use jiayuan_core::paths::{parent_dir, section_path};
use jiayuan_core::time::{self, Moment};
use jiayuan_core::yaml::At;

/// A published page as its front matter and file name describe it.
#[derive(Debug, Clone)]
pub struct PageHead {
    pub file: SourceFile,
    pub meta: PageMeta,
    pub date: Option<Moment>,
    pub updated: Option<Moment>,
    /// Key of the section that holds the page ("" is the home section).
    pub section: String,
    pub slug: String,
    /// Site path such as `/news/a/`, without the base path.
    pub path: String,
}

/// A section as its `_index.md` (or only its folder) describes it.
#[derive(Debug, Clone)]
pub struct SectionHead {
    /// Content-relative folder: "" for the root, `care/warm-heart` for a nested one.
    pub key: String,
    pub file: Option<SourceFile>,
    pub meta: SectionMeta,
    pub title: String,
    pub path: String,
    pub parent: Option<String>,
}

pub(crate) enum Parsed {
    Page(SourceFile, Box<PageMeta>),
    Section(SourceFile, SectionMeta),
}

/// A parsed file and, in compatible mode, the keys it kept under `extra` and whether it
/// had no front matter at all.
pub(crate) struct ParsedFile {
    pub parsed: Parsed,
    pub kept: Vec<Kept>,
    pub bare: bool,
}

pub(crate) fn parse_file(
    content: &Path,
    rel: &str,
    abs: &Path,
    mode: FrontMatterMode,
) -> Result<ParsedFile, Diagnostic> {
    let shown = files::shown_path(content, abs);
    let text = files::read_text(abs, &shown)?;
    let compatible = mode == FrontMatterMode::Compatible;
    let split = if compatible {
        compat::split(&shown, &text)?
    } else {
        frontmatter::split(&shown, &text)?
    };
    let (body_offset, yaml_line) = (split.body_offset, split.yaml_line);
    let file = |text| SourceFile {
        rel: rel.to_string(),
        shown: shown.clone(),
        text,
        body_offset,
        yaml_line,
    };
    let bare = body_offset == 0;
    if rel == "_index.md" || rel.ends_with("/_index.md") {
        let (meta, kept) = if compatible {
            compat::section(&shown, &text, &split)?
        } else {
            (frontmatter::parse(&shown, &text, &split)?, Vec::new())
        };
        let parsed = Parsed::Section(file(text.clone()), meta);
        return Ok(ParsedFile { parsed, kept, bare });
    }
    let (meta, kept) = if compatible {
        compat::page(&shown, &text, &split)?
    } else {
        (frontmatter::parse(&shown, &text, &split)?, Vec::new())
    };
    if meta.title.trim().is_empty() {
        let (line, _) = meta.title.shifted(yaml_line - 1);
        return Err(Diagnostic::error(&shown, msg!("fm-empty-title"))
            .at(line, 1)
            .with_source(text.clone())
            .help(msg!("fm-empty-title-help")));
    }
    let parsed = Parsed::Page(file(text.clone()), Box::new(meta));
    Ok(ParsedFile { parsed, kept, bare })
}

/// Compatible mode's notes: one warning per key kept under `extra` (with how many files
/// wrote it, placed at the first), and one for the files without front matter.
pub(crate) fn compat_warnings(parsed: &[Result<ParsedFile, Diagnostic>]) -> Vec<Diagnostic> {
    let mut keys: BTreeMap<&str, (usize, &SourceFile, usize)> = BTreeMap::new();
    let mut bare: Vec<&SourceFile> = Vec::new();
    for item in parsed.iter().flatten() {
        let file = match &item.parsed {
            Parsed::Page(f, _) | Parsed::Section(f, _) => f,
        };
        if item.bare {
            bare.push(file);
        }
        for kept in &item.kept {
            let entry = keys.entry(&kept.key).or_insert((0, file, kept.line));
            entry.0 += 1;
            if file.rel < entry.1.rel {
                (entry.1, entry.2) = (file, kept.line);
            }
        }
    }
    let mut out: Vec<Diagnostic> = keys
        .into_iter()
        .map(|(key, (count, file, line))| {
            Diagnostic::warning(
                &file.shown,
                msg!("compat-kept-key", key = key, count = count),
            )
            .at(line + file.yaml_line - 1, 1)
            .with_source(file.text.clone())
            .help(msg!("compat-kept-key-help", key = key))
        })
        .collect();
    bare.sort_by(|a, b| a.rel.cmp(&b.rel));
    if let Some(first) = bare.first() {
        out.push(
            Diagnostic::warning(&first.shown, msg!("compat-bare-files", count = bare.len()))
                .help(msg!("compat-bare-files-help")),
        );
    }
    out
}

/// Page heads keyed by content path, and section files keyed by folder. A section marked
/// `draft: true` takes its pages and its subsections with it unless drafts are built.
pub(crate) fn page_heads(
    parsed: Vec<Result<ParsedFile, Diagnostic>>,
    opts: &LoadOptions,
    zone: Tz,
    diags: &mut Vec<Diagnostic>,
) -> (
    BTreeMap<String, PageHead>,
    BTreeMap<String, (SourceFile, SectionMeta)>,
) {
    let mut pages = BTreeMap::new();
    let mut section_files = BTreeMap::new();
    let mut page_files = Vec::new();
    for item in parsed {
        match item.map(|p| p.parsed) {
            Err(d) => diags.push(d),
            Ok(Parsed::Section(file, meta)) => {
                let key = parent_dir(&file.rel).to_string();
                section_files.insert(key, (file, meta));
            }
            Ok(Parsed::Page(file, meta)) => page_files.push((file, *meta)),
        }
    }
    let drafted: Vec<String> = section_files
        .iter()
        .filter(|(_, (_, meta))| meta.draft && !opts.drafts)
        .map(|(key, _)| key.clone())
        .collect();
    let hidden = |dir: &str| {
        drafted.iter().any(|d| {
            d.is_empty()
                || dir == d
                || dir
                    .strip_prefix(d.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
    };
    for (file, meta) in page_files {
        let dir = parent_dir(&file.rel).to_string();
        if let Some(head) = page_head(file, meta, opts, zone, diags) {
            if !hidden(&dir) {
                pages.insert(head.file.rel.clone(), head);
            }
        }
    }
    section_files.retain(|key, _| !hidden(key));
    (pages, section_files)
}

fn date_field(
    file: &SourceFile,
    key: &str,
    value: &Option<At<String>>,
    zone: Tz,
    diags: &mut Vec<Diagnostic>,
) -> Option<Moment> {
    let value = value.as_ref()?;
    let parsed = time::parse_date(value, zone);
    if parsed.is_none() {
        let (line, column) = file.place(value);
        diags.push(
            Diagnostic::error(
                &file.shown,
                msg!("fm-bad-date", key = key, value = value.as_str()),
            )
            .at(line, column)
            .with_source(file.text.clone())
            .help(msg!("fm-bad-date-help")),
        );
    }
    parsed
}

pub(crate) fn page_head(
    file: SourceFile,
    meta: PageMeta,
    opts: &LoadOptions,
    zone: Tz,
    diags: &mut Vec<Diagnostic>,
) -> Option<PageHead> {
    let date = date_field(&file, "date", &meta.date, zone, diags);
    let updated = date_field(&file, "updated", &meta.updated, zone, diags);
    if meta.draft && !opts.drafts {
        return None;
    }
    if date.is_some_and(|d| d > opts.now) {
        return None;
    }
    let (section, stem) = section_and_stem(&file.rel);
    let slug = meta
        .slug
        .as_ref()
        .map_or_else(|| stem.clone(), |s| s.value.clone());
    let slug: String = slug
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '/' {
                '-'
            } else {
                c
            }
        })
        .collect();
    let path = format!("{}{slug}/", section_path(&section));
    Some(PageHead {
        file,
        meta,
        date,
        updated,
        section,
        slug,
        path,
    })
}

/// The section holding a page and the default slug. A page bundle (`news/x/index.md`,
/// with its pictures beside it) is the page `x` of section `news`; any other file is the
/// page named by its stem in its own folder's section (docs/decisions.md, "Pictures").
pub(crate) fn section_and_stem(rel: &str) -> (String, String) {
    let dir = parent_dir(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name == "index.md" && !dir.is_empty() {
        let folder = dir.rsplit('/').next().unwrap_or(dir);
        return (parent_dir(dir).to_string(), folder.to_string());
    }
    (dir.to_string(), name.trim_end_matches(".md").to_string())
}

/// A head for tests of the later steps: a page at `rel` with the given front matter.
#[cfg(test)]
pub(crate) fn test_head(rel: &str, meta: PageMeta, date: Option<&str>) -> PageHead {
    let (section, slug) = section_and_stem(rel);
    PageHead {
        file: SourceFile {
            rel: rel.to_string(),
            shown: std::path::PathBuf::from("content").join(rel),
            text: std::sync::Arc::from("---\ntitle: t\n---\n"),
            body_offset: 16,
            yaml_line: 2,
        },
        meta,
        date: date.and_then(|d| time::parse_date(d, time::DEFAULT_ZONE)),
        updated: None,
        path: format!("{}{slug}/", section_path(&section)),
        section,
        slug,
    }
}
