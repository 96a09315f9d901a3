//! The rules: the portal's house rules (content/README.md, "排版约定") and the
//! autocorrect crate's rules, each named, each turning one piece of prose into its
//! corrected form.

use std::collections::BTreeSet;
use std::ops::Range;

/// Full-width punctuation that may end bold text.
const CLOSING: &str = "：。，、；！？）”」』】";

/// Rules of our own, for what autocorrect has no rule for.
pub const HOUSE: &[&str] = &[
    "space-after-bold",
    "nested-quotes",
    "date-node",
    "range-dash",
];

/// autocorrect's rules (its names), and whether the portal uses each by default.
/// `space-word` (a space between Chinese and Latin letters or digits) and the other
/// spacing rules conflict with the portal, which writes `2022年` and `WS/T 428—2013`.
pub const AUTOCORRECT: &[(&str, bool)] = &[
    ("fullwidth", true),
    ("no-space-fullwidth", true),
    ("no-space-fullwidth-quote", true),
    ("space-word", false),
    ("space-punctuation", false),
    ("space-bracket", false),
    ("space-dash", false),
    ("space-backticks", false),
    ("space-dollar", false),
    ("halfwidth-word", false),
    ("halfwidth-punctuation", false),
    ("spellcheck", false),
];

/// One change a rule asks for: bytes `range` of the file become `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub to: String,
}

impl Edit {
    /// Orders edits by where they start, then end, then what they write.
    pub fn key(&self) -> (usize, usize, &str) {
        (self.range.start, self.range.end, &self.to)
    }
}

/// What the site writes as a date node (`5·29`): gathered from all files first, so `5.29`
/// is a finding only where the same node is written with `·` somewhere.
pub fn date_nodes(text: &str) -> BTreeSet<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = BTreeSet::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if c == '·' {
            if let Some((m, d)) = node_around(&chars, k) {
                out.insert(format!("{m}·{d}"));
            }
        }
    }
    out
}

/// The house rule `name` on one piece of prose (`text[seg]`), as edits of the file.
pub fn house(name: &str, text: &str, seg: Range<usize>, nodes: &BTreeSet<String>) -> Vec<Edit> {
    let chars: Vec<(usize, char)> = text[seg.clone()]
        .char_indices()
        .map(|(i, c)| (seg.start + i, c))
        .collect();
    match name {
        "space-after-bold" => space_after_bold(text, &chars),
        "nested-quotes" => nested_quotes(&chars),
        "date-node" => date_node(&chars, nodes),
        "range-dash" => range_dash(&chars),
        _ => Vec::new(),
    }
}

/// `**看资讯：** “新闻动态”` → `**看资讯：**“新闻动态”`: spaces after a closing `**` that
/// follows full-width punctuation (the `**` may end the previous piece of prose).
fn space_after_bold(text: &str, chars: &[(usize, char)]) -> Vec<Edit> {
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let starts_run = k == 0 || chars[k - 1].1 != ' ';
        if c != ' ' || !starts_run {
            continue;
        }
        let before = text[..at].trim_end_matches('*');
        let closes_bold = text[..at].len() - before.len() >= 2;
        if closes_bold
            && before
                .chars()
                .next_back()
                .is_some_and(|p| CLOSING.contains(p))
        {
            let run = chars[k..].iter().take_while(|(_, c)| *c == ' ').count();
            out.push(Edit {
                range: at..at + run,
                to: String::new(),
            });
        }
    }
    out
}

/// ASCII quotes inside “…” become ‘…’.
fn nested_quotes(chars: &[(usize, char)]) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let mut open: Option<(usize, char)> = None;
    for &(at, c) in chars {
        match c {
            '“' => depth += 1,
            '”' => {
                depth = depth.saturating_sub(1);
                open = None;
            }
            '"' | '\'' if depth > 0 => match open {
                Some((start, q)) if q == c => {
                    out.push(Edit {
                        range: start..start + 1,
                        to: "‘".into(),
                    });
                    out.push(Edit {
                        range: at..at + 1,
                        to: "’".into(),
                    });
                    open = None;
                }
                None => open = Some((at, c)),
                Some(_) => {}
            },
            _ => {}
        }
    }
    out
}

/// `5.29` (or `5．29`) → `5·29` where the site writes the node `5·29`.
fn date_node(chars: &[(usize, char)], nodes: &BTreeSet<String>) -> Vec<Edit> {
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == '.' || c == '．' {
            if let Some((m, d)) = node_around(chars, k) {
                if nodes.contains(&format!("{m}·{d}")) {
                    out.push(Edit {
                        range: at..at + c.len_utf8(),
                        to: "·".into(),
                    });
                }
            }
        }
    }
    out
}

/// The month and day around a separator at `k`: one or two digits each side, not part
/// of a longer number (`3.5.29`, `18.5`).
fn node_around(chars: &[(usize, char)], k: usize) -> Option<(String, String)> {
    let digit = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_ascii_digit());
    let numberish = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | '．' | '·'))
    };
    let m_len = (1..=3).take_while(|n| k >= *n && digit(k - n)).count();
    let d_len = (1..=3).take_while(|n| digit(k + n)).count();
    if !(1..=2).contains(&m_len) || !(1..=2).contains(&d_len) {
        return None;
    }
    if numberish(k.checked_sub(m_len + 1)) || numberish(Some(k + d_len + 1)) {
        return None;
    }
    let text = |r: Range<usize>| chars[r].iter().map(|(_, c)| *c).collect::<String>();
    let (m, d) = (text(k - m_len..k), text(k + 1..k + 1 + d_len));
    let valid = m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    valid.then_some((m, d))
}

/// Numeric ranges take `～`: `18.5—23.9`, `60~100`, `36℃–37℃`; a standard's number
/// (`WS/T 428—2013`) keeps its dash.
fn range_dash(chars: &[(usize, char)]) -> Vec<Edit> {
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '—' | '–' | '~') || k == 0 || k + 1 >= chars.len() {
            continue;
        }
        let prev = chars[k - 1].1;
        let next = chars[k + 1].1;
        if (prev.is_ascii_digit() || prev == '℃' || prev == '%')
            && next.is_ascii_digit()
            && !is_standard_number(&chars[..k])
        {
            out.push(Edit {
                range: at..at + c.len_utf8(),
                to: "～".into(),
            });
        }
    }
    out
}

/// Whether the digits before a dash belong to a standard's number (`WS/T 428`, `GB 2763`).
fn is_standard_number(before: &[(usize, char)]) -> bool {
    let digits = before
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let head = &before[..before.len() - digits];
    let n = head.len();
    n >= 2 && head[n - 1].1 == ' ' && head[n - 2].1.is_ascii_uppercase()
}

/// autocorrect's rule `name` on one piece of prose: the smallest edit that turns it into
/// autocorrect's result. [`use_only`] must have switched the rule on first.
pub fn autocorrect(text: &str, seg: Range<usize>) -> Option<Edit> {
    let before = &text[seg.clone()];
    let after = autocorrect::format(before);
    if after == before {
        return None;
    }
    let prefix: usize = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = before[prefix..]
        .chars()
        .rev()
        .zip(after[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    Some(Edit {
        range: seg.start + prefix..seg.end - suffix,
        to: after[prefix..after.len() - suffix].to_string(),
    })
}

/// Switches autocorrect to the one rule `name` (its configuration is process-wide).
pub fn use_only(name: &str) {
    let rules: String = AUTOCORRECT
        .iter()
        .map(|(rule, _)| format!("  {rule}: {}\n", if *rule == name { 1 } else { 0 }))
        .collect();
    let _ = autocorrect::config::load(&format!("rules:\n{rules}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(name: &str, line: &str) -> String {
        let nodes = date_nodes("5·29、7·11、12·18");
        let mut edits = house(name, line, 0..line.len(), &nodes);
        edits.sort_by(|a, b| a.key().cmp(&b.key()));
        let mut out = line.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.to);
        }
        out
    }

    #[test]
    fn house_rules_fix_what_they_name_and_nothing_else() {
        let cases = [
            (
                "space-after-bold",
                "**看资讯：** “新闻动态”栏目",
                "**看资讯：**“新闻动态”栏目",
            ),
            (
                "space-after-bold",
                "**注意** 正文；**好：**  x",
                "**注意** 正文；**好：**x",
            ),
            (
                "nested-quotes",
                "要点“开展网上'知识竞答'活动”和'外面'",
                "要点“开展网上‘知识竞答’活动”和'外面'",
            ),
            (
                "date-node",
                "利用5.29、7.11、12.18等节点",
                "利用5·29、7·11、12·18等节点",
            ),
            (
                "date-node",
                "2022年版本3.5.29号，18.5，6.1",
                "2022年版本3.5.29号，18.5，6.1",
            ),
            (
                "range-dash",
                "36℃—37℃，每分钟60~100次，18.5–23.9",
                "36℃～37℃，每分钟60～100次，18.5～23.9",
            ),
            (
                "range-dash",
                "（WS/T 428—2013）——好",
                "（WS/T 428—2013）——好",
            ),
        ];
        for (rule, before, after) in cases {
            assert_eq!(apply(rule, before), after, "{rule}: {before}");
        }
    }

    #[test]
    fn autocorrect_rules_run_one_at_a_time() {
        use_only("fullwidth");
        let text = "下列哪一项正确?";
        let edit = autocorrect(text, 0..text.len()).unwrap();
        assert_eq!((&text[edit.range.clone()], edit.to.as_str()), ("?", "？"));
        use_only("space-word");
        let text = "2022年";
        let edit = autocorrect(text, 0..text.len()).unwrap();
        assert_eq!(edit.to, " ");
        use_only("none");
        assert_eq!(autocorrect("下列?", 0.."下列?".len()), None);
    }
}
