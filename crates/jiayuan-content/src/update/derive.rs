//! Lists, taxonomies and related pages with an edit in them, derived again by the
//! loader's own functions from the heads, borrowed: the loaded pages' heads, with the
//! edited and new heads in place of theirs and the removed pages left out. Borrowing
//! them instead of cloning 10,000 heads is most of what keeps a tag edit fast.

use std::collections::{BTreeMap, BTreeSet};

use crate::frontmatter::PageMeta;
use crate::heads::PageHead;
use crate::model::{Page, Site, Taxonomy};
use crate::{order, related, taxonomy};
use jiayuan_core::diagnostic::Diagnostic;

use super::Changes;

/// The pages of an edit: heads read again (edited or new) and keys of pages gone.
pub(super) struct Heads<'a> {
    pub edited: &'a [PageHead],
    pub added: &'a [PageHead],
    pub removed: &'a [String],
}

impl Heads<'_> {
    /// Every page after the edit, borrowed.
    fn after<'s>(&'s self, site: &'s Site) -> BTreeMap<String, &'s PageHead> {
        let mut all: BTreeMap<String, &PageHead> = site
            .pages
            .iter()
            .filter(|(k, _)| !self.removed.contains(k))
            .map(|(k, p)| (k.clone(), &p.head))
            .collect();
        for h in self.edited.iter().chain(self.added) {
            all.insert(h.file.rel.clone(), h);
        }
        all
    }

    /// The heads before the edit of the pages read again, and the pages that come or
    /// go (`None` before or after).
    fn around<'s>(
        &'s self,
        site: &'s Site,
    ) -> impl Iterator<Item = (Option<&'s Page>, Option<&'s PageHead>)> {
        let edited = self
            .edited
            .iter()
            .map(|h| (Some(&site.pages[&h.file.rel]), Some(h)));
        let added = self.added.iter().map(|h| (None, Some(h)));
        let removed = self.removed.iter().map(|k| (Some(&site.pages[k]), None));
        edited.chain(added).chain(removed)
    }
}

/// What an edit changed of what lists are made from: `None` where nothing did.
pub(super) struct Derived {
    /// New lists of the sections whose order may have changed.
    lists: BTreeMap<String, order::Lists>,
    taxonomies: Option<Vec<Taxonomy>>,
    related: Option<BTreeMap<String, Vec<String>>>,
}

/// Each list derived again only when what it is made from changed: a section's order
/// from its pages' dates, weights and titles; a term's list from the pages carrying it;
/// related pages from all tags and dates.
pub(super) fn derive(site: &Site, heads: &Heads<'_>, diags: &mut Vec<Diagnostic>) -> Derived {
    let after = heads.after(site);
    let moved = |old: Option<&Page>, new: Option<&PageHead>| match (old, new) {
        (Some(o), Some(h)) => {
            let o = &o.head;
            o.date != h.date || o.meta.weight != h.meta.weight || o.meta.title != h.meta.title
        }
        _ => true,
    };
    let retagged = |old: Option<&Page>, new: Option<&PageHead>| match (old, new) {
        (Some(o), Some(h)) => {
            let o = &o.head;
            o.date != h.date || o.meta.tags != h.meta.tags || o.meta.categories != h.meta.categories
        }
        _ => true,
    };
    let mut lists = BTreeMap::new();
    let sections: BTreeSet<&str> = heads
        .around(site)
        .filter(|(o, h)| moved(*o, *h))
        .map(|(o, h)| h.map_or_else(|| o.map_or("", |p| p.head.section.as_str()), |h| &h.section))
        .collect();
    for key in sections {
        let section = &site.sections[key];
        let own: BTreeMap<String, &PageHead> = after
            .iter()
            .filter(|(_, p)| p.section == key)
            .map(|(k, p)| (k.clone(), *p))
            .collect();
        let one = BTreeMap::from([(key.to_string(), section.head.clone())]);
        lists.extend(order::lists(&own, &one));
    }
    if !heads.around(site).any(|(o, h)| retagged(o, h)) {
        return Derived {
            lists,
            taxonomies: None,
            related: None,
        };
    }
    let metas: Vec<&PageMeta> = heads
        .around(site)
        .flat_map(|(o, h)| [o.map(|p| &p.head.meta), h.map(|h| &h.meta)])
        .flatten()
        .collect();
    let taxonomies = retag(site, &after, &metas, heads, diags);
    let near = near(site, heads, &after, &taxonomies);
    let related = related::compute_for(&after, &taxonomies, |k| near.contains(k));
    Derived {
        lists,
        taxonomies: Some(taxonomies),
        related: Some(related),
    }
}

/// The pages whose related pages can change with the edit.
fn near<'a>(
    site: &'a Site,
    heads: &'a Heads<'a>,
    after: &BTreeMap<String, &PageHead>,
    taxonomies: &'a [Taxonomy],
) -> BTreeSet<&'a str> {
    // Only a page sharing a tag with a page of the edit, before or after, can rank anew:
    // one that shares a tag added or taken away (its count changed), or any tag of a page
    // whose date changed or that came or went (its place among equals changed).
    let mut near: BTreeSet<&str> = heads
        .edited
        .iter()
        .chain(heads.added)
        .map(|h| h.file.rel.as_str())
        .collect();
    let mut tags: BTreeSet<&str> = BTreeSet::new();
    for (old, new) in heads.around(site) {
        match (old, new) {
            (Some(o), Some(h)) if o.head.date == h.date => {
                tags.extend(tags_changed(&o.head.meta.tags, &h.meta.tags));
            }
            _ => {
                let all = [old.map(|p| &p.head.meta), new.map(|h| &h.meta)];
                tags.extend(
                    all.into_iter()
                        .flatten()
                        .flat_map(|m| &m.tags)
                        .map(|t| t.trim()),
                );
            }
        }
    }
    for tag in tags {
        for tax in site.taxonomies.iter().chain(taxonomies) {
            if tax.name == "tags" {
                let on = tax.terms.get(tag).into_iter().flatten();
                near.extend(on.map(String::as_str).filter(|k| after.contains_key(*k)));
            }
        }
    }
    near
}

/// The tags (trimmed) a page carries a different number of times after an edit: those
/// whose shared count with other pages changed (`related` counts each time).
fn tags_changed<'a>(old: &'a [String], new: &'a [String]) -> Vec<&'a str> {
    let count = |list: &'a [String]| {
        let mut n: BTreeMap<&str, usize> = BTreeMap::new();
        for t in list {
            *n.entry(t.trim()).or_default() += 1;
        }
        n
    };
    let (before, after) = (count(old), count(new));
    let names: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    names
        .into_iter()
        .filter(|t| before.get(t) != after.get(t))
        .collect()
}

/// The taxonomies with the terms that the edit's pages carried or carry collected again
/// from the pages on those terms' lists.
fn retag(
    site: &Site,
    after: &BTreeMap<String, &PageHead>,
    metas: &[&PageMeta],
    heads: &Heads<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let terms_of = |tax: &str, meta: &PageMeta| -> Vec<String> {
        let values = match tax {
            "tags" => &meta.tags,
            "categories" => &meta.categories,
            _ => return Vec::new(),
        };
        values.iter().map(|t| t.trim().to_string()).collect()
    };
    let mut keys: BTreeSet<&String> = heads
        .edited
        .iter()
        .chain(heads.added)
        .map(|h| &h.file.rel)
        .collect();
    let mut touched: Vec<BTreeSet<String>> = Vec::new();
    for tax in &site.taxonomies {
        let names: BTreeSet<String> = metas.iter().flat_map(|m| terms_of(&tax.name, m)).collect();
        for name in &names {
            keys.extend(tax.terms.get(name).into_iter().flatten());
        }
        touched.push(names);
    }
    let on_terms: BTreeMap<String, &PageHead> = keys
        .into_iter()
        .filter_map(|k| Some((k.clone(), *after.get(k)?)))
        .collect();
    let fresh = taxonomy::collect(&site.config, &on_terms, diags);
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

/// Puts the derived lists into `site` (whose pages are those after the edit), noting in
/// `changes` what they were.
pub(super) fn apply(site: &mut Site, derived: Derived, changes: &mut Changes) {
    for (key, list) in derived.lists {
        let Some(section) = site.sections.get_mut(&key) else {
            continue;
        };
        if section.pages != list.pages {
            let old = std::mem::replace(&mut section.pages, list.pages);
            changes.section_lists.insert(key.clone(), old);
        }
        for (i, k) in section.pages.iter().enumerate() {
            if let Some(p) = site.pages.get_mut(k) {
                p.index_in_section = i;
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
