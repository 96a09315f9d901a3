//! Walking `content/` in a stable order, reporting unreadable entries and symlink loops.

use std::path::{Path, PathBuf};

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::files::{leaves_root, link_outside_root, rel_path, shown_path};
use jiayuan_core::msg;
use walkdir::WalkDir;

pub enum Entry {
    Markdown { rel: String, abs: PathBuf },
    Asset { rel: String },
    Dir { rel: String },
}

/// Lists content entries in a stable order, reporting unreadable ones and symbolic
/// links that lead outside the site folder (those are skipped, with what they hold).
pub fn walk(content: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let root = content
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .unwrap_or_else(|| content.to_path_buf());
    let mut outside: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if is_hidden(e.file_name().to_str().unwrap_or("")) {
                return false;
            }
            if e.path_is_symlink() && leaves_root(&root, e.path()) {
                outside.push(e.path().to_path_buf());
                return false;
            }
            true
        });
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
    diags.extend(
        outside
            .iter()
            .map(|p| link_outside_root(shown_path(content, p))),
    );
    entries
}

/// Site paths (`media/a.png`) of the files the build copies from the theme's and the
/// site's `static/` folders, so content may link to them.
pub fn static_files(root: &Path, theme: Option<&str>) -> Vec<String> {
    let mut dirs = vec![root.join("static")];
    if let Some(theme) = theme {
        dirs.push(root.join("themes").join(theme).join("static"));
    }
    let mut out = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
            if entry.file_type().is_file() {
                out.push(rel_path(dir, entry.path()));
            }
        }
    }
    out
}

/// Hidden files, editor backups, and `README.md`: a folder's notes for editors
/// (content/README.md) are not a page of the site.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name == "README.md"
}
