//! A bank as YAML the way an editor would write it: keys in a fixed order, block
//! style, Chinese as is, quotes only where YAML needs them; and the atomic write.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use super::{Answer, BankData, Entry};

/// The text of `quiz/<bank>.yaml`. The same bank always gives the same bytes.
pub fn bank_yaml(bank: &str, data: &BankData) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "bank: {}", scalar(bank));
    let _ = writeln!(out, "title: {}", scalar(&data.title));
    if data.entries.is_empty() {
        out.push_str("questions: []\n");
        return out;
    }
    out.push_str("questions:\n");
    for (i, entry) in data.entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        question(&mut out, entry);
    }
    out
}

fn question(out: &mut String, e: &Entry) {
    let _ = writeln!(out, "  - id: {}", scalar(&e.id));
    let _ = writeln!(out, "    type: {}", e.kind().yaml());
    let _ = writeln!(out, "    stem: {}", scalar(&e.stem));
    if !e.options.is_empty() {
        list(out, "options", &e.options);
    }
    match &e.answer {
        Answer::Single(i) => {
            let _ = writeln!(out, "    answer: {}", letter(*i));
        }
        Answer::Multiple(picked) => {
            let letters: Vec<String> = picked.iter().map(|i| letter(*i).to_string()).collect();
            list(out, "answer", &letters);
        }
        Answer::TrueFalse(b) => {
            let _ = writeln!(out, "    answer: {b}");
        }
        Answer::FillBlank(accepted) => list(out, "answer", accepted),
        _ => {}
    }
    let _ = writeln!(out, "    explanation: {}", scalar(&e.explanation));
    let _ = writeln!(out, "    difficulty: {}", e.difficulty);
    list(out, "tags", &e.tags);
    let _ = writeln!(out, "    source: {}", scalar(&e.source));
    if let Some(url) = &e.source_url {
        let _ = writeln!(out, "    source_url: {}", scalar(url));
    }
}

fn letter(i: usize) -> char {
    wasm_quiz::model::option_letter(i)
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(out, "    {key}: []");
        return;
    }
    let _ = writeln!(out, "    {key}:");
    for item in items {
        let _ = writeln!(out, "      - {}", scalar(item));
    }
}

/// Words YAML 1.1 or 1.2 reads as something other than text.
const KEYWORDS: [&str; 13] = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "=", "<<", "",
];

/// A string as a plain scalar where that reads back as the same text, else
/// double-quoted with only `"`, `\` and control characters escaped.
pub fn scalar(s: &str) -> String {
    if plain_is_safe(s) {
        s.to_owned()
    } else {
        quoted(s)
    }
}

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    // Anything all-ASCII that starts like a number (3, 1.5, 2021-05-31, 0x1F, .inf).
    let numeric = s.is_ascii() && (first.is_ascii_digit() || matches!(first, '+' | '-' | '.'));
    !indicator
        && !numeric
        && !first.is_whitespace()
        && !last.is_whitespace()
        && last != ':'
        && !s.chars().any(char::is_control)
        && !s.contains(": ")
        && !s.contains(" #")
        && !KEYWORDS.contains(&s.to_ascii_lowercase().as_str())
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `bytes` to a temporary file beside `target`, then renames it over `target`:
/// a reader sees the old file or the new one, never half of one.
pub fn atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temp, target));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_where_yaml_reads_it_back_as_text() {
        assert_eq!(scalar("三孩政策"), "三孩政策");
        assert_eq!(scalar("2021年5月31日"), "2021年5月31日");
        assert_eq!(scalar("policy-001"), "policy-001");
        assert_eq!(
            scalar("/policy/three-child-policy/"),
            "/policy/three-child-policy/"
        );
        for needs_quotes in [
            "3",
            "1982",
            "2021-05-31",
            "true",
            "No",
            "null",
            "~",
            "",
            " 前有空格",
            "后有空格 ",
            "- 列表",
            "键: 值",
            "注 #释",
            "结尾:",
            "[方括号]",
            "*星号",
            "'单引号'",
            "%百分",
            "第一行\n第二行",
        ] {
            let written = scalar(needs_quotes);
            assert!(written.starts_with('"'), "{needs_quotes:?} → {written}");
            let back: String = serde_yaml::from_str(&written).unwrap();
            assert_eq!(back, needs_quotes);
        }
        assert_eq!(scalar("引号\"与\\反斜杠"), "引号\"与\\反斜杠");
        assert_eq!(quoted("引号\"与\\反斜杠\t"), r#""引号\"与\\反斜杠\t""#);
    }
}
