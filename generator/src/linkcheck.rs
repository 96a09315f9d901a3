//! `jiayuan check`: every root-relative link and asset in the built pages must exist,
//! and a `#fragment` must name an id on the target page.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

pub fn check(dir: &Path, base_path: &str) -> Vec<Diagnostic> {
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
    let mut broken: BTreeMap<(String, Problem, String), ()> = BTreeMap::new();
    for (file, text) in &html {
        for link in attributes(text) {
            if let Some(problem) = resolve(dir, base_path, file, &link, &html) {
                let shown = format!("public/{}", jiayuan_core::files::rel_path(dir, file));
                broken.insert((shown, problem, link), ());
            }
        }
    }
    broken
        .into_keys()
        .map(|(shown, problem, link)| {
            Diagnostic::error(shown, msg!("broken-link", problem = problem, link = link))
                .help(msg!("broken-link-help"))
        })
        .collect()
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
        let diags = check(d, "");
        let msgs: Vec<_> = diags.iter().map(|d| d.message.en()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("/none/")));
        assert!(msgs.iter().any(|m| m.contains("#missing")));
    }
}
