//! Walking `content/` and reading files safely: size limits, UTF-8, symlink loops.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{line_col, Diagnostic};

/// Larger Markdown files are refused: no editor writes 10 MB of prose by hand, and a
/// runaway file must not take the build's memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

pub enum Entry {
    Markdown { rel: String, abs: PathBuf },
    Asset { rel: String },
    Dir { rel: String },
}

/// Lists content entries in a stable order, reporting unreadable ones.
pub fn walk(content: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")) || e.depth() == 0);
    for item in walker {
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.to_path_buf());
                let shown = shown_path(content, &path);
                let (message, help) = if err.loop_ancestor().is_some() {
                    (
                        "symbolic link loop: this link points back at a folder that contains it"
                            .to_string(),
                        "remove the link or point it at a folder outside its own ancestors",
                    )
                } else {
                    (
                        format!("cannot read: {err}"),
                        "check the file's permissions, or remove a dangling link",
                    )
                };
                diags.push(Diagnostic::error(shown, message).help(help));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = rel_path(content, entry.path());
        if entry.file_type().is_dir() {
            entries.push(Entry::Dir { rel });
        } else if rel.ends_with(".md") {
            entries.push(Entry::Markdown {
                rel,
                abs: entry.path().to_path_buf(),
            });
        } else {
            entries.push(Entry::Asset { rel });
        }
    }
    entries
}

/// Hidden files, editor backups, and `README.md`: a folder's notes for editors
/// (content/README.md) are not a page of the site.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name == "README.md"
}

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

/// Reads a Markdown file as UTF-8 text, with errors that point at the bad byte.
pub fn read_text(abs: &Path, shown: &Path) -> Result<Arc<str>, Diagnostic> {
    let meta = std::fs::metadata(abs)
        .map_err(|e| Diagnostic::error(shown, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            format!(
                "the file is {:.1} MB; the limit for one Markdown file is {} MB",
                meta.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        )
        .help("split the text into several pages, or move large data out of content/"));
    }
    let bytes = std::fs::read(abs)
        .map_err(|e| Diagnostic::error(shown, format!("cannot read the file: {e}")))?;
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
            Err(Diagnostic::error(shown, "the file is not valid UTF-8 text")
                .at(line, column)
                .help("save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)"))
        }
    }
}
