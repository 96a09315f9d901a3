//! Hugo shortcodes (`{{< note >}}`, `{{% tab %}}`): jiayuan runs no Hugo templates, so a
//! shortcode is taken out of the text readers see, and what a paired one encloses stays.
//! Each use is reported; the content stage folds them into one warning per name.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

type Item<'a> = (Event<'a>, Range<usize>);

/// One shortcode marker: its name and the byte offset in the body where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    pub name: String,
    pub offset: usize,
    /// A closing marker (`{{< /note >}}`) is left out but not counted as a use.
    pub closing: bool,
}

/// Removes shortcode markers from runs of text (never from code) and lists them.
pub fn pass<'a>(events: Vec<Item<'a>>) -> (Vec<Item<'a>>, Vec<Use>) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains("{{")))
    {
        return (events, Vec::new());
    }
    let mut out: Vec<Item<'a>> = Vec::with_capacity(events.len());
    let mut uses = Vec::new();
    let mut run: Vec<Item<'a>> = Vec::new();
    let mut in_code = false;
    for item in events {
        match item.0 {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => {
                run.push(item);
                continue;
            }
            _ => {}
        }
        flush(&mut run, &mut out, &mut uses);
        out.push(item);
    }
    flush(&mut run, &mut out, &mut uses);
    // A paragraph that held only a shortcode is left out with it.
    let mut i = 0;
    while i + 1 < out.len() {
        let empty = matches!(
            (&out[i].0, &out[i + 1].0),
            (Event::Start(Tag::Paragraph), Event::End(TagEnd::Paragraph))
        );
        if empty {
            out.drain(i..i + 2);
        } else {
            i += 1;
        }
    }
    (out, uses)
}

/// Joins a run of adjacent text events; when it holds shortcodes, it becomes one text
/// event without them.
fn flush<'a>(run: &mut Vec<Item<'a>>, out: &mut Vec<Item<'a>>, uses: &mut Vec<Use>) {
    if run.is_empty() {
        return;
    }
    let mut joined = String::new();
    // (start in `joined`, start in the body) of each event, to place a marker.
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(run.len());
    for (event, range) in run.iter() {
        if let Event::Text(t) = event {
            starts.push((joined.len(), range.start));
            joined.push_str(t);
        }
    }
    let (kept, found) = strip(&joined);
    if found.is_empty() {
        out.append(run);
        return;
    }
    for (at, name, closing) in found {
        let (in_joined, in_body) = starts
            .iter()
            .rev()
            .find(|(j, _)| *j <= at)
            .copied()
            .unwrap_or((0, 0));
        uses.push(Use {
            name,
            offset: in_body + (at - in_joined),
            closing,
        });
    }
    let range = run[0].1.start..run[run.len() - 1].1.end;
    run.clear();
    if !kept.trim().is_empty() {
        out.push((Event::Text(CowStr::from(kept)), range));
    }
}

/// The text without shortcode markers, and each marker's (offset, name, closing).
fn strip(text: &str) -> (String, Vec<(usize, String, bool)>) {
    let mut kept = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(i) = text[rest..].find("{{").map(|i| rest + i) {
        let close = match text[i + 2..].chars().next() {
            Some('<') => ">}}",
            Some('%') => "%}}",
            _ => {
                kept.push_str(&text[rest..i + 2]);
                rest = i + 2;
                continue;
            }
        };
        let Some(end) = text[i + 3..].find(close).map(|e| i + 3 + e) else {
            break;
        };
        let inner = text[i + 3..end].trim();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        kept.push_str(&text[rest..i]);
        found.push((i, name, closing));
        rest = end + close.len();
    }
    kept.push_str(&text[rest..]);
    (kept, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Parser};

    fn run(md: &str) -> (String, Vec<Use>) {
        let events: Vec<_> = Parser::new(md).into_offset_iter().collect();
        let (events, uses) = pass(events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        (out, uses)
    }

    #[test]
    fn markers_leave_and_the_enclosed_text_stays() {
        let (html, uses) = run(
            "前文{{< tip >}}\n注意事项\n{{< /tip >}}\n\n{{% tab name=\"Linux\" %}}\n\n`{{< code >}}`\n\n```\n{{< fenced >}}\n```\n",
        );
        assert_eq!(
            html,
            "<p>前文\n注意事项\n</p>\n<p><code>{{&lt; code &gt;}}</code></p>\n<pre><code>{{&lt; fenced &gt;}}\n</code></pre>\n"
        );
        let names: Vec<(&str, usize, bool)> = uses
            .iter()
            .map(|u| (u.name.as_str(), u.offset, u.closing))
            .collect();
        assert_eq!(
            names,
            [("tip", 6, false), ("tip", 31, true), ("tab", 45, false)]
        );
    }

    #[test]
    fn text_without_shortcodes_is_untouched() {
        let (html, uses) = run("模板写作 {{ page.title }} 与 {{ x");
        assert_eq!(html, "<p>模板写作 {{ page.title }} 与 {{ x</p>\n");
        assert!(uses.is_empty());
    }
}
