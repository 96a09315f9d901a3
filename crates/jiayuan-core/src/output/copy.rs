//! Copying folders of files into the staging folder (static files, files beside the
//! content), and the link-or-copy step every placed file goes through.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{io_error, Mode, Staging};
use crate::claims::{Kind, Owner};
use crate::diagnostic::Diagnostic;
use crate::files::{leaves_root, link_outside_root, rel_path};
use crate::msg;

/// Where `copy_tree` copies from, which decides who owns the copied files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The theme's `static/`: the site's `static/` may replace its files.
    Theme,
    /// The site's `static/`.
    Static,
    /// Files beside the content (Markdown is skipped: it became pages).
    Content,
}

impl Staging {
    /// Copies a folder's files into the staging folder, keeping relative paths. Symbolic
    /// links are followed while they stay inside `root` (the site folder); one that leads
    /// outside is an error naming it, and nothing behind it is copied. A file that `linked`
    /// maps to a copy of its bytes (an image cache's) gets a hard link to that copy.
    pub fn copy_tree(
        &self,
        root: &Path,
        from: &Path,
        copied: Copied,
        linked: &HashMap<PathBuf, PathBuf>,
    ) -> Vec<Diagnostic> {
        let skip_markdown = copied == Copied::Content;
        let kind = if copied == Copied::Theme {
            Kind::ThemeStatic
        } else {
            Kind::Static
        };
        let mut diags = Vec::new();
        if !from.is_dir() {
            return diags;
        }
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut outside = Vec::new();
        let walker = walkdir::WalkDir::new(from)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep = !(e.path_is_symlink() && leaves_root(&canonical_root, e.path()));
                if !keep {
                    outside.push(link_outside_root(rel_path(root, e.path())));
                }
                keep
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        from,
                        msg!("io-failed", what = msg!("io-read"), reason = e.to_string()),
                    ));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file()
                || name.starts_with('.')
                || (skip_markdown && name.ends_with(".md"))
            {
                continue;
            }
            let rel = rel_path(from, entry.path());
            let shown = rel_path(root, entry.path());
            self.claims.file(
                &rel,
                Owner::new(kind, msg!("owner-file", file = &shown), shown),
            );
            if let Mode::Memory(m) = &self.mode {
                m.lock().unwrap_or_else(|e| e.into_inner()).insert_path(rel);
                continue;
            }
            let target = self.dir.join(&rel);
            let result = target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| {
                    let link = linked.get(entry.path()).map(PathBuf::as_path);
                    link_or_copy(link, entry.path(), &target)
                });
            if let Err(e) = result {
                diags.push(io_error(entry.path(), msg!("io-copy-file"), e));
            }
        }
        diags.extend(outside);
        diags
    }
}

/// Puts a file at `target`: a hard link to `link` where there is one and the file system
/// allows it (a cache and the output on one disk), else a copy of `copy`. A file already
/// at `target` (an earlier tree's, the theme's) goes first: it may be a link into a
/// cache, which writing through would change.
pub(super) fn link_or_copy(link: Option<&Path>, copy: &Path, target: &Path) -> std::io::Result<()> {
    let _ = fs::remove_file(target);
    if link.is_some_and(|l| fs::hard_link(l, target).is_ok()) {
        return Ok(());
    }
    fs::copy(copy, target).map(|_| ())
}
