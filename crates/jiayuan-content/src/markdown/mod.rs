//! Markdown to HTML through pulldown-cmark, as a chain of passes over the event stream.

pub mod anchors;
pub mod emphasis;
mod html_tags;
pub mod html_text;
pub mod images;
pub mod links;
pub mod raw_html;
pub mod shortcodes;
pub mod softbreak;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{html, Event, Options, Parser, TagEnd};

pub use anchors::Heading;
use jiayuan_core::config::RawHtml;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

use crate::shortcode::{self, expand, Renderer};

const MORE_MARKER: &str = "<!-- more -->";

/// The result of rendering one Markdown body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// HTML before `<!-- more -->`, when the body has the marker.
    pub summary_html: Option<String>,
    /// Flat list of headings in document order.
    pub headings: Vec<Heading>,
    /// Plain text, for summaries, reading time and the search index.
    pub text: String,
    /// Every link and image with the URL it was given in the HTML, where it was written.
    pub links: Vec<LinkAt>,
    pub diagnostics: Vec<Diagnostic>,
    /// Hugo shortcodes taken out of the text (offsets in the body).
    pub shortcodes: Vec<shortcodes::Use>,
}

/// A link or image of a body: its URL as published (internal links resolved), and its
/// line and column in the whole file, so `check` can point at the Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkAt {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// Path shown in diagnostics.
    pub shown: &'a Path,
    /// The whole file, so positions count from its top.
    pub file_text: &'a Arc<str>,
    pub body_offset: usize,
    /// Content-relative folder of the file, for relative links.
    pub dir: &'a str,
    pub anchors: jiayuan_core::config::AnchorStyle,
    /// What happens to raw HTML (`[markdown] raw_html`).
    pub raw_html: RawHtml,
    /// Where the Markdown ends (a shortcode's body); `None` is the end of the file.
    pub end: Option<usize>,
    /// Renders Zola shortcodes; without one, calls stay text.
    pub shortcodes: Option<&'a dyn Renderer>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(input: &Input<'_>, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let end = input.end.unwrap_or(input.file_text.len());
    let source = &input.file_text[input.body_offset..end];
    let Some(renderer) = input.shortcodes else {
        return render_body(input, source, resolve);
    };
    let (calls, malformed) = shortcode::parse::find(source);
    if calls.is_empty() && malformed.is_empty() {
        return render_body(input, source, resolve);
    }
    let (masked, placeholders) = shortcode::mask(source, &calls);
    let mut r = render_body(input, &masked, resolve);
    let (mut outputs, links, mut diags) = expand::outputs(input, renderer, &calls, resolve);
    for i in shortcode::misplaced(&r.html, &placeholders, &outputs) {
        diags.push(expand::misplaced(input, &calls[i]));
        outputs[i] = shortcode::Output::default();
    }
    r.html = shortcode::substitute(&r.html, &placeholders, &outputs);
    r.summary_html = r
        .summary_html
        .map(|s| shortcode::substitute(&s, &placeholders, &outputs));
    r.text = shortcode::substitute_text(&r.text, &placeholders, &outputs);
    r.links.extend(links);
    r.diagnostics.extend(diags);
    r.diagnostics
        .extend(malformed.iter().map(|m| expand::malformed(input, m)));
    r
}

/// Renders `body` (the file's Markdown from `input.body_offset`, shortcodes masked).
fn render_body(
    input: &Input<'_>,
    body: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let events = emphasis::pass(body, events);
    let (mut events, shortcodes) = shortcodes::pass(softbreak::pass(events));
    let headings = anchors::pass(&mut events, input.anchors);
    let no_alt = images::pass(&mut events);
    let broken = links::pass(&mut events, input.dir, resolve);
    let is_marker = |h: &str| h.trim() == MORE_MARKER;
    let scan = match input.raw_html {
        RawHtml::Trusted => raw_html::Scan::default(),
        _ => raw_html::scan(body, &events, is_marker),
    };
    let mut diagnostics: Vec<Diagnostic> = broken
        .into_iter()
        .map(|b| {
            let d = if links::is_file(&b.target) {
                Diagnostic::error(input.shown, msg!("missing-file-link", target = &b.target))
                    .help(msg!("missing-file-link-help"))
            } else {
                Diagnostic::error(
                    input.shown,
                    msg!("broken-internal-link", target = &b.target),
                )
                .help(msg!("broken-internal-link-help"))
            };
            d.at_offset(input.file_text, input.body_offset + b.offset)
                .with_source(input.file_text.clone())
        })
        .collect();
    diagnostics.extend(no_alt.iter().map(|n| {
        Diagnostic::error(input.shown, msg!("image-no-alt", url = &n.url))
            .help(msg!("image-no-alt-help"))
            .at_offset(input.file_text, input.body_offset + n.offset)
            .with_source(input.file_text.clone())
    }));
    diagnostics.extend(
        scan.removed
            .iter()
            .filter(|r| input.raw_html == RawHtml::Sanitize || !r.raw)
            .map(|r| removed_warning(input, r)),
    );

    let more = events.iter().position(|(e, _)| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.trim() == MORE_MARKER,
        _ => false,
    });
    if input.raw_html == RawHtml::Escape {
        raw_html::escape(&mut events, is_marker);
    }
    let summary_html = more.map(|i| {
        let end = block_start(&events, i);
        let mut s = String::new();
        html::push_html(&mut s, events[..end].iter().map(|(e, _)| e.clone()));
        raw_html::finish(input.raw_html, &scan, s)
    });
    let text = plain_text(&events);
    let links = link_places(input, &events);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    Rendered {
        html: raw_html::finish(input.raw_html, &scan, out),
        summary_html,
        headings,
        text,
        links,
        diagnostics,
        shortcodes,
    }
}

fn link_places(input: &Input<'_>, events: &[(Event<'_>, Range<usize>)]) -> Vec<LinkAt> {
    events
        .iter()
        .filter_map(|(e, range)| match e {
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. })
            | Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) => {
                let (line, column) = jiayuan_core::diagnostic::line_col(
                    input.file_text,
                    input.body_offset + range.start,
                );
                Some(LinkAt {
                    url: dest_url.to_string(),
                    line,
                    column,
                })
            }
            _ => None,
        })
        .collect()
}

fn removed_warning(input: &Input<'_>, removed: &raw_html::Removed) -> Diagnostic {
    Diagnostic::warning(
        input.shown,
        msg!("html-removed", what = removed.what.clone()),
    )
    .at_offset(input.file_text, input.body_offset + removed.offset)
    .with_source(input.file_text.clone())
    .help(msg!("html-removed-help"))
}

/// The index where the block holding event `i` starts, so a summary never cuts a tag.
fn block_start(events: &[(Event<'_>, Range<usize>)], i: usize) -> usize {
    if i > 0 {
        if let Event::Start(pulldown_cmark::Tag::HtmlBlock) = events[i - 1].0 {
            return i - 1;
        }
        if let Event::Start(pulldown_cmark::Tag::Paragraph) = events[i - 1].0 {
            return i - 1;
        }
    }
    i
}

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Html(h) | Event::InlineHtml(h) => text.push_str(&html_text::text(h)),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Han characters and other words, for the reading-time estimate.
pub fn count_chars(text: &str) -> (usize, usize) {
    let han = text
        .chars()
        .filter(|c| jiayuan_core::text::is_han(*c))
        .count();
    let words = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (han, words)
}

/// The first `n` characters of plain text, cut at a character boundary.
pub fn truncate_chars(text: &str, n: usize) -> (String, bool) {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(n) {
        Some((i, _)) => (collapsed[..i].to_string(), true),
        None => (collapsed, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_md(body: &str) -> Rendered {
        let file: Arc<str> = Arc::from(format!("---\ntitle: t\n---\n{body}"));
        let input = Input {
            shown: Path::new("content/news/a.md"),
            file_text: &file,
            body_offset: 16,
            dir: "news",
            anchors: Default::default(),
            raw_html: RawHtml::Sanitize,
            end: None,
            shortcodes: None,
        };
        render(&input, &|p| match p {
            "news/b.md" => Some("/news/b/".to_string()),
            "media/a.png" => Some("/media/a.png".to_string()),
            _ => None,
        })
    }

    #[test]
    fn links_resolve_and_broken_ones_point_at_the_line() {
        let r = render_md(
            "见[另一篇](b.md#x)。\n\n再见[坏链接](@/news/none.md)\n\n[根路径](/news/b.md#y)和[坏的](/x/none.md)",
        );
        assert!(r.html.contains("href=\"/news/b/#x\""), "{}", r.html);
        assert!(r.html.contains("href=\"/news/b/#y\""), "{}", r.html);
        assert_eq!(r.diagnostics.len(), 2);
        assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (6, 3));
        assert_eq!((r.diagnostics[1].line, r.diagnostics[1].column), (8, 21));
    }

    #[test]
    fn files_resolve_and_a_missing_one_is_an_error_at_its_place() {
        let r = render_md("![图](/media/a.png)\n\n![图](../media/a.png) [表](/media/none.pdf)");
        assert_eq!(
            r.html.matches("src=\"/media/a.png\"").count(),
            2,
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!(d.message.en(), "link to a missing file `/media/none.pdf`");
        assert_eq!((d.line, d.column), (6, 22));
    }

    #[test]
    fn links_keep_their_places() {
        let r = render_md("第一段。\n\n见[另一篇](b.md#x)和![图](/a.png)。");
        let places: Vec<(&str, usize, usize)> = r
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column))
            .collect();
        assert_eq!(places, [("/news/b/#x", 6, 2), ("/a.png", 6, 16)]);
    }

    #[test]
    fn summary_marker_and_counts() {
        let r = render_md("第一段。\n\n<!-- more -->\n\n第二段 text here。");
        assert_eq!(r.summary_html.as_deref(), Some("<p>第一段。</p>\n"));
        assert_eq!(count_chars(&r.text), (6, 2));
        assert_eq!(truncate_chars("一二三四", 2), ("一二".to_string(), true));
    }

    #[test]
    fn gfm_extensions() {
        let r = render_md(
            "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n~~删~~ - [x] 项\n\n脚注[^1]\n\n[^1]: 注释",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>删</del>"));
        assert!(r.html.contains("footnote"));
    }
}
