//! Which outputs an edit touches, from the model before and after it: the pages edited,
//! added and deleted, the pages that show them (neighbours, related), the pagers of the
//! section and term lists that hold them, the home page, the taxonomy lists, the feeds,
//! the sitemap and the statistics; for an edited section its lists and those above it,
//! and with a new title everything below it. When in doubt a list is rendered whole.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiayuan_content::model::{Page, Site, Taxonomy};
use jiayuan_content::update::Changes;
use jiayuan_core::paths::{pager_path, term_path};
use jiayuan_render::select::{section_per_page, term_pagers, Selection};
use jiayuan_render::views::page_ref;

/// The outputs to render again, and the site paths of the outputs that are gone (the
/// pages deleted, and pagers of lists that shrank).
pub fn plan(site: &Site, changes: &Changes) -> (Selection, Vec<String>) {
    let mut sel = Selection::default();
    let mut gone: Vec<String> = changes
        .removed
        .values()
        .map(|p| p.head.path.clone())
        .collect();
    sel.pages.extend(changes.old.keys().cloned());
    sel.pages.extend(changes.related.iter().cloned());
    sel.pages.extend(changes.added.iter().cloned());
    for (key, old) in &changes.section_lists {
        moved_in_section(site, key, old, &mut sel, &mut gone);
    }
    let mut listed: Vec<&String> = changes
        .old
        .iter()
        .filter(|(key, old)| entry(site, old) != entry(site, &site.pages[*key]))
        .map(|(key, _)| key)
        .collect();
    listed.extend(&changes.added);
    for (key, old) in &changes.sections {
        let section = &site.sections[key];
        all_pagers(site, key, &mut sel);
        for_ancestors(site, key, |k| all_pagers(site, k, &mut sel));
        if old.head.title != section.head.title {
            // Its title is in the breadcrumbs below it and in every list entry of its pages.
            for s in site.sections.values().filter(|s| within(&s.head.key, key)) {
                all_pagers(site, &s.head.key, &mut sel);
                sel.pages.extend(s.pages.iter().cloned());
                listed.extend(&s.pages);
            }
        }
    }
    if !listed.is_empty() {
        let shown = Shown::new(site);
        for key in &listed {
            shown.elsewhere(site, key, &mut sel);
        }
    }
    if !listed.is_empty() || changes.front_matter || !changes.sections.is_empty() {
        sel.generated = true;
        sel.taxonomy_lists = true;
        all_pagers(site, "", &mut sel);
    }
    if changes.front_matter {
        for tax in &site.taxonomies {
            let old = changes.taxonomies.iter().find(|t| t.name == tax.name);
            terms_moved(tax, old, &mut sel, &mut gone);
        }
    }
    (sel, gone)
}

/// Whether section `key` is `top` or below it.
fn within(key: &str, top: &str) -> bool {
    top.is_empty() || key == top || key.strip_prefix(top).is_some_and(|r| r.starts_with('/'))
}

fn for_ancestors(site: &Site, key: &str, mut f: impl FnMut(&str)) {
    let mut parent = site.sections[key].head.parent.as_deref();
    while let Some(k) = parent {
        f(k);
        parent = site.sections[k].head.parent.as_deref();
    }
}

fn pagers(site: &Site, key: &str, len: usize) -> usize {
    len.div_ceil(section_per_page(site, key)).max(1)
}

fn all_pagers(site: &Site, key: &str, sel: &mut Selection) {
    let total = pagers(site, key, site.sections[key].pages.len());
    sel.sections
        .entry(key.to_string())
        .or_default()
        .extend(1..=total);
}

/// What other outputs show of a page: its list entry, and the dates feeds and the
/// sitemap print.
fn entry(site: &Site, page: &Page) -> String {
    let shown = serde_json::to_string(&page_ref(site, page)).unwrap_or_default();
    format!(
        "{shown}{:?}{:?}",
        page.head.updated, page.head.meta.categories
    )
}

/// A section's list was reordered: pages whose neighbours changed, and the pagers from
/// the first place that differs. When the number of its pages changed, every pager (each
/// shows the count), those of the sections above it (they show it too), and the pagers
/// that no longer exist.
fn moved_in_section(
    site: &Site,
    key: &str,
    old: &[String],
    sel: &mut Selection,
    gone: &mut Vec<String>,
) {
    let new = &site.sections[key].pages;
    let around = |list: &[String], i: usize| {
        (
            i.checked_sub(1).and_then(|j| list.get(j)).cloned(),
            list.get(i + 1).cloned(),
        )
    };
    let old_at: BTreeMap<&String, usize> = old.iter().enumerate().map(|(i, k)| (k, i)).collect();
    for (i, k) in new.iter().enumerate() {
        if old_at.get(k).map(|j| around(old, *j)) != Some(around(new, i)) {
            sel.pages.insert(k.clone());
        }
    }
    if old.len() != new.len() {
        all_pagers(site, key, sel);
        for_ancestors(site, key, |k| all_pagers(site, k, sel));
        let path = &site.sections[key].head.path;
        let (had, has) = (pagers(site, key, old.len()), pagers(site, key, new.len()));
        gone.extend((has + 1..=had).map(|i| pager_path(path, i)));
        return;
    }
    let per_page = section_per_page(site, key);
    let first = old.iter().zip(new).position(|(a, b)| a != b).unwrap_or(0);
    let total = pagers(site, key, new.len());
    sel.sections
        .entry(key.to_string())
        .or_default()
        .extend(first / per_page + 1..=total);
}

/// Where each page is shown besides its own output: the pages listing it as related, and
/// its places on the terms' lists.
struct Shown<'a> {
    related_to: HashMap<&'a str, Vec<&'a String>>,
    on_terms: HashMap<&'a str, Vec<(&'a String, &'a String, usize)>>,
}

impl<'a> Shown<'a> {
    fn new(site: &'a Site) -> Shown<'a> {
        let mut related_to: HashMap<&str, Vec<&String>> = HashMap::new();
        for (key, p) in &site.pages {
            for r in &p.related {
                related_to.entry(r).or_default().push(key);
            }
        }
        let mut on_terms: HashMap<&str, Vec<_>> = HashMap::new();
        for tax in &site.taxonomies {
            for (term, pages) in &tax.terms {
                for (at, k) in pages.iter().enumerate() {
                    on_terms.entry(k).or_default().push((&tax.name, term, at));
                }
            }
        }
        Shown {
            related_to,
            on_terms,
        }
    }

    /// A page's list entry changed: every output that lists it.
    fn elsewhere(&self, site: &Site, key: &str, sel: &mut Selection) {
        let page = &site.pages[key];
        let list = &site.sections[&page.head.section].pages;
        let i = page.index_in_section;
        for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            if let Some(k) = list.get(j) {
                sel.pages.insert(k.clone());
            }
        }
        let related = self.related_to.get(key).into_iter().flatten();
        sel.pages.extend(related.map(|k| (*k).clone()));
        let per_page = section_per_page(site, &page.head.section);
        sel.sections
            .entry(page.head.section.clone())
            .or_default()
            .insert(i / per_page + 1);
        for (tax, term, at) in self.on_terms.get(key).into_iter().flatten() {
            let per = site.taxonomies.iter().find(|t| &t.name == *tax);
            let paginate_by = per.map_or(1, |t| t.paginate_by);
            sel.terms
                .entry(((*tax).clone(), (*term).clone()))
                .or_default()
                .insert(at / paginate_by + 1);
        }
    }
}

/// Terms whose lists changed: their pagers from the first place that differs (all of
/// them when the number of pagers changed), and the pagers that no longer exist.
fn terms_moved(
    tax: &Taxonomy,
    old: Option<&Taxonomy>,
    sel: &mut Selection,
    gone: &mut Vec<String>,
) {
    let empty = Vec::new();
    let old_terms = old.map(|t| &t.terms);
    let names: BTreeSet<&String> = tax
        .terms
        .keys()
        .chain(old_terms.into_iter().flat_map(|t| t.keys()))
        .collect();
    for name in names {
        let before = old_terms.and_then(|t| t.get(name)).unwrap_or(&empty);
        let after = tax.terms.get(name).unwrap_or(&empty);
        if before == after {
            continue;
        }
        let (had, has) = (
            if before.is_empty() {
                0
            } else {
                term_pagers(tax, before)
            },
            if after.is_empty() {
                0
            } else {
                term_pagers(tax, after)
            },
        );
        let base = term_path(&tax.name, name);
        gone.extend((has + 1..=had).map(|i| pager_path(&base, i)));
        if has == 0 {
            continue;
        }
        // Every pager shows the term's count and the number of pagers.
        let first = if before.len() == after.len() {
            before
                .iter()
                .zip(after)
                .position(|(a, b)| a != b)
                .unwrap_or(0)
        } else {
            0
        };
        sel.terms
            .entry((tax.name.clone(), name.clone()))
            .or_default()
            .extend(first / tax.paginate_by + 1..=has);
    }
}

/// Whether two terms of a taxonomy take one path, as `Tags` and `tags` do: only a full
/// build words that conflict (`claims`), so the caller runs one.
pub fn terms_collide(site: &Site) -> bool {
    site.taxonomies.iter().any(|tax| {
        let mut folded = BTreeSet::new();
        tax.terms
            .keys()
            .any(|name| !folded.insert(term_path(&tax.name, name).to_lowercase()))
    })
}
