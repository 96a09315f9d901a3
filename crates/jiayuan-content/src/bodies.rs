//! Markdown bodies of pages and sections, rendered in parallel with every internal link
//! resolved against the heads, plus what a page's lists need: summary, counts, reading time.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::heads::{PageHead, SectionHead};
use crate::markdown::{self, Heading};
use crate::model::SourceFile;
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;

/// What a page's Markdown turned into.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub html: String,
    pub summary_html: String,
    pub toc: Vec<Heading>,
    pub text: String,
    pub han_chars: usize,
    pub words: usize,
    pub reading_minutes: usize,
    pub links: Vec<markdown::LinkAt>,
}

pub(crate) struct Bodies {
    pub pages: BTreeMap<String, Body>,
    /// Section key → HTML of its `_index.md` body.
    pub sections: BTreeMap<String, String>,
}

pub(crate) fn render(
    pages: &BTreeMap<String, PageHead>,
    sections: &BTreeMap<String, SectionHead>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Bodies {
    let mut targets: HashMap<String, String> = HashMap::new();
    for (key, page) in pages {
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
    let rendered: Vec<(String, Body, Vec<Diagnostic>)> = pages
        .par_iter()
        .map(|(key, page)| {
            let r = markdown::render(&input(&page.file, &page.section, config), &resolve);
            let mut body = page_body(r.html, r.summary_html, r.headings, r.text, config);
            body.links = r.links;
            (key.clone(), body, r.diagnostics)
        })
        .collect();
    let mut out = Bodies {
        pages: BTreeMap::new(),
        sections: BTreeMap::new(),
    };
    for (key, body, found) in rendered {
        out.pages.insert(key, body);
        diags.extend(found);
    }
    for (key, section) in sections {
        if let Some(file) = &section.file {
            let r = markdown::render(&input(file, &section.key, config), &resolve);
            diags.extend(r.diagnostics);
            out.sections.insert(key.clone(), r.html);
        }
    }
    out
}

fn input<'a>(file: &'a SourceFile, dir: &'a str, config: &Config) -> markdown::Input<'a> {
    markdown::Input {
        shown: &file.shown,
        file_text: &file.text,
        body_offset: file.body_offset,
        dir,
        raw_html: config.markdown.raw_html,
    }
}

fn page_body(
    html: String,
    summary: Option<String>,
    headings: Vec<Heading>,
    text: String,
    config: &Config,
) -> Body {
    let (han, words) = markdown::count_chars(&text);
    let summary_html = match summary {
        Some(s) => s,
        None => {
            let (cut, more) = markdown::truncate_chars(&text, config.summary_chars);
            format!(
                "<p>{}{}</p>",
                jiayuan_core::escape::html(&cut),
                if more { "…" } else { "" }
            )
        }
    };
    Body {
        html,
        summary_html,
        toc: markdown::anchors::nest(headings),
        text,
        han_chars: han,
        words,
        reading_minutes: (han.div_ceil(config.chars_per_minute.max(1)) + words.div_ceil(200))
            .max(1),
        links: Vec::new(),
    }
}
