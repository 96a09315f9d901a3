//! Related pages: the five sharing the most tags, newest first among equals.
//!
//! Computed once for the whole site with page numbers and a dense counter per thread:
//! the per-page hash-map version spent most of a 10,000-page build hashing keys.

use rayon::prelude::*;

use crate::model::{Page, Site};

const RELATED: usize = 5;

pub fn compute(site: &mut Site) {
    let Some(tags) = site.taxonomies.iter().find(|t| t.name == "tags") else {
        return;
    };
    let keys: Vec<&String> = site.pages.keys().collect();
    let index: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let pages: Vec<&Page> = site.pages.values().collect();
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
    let related: Vec<Vec<String>> = (0..pages.len())
        .into_par_iter()
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
                let mut ranked: Vec<(u32, usize)> =
                    touched.iter().map(|&i| (counts[i], i)).collect();
                for &i in touched.iter() {
                    counts[i] = 0;
                }
                touched.clear();
                let order = |a: &(u32, usize), b: &(u32, usize)| {
                    b.0.cmp(&a.0)
                        .then_with(|| pages[b.1].date.cmp(&pages[a.1].date))
                        .then_with(|| a.1.cmp(&b.1))
                };
                if ranked.len() > RELATED {
                    ranked.select_nth_unstable_by(RELATED - 1, order);
                    ranked.truncate(RELATED);
                }
                ranked.sort_by(order);
                ranked.into_iter().map(|(_, i)| keys[i].clone()).collect()
            },
        )
        .collect();
    for (page, list) in site.pages.values_mut().zip(related) {
        page.related = list;
    }
}
