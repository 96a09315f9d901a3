//! `jiayuan check`: every root-relative link and asset in the built pages must exist,
//! and a `#fragment` must name an id on the target page.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use jiayuan_content::markdown::LinkAt;
use jiayuan_content::model::{Page, Site};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::output::Outputs;

/// Checks the built pages, held in memory. A broken link written in a page's Markdown
/// is reported at its file, line and column there; one from a template at the built file.
pub fn check(outputs: &Outputs, site: &Site) -> Vec<Diagnostic> {
    let base_path = site.config.base_path();
    let sources = &Sources::new(site);
    // Keyed by the English text so that the order is the same in every language.
    type Place = (String, usize, usize, String);
    type Found = (Msg, Option<Arc<str>>);
    let pages: Vec<(&str, &str)> = outputs.pages().collect();
    let found: Vec<(Place, Found)> = pages
        .par_iter()
        .flat_map_iter(|&(file, text)| {
            attributes(text).into_iter().filter_map(move |link| {
                let problem = resolve(outputs, base_path, file, &link)?;
                let message = msg!("broken-link", problem = problem, link = decode(&link));
                let key = message.en();
                Some(match sources.find(file, &link) {
                    Some((page, at)) => (
                        (
                            page.head.file.shown.display().to_string(),
                            at.line,
                            at.column,
                            key,
                        ),
                        (message, Some(page.head.file.text.clone())),
                    ),
                    None => ((format!("public/{file}"), 1, 1, key), (message, None)),
                })
            })
        })
        .collect();
    let broken: BTreeMap<Place, Found> = found.into_iter().collect();
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
    by_file: HashMap<String, &'a Page>,
    by_url: BTreeMap<String, (&'a Page, &'a LinkAt)>,
}

impl<'a> Sources<'a> {
    fn new(site: &'a Site) -> Sources<'a> {
        let mut by_url = BTreeMap::new();
        for page in site.pages.values() {
            for link in &page.body.links {
                by_url.entry(decode(&link.url)).or_insert((page, link));
            }
        }
        let by_file = site
            .pages
            .values()
            .map(|p| {
                (
                    join(&decode(p.head.path.trim_matches('/')), "index.html"),
                    p,
                )
            })
            .collect();
        Sources { by_file, by_url }
    }

    fn find(&self, file: &str, link: &str) -> Option<(&'a Page, &'a LinkAt)> {
        let wanted = decode(link);
        if let Some(page) = self.by_file.get(file) {
            if let Some(at) = page.body.links.iter().find(|l| decode(&l.url) == wanted) {
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

fn resolve(outputs: &Outputs, base_path: &str, from: &str, link: &str) -> Option<Problem> {
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
        Some(from.to_string())
    } else if let Some(abs) = path.strip_prefix('/') {
        let abs = format!("/{abs}");
        let Some(inside) = abs.strip_prefix(base_path) else {
            return Some(Problem::OutsideBase);
        };
        normalize("", &decode(inside))
    } else {
        normalize(
            from.rsplit_once('/').map_or("", |(dir, _)| dir),
            &decode(path),
        )
    };
    let Some(target) = target else {
        return Some(Problem::NoPage);
    };
    let file = if path.ends_with('/') || outputs.is_dir(&target) {
        join(&target, "index.html")
    } else {
        target
    };
    if !outputs.is_file(&file) {
        return Some(Problem::NoPage);
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let id = decode(fragment);
        let has_id = outputs
            .html(&file)
            .is_some_and(|t| t.contains(&format!("id=\"{id}\"")));
        if !has_id && file.ends_with(".html") {
            return Some(Problem::NoAnchor);
        }
    }
    None
}

/// `path` taken from the folder `dir` (both site-relative), with `.` and `..` resolved;
/// `None` when it climbs above the output folder.
fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
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
        let mut o = Outputs::default();
        o.insert(
            "标签/index.html".into(),
            "<h2 id=\"优生\">x</h2>".as_bytes(),
        );
        o.insert_path("img/a.png".into());
        o.insert(
            "a/index.html".into(),
            concat!(
                "<a href=\"/%E6%A0%87%E7%AD%BE/#优生\">ok</a><a href=\"/标签/#missing\">x</a>",
                "<a href=\"/none/\">x</a><a href=\"https://x.org/\">x</a>",
                "<a href=\"../标签\">ok</a><img src=\"../img/a.png\"><img src=\"../../up.png\">",
                "<a href=\"#top\">x</a>"
            )
            .as_bytes(),
        );
        let diags = check(&o, &empty_site());
        let msgs: Vec<_> = diags
            .iter()
            .map(|d| format!("{}: {}", d.file.display(), d.message.en()))
            .collect();
        assert_eq!(
            msgs,
            [
                "public/a/index.html: broken link to a page that does not exist: `../../up.png`",
                "public/a/index.html: broken link to a page that does not exist: `/none/`",
                "public/a/index.html: broken link to an anchor that does not exist: `#top`",
                "public/a/index.html: broken link to an anchor that does not exist: `/标签/#missing`",
            ]
        );
    }

    #[test]
    fn normalizes_relative_paths_within_the_output() {
        assert_eq!(normalize("news/a", "../b/./c").as_deref(), Some("news/b/c"));
        assert_eq!(normalize("", "/x/").as_deref(), Some("x"));
        assert_eq!(normalize("news", "../.."), None);
    }
}
