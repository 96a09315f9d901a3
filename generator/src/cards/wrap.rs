//! Breaking a title into the card's lines: at the places UAX #14 allows (between hanzi,
//! at spaces, never before closing punctuation such as `，` or `」`), a word wider than a
//! line broken anywhere, and an ellipsis when the title needs more lines than the card
//! has.

use unicode_linebreak::linebreaks;

/// The ellipsis ending a title cut short (in the card font).
pub const ELLIPSIS: char = '…';

/// `text` in at most `max_lines` lines no wider than `width`, as `measure` gives widths;
/// `true` when the text was cut short (its last line then ends in [`ELLIPSIS`]).
pub fn wrap(
    text: &str,
    width: f32,
    max_lines: usize,
    measure: &dyn Fn(&str) -> f32,
) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut start = 0;
    for (end, _) in linebreaks(text) {
        let segment = &text[start..end];
        start = end;
        let candidate = format!("{line}{segment}");
        if measure(candidate.trim_end()) <= width || line.trim().is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = segment.to_string();
        }
        // A segment wider than a line (a long Latin word or number) breaks anywhere.
        while measure(line.trim_end()) > width {
            let fit = widest_prefix(&line, width, measure);
            let rest = line.split_off(fit);
            lines.push(std::mem::replace(&mut line, rest));
        }
    }
    if !line.trim().is_empty() {
        lines.push(line);
    }
    let mut lines: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        *last = with_ellipsis(last, width, measure);
    }
    (lines, true)
}

/// The byte length of the longest prefix of `line` no wider than `width` (at least one
/// character, so that breaking always moves on).
fn widest_prefix(line: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> usize {
    let mut fit = line.chars().next().map_or(0, char::len_utf8);
    for (i, c) in line.char_indices().skip(1) {
        if measure(&line[..i + c.len_utf8()]) > width {
            break;
        }
        fit = i + c.len_utf8();
    }
    fit
}

/// `line` shortened until it fits with an ellipsis after it.
fn with_ellipsis(line: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> String {
    let mut kept = line.trim_end().to_string();
    loop {
        let candidate = format!("{kept}{ELLIPSIS}");
        if measure(&candidate) <= width || kept.is_empty() {
            return candidate;
        }
        kept.pop();
        kept.truncate(kept.trim_end().len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character, as a monospaced font with square hanzi.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    fn wrapped(text: &str, width: f32, max: usize) -> (Vec<String>, bool) {
        wrap(text, width, max, &chars)
    }

    #[test]
    fn hanzi_break_anywhere_but_not_before_closing_punctuation() {
        assert_eq!(
            wrapped("河北省计生协开展暖心行动", 5.0, 3),
            (
                vec!["河北省计生".into(), "协开展暖心".into(), "行动".into()],
                false
            )
        );
        // `，` may not start a line: the hanzi before it moves down with it.
        assert_eq!(
            wrapped("一二三四，五六", 4.0, 3),
            (vec!["一二三".into(), "四，五六".into()], false)
        );
    }

    #[test]
    fn latin_words_stay_whole_and_a_too_long_word_breaks() {
        assert_eq!(
            wrapped("WHO 发布 guideline", 9.0, 3),
            (vec!["WHO 发布".into(), "guideline".into()], false)
        );
        assert_eq!(
            wrapped("abcdefghij", 4.0, 3),
            (vec!["abcd".into(), "efgh".into(), "ij".into()], false)
        );
    }

    #[test]
    fn a_title_longer_than_the_lines_ends_in_an_ellipsis() {
        let (lines, cut) = wrapped("一二三四五六七八九十甲乙丙丁", 4.0, 3);
        assert_eq!(lines, ["一二三四", "五六七八", "九十甲…"]);
        assert!(cut);
        assert!(lines.iter().all(|l| chars(l) <= 4.0));
    }
}
