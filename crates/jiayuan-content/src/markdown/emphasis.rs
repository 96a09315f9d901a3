//! Emphasis next to Chinese punctuation.
//!
//! CommonMark's flanking rules reject `**注意：**正文` and `施**“三孩”政策**`, because a
//! closing run after punctuation must be followed by space or punctuation, which Chinese
//! text never has. pulldown-cmark then leaves the asterisks as literal text. This pass
//! pairs such leftover runs within one inline container and turns them into
//! `<strong>`/`<em>`.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use jiayuan_core::text::is_cjk;

type Item<'a> = (Event<'a>, Range<usize>);

/// Where a delimiter run sits: a whole event (a tag pulldown-cmark produced) or a
/// byte position inside a text event.
#[derive(Clone, Copy, PartialEq)]
enum Site {
    Event(usize),
    Text(usize, usize),
}

#[derive(Clone, Copy)]
struct Delim {
    site: Site,
    len: usize,
    can_open: bool,
    can_close: bool,
}

pub fn pass<'a>(src: &str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let events = merge_text(src, events);
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut start = 0;
    while start < events.len() {
        if !is_inline(&events[start].0) {
            out.push(events[start].clone());
            start += 1;
            continue;
        }
        let mut end = start;
        while end < events.len() && is_inline(&events[end].0) {
            end += 1;
        }
        resolve_run(src, &events, start..end, &mut out);
        start = end;
    }
    out
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::InlineMath(_) => true,
        _ => false,
    }
}

/// A text event whose characters stand in the source as they are (no escapes or entities),
/// so a `*` in it is a delimiter pulldown-cmark left unpaired.
fn is_literal(src: &str, text: &str, range: &Range<usize>) -> bool {
    src.get(range.clone()) == Some(text) && !src[..range.start].ends_with('\\')
}

/// Whether a `*` delimiter of this event stands next to a Chinese character: only then
/// are the CommonMark flanking rules wrong and the run re-paired.
fn touches_cjk(src: &str, event: &Event<'_>, range: &Range<usize>) -> bool {
    let near = |pos: usize, len: usize| {
        let before = src[..pos].chars().next_back();
        let after = src.get(pos + len..).and_then(|s| s.chars().next());
        before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
    };
    match event {
        Event::Start(Tag::Strong | Tag::Emphasis)
        | Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
            let len = if matches!(
                event,
                Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)
            ) {
                2
            } else {
                1
            };
            src.as_bytes().get(range.start) == Some(&b'*')
                && (near(range.start, len) || near(range.end.saturating_sub(len), len))
        }
        Event::Text(t) if is_literal(src, t, range) => star_runs(t)
            .into_iter()
            .any(|(at, len)| near(range.start + at, len)),
        _ => false,
    }
}

/// Re-pairs `*` delimiters of one run of inline events, when pulldown-cmark left some
/// unpaired. Its own `*` emphasis in that run is undone and paired again with the
/// leftovers, left to right, so `**注意：**正文…**“三孩”政策**` pairs as written.
fn resolve_run<'a>(src: &str, events: &[Item<'a>], run: Range<usize>, out: &mut Vec<Item<'a>>) {
    if !events[run.clone()]
        .iter()
        .any(|(e, r)| touches_cjk(src, e, r))
    {
        out.extend_from_slice(&events[run]);
        return;
    }
    let flank = |pos: usize, len: usize| {
        let before = src[..pos].chars().next_back();
        let after = src[pos + len..].chars().next();
        (
            after.is_some_and(|c| !c.is_whitespace()),
            before.is_some_and(|c| !c.is_whitespace()),
        )
    };
    let mut containers: Vec<Vec<Delim>> = vec![Vec::new()];
    let mut star_stack: Vec<bool> = Vec::new();
    let mut roles: Vec<(Site, usize, bool)> = Vec::new();
    for i in run.clone() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                let len = if matches!(event, Event::Start(Tag::Strong)) {
                    2
                } else {
                    1
                };
                let star = src.as_bytes().get(range.start) == Some(&b'*');
                star_stack.push(star);
                if star {
                    let (can_open, can_close) = flank(range.start, len);
                    containers.last_mut().unwrap().push(Delim {
                        site: Site::Event(i),
                        len,
                        can_open,
                        can_close,
                    });
                } else {
                    containers.push(Vec::new());
                }
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                let len = if matches!(event, Event::End(TagEnd::Strong)) {
                    2
                } else {
                    1
                };
                if star_stack.pop().unwrap_or(false) {
                    let pos = range.end.saturating_sub(len);
                    let (can_open, can_close) = flank(pos, len);
                    containers.last_mut().unwrap().push(Delim {
                        site: Site::Event(i),
                        len,
                        can_open,
                        can_close,
                    });
                } else if containers.len() > 1 {
                    let delims = containers.pop().unwrap_or_default();
                    pair(&delims, &mut roles);
                }
            }
            Event::Start(_) => containers.push(Vec::new()),
            Event::End(_) if containers.len() > 1 => {
                let delims = containers.pop().unwrap_or_default();
                pair(&delims, &mut roles);
            }
            Event::Text(text) if is_literal(src, text, range) => {
                for (at, len) in star_runs(text) {
                    let (can_open, can_close) = flank(range.start + at, len);
                    containers.last_mut().unwrap().push(Delim {
                        site: Site::Text(i, at),
                        len,
                        can_open,
                        can_close,
                    });
                }
            }
            _ => {}
        }
    }
    for delims in containers {
        pair(&delims, &mut roles);
    }
    let role_of = |site: Site| {
        roles
            .iter()
            .find(|(s, _, _)| *s == site)
            .map(|(_, len, open)| (*len, *open))
    };
    let tag = |len: usize, open: bool| match (len, open) {
        (2, true) => Event::Start(Tag::Strong),
        (2, false) => Event::End(TagEnd::Strong),
        (_, true) => Event::Start(Tag::Emphasis),
        (_, false) => Event::End(TagEnd::Emphasis),
    };
    for i in run {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis)
            | Event::End(TagEnd::Strong | TagEnd::Emphasis)
                if src.as_bytes().get(range.start) == Some(&b'*') =>
            {
                match role_of(Site::Event(i)) {
                    Some((len, open)) => out.push((tag(len, open), range.clone())),
                    None => {
                        let len = if matches!(
                            event,
                            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)
                        ) {
                            2
                        } else {
                            1
                        };
                        out.push((Event::Text(CowStr::from("*".repeat(len))), range.clone()));
                    }
                }
            }
            Event::Text(text) if is_literal(src, text, range) => {
                let mut last = 0;
                for (at, _) in star_runs(text) {
                    let Some((len, open)) = role_of(Site::Text(i, at)) else {
                        continue;
                    };
                    if at > last {
                        out.push((
                            Event::Text(CowStr::from(text[last..at].to_string())),
                            range.start + last..range.start + at,
                        ));
                    }
                    out.push((tag(len, open), range.start + at..range.start + at + len));
                    last = at + len;
                }
                if last == 0 {
                    out.push((event.clone(), range.clone()));
                } else if last < text.len() {
                    out.push((
                        Event::Text(CowStr::from(text[last..].to_string())),
                        range.start + last..range.end,
                    ));
                }
            }
            _ => out.push((event.clone(), range.clone())),
        }
    }
}

/// Joins adjacent text events that are contiguous in the source, so a delimiter run is
/// never split across two events.
fn merge_text<'a>(src: &str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let literal_prev = is_literal(src, prev, prev_range);
            let literal_next = is_literal(src, next, &range);
            if prev_range.end == range.start && literal_prev && literal_next {
                let joined = format!("{prev}{next}");
                *prev = CowStr::from(joined);
                prev_range.end = range.end;
                continue;
            }
        }
        out.push((event, range));
    }
    out
}

/// `*` and `**` runs in a text: (byte position, length). Longer runs stay literal.
fn star_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        if i - start <= 2 {
            found.push((start, i - start));
        }
    }
    found
}

/// Pairs delimiters left to right: a closer takes the nearest opener of its length, and
/// openers left inside that pair stay literal, which keeps tags properly nested.
fn pair(delims: &[Delim], roles: &mut Vec<(Site, usize, bool)>) {
    let mut openers: Vec<Delim> = Vec::new();
    for d in delims {
        if d.can_close {
            if let Some(pos) = openers.iter().rposition(|o| o.len == d.len) {
                let opener = openers[pos];
                openers.truncate(pos);
                roles.push((opener.site, opener.len, true));
                roles.push((d.site, d.len, false));
                continue;
            }
        }
        if d.can_open {
            openers.push(*d);
        }
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{html, Options, Parser};

    fn render(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::empty())
            .into_offset_iter()
            .collect();
        let events = super::pass(md, events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn strong_after_chinese_colon() {
        assert_eq!(
            render("**注意：**正文"),
            "<p><strong>注意：</strong>正文</p>\n"
        );
    }

    #[test]
    fn strong_around_quoted_term_mid_sentence() {
        assert_eq!(
            render("全面实施**“三孩”政策**全面实施"),
            "<p>全面实施<strong>“三孩”政策</strong>全面实施</p>\n"
        );
        assert_eq!(
            render("**“三孩”政策**全面实施"),
            "<p><strong>“三孩”政策</strong>全面实施</p>\n"
        );
    }

    #[test]
    fn pulldown_pairs_are_redone_when_leftovers_exist() {
        assert_eq!(
            render("**注意：**正文从这里开始。全面实施**“三孩”政策**全面落实。"),
            "<p><strong>注意：</strong>正文从这里开始。全面实施<strong>“三孩”政策</strong>全面落实。</p>\n"
        );
    }

    #[test]
    fn emphasis_and_untouched_cases() {
        assert_eq!(
            render("这是*重点：*内容"),
            "<p>这是<em>重点：</em>内容</p>\n"
        );
        assert_eq!(render("2 * 3 = 6"), "<p>2 * 3 = 6</p>\n");
        assert_eq!(
            render("\\*\\*不是强调：\\*\\*文字"),
            "<p>**不是强调：**文字</p>\n"
        );
        assert_eq!(render("`**代码：**`"), "<p><code>**代码：**</code></p>\n");
        assert_eq!(
            render("**normal** text"),
            "<p><strong>normal</strong> text</p>\n"
        );
    }
}
