//! Edits of existing pages applied to a loaded `Site`, for `jiayuan serve`: the edited
//! files are read and rendered again, and the lists, taxonomies and related pages are
//! derived again from the heads by the same functions `load` runs, so the model equals
//! the one a fresh `load` would give (docs/decisions.md, "Incremental rebuilds").
//!
//! Anything that moves a page or changes which pages exist (a new, deleted or renamed
//! page, a draft switched, a changed `slug` or `aliases`) is not an edit: the caller
//! loads the whole site again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::heads::{self, PageHead, Parsed, SectionHead};
use crate::model::{Page, Section, Site, Taxonomy};
use crate::{bodies, order, related, taxonomy, walk, LoadOptions};
use jiayuan_core::diagnostic::Diagnostic;

/// What `update_pages` did.
pub enum Update {
    /// The model holds the edits; the old pages are in `Changes::old`.
    Applied(Changes),
    /// The edits are mistakes (errors, maybe with warnings); the model is untouched.
    Failed(Vec<Diagnostic>),
    /// Not an edit of existing pages in place: load the site again.
    Reload,
}

/// What an applied edit changed, for choosing the outputs to render again.
#[derive(Debug, Default)]
pub struct Changes {
    /// The edited pages as they were, by key.
    pub old: BTreeMap<String, Page>,
    /// Whether any edited page's front matter changed (lists, feeds and terms may move).
    pub front_matter: bool,
    /// Section key → its page list before the edit, for sections whose list changed.
    pub section_lists: BTreeMap<String, Vec<String>>,
    /// Pages whose related pages changed.
    pub related: BTreeSet<String>,
    /// The taxonomies before the edit, when front matter changed.
    pub taxonomies: Vec<Taxonomy>,
    /// Warnings about the edited files.
    pub warnings: Vec<Diagnostic>,
}

/// Applies edits of the pages at content paths `rels` (already in `site`) to `site`.
pub fn update_pages(site: &mut Site, root: &Path, rels: &[String], opts: &LoadOptions) -> Update {
    let mut diags = Vec::new();
    let mut heads = Vec::new();
    for rel in rels {
        match read_head(site, root, rel, opts, &mut diags) {
            Some(Ok(head)) => heads.push(head),
            Some(Err(())) => {}
            None => return Update::Reload,
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Update::Failed(diags);
    }
    let files = {
        let mut f = walk::static_files(root, site.config.theme.as_deref());
        f.extend(site.assets.iter().cloned());
        f
    };
    let targets = bodies::link_targets(
        site.pages
            .iter()
            .map(|(k, p)| (k.as_str(), p.head.path.as_str())),
        site.sections
            .values()
            .map(|s| (s.head.key.as_str(), s.head.path.as_str())),
        &files,
        &site.config,
    );
    let renderer = opts.shortcodes.as_ref().map(|s| &*s.0);
    let mut rendered = Vec::new();
    for head in heads {
        let (body, found, _) = bodies::page_markdown(&head, &site.config, renderer, &targets);
        diags.extend(found);
        rendered.push((head, body));
    }
    let front_matter = rendered.iter().any(|(head, _)| {
        let old = &site.pages[&head.file.rel].head.file;
        old.text[..old.body_offset] != head.file.text[..head.file.body_offset]
    });
    let derived = front_matter.then(|| derive(site, &rendered, &mut diags));
    if diags.iter().any(Diagnostic::is_error) {
        return Update::Failed(diags);
    }
    let shown: BTreeSet<_> = rendered.iter().map(|(h, _)| h.file.shown.clone()).collect();
    let mut changes = Changes {
        front_matter,
        warnings: diags
            .into_iter()
            .filter(|d| shown.contains(&d.file))
            .collect(),
        ..Changes::default()
    };
    for (head, body) in rendered {
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
    if let Some(derived) = derived {
        apply_derived(site, derived, &mut changes);
    }
    Update::Applied(changes)
}

/// The edited file's head; `None` when the edit is not an edit in place.
fn read_head(
    site: &Site,
    root: &Path,
    rel: &str,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Result<PageHead, ()>> {
    let old = site.pages.get(rel)?;
    let content = root.join("content");
    let abs = content.join(rel);
    if !abs.is_file() {
        return None;
    }
    let mode = site.config.content.front_matter;
    let parsed = match heads::parse_file(&content, rel, &abs, mode) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return Some(Err(()));
        }
    };
    // A compatible file's kept keys and bare front matter are warned about site-wide:
    // a full load words those warnings.
    if !parsed.kept.is_empty() || parsed.bare {
        return None;
    }
    let Parsed::Page(file, meta) = parsed.parsed else {
        return None;
    };
    let mut found = Vec::new();
    let head = heads::page_head(file, *meta, opts, site.config.timezone, &mut found);
    let errors = found.iter().any(Diagnostic::is_error);
    diags.extend(found);
    if errors {
        return Some(Err(()));
    }
    let head = head?;
    let aliases = |a: &[jiayuan_core::yaml::At<String>]| -> Vec<String> {
        a.iter().map(|s| s.value.clone()).collect()
    };
    if head.path != old.head.path
        || head.slug != old.head.slug
        || aliases(&head.meta.aliases) != aliases(&old.head.meta.aliases)
    {
        return None;
    }
    Some(Ok(head))
}

/// What an edit changed of what lists are made from: `None` where nothing did.
struct Derived {
    /// New lists of the sections whose order may have changed.
    lists: BTreeMap<String, order::Lists>,
    taxonomies: Option<Vec<Taxonomy>>,
    related: Option<BTreeMap<String, Vec<String>>>,
}

/// Lists, taxonomies and related pages with the edits in them, each derived again only
/// when what it is made from changed: a section's order from its pages' dates, weights
/// and titles; a term's list from the pages carrying it; related pages from all tags and
/// dates.
fn derive(
    site: &Site,
    edited: &[(PageHead, bodies::Body)],
    diags: &mut Vec<Diagnostic>,
) -> Derived {
    let old = |h: &PageHead| &site.pages[&h.file.rel];
    let moved = |h: &PageHead| {
        let o = old(h);
        o.head.date != h.date
            || o.head.meta.weight != h.meta.weight
            || o.head.meta.title != h.meta.title
    };
    let retagged = |h: &PageHead| {
        let o = old(h);
        o.head.date != h.date
            || o.head.meta.tags != h.meta.tags
            || o.head.meta.categories != h.meta.categories
    };
    let with_edits = |keys: &mut dyn Iterator<Item = &String>| -> BTreeMap<String, PageHead> {
        let mut heads: BTreeMap<String, PageHead> = keys
            .map(|k| (k.clone(), page_head_of(&site.pages[k])))
            .collect();
        for (head, _) in edited {
            if heads.contains_key(&head.file.rel) {
                heads.insert(head.file.rel.clone(), head.clone());
            }
        }
        heads
    };
    let mut lists = BTreeMap::new();
    let sections: BTreeSet<&String> = edited
        .iter()
        .filter(|(h, _)| moved(h))
        .map(|(h, _)| &h.section)
        .collect();
    for key in sections {
        let section = &site.sections[key];
        let heads = with_edits(&mut section.pages.iter());
        let one = BTreeMap::from([(key.clone(), section_head_of(section))]);
        lists.extend(order::lists(&heads, &one));
    }
    if !edited.iter().any(|(h, _)| retagged(h)) {
        return Derived {
            lists,
            taxonomies: None,
            related: None,
        };
    }
    let taxonomies = retag(site, edited, &with_edits, diags);
    let heads = with_edits(&mut site.pages.keys());
    // Only a page sharing a tag with an edited page, before or after, can rank anew.
    let mut near: BTreeSet<&str> = BTreeSet::new();
    for (head, _) in edited {
        near.insert(&head.file.rel);
        let tags = head
            .meta
            .tags
            .iter()
            .chain(&site.pages[&head.file.rel].head.meta.tags);
        for tag in tags {
            for tax in site.taxonomies.iter().chain(&taxonomies) {
                if tax.name == "tags" {
                    near.extend(
                        tax.terms
                            .get(tag.trim())
                            .into_iter()
                            .flatten()
                            .map(String::as_str),
                    );
                }
            }
        }
    }
    let related = related::compute_for(&heads, &taxonomies, |k| near.contains(k));
    Derived {
        lists,
        taxonomies: Some(taxonomies),
        related: Some(related),
    }
}

type WithEdits<'a> = dyn Fn(&mut dyn Iterator<Item = &String>) -> BTreeMap<String, PageHead> + 'a;

/// The taxonomies with the terms the edited pages carried or carry collected again from
/// the pages on those terms' lists.
fn retag(
    site: &Site,
    edited: &[(PageHead, bodies::Body)],
    with_edits: &WithEdits<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let terms_of = |tax: &str, meta: &crate::frontmatter::PageMeta| -> Vec<String> {
        let values = match tax {
            "tags" => &meta.tags,
            "categories" => &meta.categories,
            _ => return Vec::new(),
        };
        values.iter().map(|t| t.trim().to_string()).collect()
    };
    let mut keys: BTreeSet<&String> = edited.iter().map(|(h, _)| &h.file.rel).collect();
    let mut touched: Vec<BTreeSet<String>> = Vec::new();
    for tax in &site.taxonomies {
        let mut names = BTreeSet::new();
        for (head, _) in edited {
            names.extend(terms_of(&tax.name, &head.meta));
            names.extend(terms_of(&tax.name, &site.pages[&head.file.rel].head.meta));
        }
        for name in &names {
            keys.extend(tax.terms.get(name).into_iter().flatten());
        }
        touched.push(names);
    }
    let heads = with_edits(&mut keys.into_iter());
    let fresh = taxonomy::collect(&site.config, &heads, diags);
    let mut out = site.taxonomies.clone();
    for ((tax, names), fresh) in out.iter_mut().zip(&touched).zip(fresh) {
        for name in names {
            match fresh.terms.get(name) {
                Some(list) => tax.terms.insert(name.clone(), list.clone()),
                None => tax.terms.remove(name),
            };
        }
    }
    out
}

fn apply_derived(site: &mut Site, derived: Derived, changes: &mut Changes) {
    for (key, list) in derived.lists {
        let Some(section) = site.sections.get_mut(&key) else {
            continue;
        };
        if section.pages != list.pages {
            let old = std::mem::replace(&mut section.pages, list.pages);
            changes.section_lists.insert(key.clone(), old);
            for (i, k) in section.pages.iter().enumerate() {
                if let Some(p) = site.pages.get_mut(k) {
                    p.index_in_section = i;
                }
            }
        }
    }
    if let Some(related) = derived.related {
        for (key, new) in related {
            let page = site
                .pages
                .get_mut(&key)
                .expect("related pages of loaded pages");
            if page.related != new {
                page.related = new;
                changes.related.insert(key);
            }
        }
    }
    changes.taxonomies = match derived.taxonomies {
        Some(taxonomies) => std::mem::replace(&mut site.taxonomies, taxonomies),
        None => site.taxonomies.clone(),
    };
}

fn page_head_of(p: &Page) -> PageHead {
    PageHead {
        file: p.head.file.clone(),
        meta: p.head.meta.clone(),
        date: p.head.date,
        updated: p.head.updated,
        section: p.head.section.clone(),
        slug: p.head.slug.clone(),
        path: p.head.path.clone(),
    }
}

fn section_head_of(s: &Section) -> SectionHead {
    SectionHead {
        key: s.head.key.clone(),
        file: s.head.file.clone(),
        meta: s.head.meta.clone(),
        title: s.head.title.clone(),
        path: s.head.path.clone(),
        parent: s.head.parent.clone(),
    }
}
