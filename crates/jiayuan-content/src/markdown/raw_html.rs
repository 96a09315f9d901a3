//! Raw HTML in Markdown (`[markdown] raw_html` in site.toml): `sanitize` (the default)
//! keeps what suits an article and removes scripts, styles, frames, event handlers,
//! `javascript:`/`data:` URLs and off-site images; `trusted` passes it through;
//! `escape` shows it as text.
//!
//! A page that holds raw HTML (or a Markdown link to a script URL, or a heading with
//! attributes beyond id and class) has its whole rendered HTML cleaned by ammonia, so
//! inline HTML split across events is caught too; a page without any keeps its bytes
//! as pulldown-cmark wrote them. Each removal is also reported as a warning at the
//! Markdown line, found by [`scan`] with the same allowlist.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Tag};

use super::html_tags;
use jiayuan_core::config::RawHtml;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

/// Elements an article may use. `script`, `style`, `iframe`, `object`, `form` … are not
/// among them.
pub(super) const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes on any allowed element (the theme's and the footnotes' classes, heading ids).
pub(super) const GENERIC: &[&str] = &["id", "class", "title", "lang", "dir"];

pub(super) const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "style"]),
    ("ol", &["start", "type"]),
    ("li", &["value"]),
    ("input", &["type", "checked", "disabled"]),
    ("time", &["datetime"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("details", &["open"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
];

/// Schemes a link may use; a URL without a scheme (relative, `/…`, `#…`) is fine too.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// One thing the policy removes, at a byte offset of the Markdown body.
#[derive(Debug, PartialEq)]
pub struct Removed {
    pub offset: usize,
    pub what: Msg,
    /// Found in raw HTML (which `escape` shows as text) rather than in Markdown syntax.
    pub raw: bool,
}

/// What the raw HTML of one body needs: where the removals are, and whether the
/// rendered HTML must go through the sanitizer at all.
#[derive(Debug, Default)]
pub struct Scan {
    pub removed: Vec<Removed>,
    pub needs_cleaning: bool,
    /// Markdown syntax that yields a script URL or an attribute beyond the allowlist:
    /// cleaned under `escape` too.
    pub unsafe_markdown: bool,
}

type Item<'a> = (Event<'a>, Range<usize>);

/// Finds the raw HTML, heading attributes and script links of a body's events.
pub fn scan(body: &str, events: &[Item<'_>], is_marker: impl Fn(&str) -> bool) -> Scan {
    let mut out = Scan::default();
    for (event, range) in events {
        match event {
            Event::Html(h) | Event::InlineHtml(h) if !is_marker(h) => {
                out.needs_cleaning = true;
                let base = if body[range.start..].starts_with(h.as_ref()) {
                    range.start
                } else {
                    range.start + body[range.clone()].find('<').unwrap_or(0)
                };
                for (at, what) in html_tags::fragment(h) {
                    out.removed.push(Removed {
                        offset: base + at.min(h.len()),
                        what: msg!("html-removed-from-raw", what = what),
                        raw: true,
                    });
                }
            }
            Event::Start(Tag::Heading { attrs, .. }) => {
                for (name, _) in attrs {
                    out.needs_cleaning = true;
                    if !GENERIC.contains(&name.to_ascii_lowercase().as_str()) {
                        out.unsafe_markdown = true;
                        out.removed.push(Removed {
                            offset: range.start,
                            what: msg!("html-removed-heading-attribute", name = name.as_ref()),
                            raw: false,
                        });
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !url_allowed(dest_url) =>
            {
                out.needs_cleaning = true;
                out.unsafe_markdown = true;
                out.removed.push(Removed {
                    offset: range.start,
                    what: msg!("html-removed-link-url", url = short(dest_url)),
                    raw: false,
                });
            }
            _ => {}
        }
    }
    out
}

/// Raw HTML shown as text: `escape`.
pub fn escape(events: &mut [Item<'_>], is_marker: impl Fn(&str) -> bool) {
    for (event, _) in events.iter_mut() {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            if !is_marker(h) {
                *event = Event::Text(CowStr::from(h.to_string()));
            }
        }
    }
}

/// The rendered HTML of a body with everything outside the allowlist removed.
pub fn clean(html: &str) -> String {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(builder).clean(html).to_string()
}

fn builder() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    let tag_attributes: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
        .iter()
        .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
        .collect();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(["script", "style"].into_iter().collect())
        .generic_attributes(GENERIC.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| {
            attribute_value_allowed(element, attribute, value).then_some(Cow::Borrowed(value))
        });
    b
}

/// Values the allowlist narrows further: table alignment is the only style, and images
/// come from the portal itself.
pub(super) fn attribute_value_allowed(element: &str, attribute: &str, value: &str) -> bool {
    match (element, attribute) {
        (_, "style") => matches!(
            value.trim(),
            "text-align: left" | "text-align: center" | "text-align: right"
        ),
        ("img", "src") => is_site_relative(value),
        (_, "href" | "cite") => url_allowed(value),
        _ => true,
    }
}

/// A URL without a scheme that stays on this site: not `//host` nor `/\host`.
fn is_site_relative(url: &str) -> bool {
    let url = url.trim();
    scheme(url).is_none() && !url.starts_with("//") && !url.starts_with("/\\")
}

fn url_allowed(url: &str) -> bool {
    match scheme(url.trim()) {
        None => true,
        Some(s) => SCHEMES.contains(&s.to_ascii_lowercase().as_str()),
    }
}

/// The scheme of an absolute URL (`javascript` in `JavaScript:alert(1)`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (valid && !url[..colon].contains('/')).then_some(s)
}

pub(super) fn short(url: &str) -> String {
    let mut s: String = url.chars().take(40).collect();
    if url.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// Applies the policy to rendered HTML: `sanitize` cleans a body that holds raw HTML,
/// `escape` one whose Markdown links to a script URL; `trusted` changes nothing.
pub fn finish(policy: RawHtml, scan: &Scan, html: String) -> String {
    let clean_it = match policy {
        RawHtml::Sanitize => scan.needs_cleaning,
        RawHtml::Escape => scan.unsafe_markdown,
        RawHtml::Trusted => false,
    };
    if clean_it {
        clean(&html)
    } else {
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scanner_names_what_the_sanitizer_removes() {
        let html = r#"<p onclick="x()">a<script>alert(1)</script><img src="https://evil.example/t.png" alt="t"><a href="JavaScript:alert(1)">b</a><iframe src="/x"></iframe></p>"#;
        let found: Vec<String> = html_tags::fragment(html)
            .into_iter()
            .map(|(_, w)| w.en())
            .collect();
        assert_eq!(
            found,
            [
                "the attribute `onclick` of <p>",
                "<script>",
                "`src=\"https://evil.example/t.png\"` of <img>",
                "`href=\"JavaScript:alert(1)\"` of <a>",
                "<iframe>",
            ]
        );
        assert_eq!(clean(html), r#"<p>a<img alt="t"><a>b</a></p>"#);
    }

    #[test]
    fn article_markup_survives() {
        let html = concat!(
            r#"<figure><img src="/images/a.png" alt="图"><figcaption>说明</figcaption></figure>"#,
            r#"<table><thead><tr><th style="text-align: center">甲</th></tr></thead></table>"#,
            r#"<details><summary>更多</summary><p>H<sub>2</sub>O <abbr title="计划生育协会">计生协</abbr></p></details>"#,
            r##"<h2 id="政策">政策</h2><sup class="footnote-reference"><a href="#1">1</a></sup>"##,
            r#"<ul><li><input disabled="" type="checkbox" checked=""> 项</li></ul>"#,
        );
        assert!(html_tags::fragment(html).is_empty());
        assert_eq!(clean(html), html);
    }

    #[test]
    fn site_relative_means_no_host() {
        assert!(is_site_relative("/a.png") && is_site_relative("a/b.png"));
        assert!(!is_site_relative("//evil.example/a.png"));
        assert!(!is_site_relative("/\\evil.example/a.png"));
        assert!(!is_site_relative("data:image/png;base64,AAAA"));
        assert!(url_allowed("mailto:a@b.cn") && !url_allowed(" javascript:x"));
    }
}
