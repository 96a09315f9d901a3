//! Reading a quiz folder: `<dir>/*.yaml` banks and `<dir>/contests/*.yaml`
//! contests, each through jiayuan-core's YAML loader (docs/decisions.md, "YAML") into a
//! tree whose every node knows where it was written.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use jiayuan_core::diagnostic::{self, Diagnostic};
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::yaml::{At, Problem};
use jiayuan_core::yaml_tree::{tree, Node};

use crate::fields::{error, Problems};
use crate::model::QuizSet;
use crate::parse_bank::{parse_bank, ParsedBank};
use crate::parse_contest::parse_contest;
use crate::validate::cross_check;

/// One file's name (as shown in diagnostics) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The file name without folder and extension.
    fn stem(&self) -> &str {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }
}

/// Load and validate every bank and contest under `dir`. A missing folder is
/// an empty set. All problems of all files come back together, sorted.
pub fn load_quiz_dir(dir: &Path) -> Result<QuizSet, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let banks = read_yaml_files(dir, &mut diagnostics);
    let contests = read_yaml_files(&dir.join("contests"), &mut diagnostics);
    match load_sources(&banks, &contests) {
        Ok(set) if diagnostics.is_empty() => Ok(set),
        Ok(_) => Err(diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            diagnostic::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// Validate banks and contests already read into memory. Each diagnostic carries the
/// text of its file, so it prints with the offending line.
pub fn load_sources(
    banks: &[SourceFile],
    contests: &[SourceFile],
) -> Result<QuizSet, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut parsed_banks: Vec<ParsedBank> = Vec::new();
    for file in banks {
        let found = parse_file(file, &mut diagnostics, |v, out| {
            parse_bank(v, &file.path, file.stem(), out)
        });
        parsed_banks.extend(found);
    }
    let mut parsed_contests = Vec::new();
    for file in contests {
        let found = parse_file(file, &mut diagnostics, |v, out| {
            parse_contest(v, &file.path, file.stem(), out)
        });
        parsed_contests.extend(found);
    }
    parsed_banks.sort_by(|a, b| a.bank.name.cmp(&b.bank.name));
    parsed_contests.sort_by(|a, b| a.contest.id.cmp(&b.contest.id));
    diagnostics.extend(cross_check(&parsed_banks, &parsed_contests));
    if !diagnostics.is_empty() {
        diagnostic::sort(&mut diagnostics);
        return Err(with_sources(diagnostics, banks.iter().chain(contests)));
    }
    let banks = parsed_banks.into_iter().map(|p| p.bank).collect();
    let contests = parsed_contests.into_iter().map(|p| p.contest).collect();
    Ok(QuizSet::new(banks, contests))
}

/// Gives each diagnostic the text of the file it names.
fn with_sources<'a>(
    diagnostics: Vec<Diagnostic>,
    files: impl Iterator<Item = &'a SourceFile> + Clone,
) -> Vec<Diagnostic> {
    let texts: Vec<(&str, Arc<str>)> = files
        .map(|f| (f.path.as_str(), Arc::from(f.text.as_str())))
        .collect();
    diagnostics
        .into_iter()
        .map(
            |d| match texts.iter().find(|(path, _)| d.file == Path::new(path)) {
                Some((_, text)) => d.with_source(Arc::clone(text)),
                None => d,
            },
        )
        .collect()
}

fn parse_file<T>(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    convert: impl FnOnce(&At<Node>, &mut Problems) -> Option<T>,
) -> Option<T> {
    let node = match tree(&file.text, MAX_BYTES) {
        Ok(node) => node,
        Err(e) => {
            let (message, help) = yaml_problem(&e.problem);
            diagnostics.push(error(&file.path, (e.line, e.column), message, help));
            return None;
        }
    };
    let mut problems = Problems::default();
    let result = convert(&node, &mut problems);
    diagnostics.extend(
        problems
            .0
            .into_iter()
            .map(|p| error(&file.path, p.at, p.message, p.help)),
    );
    result
}

/// The longest bank or contest file: 4 MiB, twenty times the largest demo bank.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The loader's typed problem (jiayuan-core `yaml`) worded for a bank or contest file.
fn yaml_problem(problem: &Problem) -> (Msg, Option<Msg>) {
    match problem {
        Problem::TooLarge { limit } => (
            msg!("quiz-file-too-large", mib = limit / (1024 * 1024)),
            Some(msg!("quiz-file-too-large-help")),
        ),
        Problem::TooDeep { limit } => (
            msg!("quiz-yaml-too-deep", limit = *limit),
            Some(msg!("quiz-yaml-too-deep-help")),
        ),
        Problem::TooManyAliases { .. } => (
            msg!("quiz-yaml-too-many-aliases"),
            Some(msg!("quiz-yaml-too-many-aliases-help")),
        ),
        Problem::DuplicateKey { key: Some(key) } => (
            msg!("quiz-yaml-duplicate-key", key = key),
            Some(msg!("quiz-yaml-duplicate-key-help")),
        ),
        Problem::DuplicateKey { key: None } => (
            msg!("quiz-yaml-duplicate-some-key"),
            Some(msg!("quiz-yaml-duplicate-key-help")),
        ),
        _ => (
            msg!("quiz-yaml-syntax"),
            Some(msg!("quiz-yaml-syntax-help")),
        ),
    }
}

/// The `*.yaml` files directly in `dir`, sorted by name. A `.yml` file is
/// reported rather than silently skipped.
fn read_yaml_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml") => match fs::read_to_string(&path) {
                Ok(text) => files.push(SourceFile::new(shown, text)),
                Err(e) => diagnostics.push(Diagnostic::error(
                    &shown,
                    msg!("quiz-cannot-read", reason = e.to_string()),
                )),
            },
            Some("yml") => diagnostics.push(
                Diagnostic::error(&shown, msg!("quiz-yml-extension"))
                    .help(msg!("quiz-yml-extension-help")),
            ),
            _ => {}
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_the_yaml_position() {
        let bank = SourceFile::new("quiz/a.yaml", "bank: a\ntitle: [unclosed\nquestions: []\n");
        let d = load_sources(&[bank], &[]).unwrap_err();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].file, Path::new("quiz/a.yaml"));
        assert_eq!((d[0].line, d[0].column), (3, 10));
        assert_eq!(d[0].message.en(), "this file is not valid YAML");
        assert!(d[0].source.is_some(), "the report shows the line");
    }

    #[test]
    fn stems_and_positions() {
        assert_eq!(SourceFile::new("quiz/contests/c-1.yaml", "").stem(), "c-1");
        assert_eq!(SourceFile::new("a.b.yaml", "").stem(), "a.b");
    }

    #[test]
    fn a_missing_folder_is_an_empty_set() {
        let set = load_quiz_dir(Path::new("/nonexistent/quiz")).unwrap();
        assert!(set.banks.is_empty() && set.contests.is_empty());
    }
}
