//! Walking `content/` in a stable order, reporting unreadable entries and symlink loops.

use std::path::{Path, PathBuf};

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::files::{rel_path, shown_path};
use jiayuan_core::msg;
use walkdir::WalkDir;

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
                    (msg!("walk-symlink-loop"), msg!("walk-symlink-loop-help"))
                } else {
                    (
                        msg!("walk-unreadable", reason = err.to_string()),
                        msg!("walk-unreadable-help"),
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
