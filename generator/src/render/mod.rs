//! Rendering: one task per output file, in parallel, into the staging folder.

pub mod escape;
pub mod feeds;
pub mod stats;
pub mod templates;
pub mod views;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::NavItem;
use crate::diagnostic::Diagnostic;
use crate::model::{Page, Site};
use crate::output::Staging;
use views::{page_ref, pager_path, paginator, section_view};

#[derive(Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    author: &'a str,
    nav: Vec<NavItem>,
    contest: &'a crate::config::ContestConfig,
    extra: &'a toml::Table,
}

/// Values every template sees besides the site: asset URLs and the contests.
#[derive(Default)]
pub struct Globals {
    pub assets: crate::assets::AssetUrls,
    pub contests: Vec<crate::quiz::ContestInfo>,
}

/// Context shared by every template.
fn base_context(site: &Site, globals: &Globals) -> Context {
    let c = &site.config;
    let fix = |item: &NavItem| NavItem {
        name: item.name.clone(),
        url: if item.url.starts_with('/') {
            c.url(&item.url)
        } else {
            item.url.clone()
        },
        children: Vec::new(),
    };
    let nav = c
        .nav
        .iter()
        .map(|item| NavItem {
            children: item.children.iter().map(fix).collect(),
            ..fix(item)
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert(
        "config",
        &ConfigView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            author: &c.author,
            nav,
            contest: &c.contest,
            extra: &c.extra,
        },
    );
    ctx.insert("root_url", &c.url("/"));
    ctx.insert("feed_url", &c.url("/atom.xml"));
    ctx.insert("assets", &globals.assets);
    ctx.insert("contests", &globals.contests);
    ctx
}

struct Job<'a> {
    base: &'a Context,
    tera: &'a Tera,
    site: &'a Site,
    out: &'a Staging,
}

impl Job<'_> {
    fn render(
        &self,
        template: &str,
        path: &str,
        extend: impl FnOnce(&mut Context),
        origin: &Path,
    ) -> Result<(), Diagnostic> {
        let mut ctx = self.base.clone();
        ctx.insert("current_url", &self.site.config.url(path));
        ctx.insert("current_permalink", &self.site.config.permalink(path));
        extend(&mut ctx);
        let html = self.tera.render(template, &ctx).map_err(|e| {
            Diagnostic::error(origin, format!("cannot render with template `{template}`: {}", templates::error_chain(&e)))
                .help("check the variable names against docs/templates.md; guard optional values with {% if … %}")
        })?;
        self.out.write_page(path, html.as_bytes())
    }
}

/// Renders every page, list, feed and redirect. Returns the diagnostics of failed files.
pub fn render_site(site: &Site, tera: &Tera, globals: &Globals, out: &Staging) -> Vec<Diagnostic> {
    let base = base_context(site, globals);
    let job = Job {
        base: &base,
        tera,
        site,
        out,
    };
    let mut diags: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter_map(|(_, page)| render_page(&job, page).err())
        .collect();
    let sections: Vec<&String> = site.sections.keys().collect();
    diags.extend(
        sections
            .par_iter()
            .flat_map_iter(|key| render_section(&job, key))
            .collect::<Vec<_>>(),
    );
    diags.extend(render_taxonomies(&job));
    diags.extend(render_aliases(&job));
    if let Err(d) = job.render("404.html", "/404.html", |_| {}, Path::new("404.html")) {
        diags.push(d);
    }
    // The search page needs the theme's script, so there is no built-in fallback for it.
    if tera.get_template("search.html").is_ok() {
        let search_page = crate::search::page_context(site);
        if let Err(d) = job.render(
            "search.html",
            "/search/",
            |ctx| ctx.insert("search", &search_page),
            Path::new("search.html"),
        ) {
            diags.push(d);
        }
    }
    let stats = stats::collect(site);
    if let Err(d) = job.render(
        "stats.html",
        "/stats/",
        |ctx| ctx.insert("stats", &stats),
        Path::new("stats.html"),
    ) {
        diags.push(d);
    }
    diags.extend(feeds::write_all(site, out));
    diags
}

fn render_page(job: &Job<'_>, page: &Page) -> Result<(), Diagnostic> {
    let section = &job.site.sections[&page.section];
    let template = page
        .meta
        .template
        .as_deref()
        .or(section.meta.page_template.as_deref())
        .unwrap_or("page.html");
    if job.tera.get_template(template).is_err() {
        let line = page.file.text[..page.file.body_offset]
            .lines()
            .position(|l| l.starts_with("template:"))
            .map_or(1, |i| i + 1);
        return Err(Diagnostic::error(&page.file.shown, format!("template `{template}` does not exist"))
            .at(line, 1)
            .with_source(page.file.text.clone())
            .help("add the template under templates/ or the theme's templates/, or remove `template:` to use page.html"));
    }
    let view = views::page_view(job.site, page);
    job.render(
        template,
        &page.path,
        |ctx| ctx.insert("page", &view),
        &page.file.shown,
    )
}

fn render_section(job: &Job<'_>, key: &str) -> Vec<Diagnostic> {
    let site = job.site;
    let section = &site.sections[key];
    let default = if key.is_empty() {
        "index.html"
    } else {
        "section.html"
    };
    let template = section.meta.template.as_deref().unwrap_or(default);
    let origin = section
        .file
        .as_ref()
        .map_or_else(|| Path::new("content").join(key), |f| f.shown.clone());
    if job.tera.get_template(template).is_err() {
        return vec![Diagnostic::error(origin, format!("template `{template}` does not exist"))
            .help("add the template under templates/ or the theme's templates/, or remove `template:`")];
    }
    let per_page = section
        .meta
        .paginate_by
        .unwrap_or(site.config.paginate_by)
        .max(1);
    let total = section.pages.len().div_ceil(per_page).max(1);
    let view = section_view(site, section);
    let home = key.is_empty().then(|| home_data(site));
    (1..=total)
        .filter_map(|index| {
            let path = pager_path(&section.path, index);
            let pag = paginator(site, &section.path, &section.pages, per_page, index);
            job.render(
                template,
                &path,
                |ctx| {
                    ctx.insert("section", &view);
                    ctx.insert("paginator", &pag);
                    if let Some((latest, sections)) = &home {
                        ctx.insert("latest", latest);
                        ctx.insert("sections", sections);
                    }
                },
                &origin,
            )
            .err()
        })
        .collect()
}

#[derive(Serialize)]
struct HomeSection<'a> {
    title: &'a str,
    url: String,
    key: &'a str,
    description: Option<&'a str>,
    pages: Vec<views::PageRef<'a>>,
}

/// The newest pages site-wide and the top-level sections in menu order, for the home page.
fn home_data(site: &Site) -> (Vec<views::PageRef<'_>>, Vec<HomeSection<'_>>) {
    let mut all: Vec<&Page> = site.pages.values().collect();
    all.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.file.rel.cmp(&b.file.rel))
    });
    let latest = all.iter().take(20).map(|p| page_ref(site, p)).collect();
    let order = |key: &str| {
        let url = site.config.url(&crate::model::Site::section_path(key));
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
                    .date
                    .cmp(&site.pages[*a].date)
                    .then_with(|| a.cmp(b))
            });
            HomeSection {
                title: &s.title,
                url: site.config.url(&s.path),
                key: &s.key,
                description: s.meta.description.as_deref(),
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
struct TaxonomyView<'a> {
    name: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

fn render_taxonomies(job: &Job<'_>) -> Vec<Diagnostic> {
    let site = job.site;
    let mut diags = Vec::new();
    for tax in &site.taxonomies {
        let tax_path = format!("/{}/", tax.name);
        let tview = TaxonomyView {
            name: &tax.name,
            title: &tax.title,
            url: site.config.url(&tax_path),
        };
        let mut terms: Vec<TermView<'_>> = tax
            .terms
            .iter()
            .map(|(name, pages)| TermView {
                name,
                url: site
                    .config
                    .url(&crate::model::Site::term_path(&tax.name, name)),
                count: pages.len(),
            })
            .collect();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
        let origin = Path::new("site.toml");
        if let Err(d) = job.render(
            "taxonomy_list.html",
            &tax_path,
            |ctx| {
                ctx.insert("taxonomy", &tview);
                ctx.insert("terms", &terms);
            },
            origin,
        ) {
            diags.push(d);
        }
        let jobs: Vec<(&String, &Vec<String>, usize)> = tax
            .terms
            .iter()
            .flat_map(|(name, pages)| {
                (1..=pages.len().div_ceil(tax.paginate_by).max(1)).map(move |i| (name, pages, i))
            })
            .collect();
        diags.extend(
            jobs.par_iter()
                .filter_map(|(name, pages, index)| {
                    let base = crate::model::Site::term_path(&tax.name, name);
                    let term = TermView {
                        name,
                        url: site.config.url(&base),
                        count: pages.len(),
                    };
                    let pag = paginator(site, &base, pages, tax.paginate_by, *index);
                    job.render(
                        "taxonomy_term.html",
                        &pager_path(&base, *index),
                        |ctx| {
                            ctx.insert("taxonomy", &tview);
                            ctx.insert("term", &term);
                            ctx.insert("paginator", &pag);
                        },
                        origin,
                    )
                    .err()
                })
                .collect::<Vec<_>>(),
        );
    }
    diags
}

/// Normalises an alias to a site path: `old/a` → `/old/a/`; `x.html` stays a file.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.ends_with(".html") {
        format!("/{trimmed}")
    } else {
        format!("/{}/", trimmed.trim_end_matches('/'))
    }
}

fn render_aliases(job: &Job<'_>) -> Vec<Diagnostic> {
    let site = job.site;
    let mut diags = Vec::new();
    for page in site.pages.values() {
        for alias in &page.meta.aliases {
            let path = alias_path(alias);
            let target = site.config.url(&page.path);
            if let Err(d) = job.render(
                "alias.html",
                &path,
                |ctx| ctx.insert("target", &target),
                &page.file.shown,
            ) {
                diags.push(d);
            }
        }
    }
    diags
}
