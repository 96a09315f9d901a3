//! Where the prose is: the byte ranges of a file that the typography rules may read and
//! rewrite. Code spans, code blocks, HTML, link destinations, front matter keys and
//! every other YAML value are outside them, so `--fix` cannot touch those.

use std::ops::Range;

use jiayuan_content::shortcode;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Front matter keys whose values are text for readers.
const FRONT_MATTER_TEXT: &[&str] = &["title", "description"];
/// Shortcode arguments that readers see (or hear, for `alt`).
const SHORTCODE_TEXT: &[&str] = &["alt", "caption", "credit", "title"];
/// Quiz bank and contest keys whose values are text for readers (typed answers are not:
/// `5.29` stays an accepted spelling there).
const QUIZ_TEXT: &[&str] = &["title", "intro", "stem", "explanation", "source", "options"];

/// The prose of a Markdown page: its front matter's text values and its body's text.
pub fn markdown(text: &str) -> Vec<Range<usize>> {
    let (mut out, body_start) = front_matter(text);
    let body = &text[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    // A shortcode call is not prose, but the text it shows readers is (`alt`, `caption`…).
    let (calls, _) = shortcode::parse::find(body);
    let markup: Vec<Range<usize>> = calls.iter().flat_map(call_markup).collect();
    for call in &calls {
        for arg in call
            .args
            .iter()
            .filter(|a| SHORTCODE_TEXT.contains(&a.name.as_str()))
        {
            if matches!(arg.value, shortcode::parse::Value::Str(_)) {
                out.push(body_start + arg.at.start..body_start + arg.at.end);
            }
        }
    }
    // Inside a code block or an autolink (`<https://…>`), text is not prose.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => skip += 1,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => skip += 1,
            Event::End(TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            // Only text written exactly as it reads: no escapes or entities inside.
            Event::Text(t) if skip == 0 && body.get(range.clone()) == Some(&*t) => {
                for piece in without(range, &markup) {
                    out.extend(without_urls(&body[piece.clone()], body_start + piece.start));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The parts of a call that are markup: all of an inline call, the opening and closing
/// tags of a call with a body (whose body is prose like the rest).
fn call_markup(call: &shortcode::Call) -> Vec<Range<usize>> {
    match &call.kind {
        shortcode::Kind::Body(body) => {
            vec![call.span.start..body.start, body.end..call.span.end]
        }
        _ => vec![call.span.clone()],
    }
}

/// `range` less the `cut` ranges that overlap it.
fn without(range: Range<usize>, cut: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = vec![range];
    for c in cut {
        out = out
            .into_iter()
            .flat_map(|r| {
                if c.end <= r.start || c.start >= r.end {
                    return vec![r];
                }
                [r.start..c.start.max(r.start), c.end.min(r.end)..r.end]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .collect();
    }
    out
}

/// A piece of text less the bare URLs in it (`http://…`, `https://…`, `www.…` up to a
/// space or a Chinese character).
fn without_urls(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|i| from + i))
        .min()
    {
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || !c.is_ascii())
            .map_or(text.len(), |e| i + e);
        if i > from {
            out.push(start + from..start + i);
        }
        from = end;
    }
    if from < text.len() {
        out.push(start + from..start + text.len());
    }
    out
}

/// The text values of a quiz bank or contest file.
pub fn yaml(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        out.extend(yaml_values(line, offset, QUIZ_TEXT));
        offset += line.len();
    }
    out
}

/// Text values of the front matter, and where the body starts.
fn front_matter(text: &str) -> (Vec<Range<usize>>, usize) {
    let mut out = Vec::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (out, 0);
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (out, offset + line.len());
        }
        if !line.starts_with([' ', '-']) {
            out.extend(yaml_values(line, offset, FRONT_MATTER_TEXT));
        }
        offset += line.len();
    }
    (Vec::new(), 0)
}

/// The value ranges of `key: value` (or `- key: value`) when `key` is one of `keys`:
/// the text inside quotes, or each item of a `[a, b]` list.
fn yaml_values(line: &str, offset: usize, keys: &[&str]) -> Vec<Range<usize>> {
    let trimmed = line.trim_start_matches([' ', '-']);
    let indent = line.len() - trimmed.len();
    let Some((key, _)) = trimmed.split_once(": ") else {
        return Vec::new();
    };
    if !keys.contains(&key) {
        return Vec::new();
    }
    let start = indent + key.len() + 2;
    let value = line[start..].trim_end();
    let lead = value.len() - value.trim_start().len();
    let value = value.trim_start();
    let start = offset + start + lead;
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return list_items(inner, start + 1);
    }
    scalar(value, start).into_iter().collect()
}

fn list_items(inner: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut item_start = 0;
    let mut quote = None;
    for (i, c) in inner.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            (',', None) => {
                out.extend(item(inner, item_start, i, start));
                item_start = i + 1;
            }
            _ => {}
        }
    }
    out.extend(item(inner, item_start, inner.len(), start));
    out
}

fn item(inner: &str, from: usize, to: usize, start: usize) -> Option<Range<usize>> {
    let raw = &inner[from..to];
    let lead = raw.len() - raw.trim_start().len();
    scalar(raw.trim(), start + from + lead)
}

/// A plain or quoted scalar's text; block scalars (`|`, `>`) and values with YAML
/// syntax of their own are left alone.
fn scalar(value: &str, start: usize) -> Option<Range<usize>> {
    if value.is_empty() || value.starts_with(['|', '>', '{', '[', '&', '*', '!', '#']) {
        return None;
    }
    for q in ['"', '\''] {
        if value.starts_with(q) {
            let inner = value.strip_prefix(q)?.strip_suffix(q)?;
            if inner.contains(q) || inner.contains('\\') {
                return None;
            }
            return Some(start + 1..start + 1 + inner.len());
        }
    }
    let end = value.find(" #").unwrap_or(value.len());
    Some(start..start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn markdown_prose_leaves_code_html_urls_and_keys_out() {
        let text = "---\ntitle: 标题, 一\ntags: [a, b]\n---\n正文`a, b`和<b>粗</b>[链接](http://x.org/a?b)\n\n```\n代码, 块\n```\n";
        let got = texts(text, &markdown(text));
        assert_eq!(got, ["标题, 一", "正文", "和", "粗", "链接"]);
        // Alt text is prose a screen reader reads aloud; the image's path and title are not.
        let text = "![宣传海报, 二](poster.png \"装饰\")\n";
        assert_eq!(texts(text, &markdown(text)), ["宣传海报, 二"]);
        let text = "前{{ figure(src=\"a,b.png\", alt=\"图, 一\", n=1) }}后\n\n{% notice(kind=\"提示\") %}\n正文, 二\n{% end %}\n";
        assert_eq!(
            texts(text, &markdown(text)),
            ["前", "图, 一", "后", "正文, 二"]
        );
        let text = "见 <https://x.org/5.29> 和 http://x.org/a,b?5.29 两处。\n";
        assert_eq!(texts(text, &markdown(text)), ["见 ", " 和 ", " 两处。"]);
    }

    #[test]
    fn quiz_text_values_are_read_item_by_item() {
        let text = "  - stem: 问题?\n    options: [甲, \"乙,丙\", 5.29]\n    answer: [\"5.29\"]\n    explanation: '解析'\n";
        let got = texts(text, &yaml(text));
        assert_eq!(got, ["问题?", "甲", "乙,丙", "5.29", "解析"]);
    }
}
