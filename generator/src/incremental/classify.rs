//! What a changed file is to the build, as Zola's `ChangeKind` sorts its events: the
//! kind decides between an update of the loaded site and a full build (an update that
//! finds more than the kind says, such as a new page that is a draft, asks for a full
//! build itself).

use std::path::Path;

use jiayuan_content::model::Site;
use jiayuan_core::files::rel_path;

/// One changed path, sorted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A loaded page's Markdown file, still there: its content key. Whether the body or
    /// the front matter changed is known once it is read.
    Page(String),
    /// A file copied as it is (`static/`, a theme's `static/`, a file beside the
    /// content) that was copied before and is still there: the source path, relative to
    /// the root, and its path in the output.
    Static { source: String, output: String },
    /// Something that leaves no trace: a temporary file created and removed again.
    Nothing,
    /// A loaded section's `_index.md`, still there: the section's key.
    Section(String),
    /// A Markdown file under `content/` that is not a loaded page (a new page, or a draft
    /// or scheduled one): its content key.
    Added(String),
    /// A loaded page whose file is gone: its content key.
    Removed(String),
    /// A folder, an `_index.md` that came or went, or a copied file added or removed.
    Structure,
    /// A template of the site or its theme.
    Template,
    /// `site.toml`.
    SiteToml,
    /// A question bank under `quiz/`.
    Bank,
}

impl ChangeKind {
    /// Whether only a full build handles this change.
    pub fn needs_full_build(&self) -> bool {
        !matches!(
            self,
            ChangeKind::Page(_)
                | ChangeKind::Section(_)
                | ChangeKind::Added(_)
                | ChangeKind::Removed(_)
                | ChangeKind::Static { .. }
                | ChangeKind::Nothing
        )
    }
}

/// Sorts the change at `path` (absolute, or relative to the working folder as the
/// watcher reports it) against the site as last built into `output`.
pub fn classify(root: &Path, output: &Path, site: &Site, path: &Path) -> ChangeKind {
    let rel = rel_path(root, path);
    let exists = path.is_file();
    if rel == "site.toml" {
        return ChangeKind::SiteToml;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["quiz", ..] => ChangeKind::Bank,
        ["templates", ..] | ["themes", _, "templates", ..] => ChangeKind::Template,
        ["static", rest @ ..] => copied(output, &rel, rest.join("/"), exists),
        ["themes", theme, "static", rest @ ..] => {
            let out = rest.join("/");
            // The site's own `static/` wins over the theme's file of the same path.
            let shadowed = root.join("static").join(&out).exists();
            if site.config.theme.as_deref() != Some(theme) || shadowed {
                ChangeKind::Nothing
            } else {
                copied(output, &rel, out, exists)
            }
        }
        ["themes", ..] => ChangeKind::Template,
        _ if path.is_dir() => ChangeKind::Structure,
        ["content", rest @ ..] if !rest.is_empty() => content(site, output, &rel, rest, exists),
        _ => ChangeKind::Structure,
    }
}

fn content(site: &Site, output: &Path, rel: &str, rest: &[&str], exists: bool) -> ChangeKind {
    let key = rest.join("/");
    let name = rest.last().copied().unwrap_or_default();
    if name == "_index.md" {
        let key = jiayuan_core::paths::parent_dir(&key);
        let loaded = site
            .sections
            .get(key)
            .is_some_and(|s| s.head.file.is_some());
        return match (loaded, exists) {
            (true, true) => ChangeKind::Section(key.to_string()),
            _ => ChangeKind::Structure,
        };
    }
    if !name.ends_with(".md") {
        if output.join(&key).is_dir() {
            // A folder that went: pages and sections may have gone with it.
            return ChangeKind::Structure;
        }
        return copied(output, rel, key, exists);
    }
    let known = site.pages.contains_key(&key);
    match (known, exists) {
        (true, true) => ChangeKind::Page(key),
        // A README.md is notes for editors, never a page.
        (false, _) if name == "README.md" => ChangeKind::Nothing,
        (false, false) => ChangeKind::Nothing,
        (true, false) => ChangeKind::Removed(key),
        (false, true) => ChangeKind::Added(key),
    }
}

/// A copied file: copied again when it was copied before and is still there.
fn copied(output: &Path, source: &str, out: String, exists: bool) -> ChangeKind {
    let was_copied = output.join(&out).is_file();
    match (was_copied, exists) {
        (true, true) => ChangeKind::Static {
            source: source.to_string(),
            output: out,
        },
        (false, false) => ChangeKind::Nothing,
        _ => ChangeKind::Structure,
    }
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
