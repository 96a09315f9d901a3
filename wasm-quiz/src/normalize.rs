//! Normalisation of fill-in-the-blank answers, so that 「１９８２年。」 and
//! "1982 年" count as the same answer.
//!
//! This is the slice of NFKC that matters for typed answers (full-width ASCII
//! and the ideographic space), without shipping Unicode tables to the browser.

/// Full stops ignored at the end of an answer: 。 . ｡ (full-width ． is
/// folded to `.` first).
const TRAILING_STOPS: [char; 3] = ['。', '.', '｡'];

/// Fold full-width forms to ASCII, drop all whitespace, lower-case ASCII and
/// drop trailing full stops.
pub fn normalize(input: &str) -> String {
    let mut out: String = input
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    while out.ends_with(TRAILING_STOPS) {
        out.pop();
    }
    out
}

/// Whether `response` matches one of the `accepted` strings once both are
/// normalised. An empty response never matches.
pub fn matches_any(response: &str, accepted: &[String]) -> bool {
    let given = normalize(response);
    !given.is_empty() && accepted.iter().any(|a| normalize(a) == given)
}

fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(normalize("１９８２年"), "1982年");
        assert_eq!(normalize("ＡＢｃ"), "abc");
        assert_eq!(normalize(" 计划\u{3000}生育 \t协会\n"), "计划生育协会");
    }

    #[test]
    fn drops_trailing_stops_only() {
        assert_eq!(normalize("三孩政策。"), "三孩政策");
        assert_eq!(normalize("三孩政策．"), "三孩政策");
        assert_eq!(normalize("end.。 "), "end");
        assert_eq!(normalize("3.5"), "3.5");
        assert_eq!(normalize("a。b"), "a。b");
    }

    #[test]
    fn matching_uses_both_sides_normalised() {
        let accepted = vec!["1982年".to_owned(), "一九八二年".to_owned()];
        assert!(matches_any("１９８２ 年。", &accepted));
        assert!(matches_any("一九八二年", &accepted));
        assert!(!matches_any("1983年", &accepted));
        assert!(!matches_any("   ", &["".to_owned()]));
    }
}
