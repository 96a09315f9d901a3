//! Soft line breaks between Chinese characters.
//!
//! Browsers render a newline as a space, which is right between English words and wrong
//! between two Chinese characters: `计划\n生育` must read `计划生育`.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use jiayuan_core::text::is_cjk;

type Item<'a> = (Event<'a>, Range<usize>);

pub fn pass(mut events: Vec<Item<'_>>) -> Vec<Item<'_>> {
    let after = first_chars_after(&events);
    // The last character before the current event, updated as `retain` walks forward
    // over every event, dropped or kept.
    let mut before = None;
    let mut i = 0;
    events.retain(|(event, _)| {
        let drop = matches!(event, Event::SoftBreak)
            && before.is_some_and(is_cjk)
            && after[i].is_some_and(is_cjk);
        if let Edge::Char(c) = edge(event, true) {
            before = c;
        }
        i += 1;
        !drop
    });
    events
}

fn is_inline_start(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
    )
}

/// What the character next to an event is, seen from the following (or preceding) one:
/// a text gives its edge character, an inline tag lets the one beyond it through, and
/// anything else (a break, a block) stops the look.
enum Edge {
    Char(Option<char>),
    Through,
}

fn edge(event: &Event<'_>, last: bool) -> Edge {
    match event {
        Event::Text(t) | Event::Code(t) => Edge::Char(if last {
            t.chars().next_back()
        } else {
            t.chars().next()
        }),
        Event::End(tag) if is_inline_end(tag) => Edge::Through,
        Event::Start(tag) if is_inline_start(tag) => Edge::Through,
        _ => Edge::Char(None),
    }
}

/// For each event, the first character of the text after it, in one pass from the end.
fn first_chars_after(events: &[Item<'_>]) -> Vec<Option<char>> {
    let mut seen = None;
    let mut out = vec![None; events.len()];
    for (i, (event, _)) in events.iter().enumerate().rev() {
        out[i] = seen;
        if let Edge::Char(c) = edge(event, false) {
            seen = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{html, Options, Parser};

    fn render(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::empty())
            .into_offset_iter()
            .collect();
        let mut out = String::new();
        html::push_html(&mut out, super::pass(events).into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn joins_chinese_lines_and_keeps_english_spaces() {
        assert_eq!(render("计划\n生育"), "<p>计划生育</p>\n");
        assert_eq!(render("健康，\n家庭"), "<p>健康，家庭</p>\n");
        assert_eq!(render("family\nplanning"), "<p>family\nplanning</p>\n");
        assert_eq!(render("三孩\npolicy"), "<p>三孩\npolicy</p>\n");
        assert_eq!(
            render("**优生**\n优育"),
            "<p><strong>优生</strong>优育</p>\n"
        );
    }
}
