//! Markdown to HTML through pulldown-cmark, as a chain of passes over the event stream.

pub mod anchors;
pub mod emphasis;
pub mod links;
pub mod softbreak;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{html, Event, Options, Parser, TagEnd};

pub use anchors::Heading;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

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
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Input<'a> {
    /// Path shown in diagnostics.
    pub shown: &'a Path,
    /// The whole file, so positions count from its top.
    pub file_text: &'a Arc<str>,
    pub body_offset: usize,
    /// Content-relative folder of the file, for relative links.
    pub dir: &'a str,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(input: &Input<'_>, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let body = &input.file_text[input.body_offset..];
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let events = emphasis::pass(body, events);
    let mut events = softbreak::pass(events);
    let headings = anchors::pass(&mut events);
    let broken = links::pass(&mut events, input.dir, resolve);
    let diagnostics = broken
        .into_iter()
        .map(|b| {
            Diagnostic::error(
                input.shown,
                msg!("broken-internal-link", target = &b.target),
            )
            .at_offset(input.file_text, input.body_offset + b.offset)
            .with_source(input.file_text.clone())
            .help(msg!("broken-internal-link-help"))
        })
        .collect();

    let more = events.iter().position(|(e, _)| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.trim() == MORE_MARKER,
        _ => false,
    });
    let summary_html = more.map(|i| {
        let end = block_start(&events, i);
        let mut s = String::new();
        html::push_html(&mut s, events[..end].iter().map(|(e, _)| e.clone()));
        s
    });
    let text = plain_text(&events);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    Rendered {
        html: out,
        summary_html,
        headings,
        text,
        diagnostics,
    }
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
        };
        render(&input, &|p| {
            (p == "news/b.md").then(|| "/news/b/".to_string())
        })
    }

    #[test]
    fn links_resolve_and_broken_ones_point_at_the_line() {
        let r = render_md("见[另一篇](b.md#x)。\n\n再见[坏链接](@/news/none.md)");
        assert!(r.html.contains("href=\"/news/b/#x\""), "{}", r.html);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (6, 3));
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
