//! The order of things in a section: its pages by the section's `sort_by`, then its
//! subsections by weight. Ties fall back to the content path, so output never depends
//! on the order files were read.

use std::collections::BTreeMap;

use crate::frontmatter::SortBy;
use std::borrow::Borrow;

use crate::heads::{PageHead, SectionHead};

/// One section's own pages and child sections, as keys, in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Lists {
    pub pages: Vec<String>,
    pub subsections: Vec<String>,
}

pub(crate) fn lists<H: Borrow<PageHead>>(
    pages: &BTreeMap<String, H>,
    sections: &BTreeMap<String, SectionHead>,
) -> BTreeMap<String, Lists> {
    let mut by_section: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (key, page) in pages {
        by_section
            .entry(page.borrow().section.as_str())
            .or_default()
            .push(key.clone());
    }
    let mut children: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in sections.values() {
        if let Some(parent) = &s.parent {
            children
                .entry(parent.as_str())
                .or_default()
                .push(s.key.clone());
        }
    }
    sections
        .iter()
        .map(|(key, section)| {
            let mut list = by_section.remove(key.as_str()).unwrap_or_default();
            let sort_by = section.meta.sort_by;
            list.sort_by(|a, b| {
                let (pa, pb): (&PageHead, &PageHead) = (pages[a].borrow(), pages[b].borrow());
                let primary = match sort_by {
                    SortBy::Date => pb.date.cmp(&pa.date),
                    SortBy::Weight => weight(pa.meta.weight).cmp(&weight(pb.meta.weight)),
                    SortBy::Title => pa.meta.title.cmp(&pb.meta.title),
                };
                primary.then_with(|| a.cmp(b))
            });
            let mut subs = children.remove(key.as_str()).unwrap_or_default();
            subs.sort_by(|a, b| {
                weight(sections[a].meta.weight)
                    .cmp(&weight(sections[b].meta.weight))
                    .then_with(|| a.cmp(b))
            });
            let lists = Lists {
                pages: list,
                subsections: subs,
            };
            (key.clone(), lists)
        })
        .collect()
}

/// Unweighted items go last.
fn weight(w: Option<i64>) -> i64 {
    w.unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::{PageMeta, SectionMeta};
    use crate::heads::test_head;
    use jiayuan_core::yaml::At;

    fn section(
        key: &str,
        parent: Option<&str>,
        sort_by: SortBy,
        weight: Option<i64>,
    ) -> SectionHead {
        SectionHead {
            key: key.into(),
            file: None,
            meta: SectionMeta {
                sort_by,
                weight,
                ..SectionMeta::default()
            },
            title: key.into(),
            path: jiayuan_core::paths::section_path(key),
            parent: parent.map(Into::into),
        }
    }

    fn page(rel: &str, title: &str, weight: Option<i64>, date: Option<&str>) -> (String, PageHead) {
        let meta = PageMeta {
            title: At::unplaced(title.into()),
            weight,
            ..PageMeta::default()
        };
        (rel.into(), test_head(rel, meta, date))
    }

    #[test]
    fn pages_follow_sort_by_with_the_path_breaking_ties() {
        let pages: BTreeMap<String, PageHead> = [
            page("news/b.md", "乙", Some(2), Some("2022-05-01")),
            page("news/a.md", "甲", None, Some("2022-05-01")),
            page("news/c.md", "丙", Some(1), Some("2022-06-01")),
            page("news/d.md", "丁", None, None),
        ]
        .into_iter()
        .collect();
        for (sort_by, expected) in [
            // Newest first; same date by path; undated last.
            (
                SortBy::Date,
                ["news/c.md", "news/a.md", "news/b.md", "news/d.md"],
            ),
            (
                SortBy::Weight,
                ["news/c.md", "news/b.md", "news/a.md", "news/d.md"],
            ),
            // Titles compare as strings (code points: 丁 丙 乙 甲).
            (
                SortBy::Title,
                ["news/d.md", "news/c.md", "news/b.md", "news/a.md"],
            ),
        ] {
            let sections: BTreeMap<String, SectionHead> = [
                ("".to_string(), section("", None, SortBy::Date, None)),
                ("news".to_string(), section("news", Some(""), sort_by, None)),
            ]
            .into_iter()
            .collect();
            let lists = lists(&pages, &sections);
            assert_eq!(lists["news"].pages, expected, "{sort_by:?}");
            assert!(lists[""].pages.is_empty());
        }
    }

    #[test]
    fn subsections_by_weight_then_key() {
        let sections: BTreeMap<String, SectionHead> = [
            section("", None, SortBy::Date, None),
            section("care", Some(""), SortBy::Date, None),
            section("news", Some(""), SortBy::Date, Some(1)),
            section("about", Some(""), SortBy::Date, None),
            section("care/warm-heart", Some("care"), SortBy::Date, None),
        ]
        .into_iter()
        .map(|s| (s.key.clone(), s))
        .collect();
        let lists = lists(&BTreeMap::<String, PageHead>::new(), &sections);
        assert_eq!(lists[""].subsections, ["news", "about", "care"]);
        assert_eq!(lists["care"].subsections, ["care/warm-heart"]);
        assert!(lists["news"].subsections.is_empty());
    }
}
