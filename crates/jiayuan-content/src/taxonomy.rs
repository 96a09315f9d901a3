//! Taxonomies (tags, categories): term → pages, from front matter.

use std::collections::BTreeMap;

use std::borrow::Borrow;

use crate::heads::PageHead;
use crate::model::Taxonomy;
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

pub(crate) fn collect<H: Borrow<PageHead>>(
    config: &Config,
    pages: &BTreeMap<String, H>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let mut out = Vec::new();
    for tc in &config.taxonomies {
        let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, page) in pages {
            let page: &PageHead = page.borrow();
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
                            msg!("taxonomy-empty-entry", taxonomy = &tc.name),
                        )
                        .help(msg!("taxonomy-empty-entry-help")),
                    );
                    continue;
                }
                terms.entry(term.to_string()).or_default().push(key.clone());
            }
        }
        let date = |k: &String| pages[k].borrow().date;
        for list in terms.values_mut() {
            list.sort_by(|a, b| date(b).cmp(&date(a)).then_with(|| a.cmp(b)));
            list.dedup();
        }
        out.push(Taxonomy {
            name: tc.name.clone(),
            title: tc.title.clone().unwrap_or_else(|| tc.name.clone()),
            paginate_by: tc.paginate_by.unwrap_or(config.paginate_by).max(1),
            terms,
        });
    }
    for tc in &config.taxonomies {
        if !matches!(tc.name.as_str(), "tags" | "categories") {
            diags.push(
                Diagnostic::error("site.toml", msg!("taxonomy-unknown", taxonomy = &tc.name))
                    .help(msg!("taxonomy-unknown-help")),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::PageMeta;
    use crate::heads::test_head;
    use jiayuan_core::yaml::At;

    fn config(taxonomies: &str) -> Config {
        toml::from_str(&format!(
            "title = \"t\"\nbase_url = \"http://x\"\n{taxonomies}"
        ))
        .unwrap()
    }

    fn page(rel: &str, tags: &[&str], categories: &[&str], date: &str) -> (String, PageHead) {
        let meta = PageMeta {
            title: At::unplaced(rel.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            categories: categories.iter().map(|t| t.to_string()).collect(),
            ..PageMeta::default()
        };
        (rel.into(), test_head(rel, meta, Some(date)))
    }

    #[test]
    fn terms_list_pages_newest_first_trimmed_and_deduplicated() {
        let pages: BTreeMap<String, PageHead> = [
            page("a.md", &["三孩", " 三孩 "], &["政策"], "2022-01-01"),
            page("b.md", &["三孩", ""], &[], "2022-06-01"),
        ]
        .into_iter()
        .collect();
        let mut diags = Vec::new();
        let config = config(
            "[[taxonomies]]\nname = \"tags\"\ntitle = \"标签\"\n[[taxonomies]]\nname = \"categories\"\npaginate_by = 0\n",
        );
        let found = collect(&config, &pages, &mut diags);
        assert_eq!(found[0].title, "标签");
        assert_eq!(found[0].terms["三孩"], ["b.md", "a.md"]);
        assert_eq!(found[0].terms.len(), 1);
        assert_eq!(found[1].title, "categories");
        assert_eq!(found[1].paginate_by, 1, "at least one page per list");
        assert_eq!(found[1].terms["政策"], ["a.md"]);
        assert_eq!(diags.len(), 1, "the empty tag is reported");
        assert!(!diags[0].is_error());
    }

    #[test]
    fn unknown_taxonomy_is_an_error() {
        let mut diags = Vec::new();
        collect(
            &config("[[taxonomies]]\nname = \"cities\"\n"),
            &BTreeMap::<String, PageHead>::new(),
            &mut diags,
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error() && diags[0].message.en().contains("cities"));
    }
}
