//! Typography of the demo portal's `content/` and `quiz/`: the forms chosen in
//! content/README.md ("排版约定"), checked line by line so a finding names its place.

mod common;

use common::content::{files, repo};

/// Full-width punctuation that may end bold text: no space may follow the closing `**`.
const CLOSING: &str = "：。，、；！？）”」』】";

/// Every rule a line breaks, as short descriptions.
fn findings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    for i in 0..chars.len() {
        // `**看资讯：** “…` → `**看资讯：**“…`
        if i >= 1
            && i + 2 < chars.len()
            && CLOSING.contains(chars[i - 1])
            && chars[i] == '*'
            && chars[i + 1] == '*'
            && chars[i + 2] == ' '
        {
            out.push("a space after bold that closes on full-width punctuation".into());
        }
        // Numeric ranges take ～ (not —, – or ~), except standard numbers such as WS/T 428—2013.
        if matches!(chars[i], '—' | '–' | '~')
            && i >= 1
            && i + 1 < chars.len()
            && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '℃')
            && chars[i + 1].is_ascii_digit()
            && !is_standard_number(&chars[..i])
        {
            out.push(format!("range written with `{}`, use ～", chars[i]));
        }
    }
    // No ASCII quotes inside “…”.
    let mut rest = line;
    while let Some(open) = rest.find('“') {
        let inner = &rest[open + '“'.len_utf8()..];
        let close = inner.find('”').unwrap_or(inner.len());
        if inner[..close].contains(['\'', '"']) {
            out.push("ASCII quotes nested inside “”, use ‘’".into());
        }
        rest = &inner[close..];
    }
    for (bad, good) in [("5.29", "5·29"), ("7.11", "7·11"), ("12.18", "12·18")] {
        for (at, _) in line.match_indices(bad) {
            let before = line[..at].chars().last();
            let after = line[at + bad.len()..].chars().next();
            let digitish = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
            if !digitish(before) && !digitish(after) {
                out.push(format!("`{bad}` for the day, write `{good}`"));
            }
        }
    }
    if line.contains("mmHg") {
        out.push("`mmHg`, the portal writes 毫米汞柱".into());
    }
    out
}

/// Whether the digits before a dash belong to a standard's number (`WS/T 428`, `GB 2763`).
fn is_standard_number(before: &[char]) -> bool {
    let digits = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let head = &before[..before.len() - digits];
    head.ends_with(&[' ']) && head.len() >= 2 && head[head.len() - 2].is_ascii_uppercase()
}

/// Lines of a bank file that are typed answers, where `5.29` is an accepted spelling.
fn is_accepted_answers(line: &str) -> bool {
    line.trim_start().starts_with("answer: [")
}

#[test]
fn content_and_quiz_follow_the_typography_rules() {
    let root = repo();
    let mut all = Vec::new();
    let sources = files(&root.join("content"), ".md")
        .into_iter()
        .chain(files(&root.join("quiz"), ".yaml"));
    let mut checked = 0;
    for (path, text) in sources {
        checked += 1;
        let is_bank = path.extension().is_some_and(|e| e == "yaml");
        for (n, line) in text.lines().enumerate() {
            for f in findings(line) {
                if is_bank && is_accepted_answers(line) && f.contains("for the day") {
                    continue;
                }
                let rel = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                all.push(format!("{rel}:{}: {f}", n + 1));
            }
        }
    }
    assert!(checked > 80, "{checked} files checked");
    assert!(
        all.is_empty(),
        "{} findings:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn the_rules_catch_what_they_describe() {
    let cases = [
        ("- **看资讯：** “新闻动态”栏目", 1),
        ("要点“通过开展网上'计生协知识竞答'活动”", 1),
        ("利用5.29、7.11、12.18等节点", 3),
        ("| 成年人正常腋下体温 | 36℃—37℃ |", 1),
        ("每分钟60~100次", 1),
        ("收缩压≥140mmHg", 1),
        ("- **看资讯：**“新闻动态”栏目", 0),
        ("利用5·29、7·11、12·18等节点，每分钟60～100次", 0),
        ("卫生行业标准《成人体重判定》（WS/T 428—2013）", 0),
        ("2022年版本3.5.29号", 0),
    ];
    for (line, want) in cases {
        assert_eq!(findings(line).len(), want, "{line}: {:?}", findings(line));
    }
}
