//! Soft line breaks between Chinese characters.
//!
//! Browsers render a newline as a space, which is right between English words and wrong
//! between two Chinese characters: `计划\n生育` must read `计划生育`.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use jiayuan_core::text::is_cjk;

type Item<'a> = (Event<'a>, Range<usize>);

pub fn pass(events: Vec<Item<'_>>) -> Vec<Item<'_>> {
    let drop: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i].0, Event::SoftBreak)
                && last_char_before(&events, i).is_some_and(is_cjk)
                && first_char_after(&events, i).is_some_and(is_cjk)
        })
        .collect();
    events
        .into_iter()
        .zip(drop)
        .filter_map(|(item, drop)| (!drop).then_some(item))
        .collect()
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

fn last_char_before(events: &[Item<'_>], i: usize) -> Option<char> {
    for (event, _) in events[..i].iter().rev() {
        match event {
            Event::Text(t) | Event::Code(t) => return t.chars().next_back(),
            Event::End(tag) if is_inline_end(tag) => continue,
            Event::Start(tag) if is_inline_start(tag) => continue,
            _ => return None,
        }
    }
    None
}

fn first_char_after(events: &[Item<'_>], i: usize) -> Option<char> {
    for (event, _) in &events[i + 1..] {
        match event {
            Event::Text(t) | Event::Code(t) => return t.chars().next(),
            Event::Start(tag) if is_inline_start(tag) => continue,
            Event::End(tag) if is_inline_end(tag) => continue,
            _ => return None,
        }
    }
    None
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
