//! Every case under `tests/fixtures/quiz-invalid/<case>/` is a quiz folder
//! with one mistake; `expected.txt` holds the `file:line:column` the
//! diagnostic must end its location with, and a substring of its message.
//! The whole report of each case, in English and in Chinese, is a snapshot in
//! `tests/snapshots/`.

use std::fs;
use std::path::{Path, PathBuf};

use jiayuan_core::i18n::Lang;
use wasm_quiz::{load_quiz_dir, load_sources, SourceFile};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/quiz-invalid"
    ));
    let mut cases: Vec<PathBuf> = fs::read_dir(root)
        .expect("fixture folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn check(case: &Path) -> Result<(), String> {
    let expected = fs::read_to_string(case.join("expected.txt")).map_err(|e| e.to_string())?;
    let mut lines = expected.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(location), Some(message)) = (lines.next(), lines.next()) else {
        return Err("expected.txt needs a location line and a message line".into());
    };
    let diagnostics = match load_quiz_dir(case) {
        Ok(_) => return Err("validated without diagnostics".into()),
        Err(d) => d,
    };
    let found = diagnostics
        .iter()
        .any(|d| d.location().ends_with(location) && d.message.en().contains(message));
    if found {
        Ok(())
    } else {
        let all: Vec<String> = diagnostics.iter().map(|d| d.render(Lang::En)).collect();
        Err(format!(
            "no diagnostic at `{location}` containing `{message}`; got:\n{}",
            all.join("\n")
        ))
    }
}

/// The case's banks and contests, named relative to its folder as the generator names
/// them relative to the site.
fn sources(case: &Path) -> (Vec<SourceFile>, Vec<SourceFile>) {
    let read = |dir: &Path, prefix: &str| {
        let mut files: Vec<SourceFile> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                SourceFile::new(format!("{prefix}{name}"), fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    };
    (read(case, ""), read(&case.join("contests"), "contests/"))
}

#[test]
fn every_invalid_fixture_reports_in_both_languages() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (banks, contests) = sources(&case);
        let diagnostics = load_sources(&banks, &contests).expect_err(&name);
        for lang in [Lang::En, Lang::ZhCn] {
            let shown: Vec<String> = diagnostics.iter().map(|d| d.render(lang)).collect();
            insta::assert_snapshot!(format!("{name}.{}", lang.code()), shown.join("\n"));
        }
    }
}

#[test]
fn every_invalid_fixture_reports_its_diagnostic() {
    let cases = cases();
    assert!(cases.len() >= 12, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check(case)
                .err()
                .map(|e| format!("{}: {e}", case.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
