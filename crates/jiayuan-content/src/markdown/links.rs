//! Internal links: `@/section/page.md`, root-absolute `/section/page.md` (as Hugo and
//! GitHub trees write them, counted from the content root) and relative `.md` paths
//! become final URLs. Links and images to files (`media/a.png`, `/media/a.png`,
//! `report.pdf`) resolve the same way against the files beside the content and under
//! `static/`, so a missing one is caught where it was written.

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

/// Extensions of the files a page links to or shows that jiayuan resolves at build time.
const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "pdf", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "odt", "ods", "zip", "mp3", "mp4", "webm", "ogg", "txt", "csv",
];

/// Whether a link's path (before any `#` or `?`) names a file rather than a page.
pub fn is_file(path: &str) -> bool {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// The content path a link points at, if it is an internal link.
pub fn content_target(dest: &str, dir: &str) -> Option<String> {
    if let Some(rest) = dest.strip_prefix("@/") {
        return Some(normalize(rest));
    }
    let path_part = dest.split('#').next().unwrap_or(dest);
    let path_part = path_part.split('?').next().unwrap_or(path_part);
    let wanted = path_part.ends_with(".md") || is_file(path_part);
    if let Some(rest) = path_part.strip_prefix('/') {
        let internal = !rest.starts_with('/') && wanted;
        let fragment = dest.find('#').map_or("", |i| &dest[i..]);
        return internal.then(|| normalize(rest) + fragment);
    }
    let is_relative = !dest.contains("://")
        && !dest.starts_with('/')
        && !dest.starts_with('#')
        && !dest.starts_with("mailto:")
        && !dest.starts_with("tel:");
    if is_relative && wanted {
        let fragment = dest.find('#').map_or("", |i| &dest[i..]);
        let joined = if dir.is_empty() {
            path_part.to_string()
        } else {
            format!("{dir}/{path_part}")
        };
        return Some(normalize(&joined) + fragment);
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
        assert_eq!(
            content_target("/media/a.PNG", "news").as_deref(),
            Some("media/a.PNG")
        );
        assert_eq!(
            content_target("../files/报告.pdf?v=2", "news/x").as_deref(),
            Some("news/files/报告.pdf")
        );
        assert_eq!(content_target("/search/", "news"), None);
        assert_eq!(content_target("/api/v1/draw", "news"), None);
        assert!(!is_file("/news/.png") && is_file("a.svg#x"));
        assert_eq!(content_target("#top", "news"), None);
    }
}
