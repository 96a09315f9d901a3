//! Every case under `tests/fixtures/quiz-invalid/<case>/` is a quiz folder
//! with one mistake; `expected.txt` holds the `file:line:column` the
//! diagnostic must end its location with, and a substring of its message.

use std::fs;
use std::path::{Path, PathBuf};

use wasm_quiz::load_quiz_dir;

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
    let found = diagnostics.iter().any(|d| {
        let at = format!("{}:{}:{}", d.file, d.line, d.column);
        at.ends_with(location) && d.message.contains(message)
    });
    if found {
        Ok(())
    } else {
        let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        Err(format!(
            "no diagnostic at `{location}` containing `{message}`; got:\n{}",
            all.join("\n")
        ))
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
