//! Emphasis next to Chinese punctuation.
//!
//! CommonMark's flanking rules reject `**注意：**正文` and `施**“三孩”政策**`, because a
//! closing run after punctuation must be followed by space or punctuation, which Chinese
//! text never has. pulldown-cmark then leaves the asterisks as literal text. This pass
//! pairs such leftover runs within one inline container and turns them into
//! `<strong>`/`<em>`.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

type Item<'a> = (Event<'a>, Range<usize>);

/// A literal `*` or `**` run inside a text event.
#[derive(Clone, Copy)]
struct Delim {
    event: usize,
    at: usize,
    len: usize,
    can_open: bool,
    can_close: bool,
}

pub fn pass<'a>(src: &str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let events = merge_text(src, events);
    // splits[event] = list of (byte position in text, len, Some(true)=open/Some(false)=close)
    let mut splits: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); events.len()];
    let mut containers: Vec<Vec<Delim>> = vec![Vec::new()];
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => containers.push(Vec::new()),
            Event::End(_) => {
                let delims = containers.pop().unwrap_or_default();
                pair(&delims, &mut splits);
                if containers.is_empty() {
                    containers.push(Vec::new());
                }
            }
            Event::Text(text) if &src[range.clone()] == text.as_ref() => {
                if let Some(top) = containers.last_mut() {
                    top.extend(delims_in(i, text));
                }
            }
            _ => {}
        }
    }
    for delims in containers {
        pair(&delims, &mut splits);
    }
    if splits.iter().all(Vec::is_empty) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    for (i, (event, range)) in events.into_iter().enumerate() {
        let cuts = &mut splits[i];
        if cuts.is_empty() {
            out.push((event, range));
            continue;
        }
        let Event::Text(text) = event else {
            out.push((event, range));
            continue;
        };
        cuts.sort_unstable();
        let mut last = 0;
        for &(at, len, open) in cuts.iter() {
            if at > last {
                let piece = text[last..at].to_string();
                out.push((
                    Event::Text(CowStr::from(piece)),
                    range.start + last..range.start + at,
                ));
            }
            let r = range.start + at..range.start + at + len;
            let event = match (len, open) {
                (2, true) => Event::Start(Tag::Strong),
                (2, false) => Event::End(TagEnd::Strong),
                (_, true) => Event::Start(Tag::Emphasis),
                (_, false) => Event::End(TagEnd::Emphasis),
            };
            out.push((event, r));
            last = at + len;
        }
        if last < text.len() {
            let piece = text[last..].to_string();
            out.push((
                Event::Text(CowStr::from(piece)),
                range.start + last..range.end,
            ));
        }
    }
    out
}

/// Joins adjacent text events that are contiguous in the source, so a delimiter run is
/// never split across two events.
fn merge_text<'a>(src: &str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let literal_prev = src.get(prev_range.clone()) == Some(prev.as_ref());
            let literal_next = src.get(range.clone()) == Some(next.as_ref());
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

fn delims_in(event: usize, text: &str) -> Vec<Delim> {
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
        let len = i - start;
        if len > 2 {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        found.push(Delim {
            event,
            at: start,
            len,
            can_open: after.is_some_and(|c| !c.is_whitespace()),
            can_close: before.is_some_and(|c| !c.is_whitespace()),
        });
    }
    found
}

fn pair(delims: &[Delim], splits: &mut [Vec<(usize, usize, bool)>]) {
    let mut openers: Vec<Delim> = Vec::new();
    for d in delims {
        if d.can_close {
            if let Some(pos) = openers.iter().rposition(|o| o.len == d.len) {
                let opener = openers[pos];
                openers.truncate(pos);
                splits[opener.event].push((opener.at, opener.len, true));
                splits[d.event].push((d.at, d.len, false));
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
