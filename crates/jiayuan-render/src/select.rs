//! A part of the site's outputs, rendered by the same functions as `render_site`: the
//! incremental rebuilds of `jiayuan serve` choose which (docs/architecture.md,
//! "Incremental rebuilds").

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use tera::Tera;

use crate::{base_context, pages, render_generated, Globals, Job};
use jiayuan_content::model::Site;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::output::Staging;

pub use crate::pages::{section_per_page, term_pagers};

/// Which outputs to render again.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Selection {
    /// Pages by content key.
    pub pages: BTreeSet<String>,
    /// Section key → the pagers (from 1) of its list.
    pub sections: BTreeMap<String, BTreeSet<usize>>,
    /// (taxonomy, term) → the pagers of the term's list.
    pub terms: BTreeMap<(String, String), BTreeSet<usize>>,
    /// Each taxonomy's list of terms.
    pub taxonomy_lists: bool,
    /// The statistics page, the feeds, the sitemap and robots.txt.
    pub generated: bool,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    /// How many files this renders (feeds and the like counted as one).
    pub fn len(&self) -> usize {
        self.pages.len()
            + self.sections.values().map(BTreeSet::len).sum::<usize>()
            + self.terms.values().map(BTreeSet::len).sum::<usize>()
            + usize::from(self.taxonomy_lists)
            + usize::from(self.generated)
    }
}

/// Renders the selected outputs of `site` into `out`.
pub fn render_selection(
    site: &Site,
    tera: &Tera,
    globals: &Globals,
    out: &Staging,
    selection: &Selection,
) -> Vec<Diagnostic> {
    let base = base_context(site, globals);
    let job = Job {
        base: &base,
        tera,
        site,
        out,
    };
    let keys: Vec<&String> = selection.pages.iter().collect();
    let mut diags: Vec<Diagnostic> = keys
        .par_iter()
        .filter_map(|key| pages::render_page(&job, site.pages.get(*key)?).err())
        .collect();
    for (key, pagers) in &selection.sections {
        if site.sections.contains_key(key) {
            diags.extend(pages::render_section(&job, key, &|i| pagers.contains(&i)));
        }
    }
    let terms: Vec<(&jiayuan_content::model::Taxonomy, &String, usize)> = selection
        .terms
        .iter()
        .filter_map(|((tax, term), pagers)| {
            let tax = site.taxonomies.iter().find(|t| &t.name == tax)?;
            let list = tax.terms.get(term)?;
            let total = term_pagers(tax, list);
            Some(
                pagers
                    .iter()
                    .filter(move |i| **i <= total)
                    .map(move |i| (tax, term, *i)),
            )
        })
        .flatten()
        .collect();
    diags.extend(
        terms
            .par_iter()
            .filter_map(|(tax, term, i)| pages::render_term_pager(&job, tax, term, *i).err())
            .collect::<Vec<_>>(),
    );
    if selection.taxonomy_lists {
        for tax in &site.taxonomies {
            diags.extend(pages::render_taxonomy_list(&job, tax));
        }
    }
    if selection.generated {
        diags.extend(render_generated(&job));
    }
    diags
}
