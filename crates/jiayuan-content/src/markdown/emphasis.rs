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

mod delimiters;

use delimiters::{collect_roles, Site};

type Item<'a> = (Event<'a>, Range<usize>);

pub fn pass<'a>(src: &'a str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let events = merge_text(src, events);
    let mut out = Vec::with_capacity(events.len() + 8);
    // The current run of inline events, moved out of `events` (not copied).
    let mut run: Vec<Item<'a>> = Vec::new();
    for item in events {
        if is_inline(&item.0) {
            run.push(item);
        } else {
            resolve_run(src, &mut run, &mut out);
            out.push(item);
        }
    }
    resolve_run(src, &mut run, &mut out);
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
            let len = delim_len(event);
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
fn resolve_run<'a>(src: &str, run: &mut Vec<Item<'a>>, out: &mut Vec<Item<'a>>) {
    if !run.iter().any(|(e, r)| touches_cjk(src, e, r)) {
        out.append(run);
        return;
    }
    let events = std::mem::take(run);
    let mut roles = collect_roles(src, &events, 0..events.len());
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis)
            | Event::End(TagEnd::Strong | TagEnd::Emphasis)
                if src.as_bytes().get(range.start) == Some(&b'*') =>
            {
                let item = match roles.take(Site::Event(i)) {
                    Some((len, open)) => (tag(len, open), range.clone()),
                    None => (
                        Event::Text(CowStr::from("*".repeat(delim_len(event)))),
                        range.clone(),
                    ),
                };
                out.push(item);
            }
            Event::Text(text) if is_literal(src, text, range) => {
                emit_text(text, range, |at| roles.take(Site::Text(i, at)), out);
            }
            _ => out.push((event.clone(), range.clone())),
        }
    }
}

/// 2 for a strong tag, 1 for emphasis.
fn delim_len(event: &Event<'_>) -> usize {
    match event {
        Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => 2,
        _ => 1,
    }
}

fn tag<'a>(len: usize, open: bool) -> Event<'a> {
    match (len, open) {
        (2, true) => Event::Start(Tag::Strong),
        (2, false) => Event::End(TagEnd::Strong),
        (_, true) => Event::Start(Tag::Emphasis),
        (_, false) => Event::End(TagEnd::Emphasis),
    }
}

/// A literal text event with some of its `*` runs turned into tags: the text between
/// them stays text.
fn emit_text<'a>(
    text: &CowStr<'a>,
    range: &Range<usize>,
    mut role_at: impl FnMut(usize) -> Option<(usize, bool)>,
    out: &mut Vec<Item<'a>>,
) {
    let mut last = 0;
    for (at, _) in star_runs(text) {
        let Some((len, open)) = role_at(at) else {
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
        out.push((Event::Text(text.clone()), range.clone()));
    } else if last < text.len() {
        out.push((
            Event::Text(CowStr::from(text[last..].to_string())),
            range.start + last..range.end,
        ));
    }
}

/// Joins adjacent text events that are contiguous in the source, so a delimiter run is
/// never split across two events. Literal texts stand in the source as they are, so a
/// joined text is a slice of it: joining costs nothing per event.
fn merge_text<'a>(src: &'a str, events: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = Vec::with_capacity(events.len());
    // Whether the last event of `out` is a literal text.
    let mut last_literal = false;
    for (event, range) in events {
        let Event::Text(next) = &event else {
            last_literal = false;
            out.push((event, range));
            continue;
        };
        let literal = is_literal(src, next, &range);
        if let (true, Some((Event::Text(prev), prev_range))) =
            (literal && last_literal, out.last_mut())
        {
            if prev_range.end == range.start {
                prev_range.end = range.end;
                *prev = CowStr::Borrowed(&src[prev_range.clone()]);
                continue;
            }
        }
        last_literal = literal;
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

    #[test]
    fn a_pair_drops_the_openers_inside_it_of_either_length() {
        // The `*` opened inside the strong pair is dropped with it, so the last `*`
        // finds no opener and stays literal.
        assert_eq!(
            render("**重点*强调**文字*"),
            "<p><strong>重点*强调</strong>文字*</p>\n"
        );
        assert_eq!(
            render("*重点**强调*文字**"),
            "<p><em>重点**强调</em>文字**</p>\n"
        );
    }

    #[test]
    fn pairing_stays_in_order_over_many_runs() {
        let md = "**重点**：*强调*。".repeat(2000);
        let html = render(&md);
        assert_eq!(
            html,
            format!(
                "<p>{}</p>\n",
                "<strong>重点</strong>：<em>强调</em>。".repeat(2000)
            )
        );
    }
}
