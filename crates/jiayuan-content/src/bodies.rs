//! Markdown bodies of pages and sections, rendered in parallel with every internal link
//! resolved against the heads, plus what a page's lists need: summary, counts, reading time.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::heads::{PageHead, SectionHead};
use crate::markdown::shortcodes::Use;
use crate::markdown::{self, Heading};
use crate::model::SourceFile;
use crate::shortcode::Renderer;
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use jiayuan_core::paths::parent_dir;
use jiayuan_core::yaml::At;

/// What a page's Markdown turned into.
#[derive(Debug, Default, Clone)]
pub struct Body {
    pub html: String,
    pub summary_html: String,
    pub toc: Vec<Heading>,
    /// Plain text, shared with the search index's documents instead of copied for them.
    pub text: std::sync::Arc<str>,
    pub han_chars: usize,
    pub words: usize,
    pub reading_minutes: usize,
    /// The body's links and images with their places, for `check`.
    pub links: Vec<markdown::LinkAt>,
    /// The `cover` as a site path (`/news/x/cover.png`) or an address as written.
    pub cover: Option<String>,
}

pub(crate) struct Bodies {
    pub pages: BTreeMap<String, Body>,
    /// Section key → HTML of its `_index.md` body.
    pub sections: BTreeMap<String, String>,
}

/// `files` are the site paths of the files copied beside the pages (content assets and
/// `static/`): a link to one resolves to its URL.
pub(crate) fn render(
    pages: &BTreeMap<String, PageHead>,
    sections: &BTreeMap<String, SectionHead>,
    files: &[String],
    config: &Config,
    renderer: Option<&dyn Renderer>,
    diags: &mut Vec<Diagnostic>,
) -> Bodies {
    let targets = link_targets(
        pages.iter().map(|(k, p)| (k.as_str(), p.path.as_str())),
        sections.values().map(|s| (s.key.as_str(), s.path.as_str())),
        files,
        config,
    );
    let rendered: Vec<(String, Body, Vec<Diagnostic>, Vec<Use>)> = pages
        .par_iter()
        .map(|(key, page)| {
            let (body, found, uses) = page_markdown(page, config, renderer, &targets);
            (key.clone(), body, found, uses)
        })
        .collect();
    let mut shortcodes = Shortcodes::default();
    let mut out = Bodies {
        pages: BTreeMap::new(),
        sections: BTreeMap::new(),
    };
    for (key, body, found, uses) in rendered {
        shortcodes.add(&pages[&key].file, uses);
        out.pages.insert(key, body);
        diags.extend(found);
    }
    for (key, section) in sections {
        if let Some(file) = &section.file {
            let (html, found, uses) =
                section_markdown(file, &section.key, config, renderer, &targets);
            diags.extend(found);
            shortcodes.add(file, uses);
            out.sections.insert(key.clone(), html);
        }
    }
    diags.extend(shortcodes.warnings());
    out
}

/// Where each internal link leads: content paths of pages and `_index.md` files, and the
/// site paths of copied files, to their URLs.
pub(crate) fn link_targets<'a>(
    pages: impl Iterator<Item = (&'a str, &'a str)>,
    sections: impl Iterator<Item = (&'a str, &'a str)>,
    files: &[String],
    config: &Config,
) -> HashMap<String, String> {
    let mut targets: HashMap<String, String> = files
        .iter()
        .map(|f| (f.clone(), config.url(&format!("/{f}"))))
        .collect();
    for (key, path) in pages {
        targets.insert(key.to_string(), config.url(path));
    }
    for (key, path) in sections {
        let rel = if key.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{key}/_index.md")
        };
        targets.insert(rel, config.url(path));
    }
    targets
}

/// One page's Markdown and cover, with its diagnostics and the Hugo shortcodes it used;
/// `targets` are the [`link_targets`] of the whole site.
pub(crate) fn page_markdown(
    page: &PageHead,
    config: &Config,
    renderer: Option<&dyn Renderer>,
    targets: &HashMap<String, String>,
) -> (Body, Vec<Diagnostic>, Vec<Use>) {
    let resolve = |p: &str| targets.get(p).cloned();
    // Relative paths count from the file's folder: a bundle's own folder.
    let dir = parent_dir(&page.file.rel);
    let r = markdown::render(&input(&page.file, dir, config, renderer), &resolve);
    let mut body = page_body(r.html, r.summary_html, r.headings, r.text, config);
    body.links = r.links;
    let mut found = r.diagnostics;
    body.cover = page.meta.cover.as_ref().and_then(|c| {
        cover_path(c, dir, targets, &page.file)
            .map_err(|d| found.push(d))
            .ok()
    });
    (body, found, r.shortcodes)
}

/// The HTML of a section's `_index.md` (section `key`), with its diagnostics and the Hugo
/// shortcodes it used.
pub(crate) fn section_markdown(
    file: &SourceFile,
    key: &str,
    config: &Config,
    renderer: Option<&dyn Renderer>,
    targets: &HashMap<String, String>,
) -> (String, Vec<Diagnostic>, Vec<Use>) {
    let resolve = |p: &str| targets.get(p).cloned();
    let r = markdown::render(&input(file, key, config, renderer), &resolve);
    (r.html, r.diagnostics, r.shortcodes)
}

/// Hugo shortcodes by name: uses, files, and the first use in path order.
#[derive(Default)]
struct Shortcodes<'a> {
    by_name: BTreeMap<String, (usize, usize, &'a SourceFile, usize)>,
}

impl<'a> Shortcodes<'a> {
    fn add(&mut self, file: &'a SourceFile, uses: Vec<Use>) {
        let mut seen_here: Vec<String> = Vec::new();
        for u in uses {
            let entry = self
                .by_name
                .entry(u.name.clone())
                .or_insert((0, 0, file, u.offset));
            if !u.closing {
                entry.0 += 1;
            }
            if !seen_here.contains(&u.name) {
                seen_here.push(u.name);
                entry.1 += 1;
            }
            if (file.rel.as_str(), u.offset) < (entry.2.rel.as_str(), entry.3) {
                (entry.2, entry.3) = (file, u.offset);
            }
        }
    }

    /// One warning per shortcode name, placed at its first use.
    fn warnings(self) -> Vec<Diagnostic> {
        self.by_name
            .into_iter()
            .map(|(name, (uses, files, file, offset))| {
                Diagnostic::warning(
                    &file.shown,
                    msg!(
                        "shortcode-left-out",
                        name = name,
                        uses = uses.max(1),
                        files = files
                    ),
                )
                .at_offset(&file.text, file.body_offset + offset)
                .with_source(file.text.clone())
                .help(msg!("shortcode-left-out-help"))
            })
            .collect()
    }
}

fn input<'a>(
    file: &'a SourceFile,
    dir: &'a str,
    config: &Config,
    shortcodes: Option<&'a dyn Renderer>,
) -> markdown::Input<'a> {
    markdown::Input {
        anchors: config.markdown.anchors,
        shown: &file.shown,
        file_text: &file.text,
        body_offset: file.body_offset,
        dir,
        raw_html: config.markdown.raw_html,
        end: None,
        shortcodes,
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
        // The HTML grew by doubling, up to twice its length; held for the whole build,
        // it is kept at its length (a shrinking realloc may keep the block).
        html: String::from(html.as_str()),
        summary_html,
        toc: markdown::anchors::nest(headings),
        text: text.into(),
        han_chars: han,
        words,
        reading_minutes: reading_minutes(han, words, config.chars_per_minute),
        links: Vec::new(),
        cover: None,
    }
}

/// Minutes to read `han` characters at `per_minute` and `words` words at 200 a minute,
/// rounded up once for the whole: a number or a Latin word in a Chinese page adds its
/// share of a minute, not a minute of its own.
fn reading_minutes(han: usize, words: usize, per_minute: usize) -> usize {
    let per_minute = per_minute.max(1);
    (han * 200 + words * per_minute)
        .div_ceil(per_minute * 200)
        .max(1)
}

/// A page's `cover`, resolved as an image in its body would be: from the page's folder,
/// or from `content/` and `static/` with a leading `/`. A missing file is an error at
/// the `cover:` value.
fn cover_path(
    cover: &At<String>,
    dir: &str,
    targets: &HashMap<String, String>,
    file: &SourceFile,
) -> Result<String, Diagnostic> {
    let Some(path) = markdown::links::content_target(cover, dir) else {
        return Ok(cover.to_string());
    };
    let path = path.split('#').next().unwrap_or(&path);
    if targets.contains_key(path) {
        return Ok(format!("/{path}"));
    }
    let (line, column) = file.place(cover);
    Err(
        Diagnostic::error(&file.shown, msg!("cover-missing", target = cover.as_str()))
            .at(line, column)
            .with_source(file.text.clone())
            .help(msg!("missing-file-link-help")),
    )
}

#[cfg(test)]
mod tests {
    use super::reading_minutes;

    #[test]
    fn reading_time_rounds_up_once() {
        assert_eq!(
            reading_minutes(0, 0, 400),
            1,
            "an empty page still takes a minute"
        );
        assert_eq!(reading_minutes(400, 0, 400), 1);
        assert_eq!(reading_minutes(401, 0, 400), 2);
        assert_eq!(reading_minutes(200, 100, 400), 1, "half a minute each");
        assert_eq!(
            reading_minutes(1700, 2, 400),
            5,
            "two numbers add no minute of their own"
        );
        assert_eq!(reading_minutes(0, 201, 400), 2);
        assert_eq!(
            reading_minutes(10, 0, 0),
            10,
            "a rate of 0 counts as 1 a minute"
        );
    }
}
