//! Reading source files safely (size limits, UTF-8, a BOM, CRLF) and naming them in messages.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{line_col, Diagnostic};
use crate::msg;

/// Larger source files are refused: no editor writes 10 MB of prose by hand, and a
/// runaway file must not take the build's memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

pub fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn shown_path(content: &Path, path: &Path) -> PathBuf {
    let rel = rel_path(content, path);
    if rel.is_empty() {
        PathBuf::from("content")
    } else {
        PathBuf::from("content").join(rel)
    }
}

/// Whether `path` is (or passes through) a symbolic link whose target lies outside
/// `root`, the site folder. `root` must be canonical (`std::fs::canonicalize`). A
/// dangling link counts as leaving: it cannot be shown to stay.
pub fn leaves_root(root: &Path, path: &Path) -> bool {
    match std::fs::canonicalize(path) {
        Ok(target) => !target.starts_with(root),
        Err(_) => true,
    }
}

/// The error for a symbolic link that leads outside the site folder.
pub fn link_outside_root(shown: impl Into<PathBuf>) -> Diagnostic {
    Diagnostic::error(shown, msg!("link-leaves-site")).help(msg!("link-leaves-site-help"))
}

/// Reads a Markdown file as UTF-8 text, with errors that point at the bad byte.
pub fn read_text(abs: &Path, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    let meta = std::fs::metadata(abs)
        .map_err(|e| Diagnostic::error(shown, msg!("file-unreadable", reason = e.to_string())))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            msg!(
                "file-too-large",
                size = format!("{:.1}", meta.len() as f64 / 1_048_576.0),
                limit = MAX_FILE_BYTES / 1_048_576
            ),
        )
        .help(msg!("file-too-large-help")));
    }
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(shown, msg!("file-unreadable", reason = e.to_string())))?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::from(text.replace("\r\n", "\n"))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = line_col(&good, valid);
            Err(Diagnostic::error(shown, msg!("file-not-utf8"))
                .at(line, column)
                .help(msg!("file-not-utf8-help")))
        }
    }
}
