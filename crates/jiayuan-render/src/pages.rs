//! One render job per page, section page, taxonomy page and alias.

use std::path::Path;

use rayon::prelude::*;

use crate::views::{self, home_data, paginator, section_view, TaxonomyView, TermView};
use crate::Job;
use jiayuan_content::model::{Page, Site, Taxonomy};
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::{line_col, Diagnostic};
use jiayuan_core::msg;
use jiayuan_core::paths::{alias_path, pager_path, term_path};

pub(crate) fn render_page(job: &Job<'_>, page: &Page) -> Result<(), Diagnostic> {
    let section = &job.site.sections[&page.head.section];
    let own = page.head.meta.template.as_ref();
    let template = own
        .map(|t| t.as_str())
        .or(section.head.meta.page_template.as_deref())
        .unwrap_or("page.html");
    if job.tera.get_template(template).is_err() {
        let (line, column) = own.map_or((1, 1), |t| page.head.file.place(t));
        return Err(Diagnostic::error(
            &page.head.file.shown,
            msg!("template-missing", template = template),
        )
        .at(line, column)
        .with_source(page.head.file.text.clone())
        .help(msg!("template-missing-page-help")));
    }
    let view = views::page_view(job.site, page);
    let mut owner = Owner::new(
        Kind::Page,
        msg!("owner-page", file = &page.head.file.shown),
        &page.head.file.shown,
    );
    if let Some(slug) = &page.head.meta.slug {
        owner = owner.at(page.head.file.place(slug), page.head.file.text.clone());
    }
    job.render(
        template,
        &page.head.path,
        |ctx| ctx.insert("page", &view),
        owner,
    )
}

/// How many pages a section's list shows per pager.
pub fn section_per_page(site: &Site, key: &str) -> usize {
    let section = &site.sections[key];
    section
        .head
        .meta
        .paginate_by
        .unwrap_or(site.config.paginate_by)
        .max(1)
}

/// Every pager of a section's list, or those `wanted` says.
pub(crate) fn render_section(
    job: &Job<'_>,
    key: &str,
    wanted: &(dyn Fn(usize) -> bool + Sync),
) -> Vec<Diagnostic> {
    let site = job.site;
    let section = &site.sections[key];
    let default = if key.is_empty() {
        "index.html"
    } else {
        "section.html"
    };
    let template = section.head.meta.template.as_deref().unwrap_or(default);
    let origin = section
        .head
        .file
        .as_ref()
        .map_or_else(|| Path::new("content").join(key), |f| f.shown.clone());
    if job.tera.get_template(template).is_err() {
        return vec![
            Diagnostic::error(origin, msg!("template-missing", template = template))
                .help(msg!("template-missing-section-help")),
        ];
    }
    let per_page = section_per_page(site, key);
    let total = section.pages.len().div_ceil(per_page).max(1);
    let view = section_view(site, section);
    let home = key.is_empty().then(|| home_data(site));
    (1..=total)
        .filter(|index| wanted(*index))
        .filter_map(|index| {
            let path = pager_path(&section.head.path, index);
            let pag = paginator(site, &section.head.path, &section.pages, per_page, index);
            let shown = origin.display();
            let label = if index == 1 {
                msg!("owner-section", file = shown.to_string())
            } else {
                msg!(
                    "owner-section-pager",
                    index = index,
                    file = shown.to_string()
                )
            };
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
                Owner::new(Kind::Section, label, &origin),
            )
            .err()
        })
        .collect()
}

pub(crate) fn render_taxonomies(job: &Job<'_>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for tax in &job.site.taxonomies {
        diags.extend(render_taxonomy_list(job, tax));
        let jobs: Vec<(&String, usize)> = tax
            .terms
            .iter()
            .flat_map(|(name, pages)| (1..=term_pagers(tax, pages)).map(move |i| (name, i)))
            .collect();
        diags.extend(
            jobs.par_iter()
                .filter_map(|(name, index)| render_term_pager(job, tax, name, *index).err())
                .collect::<Vec<_>>(),
        );
    }
    diags
}

/// How many pagers a term's list has.
pub fn term_pagers(tax: &Taxonomy, pages: &[String]) -> usize {
    pages.len().div_ceil(tax.paginate_by).max(1)
}

fn taxonomy_view<'a>(site: &Site, tax: &'a Taxonomy) -> TaxonomyView<'a> {
    TaxonomyView {
        name: &tax.name,
        title: &tax.title,
        url: site.config.url(&format!("/{}/", tax.name)),
    }
}

/// A taxonomy's page listing its terms, most used first.
pub(crate) fn render_taxonomy_list(job: &Job<'_>, tax: &Taxonomy) -> Option<Diagnostic> {
    let site = job.site;
    let tview = taxonomy_view(site, tax);
    let mut terms: Vec<TermView<'_>> = tax
        .terms
        .iter()
        .map(|(name, pages)| TermView {
            name,
            url: site.config.url(&term_path(&tax.name, name)),
            count: pages.len(),
        })
        .collect();
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
    let list_owner = Owner::new(
        Kind::Taxonomy,
        msg!("owner-taxonomy-list", taxonomy = &tax.name),
        Path::new("site.toml"),
    );
    job.render(
        "taxonomy_list.html",
        &format!("/{}/", tax.name),
        |ctx| {
            ctx.insert("taxonomy", &tview);
            ctx.insert("terms", &terms);
        },
        list_owner,
    )
    .err()
}

/// Pager `index` (from 1) of a term's list.
pub(crate) fn render_term_pager(
    job: &Job<'_>,
    tax: &Taxonomy,
    name: &str,
    index: usize,
) -> Result<(), Diagnostic> {
    let site = job.site;
    let pages = &tax.terms[name];
    let base = term_path(&tax.name, name);
    let term = TermView {
        name,
        url: site.config.url(&base),
        count: pages.len(),
    };
    let tview = taxonomy_view(site, tax);
    let pag = paginator(site, &base, pages, tax.paginate_by, index);
    job.render(
        "taxonomy_term.html",
        &pager_path(&base, index),
        |ctx| {
            ctx.insert("taxonomy", &tview);
            ctx.insert("term", &term);
            ctx.insert("paginator", &pag);
        },
        term_owner(site, &tax.name, name, pages, index),
    )
}

pub(crate) fn render_aliases(job: &Job<'_>) -> Vec<Diagnostic> {
    let site = job.site;
    let mut diags = Vec::new();
    let pages = site
        .pages
        .values()
        .map(|p| (&p.head.meta.aliases, &p.head.path, &p.head.file));
    // Only compatible front matter gives a section aliases (docs/decisions.md).
    let sections = site.sections.values().filter_map(|s| {
        let file = s.head.file.as_ref()?;
        Some((&s.head.meta.aliases, &s.head.path, file))
    });
    for (aliases, target_path, file) in pages.chain(sections) {
        for alias in aliases {
            let path = alias_path(alias);
            let target = site.config.url(target_path);
            let owner = Owner::new(
                Kind::Alias,
                msg!(
                    "owner-alias-named",
                    alias = alias.value.as_str(),
                    file = &file.shown
                ),
                &file.shown,
            )
            .at(file.place(alias), file.text.clone());
            if let Err(d) = job.render(
                "alias.html",
                &path,
                |ctx| ctx.insert("target", &target),
                owner,
            ) {
                diags.push(d);
            }
        }
    }
    diags
}

/// A term page belongs to the term, shown at the first page (newest first) that lists
/// it, where its name is written in the front matter.
fn term_owner(site: &Site, taxonomy: &str, term: &str, pages: &[String], index: usize) -> Owner {
    let label = match index {
        1 => msg!("owner-term", taxonomy = taxonomy, term = term),
        n => msg!(
            "owner-term-pager",
            index = n,
            taxonomy = taxonomy,
            term = term
        ),
    };
    let Some(page) = pages.first().map(|k| &site.pages[k]) else {
        return Owner::new(Kind::Taxonomy, label, "site.toml");
    };
    let file = &page.head.file;
    let front = &file.text[..file.body_offset.min(file.text.len())];
    let owner = Owner::new(Kind::Taxonomy, label, &file.shown);
    match front.find(term) {
        Some(offset) => owner.at(line_col(&file.text, offset), file.text.clone()),
        None => owner,
    }
}
