//! Internal links: `@/section/page.md`, root-absolute `/section/page.md` (as Hugo and
//! GitHub trees write them, counted from the content root) and relative `.md` paths
//! become final URLs.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

type Item<'a> = (Event<'a>, Range<usize>);

/// A link whose target is not a known content file: (byte offset in body, target).
pub struct Broken {
    pub offset: usize,
    pub target: String,
}

/// Rewrites internal link targets. `dir` is the content-relative folder of the current
/// file ("" for the content root); `resolve` maps a content path such as
/// `news/a.md` to its URL.
pub fn pass(
    events: &mut [Item<'_>],
    dir: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Vec<Broken> {
    let mut broken = Vec::new();
    for (event, range) in events.iter_mut() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(content_path) = content_target(dest, dir) else {
            continue;
        };
        let (path, fragment) = match content_path.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (content_path, None),
        };
        match resolve(&path) {
            Some(url) => {
                let full = match fragment {
                    Some(f) => format!("{url}#{f}"),
                    None => url,
                };
                *dest = CowStr::from(full);
            }
            None => broken.push(Broken {
                offset: range.start,
                target: dest.to_string(),
            }),
        }
    }
    broken
}

/// The content path a link points at, if it is an internal link.
fn content_target(dest: &str, dir: &str) -> Option<String> {
    if let Some(rest) = dest.strip_prefix("@/") {
        return Some(normalize(rest));
    }
    let path_part = dest.split('#').next().unwrap_or(dest);
    if let Some(rest) = dest.strip_prefix('/') {
        let is_page = !rest.starts_with('/') && path_part.ends_with(".md");
        return is_page.then(|| normalize(rest));
    }
    let is_relative = !dest.contains("://")
        && !dest.starts_with('/')
        && !dest.starts_with('#')
        && !dest.starts_with("mailto:")
        && !dest.starts_with("tel:");
    if is_relative && path_part.ends_with(".md") {
        let joined = if dir.is_empty() {
            dest.to_string()
        } else {
            format!("{dir}/{dest}")
        };
        return Some(normalize(&joined));
    }
    None
}

/// Resolves `.` and `..` in a slash-separated path; `..` above the root is kept out.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            content_target("@/news/a.md", "x").as_deref(),
            Some("news/a.md")
        );
        assert_eq!(
            content_target("b.md#x", "news").as_deref(),
            Some("news/b.md#x")
        );
        assert_eq!(
            content_target("../policy/c.md", "news").as_deref(),
            Some("policy/c.md")
        );
        assert_eq!(content_target("https://a.org/b.md", "news"), None);
        assert_eq!(content_target("/news/", "news"), None);
        assert_eq!(
            content_target("/sql/select.md#语法_1", "news").as_deref(),
            Some("sql/select.md#语法_1")
        );
        assert_eq!(content_target("//cdn.example/a.md", "news"), None);
        assert_eq!(content_target("#top", "news"), None);
    }
}
