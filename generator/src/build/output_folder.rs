//! Where a build may write: never the site folder or a folder the build reads.

use std::path::{Path, PathBuf};

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

/// The output may not be the site folder or lie inside a folder the build reads
/// (`content/`, `static/`, `themes/`, `quiz/`): the next build would read its own output
/// and nest `public/public/…` deeper each time.
pub(super) fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = output.display().to_string();
    let message = if out == root {
        msg!("output-is-site", output = shown)
    } else {
        match ["content", "static", "themes", "quiz"]
            .into_iter()
            .find(|dir| out.starts_with(root.join(dir)))
        {
            Some(dir) => msg!("output-inside-input", output = shown, dir = dir),
            None => return Ok(()),
        }
    };
    Err(Diagnostic::error("--output", message).help(msg!("output-inside-input-help")))
}

/// `path` made absolute and canonical as far as it exists (the output may not exist
/// yet); the names after that are resolved as written (`missing/../content`).
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    let canonical = loop {
        if let Ok(c) = std::fs::canonicalize(&existing) {
            break c;
        }
        match existing.components().next_back() {
            Some(last) if existing != Path::new(".") => {
                rest.push(last.as_os_str().to_owned());
                existing.pop();
                if existing.as_os_str().is_empty() {
                    existing = PathBuf::from(".");
                }
            }
            _ => return path.to_path_buf(),
        }
    };
    let mut out = canonical;
    for part in rest.iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}
