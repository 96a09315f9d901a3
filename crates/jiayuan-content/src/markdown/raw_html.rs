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

use jiayuan_core::config::RawHtml;

/// Elements an article may use. `script`, `style`, `iframe`, `object`, `form` … are not
/// among them.
const TAGS: &[&str] = &[
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
const GENERIC: &[&str] = &["id", "class", "title", "lang", "dir"];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
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
    pub what: String,
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
                for (at, what) in fragment(h) {
                    out.removed.push(Removed {
                        offset: base + at.min(h.len()),
                        what: format!("{what} from raw HTML"),
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
                            what: format!("the attribute `{name}` of a heading"),
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
                    what: format!("the URL `{}` of a Markdown link", short(dest_url)),
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
fn attribute_value_allowed(element: &str, attribute: &str, value: &str) -> bool {
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

fn short(url: &str) -> String {
    let mut s: String = url.chars().take(40).collect();
    if url.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// What the allowlist removes from one fragment of raw HTML, with byte offsets in it.
fn fragment(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let closing = html[i..].starts_with('/');
        let start = if closing { i + 1 } else { i };
        let end = start
            + html[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(html.len() - start);
        if end == start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = html[start..end].to_ascii_lowercase();
        if closing {
            continue;
        }
        if !TAGS.contains(&tag.as_str()) {
            out.push((lt, format!("<{tag}>")));
            continue;
        }
        let close = html[end..].find('>').map_or(html.len(), |p| end + p);
        for (at, name, value) in attributes(&html[end..close]) {
            let at = end + at;
            let name = name.to_ascii_lowercase();
            let allowed = GENERIC.contains(&name.as_str())
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, attrs)| *t == tag && attrs.contains(&name.as_str()));
            if !allowed {
                out.push((at, format!("the attribute `{name}` of <{tag}>")));
            } else if !attribute_value_allowed(&tag, &name, value) {
                out.push((at, format!("`{name}=\"{}\"` of <{tag}>", short(value))));
            }
        }
        i = close;
    }
    out
}

/// The attributes of a start tag's inside: (offset, name, value).
fn attributes(inside: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    let mut rest = inside;
    let mut offset = 0;
    loop {
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '/')
                .len();
        rest = &rest[skip..];
        offset += skip;
        if rest.is_empty() {
            return out;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let mut used = name_len;
        let mut value = "";
        let after = rest[used..].trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v_start = rest.len() - v.trim_start().len();
            let v = v.trim_start();
            let (val, len) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = v[1..].find(q).map_or(v.len(), |p| p + 1);
                    (&v[1..end], (end + 1).min(v.len()))
                }
                _ => {
                    let end = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..end], end)
                }
            };
            value = val;
            used = v_start + len;
        }
        out.push((offset, name, value));
        rest = &rest[used..];
        offset += used;
    }
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
        let found: Vec<String> = fragment(html).into_iter().map(|(_, w)| w).collect();
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
        assert!(fragment(html).is_empty(), "{:?}", fragment(html));
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
