//! jiayuan's second stage: `content/` → the site model, in parallel, collecting every
//! diagnostic. Depends only on jiayuan-core.

pub mod frontmatter;
pub mod markdown;
pub mod model;
mod related;
mod sections;
mod taxonomy;
mod walk;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDateTime;
use rayon::prelude::*;

use crate::frontmatter::{PageMeta, SectionMeta, PAGE_KEYS, SECTION_KEYS};
use crate::model::{Page, Section, Site, SourceFile};
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::files;
use jiayuan_core::paths::{parent_dir, section_path};
use walk::Entry;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Pages dated after this are scheduled and left out.
    pub now: NaiveDateTime,
}

enum Parsed {
    Page(SourceFile, PageMeta),
    Section(SourceFile, SectionMeta),
}

/// Loads and renders all content. Warnings go into `diags` too; the caller decides
/// whether any error stops the build.
pub fn load(root: &Path, config: Config, opts: &LoadOptions, diags: &mut Vec<Diagnostic>) -> Site {
    let content = root.join("content");
    let entries = if content.is_dir() {
        walk::walk(&content, diags)
    } else {
        diags.push(
            Diagnostic::warning("content", "the site has no content/ folder")
                .help("create content/_index.md for the home page and one folder per section"),
        );
        Vec::new()
    };
    let markdown: Vec<(&String, &std::path::PathBuf)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Markdown { rel, abs } => Some((rel, abs)),
            _ => None,
        })
        .collect();
    let parsed: Vec<Result<Parsed, Diagnostic>> = markdown
        .par_iter()
        .map(|(rel, abs)| parse_file(&content, rel, abs))
        .collect();

    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    let mut section_files: BTreeMap<String, (SourceFile, SectionMeta)> = BTreeMap::new();
    for item in parsed {
        match item {
            Err(d) => diags.push(d),
            Ok(Parsed::Section(file, meta)) => {
                let key = parent_dir(&file.rel).to_string();
                section_files.insert(key, (file, meta));
            }
            Ok(Parsed::Page(file, meta)) => {
                if let Some(page) = new_page(file, meta, opts, diags) {
                    pages.insert(page.file.rel.clone(), page);
                }
            }
        }
    }
    let sections = sections::build_sections(&entries, &pages, section_files, &config, diags);
    sections::check_paths(&pages, &sections, diags);
    render_markdown(&mut pages, &sections, &config, diags);
    let mut site = Site {
        taxonomies: Vec::new(),
        assets: entries
            .iter()
            .filter_map(|e| match e {
                Entry::Asset { rel } => Some(rel.clone()),
                _ => None,
            })
            .collect(),
        config,
        pages,
        sections,
    };
    sections::order_sections(&mut site, diags);
    site.taxonomies = taxonomy::collect(&site, diags);
    related::compute(&mut site);
    site
}

fn parse_file(content: &Path, rel: &str, abs: &Path) -> Result<Parsed, Diagnostic> {
    let shown = files::shown_path(content, abs);
    let text = files::read_text(abs, &shown)?;
    let split = frontmatter::split(&shown, &text)?;
    let (body_offset, yaml_line) = (split.body_offset, split.yaml_line);
    let file = |text| SourceFile {
        rel: rel.to_string(),
        shown: shown.clone(),
        text,
        body_offset,
        yaml_line,
    };
    if rel == "_index.md" || rel.ends_with("/_index.md") {
        let meta: SectionMeta = frontmatter::parse(&shown, &text, &split, SECTION_KEYS)?;
        Ok(Parsed::Section(file(text.clone()), meta))
    } else {
        let meta: PageMeta = frontmatter::parse(&shown, &text, &split, PAGE_KEYS)?;
        if meta.title.trim().is_empty() {
            let line = key_line(&text, body_offset, "title");
            return Err(Diagnostic::error(&shown, "the title is empty")
                .at(line, 1)
                .with_source(text.clone())
                .help("write a title after `title:`, for example `title: 倡导适龄婚育`"));
        }
        Ok(Parsed::Page(file(text.clone()), meta))
    }
}

/// Line of a front matter key; `end` is the byte offset where the front matter ends.
pub(crate) fn key_line(text: &str, end: usize, key: &str) -> usize {
    let start = 4.min(end);
    let split = frontmatter::Split {
        yaml: &text[start..end],
        yaml_line: 2,
        body: "",
        body_offset: end,
    };
    frontmatter::key_line(&split, key)
}

fn date_field(
    file: &SourceFile,
    key: &str,
    value: &Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDateTime> {
    let value = value.as_ref()?;
    let parsed = frontmatter::parse_date(value);
    if parsed.is_none() {
        let line = key_line(&file.text, file.body_offset, key);
        let column = file
            .text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(value.as_str()))
            .map_or(1, |b| {
                file.text
                    .lines()
                    .nth(line - 1)
                    .map_or(1, |l| l[..b].chars().count() + 1)
            });
        diags.push(
            Diagnostic::error(
                &file.shown,
                format!("`{key}` is not a valid date: `{value}`"),
            )
            .at(line, column)
            .with_source(file.text.clone())
            .help("write dates as 2022-05-29, or 2022-05-29T09:30:00+08:00 with a time"),
        );
    }
    parsed
}

fn new_page(
    file: SourceFile,
    meta: PageMeta,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let date = date_field(&file, "date", &meta.date, diags);
    let updated = date_field(&file, "updated", &meta.updated, diags);
    if meta.draft && !opts.drafts {
        return None;
    }
    if date.is_some_and(|d| d > opts.now) {
        return None;
    }
    let section = parent_dir(&file.rel).to_string();
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or(&file.rel)
        .trim_end_matches(".md");
    let slug = meta.slug.clone().unwrap_or_else(|| stem.to_string());
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
    Some(Page {
        file,
        meta,
        date,
        updated,
        section,
        slug,
        path,
        html: String::new(),
        summary_html: String::new(),
        toc: Vec::new(),
        text: String::new(),
        han_chars: 0,
        words: 0,
        reading_minutes: 0,
        index_in_section: 0,
        related: Vec::new(),
    })
}

fn render_markdown(
    pages: &mut BTreeMap<String, Page>,
    sections: &BTreeMap<String, Section>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) {
    let mut targets: HashMap<String, String> = HashMap::new();
    for (key, page) in pages.iter() {
        targets.insert(key.clone(), config.url(&page.path));
    }
    for s in sections.values() {
        let rel = if s.key.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{}/_index.md", s.key)
        };
        targets.insert(rel, config.url(&s.path));
    }
    let resolve = |p: &str| targets.get(p).cloned();
    let found: Vec<Vec<Diagnostic>> = pages
        .par_iter_mut()
        .map(|(_, page)| {
            let input = markdown::Input {
                shown: &page.file.shown,
                file_text: &page.file.text,
                body_offset: page.file.body_offset,
                dir: &page.section,
            };
            let r = markdown::render(&input, &resolve);
            let (han, words) = markdown::count_chars(&r.text);
            page.han_chars = han;
            page.words = words;
            page.reading_minutes =
                (han.div_ceil(config.chars_per_minute.max(1)) + words.div_ceil(200)).max(1);
            page.summary_html = match (&r.summary_html, &page.meta.description) {
                (Some(s), _) => s.clone(),
                (None, _) => {
                    let (cut, more) = markdown::truncate_chars(&r.text, config.summary_chars);
                    format!(
                        "<p>{}{}</p>",
                        jiayuan_core::escape::html(&cut),
                        if more { "…" } else { "" }
                    )
                }
            };
            page.html = r.html;
            page.toc = markdown::anchors::nest(r.headings);
            page.text = r.text;
            r.diagnostics
        })
        .collect();
    diags.extend(found.into_iter().flatten());
}
