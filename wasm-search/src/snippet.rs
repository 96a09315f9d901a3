//! Highlighted, HTML-escaped excerpts.

use std::collections::BTreeSet;

use crate::sort::sort_few_by_key;
use crate::tokenizer::tokenize;

/// Escapes `&`, `<`, `>`, `"` and `'` so the text is safe in HTML content and
/// in quoted attributes.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Byte ranges of tokens in `terms`, merged where they overlap or touch. A
/// term of one CJK character also matches the first character of a bigram:
/// the index has its unigram only where a run ends (see `crate::tokenizer`).
fn match_ranges(text: &str, terms: &BTreeSet<String>) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for mut token in tokenize(text) {
        if terms.contains(&token.text) {
            ranges.push((token.offset_from, token.offset_to));
        } else if token.position_length == 2 {
            token.text.pop();
            if terms.contains(&token.text) {
                let first = text[token.offset_from..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                ranges.push((token.offset_from, token.offset_from + first));
            }
        }
    }
    sort_few_by_key(&mut ranges, |&range| range);
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The window of `max_chars` characters (as a byte range) holding the most
/// matches, starting a little before its first match.
fn best_window(text: &str, ranges: &[(usize, usize)], max_chars: usize) -> (usize, usize) {
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    let chars = bounds.len() - 1;
    if chars <= max_chars {
        return (0, text.len());
    }
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let lead = max_chars / 5;
    let mut best = (0, 0usize);
    for &(from, _) in ranges {
        let start = char_at(from).saturating_sub(lead).min(chars - max_chars);
        let (lo, hi) = (bounds[start], bounds[start + max_chars]);
        let inside = ranges.iter().filter(|&&(f, t)| f >= lo && t <= hi).count();
        if inside > best.1 {
            best = (start, inside);
        }
    }
    (bounds[best.0], bounds[best.0 + max_chars])
}

/// `text` (or its best window of `max_chars` characters) escaped, with the
/// tokens in `terms` wrapped in `<mark>`. Cut ends are marked with `…`.
pub fn highlight(text: &str, terms: &BTreeSet<String>, max_chars: Option<usize>) -> String {
    let ranges = match_ranges(text, terms);
    let (lo, hi) = match max_chars {
        Some(max) => best_window(text, &ranges, max),
        None => (0, text.len()),
    };
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    let mut at = lo;
    for &(from, to) in &ranges {
        let (from, to) = (from.max(lo), to.min(hi));
        if from >= to {
            continue;
        }
        escape_html(&text[at..from], &mut out);
        out.push_str("<mark>");
        escape_html(&text[from..to], &mut out);
        out.push_str("</mark>");
        at = to;
    }
    escape_html(&text[at..hi], &mut out);
    if hi < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn phrase_bigrams_merge_into_one_mark() {
        let html = highlight("落实三孩政策。", &terms(&["三孩", "孩政", "政策"]), None);
        assert_eq!(html, "落实<mark>三孩政策</mark>。");
    }

    #[test]
    fn one_character_is_marked_wherever_it_stands_in_a_run() {
        let html = highlight("孕前检查，备孕。孕，避孕药", &terms(&["孕"]), None);
        assert_eq!(
            html,
            "<mark>孕</mark>前检查，备<mark>孕</mark>。<mark>孕</mark>，避<mark>孕</mark>药"
        );
    }

    #[test]
    fn everything_is_escaped() {
        let html = highlight(
            "<script>alert('x&\"y')</script> 检测",
            &terms(&["检测"]),
            None,
        );
        assert_eq!(
            html,
            "&lt;script&gt;alert(&#39;x&amp;&quot;y&#39;)&lt;/script&gt; <mark>检测</mark>"
        );
    }

    #[test]
    fn window_centres_on_matches_and_marks_cuts() {
        let text = format!("{}免费避孕药具{}", "前".repeat(50), "后".repeat(50));
        let html = highlight(&text, &terms(&["避孕"]), Some(20));
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("<mark>避孕</mark>"), "{html}");
        assert_eq!(
            html.replace("<mark>", "")
                .replace("</mark>", "")
                .chars()
                .count(),
            22
        );
    }

    #[test]
    fn without_matches_the_start_is_shown() {
        let html = highlight("一二三四五六", &terms(&["无"]), Some(3));
        assert_eq!(html, "一二三…");
    }

    #[test]
    fn case_and_width_insensitive_words() {
        let html = highlight("ＨＩＶ与Hiv", &terms(&["hiv"]), None);
        assert_eq!(html, "<mark>ＨＩＶ</mark>与<mark>Hiv</mark>");
    }
}
