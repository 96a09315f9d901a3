//! `jiayuan check`: every root-relative link and asset in the built pages must exist,
//! and a `#fragment` must name an id on the target page.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use jiayuan_content::markdown::LinkAt;
use jiayuan_content::model::{Page, Site};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

/// Checks the built pages in `dir`. A broken link written in a page's Markdown is
/// reported at its file, line and column there; one from a template at the built file.
pub fn check(dir: &Path, site: &Site) -> Vec<Diagnostic> {
    let base_path = site.config.base_path();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let html: HashMap<PathBuf, String> = files
        .par_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let sources = Sources::new(dir, site);
    // Keyed by the English text so that the order is the same in every language.
    type Place = (PathBuf, usize, usize, String);
    let mut broken: BTreeMap<Place, (Msg, Option<Arc<str>>)> = BTreeMap::new();
    for (file, text) in &html {
        for link in attributes(text) {
            if let Some(problem) = resolve(dir, base_path, file, &link, &html) {
                let message = msg!("broken-link", problem = problem, link = decode(&link));
                let key = message.en();
                let (place, source) = match sources.find(file, &link) {
                    Some((page, at)) => (
                        (page.file.shown.clone(), at.line, at.column, key),
                        Some(page.file.text.clone()),
                    ),
                    None => {
                        let shown = format!("public/{}", jiayuan_core::files::rel_path(dir, file));
                        ((PathBuf::from(shown), 1, 1, key), None)
                    }
                };
                broken.insert(place, (message, source));
            }
        }
    }
    broken
        .into_iter()
        .map(|((shown, line, column, _), (message, source))| {
            let d = Diagnostic::error(shown, message).at(line, column);
            match source {
                Some(text) => d.with_source(text).help(msg!("broken-link-source-help")),
                None => d.help(msg!("broken-link-help")),
            }
        })
        .collect()
}

/// Where the links of built pages were written: by the built file of each page, and
/// by URL for a page's summary shown on a list.
struct Sources<'a> {
    by_file: HashMap<PathBuf, &'a Page>,
    by_url: BTreeMap<String, (&'a Page, &'a LinkAt)>,
}

impl<'a> Sources<'a> {
    fn new(dir: &Path, site: &'a Site) -> Sources<'a> {
        let mut by_url = BTreeMap::new();
        for page in site.pages.values() {
            for link in &page.links {
                by_url.entry(decode(&link.url)).or_insert((page, link));
            }
        }
        let by_file = site
            .pages
            .values()
            .map(|p| {
                (
                    dir.join(decode(p.path.trim_matches('/')))
                        .join("index.html"),
                    p,
                )
            })
            .collect();
        Sources { by_file, by_url }
    }

    fn find(&self, file: &Path, link: &str) -> Option<(&'a Page, &'a LinkAt)> {
        let wanted = decode(link);
        if let Some(page) = self.by_file.get(file) {
            if let Some(at) = page.links.iter().find(|l| decode(&l.url) == wanted) {
                return Some((page, at));
            }
        }
        self.by_url.get(&wanted).copied()
    }
}

/// Values of href and src attributes.
fn attributes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(unescape(&rest[..end]));
                rest = &rest[end..];
            }
        }
    }
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&#x2F;", "/")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn resolve(
    dir: &Path,
    base_path: &str,
    from: &Path,
    link: &str,
    html: &HashMap<PathBuf, String>,
) -> Option<Problem> {
    if link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with("data:")
        || link.starts_with("//")
    {
        return None;
    }
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap_or(path);
    let target = if path.is_empty() {
        from.to_path_buf()
    } else if let Some(abs) = path.strip_prefix('/') {
        let abs = format!("/{abs}");
        let Some(inside) = abs.strip_prefix(base_path) else {
            return Some(Problem::OutsideBase);
        };
        dir.join(decode(inside.trim_start_matches('/')))
    } else {
        from.parent().unwrap_or(dir).join(decode(path))
    };
    let file = if path.ends_with('/') || target.is_dir() {
        target.join("index.html")
    } else {
        target
    };
    if !file.is_file() {
        return Some(Problem::NoPage);
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let id = decode(fragment);
        let has_id = html
            .get(&file)
            .is_some_and(|t| t.contains(&format!("id=\"{id}\"")));
        if !has_id && file.extension().is_some_and(|e| e == "html") {
            return Some(Problem::NoAnchor);
        }
    }
    None
}

/// What is wrong with a link, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    NoPage,
    NoAnchor,
    OutsideBase,
}

impl From<Problem> for jiayuan_core::i18n::Arg {
    fn from(p: Problem) -> Self {
        match p {
            Problem::OutsideBase => msg!("link-outside-base").into(),
            Problem::NoAnchor => msg!("link-no-anchor").into(),
            Problem::NoPage => msg!("link-no-page").into(),
        }
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_site() -> Site {
        Site {
            config: {
                let dir = tempfile::tempdir().unwrap();
                std::fs::write(
                    dir.path().join("site.toml"),
                    "title = \"t\"\nbase_url = \"http://x\"",
                )
                .unwrap();
                jiayuan_core::config::Config::load(dir.path()).unwrap()
            },
            pages: BTreeMap::new(),
            sections: BTreeMap::new(),
            taxonomies: Vec::new(),
            assets: Vec::new(),
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::create_dir_all(d.join("标签")).unwrap();
        std::fs::write(d.join("标签/index.html"), "<h2 id=\"优生\">x</h2>").unwrap();
        std::fs::write(
            d.join("a/index.html"),
            "<a href=\"/%E6%A0%87%E7%AD%BE/#优生\">ok</a><a href=\"/标签/#missing\">x</a><a href=\"/none/\">x</a><a href=\"https://x.org/\">x</a>",
        )
        .unwrap();
        let diags = check(d, &empty_site());
        let msgs: Vec<_> = diags.iter().map(|d| d.message.en()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("/none/")));
        assert!(msgs.iter().any(|m| m.contains("#missing")));
    }
}
