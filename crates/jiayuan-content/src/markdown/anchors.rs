//! Heading anchors that keep Chinese characters, and the table of contents.

use std::collections::HashSet;
use std::ops::Range;

use jiayuan_core::config::AnchorStyle;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::Serialize;

type Item<'a> = (Event<'a>, Range<usize>);

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heading {
    pub level: u32,
    pub id: String,
    pub title: String,
    pub children: Vec<Heading>,
}

/// `## 优生优育` → `优生优育`; `## Hello World!` → `hello-world`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// GitHub's heading ids (github-slugger, which Hugo's `github` ids follow too):
/// lowercase, drop everything but letters, digits, `_`, `-` and spaces, then each space
/// becomes `-`, with no collapsing or trimming. `## Hello, World!` → `hello-world`,
/// `## tidb_enable -- x` → `tidb_enable----x`, `## 安装 TiDB` → `安装-tidb`.
pub fn github_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Gives every heading a unique id and returns the flat list of headings.
pub fn pass(events: &mut [Item<'_>], style: AnchorStyle) -> Vec<Heading> {
    let slug = match style {
        AnchorStyle::Jiayuan => slugify,
        AnchorStyle::Github => github_slug,
    };
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let level = *level as u32;
        let explicit = id.as_ref().map(|s| s.to_string());
        let mut title = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                title.push_str(t);
            }
            j += 1;
        }
        let anchor = match explicit {
            Some(id) => id,
            None => {
                let base = slug(&title);
                let mut candidate = base.clone();
                let mut n = 1;
                while used.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                used.insert(candidate.clone());
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                    *id = Some(CowStr::from(candidate.clone()));
                }
                candidate
            }
        };
        headings.push(Heading {
            level,
            id: anchor,
            title: title.trim().to_string(),
            children: Vec::new(),
        });
        i = j;
    }
    headings
}

/// Nests a flat heading list by level.
pub fn nest(flat: Vec<Heading>) -> Vec<Heading> {
    let mut root: Vec<Heading> = Vec::new();
    for h in flat {
        insert(&mut root, h);
    }
    root
}

fn insert(list: &mut Vec<Heading>, h: Heading) {
    match list.last_mut() {
        Some(last) if last.level < h.level => insert(&mut last.children, h),
        _ => list.push(h),
    }
}

/// The table of contents as nested ordered lists, escaped.
pub fn toc_html(toc: &[Heading]) -> String {
    if toc.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ol>");
    for h in toc {
        out.push_str("<li><a href=\"#");
        out.push_str(&jiayuan_core::escape::attr(&h.id));
        out.push_str("\">");
        out.push_str(&jiayuan_core::escape::html(&h.title));
        out.push_str("</a>");
        out.push_str(&toc_html(&h.children));
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    fn render(md: &str) -> (String, Vec<Heading>) {
        let mut events: Vec<_> = Parser::new_ext(md, Options::ENABLE_HEADING_ATTRIBUTES)
            .into_offset_iter()
            .collect();
        let headings = pass(&mut events, AnchorStyle::Jiayuan);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        (out, headings)
    }

    #[test]
    fn chinese_ids_are_kept_and_made_unique() {
        let (html, h) =
            render("## 优生优育\n\n## 优生优育\n\n## Hello, World!\n\n## 自定 {#custom}");
        assert!(html.contains("<h2 id=\"优生优育\">优生优育</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"优生优育-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"hello-world\">"), "{html}");
        assert!(html.contains("<h2 id=\"custom\">"), "{html}");
        assert_eq!(h.len(), 4);
    }

    #[test]
    fn github_ids_keep_underscores_and_every_hyphen() {
        assert_eq!(
            github_slug("tidb_enable_async_commit"),
            "tidb_enable_async_commit"
        );
        assert_eq!(github_slug("A -- B"), "a----b");
        assert_eq!(github_slug("  Hello, World! "), "hello-world");
        assert_eq!(github_slug("`SELECT` 语句：语法"), "select-语句语法");
        assert_eq!(github_slug("-leading_"), "-leading_");
        assert_eq!(github_slug("？！"), "section");
        assert_eq!(slugify("tidb_enable -- x"), "tidb-enable-x");
        let mut events: Vec<_> = Parser::new_ext("## a_b\n\n## a_b\n\n## a_b", Options::empty())
            .into_offset_iter()
            .collect();
        let ids: Vec<String> = pass(&mut events, AnchorStyle::Github)
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(ids, ["a_b", "a_b-1", "a_b-2"]);
    }

    #[test]
    fn nesting_and_escaping() {
        let (_, h) = render("## 一\n### 一点一\n## 二 <b>");
        let toc = nest(h);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].title, "一点一");
        let html = toc_html(&toc);
        assert!(
            html.starts_with("<ol><li><a href=\"#一\">一</a><ol>"),
            "{html}"
        );
    }
}
