//! Related pages: the five sharing the most tags, newest first among equals.
//!
//! Computed once for the whole site with page numbers and a dense counter per thread:
//! the per-page hash-map version spent most of a 10,000-page build hashing keys. Each
//! candidate is ranked by one integer (shared tags, then its place among all pages
//! newest first), and the best five are kept in one pass: at 100,000 pages a page has
//! tens of thousands of candidates, and selecting among them with a comparator that
//! looked up both pages' dates was a third of the build's CPU.

use rayon::prelude::*;

use std::collections::BTreeMap;

use std::borrow::Borrow;

use crate::heads::PageHead;
use crate::model::Taxonomy;

const RELATED: usize = 5;

/// Page key → keys of its related pages; empty without a `tags` taxonomy.
pub(crate) fn compute<H: Borrow<PageHead> + Sync>(
    pages: &BTreeMap<String, H>,
    taxonomies: &[Taxonomy],
) -> BTreeMap<String, Vec<String>> {
    compute_for(pages, taxonomies, |_| true)
}

/// `compute` for the pages `wanted` names only (the others are left out of the map);
/// every page still counts as a candidate.
pub(crate) fn compute_for<H: Borrow<PageHead> + Sync>(
    pages: &BTreeMap<String, H>,
    taxonomies: &[Taxonomy],
    wanted: impl Fn(&str) -> bool + Sync,
) -> BTreeMap<String, Vec<String>> {
    let Some(tags) = taxonomies.iter().find(|t| t.name == "tags") else {
        return BTreeMap::new();
    };
    let keys: Vec<&String> = pages.keys().collect();
    let index: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let pages: Vec<&PageHead> = pages.values().map(Borrow::borrow).collect();
    let term_pages: std::collections::HashMap<&str, Vec<usize>> = tags
        .terms
        .iter()
        .map(|(term, list)| {
            (
                term.as_str(),
                list.iter().map(|k| index[k.as_str()]).collect(),
            )
        })
        .collect();
    // Each page's place when all are ordered newest first, then by key.
    let mut newest: Vec<usize> = (0..pages.len()).collect();
    newest.sort_by(|&a, &b| pages[b].date.cmp(&pages[a].date).then(a.cmp(&b)));
    let mut place = vec![0u32; pages.len()];
    for (n, &i) in newest.iter().enumerate() {
        place[i] = n as u32;
    }
    let chosen: Vec<usize> = (0..pages.len()).filter(|&i| wanted(keys[i])).collect();
    let related: Vec<Vec<String>> = chosen
        .par_iter()
        .map(|&i| i)
        .map_init(
            || (vec![0u32; pages.len()], Vec::new()),
            |(counts, touched), me| {
                for tag in &pages[me].meta.tags {
                    for &other in term_pages.get(tag.trim()).into_iter().flatten() {
                        if other != me {
                            if counts[other] == 0 {
                                touched.push(other);
                            }
                            counts[other] += 1;
                        }
                    }
                }
                // Smaller is better: more shared tags, then newer (then the key).
                let mut best: Vec<(u64, usize)> = Vec::with_capacity(RELATED + 1);
                for &i in touched.iter() {
                    let rank = (u64::from(u32::MAX - counts[i]) << 32) | u64::from(place[i]);
                    counts[i] = 0;
                    if best.len() == RELATED && rank >= best[RELATED - 1].0 {
                        continue;
                    }
                    let at = best.partition_point(|&(r, _)| r < rank);
                    best.insert(at, (rank, i));
                    best.truncate(RELATED);
                }
                touched.clear();
                best.into_iter().map(|(_, i)| keys[i].clone()).collect()
            },
        )
        .collect();
    chosen
        .into_iter()
        .map(|i| keys[i].clone())
        .zip(related)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::PageMeta;
    use crate::heads::test_head;
    use jiayuan_core::yaml::At;

    fn page(rel: &str, tags: &[&str], date: &str) -> (String, PageHead) {
        let meta = PageMeta {
            title: At::unplaced(rel.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..PageMeta::default()
        };
        (rel.into(), test_head(rel, meta, Some(date)))
    }

    fn tags(pages: &BTreeMap<String, PageHead>) -> Vec<Taxonomy> {
        let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, p) in pages {
            for t in &p.meta.tags {
                terms.entry(t.clone()).or_default().push(k.clone());
            }
        }
        vec![Taxonomy {
            name: "tags".into(),
            title: "标签".into(),
            paginate_by: 10,
            terms,
        }]
    }

    #[test]
    fn most_shared_tags_first_then_newest_then_at_most_five() {
        let pages: BTreeMap<String, PageHead> = [
            page("a.md", &["三孩", "优生", "健康"], "2022-01-01"),
            page("b.md", &["三孩", "优生"], "2022-01-02"),
            page("c.md", &["三孩"], "2022-03-01"),
            page("d.md", &["三孩"], "2022-02-01"),
            page("e.md", &["健康"], "2022-02-01"),
            page("f.md", &["健康"], "2022-02-01"),
            page("g.md", &["健康"], "2021-01-01"),
            page("h.md", &["其他"], "2023-01-01"),
        ]
        .into_iter()
        .collect();
        let related = compute(&pages, &tags(&pages));
        // b shares two tags; c, d, e, f share one (newest first, path for equal dates);
        // g shares one too but is the sixth; h shares none.
        assert_eq!(related["a.md"], ["b.md", "c.md", "d.md", "e.md", "f.md"]);
        assert_eq!(related["h.md"], Vec::<String>::new());
        assert!(
            !related["b.md"].contains(&"b.md".to_string()),
            "never itself"
        );
    }

    #[test]
    fn no_tags_taxonomy_means_no_related_pages() {
        let pages: BTreeMap<String, PageHead> = [
            page("a.md", &["x"], "2022-01-01"),
            page("b.md", &["x"], "2022-01-01"),
        ]
        .into_iter()
        .collect();
        assert!(compute(&pages, &[]).is_empty());
    }
}
