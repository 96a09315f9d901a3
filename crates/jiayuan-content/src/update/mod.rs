//! Edits applied to a loaded `Site`, for `jiayuan serve`: edited, new and deleted pages
//! and edited sections. The files are read and rendered again, and the lists,
//! taxonomies and related pages are derived again from the heads by the same functions
//! `load` runs, so the model equals the one a fresh `load` would give
//! (docs/decisions.md, "Incremental rebuilds").
//!
//! What moves a page or changes how a section lists its pages (a renamed URL, a draft
//! switched, a changed `slug` or `aliases`, a section's `sort_by`, a new section, a
//! deleted page that others link to) is not an edit: the caller loads the whole site
//! again.

mod derive;
mod read;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::heads::{PageHead, SectionHead};
use crate::model::{Page, Section, Site};
use crate::{bodies, sections, walk, LoadOptions};
use jiayuan_core::diagnostic::Diagnostic;
use read::Read;

/// The content files of an edit, by content path (`news/a.md`) or section key.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Edit {
    /// Loaded pages whose files changed.
    pub pages: Vec<String>,
    /// Markdown files that are not loaded pages.
    pub added: Vec<String>,
    /// Loaded pages whose files are gone.
    pub removed: Vec<String>,
    /// Keys of the sections whose `_index.md` changed.
    pub sections: Vec<String>,
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        *self == Edit::default()
    }
}

/// What `update` did.
pub enum Update {
    /// The model holds the edits; what was there before is in `Changes`.
    Applied(Changes),
    /// The edits are mistakes (errors, maybe with warnings); the model is untouched.
    Failed(Vec<Diagnostic>),
    /// Not an edit in place: load the site again.
    Reload,
}

/// What an applied edit changed, for choosing the outputs to render again.
#[derive(Debug, Default)]
pub struct Changes {
    /// The edited pages as they were, by key.
    pub old: BTreeMap<String, Page>,
    /// Keys of the new pages.
    pub added: BTreeSet<String>,
    /// The deleted pages, by key.
    pub removed: BTreeMap<String, Page>,
    /// The edited sections as they were, by key.
    pub sections: BTreeMap<String, Section>,
    /// Whether a page's front matter changed or pages came or went (lists, feeds and
    /// terms may move).
    pub front_matter: bool,
    /// Section key → its page list before the edit, for sections whose list changed.
    pub section_lists: BTreeMap<String, Vec<String>>,
    /// Pages whose related pages changed.
    pub related: BTreeSet<String>,
    /// The taxonomies before the edit, when front matter changed.
    pub taxonomies: Vec<crate::model::Taxonomy>,
    /// Warnings about the edited files.
    pub warnings: Vec<Diagnostic>,
}

/// Applies `edit` to `site`.
pub fn update(site: &mut Site, root: &Path, edit: &Edit, opts: &LoadOptions) -> Update {
    let mut diags = Vec::new();
    let mut files = Files::default();
    macro_rules! take {
        ($into:expr, $read:expr) => {
            match $read {
                Read::Ok(x) => $into.push(x),
                Read::Broken => {}
                Read::Reload => return Update::Reload,
            }
        };
    }
    for rel in &edit.pages {
        take!(
            files.edited,
            read::edited(site, root, rel, opts, &mut diags)
        );
    }
    for rel in &edit.added {
        take!(files.added, read::added(site, root, rel, opts, &mut diags));
    }
    for key in &edit.sections {
        let section = read::section(site, root, key, &mut diags);
        take!(files.sections, section.map(|s| (key.clone(), s)));
    }
    for key in &edit.removed {
        match site.pages.get(key) {
            Some(page) if read::removable(site, page, &edit.removed) => {}
            _ => return Update::Reload,
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Update::Failed(diags);
    }
    let (bodies, section_html) = render(site, root, &files, &edit.removed, opts, &mut diags);
    let front_matter = !files.added.is_empty()
        || !edit.removed.is_empty()
        || files.edited.iter().any(|head| {
            let old = &site.pages[&head.file.rel].head.file;
            old.text[..old.body_offset] != head.file.text[..head.file.body_offset]
        });
    let heads = derive::Heads {
        edited: &files.edited,
        added: &files.added,
        removed: &edit.removed,
    };
    let derived = front_matter.then(|| derive::derive(site, &heads, &mut diags));
    if diags.iter().any(Diagnostic::is_error) {
        return Update::Failed(diags);
    }
    let shown: BTreeSet<&std::path::PathBuf> = (files.edited.iter().chain(&files.added))
        .map(|h| &h.file.shown)
        .chain(files.sections.iter().map(|(_, (f, _))| &f.shown))
        .collect();
    let warnings = diags
        .into_iter()
        .filter(|d| shown.contains(&d.file))
        .collect();
    let mut changes = Changes {
        front_matter,
        warnings,
        ..Changes::default()
    };
    apply(
        site,
        files,
        bodies,
        section_html,
        &edit.removed,
        &mut changes,
    );
    if let Some(derived) = derived {
        derive::apply(site, derived, &mut changes);
    }
    Update::Applied(changes)
}

type SectionFile = (crate::model::SourceFile, crate::frontmatter::SectionMeta);

/// The files an edit read again.
#[derive(Default)]
struct Files {
    edited: Vec<PageHead>,
    added: Vec<PageHead>,
    sections: Vec<(String, SectionFile)>,
}

/// The Markdown of the edited and new pages (in that order) and of the edited sections,
/// with every link resolved against the site as it is after the edit.
fn render(
    site: &Site,
    root: &Path,
    files: &Files,
    removed: &[String],
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<bodies::Body>, Vec<String>) {
    let copied = {
        let mut f = walk::static_files(root, site.config.theme.as_deref());
        f.extend(site.assets.iter().cloned());
        f
    };
    let pages = site
        .pages
        .iter()
        .filter(|(k, _)| !removed.contains(k))
        .map(|(k, p)| (k.as_str(), p.head.path.as_str()))
        .chain(
            files
                .added
                .iter()
                .map(|h| (h.file.rel.as_str(), h.path.as_str())),
        );
    let targets = bodies::link_targets(
        pages,
        site.sections
            .values()
            .map(|s| (s.head.key.as_str(), s.head.path.as_str())),
        &copied,
        &site.config,
    );
    let renderer = opts.shortcodes.as_ref().map(|s| &*s.0);
    let mut out = Vec::new();
    for head in files.edited.iter().chain(&files.added) {
        let (body, found, _) = bodies::page_markdown(head, &site.config, renderer, &targets);
        diags.extend(found);
        out.push(body);
    }
    let mut html = Vec::new();
    for (key, (file, _)) in &files.sections {
        let (h, found, _) = bodies::section_markdown(file, key, &site.config, renderer, &targets);
        diags.extend(found);
        html.push(h);
    }
    (out, html)
}

/// Puts the pages and sections read again into `site`, and what they replace into
/// `changes`; lists are the caller's.
fn apply(
    site: &mut Site,
    files: Files,
    bodies: Vec<bodies::Body>,
    section_html: Vec<String>,
    removed: &[String],
    changes: &mut Changes,
) {
    for key in removed {
        if let Some(page) = site.pages.remove(key) {
            changes.removed.insert(key.clone(), page);
        }
    }
    let mut bodies = bodies.into_iter();
    for head in files.edited {
        let body = bodies.next().unwrap_or_default();
        let key = head.file.rel.clone();
        let page = site
            .pages
            .get_mut(&key)
            .expect("an edit names a loaded page");
        // An edit in place never moves the page: it keeps its place and its neighbours.
        let head = PageHead {
            section: page.head.section.clone(),
            slug: page.head.slug.clone(),
            path: page.head.path.clone(),
            ..head
        };
        let new = crate::assemble(head, body, page.index_in_section, page.related.clone());
        changes.old.insert(key, std::mem::replace(page, new));
    }
    for head in files.added {
        let body = bodies.next().unwrap_or_default();
        let key = head.file.rel.clone();
        // Its place and related pages come with the lists derived again.
        site.pages
            .insert(key.clone(), crate::assemble(head, body, 0, Vec::new()));
        changes.added.insert(key);
    }
    for ((key, (file, meta)), html) in files.sections.into_iter().zip(section_html) {
        let title = sections::section_title(&key, &meta, &site.config);
        let section = site
            .sections
            .get_mut(&key)
            .expect("an edit names a loaded section");
        let head = SectionHead {
            file: Some(file),
            meta,
            title,
            ..section.head.clone()
        };
        let new = Section {
            head,
            html,
            ..section.clone()
        };
        changes
            .sections
            .insert(key, std::mem::replace(section, new));
    }
}
