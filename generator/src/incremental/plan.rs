//! Which outputs an edit of pages touches, from the model before and after it: the
//! pages themselves, the pages that show them (neighbours, related), the pagers of the
//! section and term lists that hold them, the home page, the taxonomy lists, the feeds,
//! the sitemap and the statistics. When in doubt a list is rendered whole.

use std::collections::{BTreeMap, BTreeSet};

use jiayuan_content::model::{Page, Site, Taxonomy};
use jiayuan_content::update::Changes;
use jiayuan_core::paths::{pager_path, term_path};
use jiayuan_render::select::{section_per_page, term_pagers, Selection};
use jiayuan_render::views::page_ref;

/// The outputs to render again, and the site paths of the term pagers that are gone.
pub fn plan(site: &Site, changes: &Changes) -> (Selection, Vec<String>) {
    let mut sel = Selection::default();
    sel.pages.extend(changes.old.keys().cloned());
    sel.pages.extend(changes.related.iter().cloned());
    for (key, old) in &changes.section_lists {
        moved_in_section(site, key, old, &mut sel);
    }
    let listed: Vec<&String> = changes
        .old
        .iter()
        .filter(|(key, old)| entry(site, old) != entry(site, &site.pages[*key]))
        .map(|(key, _)| key)
        .collect();
    for key in &listed {
        shown_elsewhere(site, key, &mut sel);
    }
    if !listed.is_empty() || changes.front_matter {
        sel.generated = true;
        sel.taxonomy_lists = true;
        let per_page = section_per_page(site, "");
        let total = site.sections[""].pages.len().div_ceil(per_page).max(1);
        sel.sections
            .entry(String::new())
            .or_default()
            .extend(1..=total);
    }
    let mut gone = Vec::new();
    if changes.front_matter {
        for tax in &site.taxonomies {
            let old = changes.taxonomies.iter().find(|t| t.name == tax.name);
            terms_moved(tax, old, &mut sel, &mut gone);
        }
    }
    (sel, gone)
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
/// the first place that differs.
fn moved_in_section(site: &Site, key: &str, old: &[String], sel: &mut Selection) {
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
    let per_page = section_per_page(site, key);
    let first = old.iter().zip(new).position(|(a, b)| a != b).unwrap_or(0);
    let total = new.len().div_ceil(per_page).max(1);
    sel.sections
        .entry(key.to_string())
        .or_default()
        .extend(first / per_page + 1..=total);
}

/// A page's list entry changed: every output that lists it.
fn shown_elsewhere(site: &Site, key: &str, sel: &mut Selection) {
    let page = &site.pages[key];
    let list = &site.sections[&page.head.section].pages;
    let i = page.index_in_section;
    for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
        if let Some(k) = list.get(j) {
            sel.pages.insert(k.clone());
        }
    }
    for (other, p) in &site.pages {
        if p.related.iter().any(|r| r == key) {
            sel.pages.insert(other.clone());
        }
    }
    let per_page = section_per_page(site, &page.head.section);
    sel.sections
        .entry(page.head.section.clone())
        .or_default()
        .insert(i / per_page + 1);
    for tax in &site.taxonomies {
        for (term, pages) in &tax.terms {
            if let Some(at) = pages.iter().position(|k| k == key) {
                sel.terms
                    .entry((tax.name.clone(), term.clone()))
                    .or_default()
                    .insert(at / tax.paginate_by + 1);
            }
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
