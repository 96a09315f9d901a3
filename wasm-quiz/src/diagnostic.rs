//! The one problem report of the quiz validator (docs/decisions.md,
//! "Errors"); the generator turns it into its own `Diagnostic`.

use std::fmt;

/// One problem in a bank or contest file. `line` and `column` are 1-based and
/// counted from the top of the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct QuizDiagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub help: Option<String>,
}

impl QuizDiagnostic {
    pub fn new(file: &str, (line, column): (u32, u32), message: impl Into<String>) -> Self {
        QuizDiagnostic {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// `file:line:column: message` and, on the next line, `help: …`.
impl fmt::Display for QuizDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for QuizDiagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let d = QuizDiagnostic::new("quiz/a.yaml", (3, 5), "duplicate id")
            .with_help(Some("rename it".into()));
        assert_eq!(
            d.to_string(),
            "quiz/a.yaml:3:5: duplicate id\n  help: rename it"
        );
    }
}
