//! One diagnostic type for every mistake an editor or publisher can make: file, line,
//! column, message and help, rendered with the offending line as rustc does
//! (docs/decisions.md, "Errors").
//!
//! Line and column are 1-based and counted from the top of the file, never from the
//! start of the front matter, so an editor can jump straight to the spot.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path shown to the user: relative to the site root where possible.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// What is wrong, worded when shown ([`crate::i18n`]).
    pub message: Msg,
    /// Boxed: most diagnostics in a `Result` are on the error path, and a smaller
    /// `Diagnostic` keeps every `Result<_, Diagnostic>` small.
    pub help: Option<Box<Msg>>,
    /// The whole file, when it is text, so the report can show the offending line.
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 1,
            column: 1,
            message,
            help: None,
            source: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line.max(1);
        self.column = column.max(1);
        self
    }

    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    pub fn with_source(mut self, source: Arc<str>) -> Self {
        self.source = Some(source);
        self
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        self.at(line, column)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, the form editors and CI logs can jump to.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file.display(), self.line, self.column)
    }

    /// Renders the diagnostic in `lang` with the offending source line, in the manner of
    /// rustc. Columns count characters, as editors do, so the caret lines up under Chinese
    /// text (each Han character takes two terminal cells).
    pub fn render(&self, lang: Lang) -> String {
        let message = self.message.clone();
        let head = match self.severity {
            Severity::Error => crate::msg!("diag-error", message = message),
            Severity::Warning => crate::msg!("diag-warning", message = message),
        };
        let mut out = format!("{}\n", head.text(lang));
        out.push_str(&format!("  --> {}\n", self.location()));
        if let Some(source) = self.source.as_deref() {
            let gutter = (self.line + 1).to_string().len();
            let pad = " ".repeat(gutter);
            out.push_str(&format!(" {pad} |\n"));
            let lines: Vec<&str> = source.lines().collect();
            for n in self.line.saturating_sub(1).max(1)..=self.line {
                if let Some(text) = lines.get(n - 1) {
                    out.push_str(&format!(" {n:>gutter$} | {text}\n"));
                }
            }
            if let Some(text) = lines.get(self.line - 1) {
                let width: usize = text
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if crate::text::is_cjk(c) { 2 } else { 1 })
                    .sum();
                out.push_str(&format!(" {pad} | {}^\n", " ".repeat(width)));
            }
        }
        if let Some(help) = &self.help {
            let line = crate::msg!("diag-help", help = help.clone());
            out.push_str(&format!("  = {}\n", line.text(lang)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message.en())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts diagnostics by file and position (then English text) so reports read in the
/// same order in every language.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_cached_key(|d| (d.file.clone(), d.line, d.column, d.message.en()));
}

/// Suggests the closest candidate for a misspelt name.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    jiayuan_suggest::closest(name, candidates.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte offset of a 1-based line and column; clamps to the end of the text.
    fn offset_of(source: &str, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match source[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return source.len(),
            }
        }
        let line_text = &source[offset..];
        let line_end = line_text.find('\n').unwrap_or(line_text.len());
        offset
            + line_text[..line_end]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_end, |(i, _)| i)
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "---\ntitle: 家园\n日期: x\n";
        let off = src.find("日期").unwrap();
        assert_eq!(line_col(src, off), (3, 1));
        let off = src.find('园').unwrap();
        assert_eq!(line_col(src, off), (2, 9));
        assert_eq!(offset_of(src, 2, 9), off);
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("titel", &["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "date"]), None);
    }

    #[test]
    fn render_names_file_line_and_help() {
        let d = Diagnostic::error("content/a.md", crate::msg!("fm-unknown-key", key = "titel"))
            .at(2, 1)
            .help(crate::msg!("did-you-mean", suggestion = "title"))
            .with_source(Arc::from("---\ntitel: x\n---\n"));
        assert_eq!(
            d.render(Lang::En),
            "error: unknown front matter key `titel`\n  --> content/a.md:2:1\n   |\n 1 | ---\n 2 | titel: x\n   | ^\n  = help: did you mean `title`?\n"
        );
        assert_eq!(
            d.render(Lang::ZhCn),
            "错误：未知的前置信息键 `titel`\n  --> content/a.md:2:1\n   |\n 1 | ---\n 2 | titel: x\n   | ^\n  = 帮助：是不是想写 `title`？\n"
        );
    }
}
