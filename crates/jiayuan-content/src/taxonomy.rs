//! Taxonomies (tags, categories): term → pages, from front matter.

use std::collections::BTreeMap;

use crate::model::{Site, Taxonomy};
use jiayuan_core::diagnostic::Diagnostic;

pub fn collect(site: &Site, diags: &mut Vec<Diagnostic>) -> Vec<Taxonomy> {
    let mut out = Vec::new();
    for tc in &site.config.taxonomies {
        let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, page) in &site.pages {
            let values = match tc.name.as_str() {
                "tags" => &page.meta.tags,
                "categories" => &page.meta.categories,
                _ => continue,
            };
            for term in values {
                let term = term.trim();
                if term.is_empty() {
                    diags.push(
                        Diagnostic::warning(
                            &page.file.shown,
                            format!("an empty entry in `{}` is ignored", tc.name),
                        )
                        .help("remove the empty item from the list"),
                    );
                    continue;
                }
                terms.entry(term.to_string()).or_default().push(key.clone());
            }
        }
        for list in terms.values_mut() {
            list.sort_by(|a, b| {
                site.pages[b]
                    .date
                    .cmp(&site.pages[a].date)
                    .then_with(|| a.cmp(b))
            });
            list.dedup();
        }
        out.push(Taxonomy {
            name: tc.name.clone(),
            title: tc.title.clone().unwrap_or_else(|| tc.name.clone()),
            paginate_by: tc.paginate_by.unwrap_or(site.config.paginate_by).max(1),
            terms,
        });
    }
    for tc in &site.config.taxonomies {
        if !matches!(tc.name.as_str(), "tags" | "categories") {
            diags.push(
                Diagnostic::error("site.toml", format!("unknown taxonomy `{}`", tc.name))
                    .help("the front matter supports the taxonomies `tags` and `categories`"),
            );
        }
    }
    out
}
