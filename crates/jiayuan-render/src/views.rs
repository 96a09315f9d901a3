//! Every view handed to templates, serialize-only: they borrow the model, so templates
//! never see internal types and the model can change without breaking a theme.
//! docs/templates.md documents every field.

use std::collections::BTreeMap;

use serde::Serialize;

use chrono_tz::Tz;
use jiayuan_content::markdown::anchors::{toc_html, Heading};
use jiayuan_content::model::{Page, Section, Site};
use jiayuan_core::config::NavItem;
use jiayuan_core::paths::{pager_path, section_path, term_path};
use jiayuan_core::time::{local_date, Moment};

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct Crumb<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct PageRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub description: Option<&'a str>,
    pub summary: &'a str,
    pub city: Option<&'a str>,
    pub author: Option<&'a str>,
    pub section: &'a str,
    pub section_title: &'a str,
    pub tags: Vec<Link>,
    pub reading_minutes: usize,
    /// The cover picture's `url`, and its absolute address for share cards.
    pub cover: Option<String>,
    pub cover_permalink: Option<String>,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub base: PageRef<'a>,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub toc_html: String,
    pub char_count: usize,
    pub word_count: usize,
    pub updated: Option<String>,
    pub categories: Vec<Link>,
    pub ancestors: Vec<Crumb<'a>>,
    pub earlier: Option<PageRef<'a>>,
    pub later: Option<PageRef<'a>>,
    pub related: Vec<PageRef<'a>>,
}

#[derive(Serialize)]
pub struct SubsectionRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
    pub page_count: usize,
}

#[derive(Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub content: &'a str,
    pub url: String,
    pub permalink: String,
    pub key: &'a str,
    pub ancestors: Vec<Crumb<'a>>,
    pub subsections: Vec<SubsectionRef<'a>>,
    pub page_count: usize,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
pub struct Pager {
    pub index: usize,
    pub url: String,
}

#[derive(Serialize)]
pub struct Paginator<'a> {
    pub pages: Vec<PageRef<'a>>,
    pub current_index: usize,
    pub number_pagers: usize,
    pub total_pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
    pub pagers: Vec<Pager>,
}

/// `2022-05-29`: the date in the site's time zone.
pub fn date_ymd(d: &Moment, zone: Tz) -> String {
    local_date(d, zone).format("%Y-%m-%d").to_string()
}

/// `2022年5月29日`: the date in the site's time zone, as readers write it.
pub fn date_display(d: &Moment, zone: Tz) -> String {
    use chrono::Datelike;
    let d = local_date(d, zone);
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

pub fn tag_links(site: &Site, taxonomy: &str, names: &[String]) -> Vec<Link> {
    if site.config.taxonomy(taxonomy).is_none() {
        return Vec::new();
    }
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| Link {
            name: n.trim().to_string(),
            url: site.config.url(&term_path(taxonomy, n)),
        })
        .collect()
}

pub fn page_ref<'a>(site: &'a Site, page: &'a Page) -> PageRef<'a> {
    let section = &site.sections[&page.head.section];
    PageRef {
        title: &page.head.meta.title,
        url: site.config.url(&page.head.path),
        permalink: site.config.permalink(&page.head.path),
        date: page.head.date.map(|d| date_ymd(&d, site.config.timezone)),
        date_display: page
            .head
            .date
            .map(|d| date_display(&d, site.config.timezone)),
        description: page.head.meta.description.as_deref(),
        summary: &page.body.summary_html,
        city: page.head.meta.city.as_deref(),
        author: page.head.meta.author.as_deref(),
        section: &page.head.section,
        section_title: &section.head.title,
        tags: tag_links(site, "tags", &page.head.meta.tags),
        reading_minutes: page.body.reading_minutes,
        cover: page.body.cover.as_ref().map(|c| site_file(site, c, false)),
        cover_permalink: page.body.cover.as_ref().map(|c| site_file(site, c, true)),
        extra: &page.head.meta.extra,
    }
}

/// A site path (`/news/x/a.png`) as a `url` or a `permalink`; an address kept as written.
fn site_file(site: &Site, path: &str, absolute: bool) -> String {
    match path.starts_with('/') {
        true if absolute => site.config.permalink(path),
        true => site.config.url(path),
        false => path.to_string(),
    }
}

/// Breadcrumbs from the home page down to (and including) section `key`.
pub fn ancestors<'a>(site: &'a Site, key: &str, include_self: bool) -> Vec<Crumb<'a>> {
    let mut chain = Vec::new();
    let mut current = Some(key.to_string());
    while let Some(k) = current {
        let s = &site.sections[&k];
        chain.push(Crumb {
            title: &s.head.title,
            url: site.config.url(&s.head.path),
        });
        current = s.head.parent.clone();
    }
    chain.reverse();
    if !include_self {
        chain.pop();
    }
    chain
}

pub fn page_view<'a>(site: &'a Site, page: &'a Page) -> PageView<'a> {
    let section = &site.sections[&page.head.section];
    let pos = Some(page.index_in_section);
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| section.pages.get(i))
            .map(|k| page_ref(site, &site.pages[k]))
    };
    PageView {
        base: page_ref(site, page),
        content: &page.body.html,
        toc: &page.body.toc,
        toc_html: toc_html(&page.body.toc),
        char_count: page.body.han_chars,
        word_count: page.body.words,
        updated: page
            .head
            .updated
            .map(|d| date_ymd(&d, site.config.timezone)),
        categories: tag_links(site, "categories", &page.head.meta.categories),
        ancestors: ancestors(site, &page.head.section, true),
        // Lists run newest first, so the earlier page is the next one in the list.
        earlier: neighbour(pos.map(|i| i + 1)),
        later: neighbour(pos.and_then(|i| i.checked_sub(1))),
        related: page
            .related
            .iter()
            .map(|k| page_ref(site, &site.pages[k]))
            .collect(),
    }
}

pub fn section_view<'a>(site: &'a Site, section: &'a Section) -> SectionView<'a> {
    SectionView {
        title: &section.head.title,
        description: section.head.meta.description.as_deref(),
        content: &section.html,
        url: site.config.url(&section.head.path),
        permalink: site.config.permalink(&section.head.path),
        key: &section.head.key,
        ancestors: ancestors(site, &section.head.key, false),
        subsections: section
            .subsections
            .iter()
            .map(|k| {
                let s = &site.sections[k];
                SubsectionRef {
                    title: &s.head.title,
                    url: site.config.url(&s.head.path),
                    description: s.head.meta.description.as_deref(),
                    page_count: s.pages.len(),
                }
            })
            .collect(),
        page_count: section.pages.len(),
        extra: &section.head.meta.extra,
    }
}

pub fn paginator<'a>(
    site: &'a Site,
    base: &str,
    keys: &'a [String],
    per_page: usize,
    index: usize,
) -> Paginator<'a> {
    let per_page = per_page.max(1);
    let total_pages = keys.len().div_ceil(per_page).max(1);
    let url = |i: usize| site.config.url(&pager_path(base, i));
    Paginator {
        pages: keys
            .iter()
            .skip((index - 1) * per_page)
            .take(per_page)
            .map(|k| page_ref(site, &site.pages[k]))
            .collect(),
        current_index: index,
        number_pagers: total_pages,
        total_pages,
        previous: (index > 1).then(|| url(index - 1)),
        next: (index < total_pages).then(|| url(index + 1)),
        first: url(1),
        last: url(total_pages),
        pagers: (1..=total_pages)
            .map(|i| Pager {
                index: i,
                url: url(i),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(crate) struct ConfigView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) language: &'a str,
    pub(crate) author: &'a str,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) footer: Vec<NavItem>,
    pub(crate) taxonomies: Vec<TaxonomyView<'a>>,
    pub(crate) contest: &'a jiayuan_core::config::ContestConfig,
    pub(crate) extra: &'a toml::Table,
}

#[derive(Serialize)]
pub struct HomeSection<'a> {
    title: &'a str,
    url: String,
    key: &'a str,
    description: Option<&'a str>,
    pages: Vec<PageRef<'a>>,
}

/// The newest pages site-wide and the top-level sections in menu order, for the home page.
pub(crate) fn home_data(site: &Site) -> (Vec<PageRef<'_>>, Vec<HomeSection<'_>>) {
    let mut all: Vec<&Page> = site.pages.values().collect();
    all.sort_by(|a, b| {
        b.head
            .date
            .cmp(&a.head.date)
            .then_with(|| a.head.file.rel.cmp(&b.head.file.rel))
    });
    let latest = all.iter().take(20).map(|p| page_ref(site, p)).collect();
    let order = |key: &str| {
        let url = site.config.url(&section_path(key));
        site.config
            .nav
            .iter()
            .position(|n| site.config.url(&n.url) == url)
            .unwrap_or(usize::MAX)
    };
    let mut tops: Vec<&String> = site.sections[""].subsections.iter().collect();
    tops.sort_by_key(|k| order(k));
    let sections = tops
        .into_iter()
        .map(|key| {
            let s = &site.sections[key];
            let mut keys: Vec<&String> = s.pages.iter().collect();
            for sub in &s.subsections {
                keys.extend(site.sections[sub].pages.iter());
            }
            keys.sort_by(|a, b| {
                site.pages[*b]
                    .head
                    .date
                    .cmp(&site.pages[*a].head.date)
                    .then_with(|| a.cmp(b))
            });
            HomeSection {
                title: &s.head.title,
                url: site.config.url(&s.head.path),
                key: &s.head.key,
                description: s.head.meta.description.as_deref(),
                pages: keys
                    .into_iter()
                    .take(6)
                    .map(|k| page_ref(site, &site.pages[k]))
                    .collect(),
            }
        })
        .collect();
    (latest, sections)
}

#[derive(Serialize)]
pub(crate) struct TaxonomyView<'a> {
    pub(crate) name: &'a str,
    pub(crate) title: &'a str,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) count: usize,
}
