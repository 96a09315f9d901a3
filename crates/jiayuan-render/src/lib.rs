//! jiayuan's third stage: the site model through tera into pages, lists, feeds, the
//! sitemap, the statistics and the search page. One task per output file, in parallel,
//! into the staging folder. Depends on jiayuan-core and jiayuan-content.

pub mod feeds;
mod pages;
pub mod search_page;
pub mod select;
pub mod shortcodes;
pub mod stats;
pub mod templates;
pub mod views;
#[cfg(test)]
mod views_tests;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;
pub use tera::Tera;

use jiayuan_content::model::Site;
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::config::NavItem;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
use views::{ConfigView, TaxonomyView};

/// URLs of the embedded WebAssembly and glue, for templates (`assets.quiz_js` …).
#[derive(Debug, Clone, Serialize, Default)]
pub struct AssetUrls {
    pub quiz_js: String,
    pub quiz_wasm: String,
    pub search_js: String,
    pub search_wasm: String,
}

/// What templates learn about one contest or practice set (`contests`).
#[derive(Debug, Clone, Serialize)]
pub struct ContestInfo {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// `contest` or `practice`.
    pub mode: String,
    pub question_count: usize,
    pub time_limit_seconds: u32,
    pub question_time_limit_seconds: Option<u32>,
    pub pass_mark: f64,
    pub attempts_per_day: u32,
    /// Root-relative URL of the bundle JSON; empty when a server runs the contest.
    pub data_url: String,
    /// The contest server's API root, for `mode: contest` contests when `[contest]
    /// server` is set: the browser then never holds this contest's questions or keys.
    pub server: Option<String>,
    /// RFC 3339 times between which the server accepts attempts.
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
}

/// Values every template sees besides the site: asset URLs and the contests.
#[derive(Default)]
pub struct Globals {
    pub assets: AssetUrls,
    pub contests: Vec<ContestInfo>,
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
    let footer = c.footer.iter().map(fix).collect();
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
            footer,
            taxonomies: c
                .taxonomies
                .iter()
                .map(|t| TaxonomyView {
                    name: &t.name,
                    title: t.title.as_deref().unwrap_or(&t.name),
                    url: c.url(&format!("/{}/", t.name)),
                })
                .collect(),
            contest: &c.contest,
            extra: &c.extra,
        },
    );
    ctx.insert("root_url", &c.url("/"));
    ctx.insert("root_permalink", &c.permalink("/"));
    ctx.insert("feed_url", &c.url("/atom.xml"));
    ctx.insert("assets", &globals.assets);
    ctx.insert("contests", &globals.contests);
    ctx
}

pub(crate) struct Job<'a> {
    pub(crate) base: &'a Context,
    pub(crate) tera: &'a Tera,
    pub(crate) site: &'a Site,
    pub(crate) out: &'a Staging,
}

impl Job<'_> {
    pub(crate) fn render(
        &self,
        template: &str,
        path: &str,
        extend: impl FnOnce(&mut Context),
        owner: Owner,
    ) -> Result<(), Diagnostic> {
        let origin = &owner.file;
        let mut ctx = self.base.clone();
        ctx.insert("current_url", &self.site.config.url(path));
        ctx.insert("current_permalink", &self.site.config.permalink(path));
        extend(&mut ctx);
        let html = self.tera.render(template, &ctx).map_err(|e| {
            Diagnostic::error(
                origin,
                msg!(
                    "template-render",
                    template = template,
                    detail = templates::error_chain(&e)
                ),
            )
            .help(msg!("template-render-help"))
        })?;
        self.out.write_page(path, html.as_bytes(), owner)
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
        .filter_map(|(_, page)| pages::render_page(&job, page).err())
        .collect();
    let sections: Vec<&String> = site.sections.keys().collect();
    diags.extend(
        sections
            .par_iter()
            .flat_map_iter(|key| pages::render_section(&job, key, &|_| true))
            .collect::<Vec<_>>(),
    );
    diags.extend(pages::render_taxonomies(&job));
    diags.extend(pages::render_aliases(&job));
    diags.extend(render_404(&job));
    // The search page needs the theme's script, so there is no built-in fallback for it.
    if tera.get_template("search.html").is_ok() {
        let search_page = search_page::page_context(site);
        if let Err(d) = job.render(
            "search.html",
            "/search/",
            |ctx| ctx.insert("search", &search_page),
            generated(msg!("owner-search-page"), "search.html"),
        ) {
            diags.push(d);
        }
    }
    diags.extend(render_generated(&job));
    diags
}

fn render_404(job: &Job<'_>) -> Option<Diagnostic> {
    job.render(
        "404.html",
        "/404.html",
        |_| {},
        generated(msg!("owner-404-page"), "404.html"),
    )
    .err()
}

/// What every change of a page's list entry touches: the statistics page, the feeds, the
/// sitemap and robots.txt.
fn render_generated(job: &Job<'_>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let stats = stats::collect(job.site);
    if let Err(d) = job.render(
        "stats.html",
        "/stats/",
        |ctx| ctx.insert("stats", &stats),
        generated(msg!("owner-stats-page"), "stats.html"),
    ) {
        diags.push(d);
    }
    diags.extend(feeds::write_all(job.site, job.out));
    diags
}

/// The owner of a file every build writes, named after its template.
fn generated(label: Msg, template: &str) -> Owner {
    Owner::new(Kind::Generated, label, template)
}
