//! Sections: one per folder holding content, their order, and the URLs they claim.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::key_line;
use super::walk::Entry;
use crate::frontmatter::{SectionMeta, SortBy};
use crate::markdown;
use crate::model::{Page, Section, Site, SourceFile};
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::paths::{parent_dir, section_path};

pub(super) fn build_sections(
    entries: &[Entry],
    pages: &BTreeMap<String, Page>,
    mut files: BTreeMap<String, (SourceFile, SectionMeta)>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Section> {
    let mut keys: BTreeSet<String> = BTreeSet::from([String::new()]);
    let mut mark = |mut dir: &str| loop {
        keys.insert(dir.to_string());
        if dir.is_empty() {
            break;
        }
        dir = parent_dir(dir);
    };
    for page in pages.values() {
        mark(&page.section);
    }
    for key in files.keys() {
        mark(key);
    }
    for e in entries {
        if let Entry::Dir { rel } = e {
            if keys.contains(rel) && !files.contains_key(rel) && !rel.is_empty() {
                diags.push(
                    Diagnostic::warning(format!("content/{rel}"), "this folder has no _index.md, so the section takes the folder name as its title")
                        .help(format!("create content/{rel}/_index.md with `title:` and `description:`")),
                );
            }
        }
    }
    keys.into_iter()
        .map(|key| {
            let (file, meta) = match files.remove(&key) {
                Some((f, m)) => (Some(f), m),
                None => (None, SectionMeta::default()),
            };
            let folder = key.rsplit('/').next().unwrap_or("").to_string();
            let title = meta.title.clone().unwrap_or_else(|| {
                if key.is_empty() {
                    config.title.clone()
                } else {
                    folder
                }
            });
            let section = Section {
                path: section_path(&key),
                parent: (!key.is_empty()).then(|| parent_dir(&key).to_string()),
                key: key.clone(),
                file,
                meta,
                title,
                html: String::new(),
                pages: Vec::new(),
                subsections: Vec::new(),
            };
            (key, section)
        })
        .collect()
}

/// Two files may not claim the same URL.
pub(super) fn check_paths(
    pages: &BTreeMap<String, Page>,
    sections: &BTreeMap<String, Section>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for s in sections.values() {
        seen.insert(
            &s.path,
            s.file.as_ref().map_or(s.key.as_str(), |f| f.rel.as_str()),
        );
    }
    for page in pages.values() {
        if let Some(first) = seen.insert(&page.path, &page.file.rel) {
            let line = page.meta.slug.as_ref().map_or(1, |_| {
                key_line(&page.file.text, page.file.body_offset, "slug")
            });
            diags.push(
                Diagnostic::error(
                    &page.file.shown,
                    format!("duplicate URL {}: content/{first} has it too", page.path),
                )
                .at(line, 1)
                .with_source(page.file.text.clone())
                .help("give one of the pages a different file name or `slug:`"),
            );
        }
    }
}

pub(super) fn order_sections(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let mut by_section: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, page) in &site.pages {
        by_section
            .entry(page.section.clone())
            .or_default()
            .push(key.clone());
    }
    let mut targets: HashMap<String, String> = site
        .pages
        .iter()
        .map(|(k, p)| (k.clone(), site.config.url(&p.path)))
        .collect();
    for s in site.sections.values() {
        let rel = if s.key.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{}/_index.md", s.key)
        };
        targets.insert(rel, site.config.url(&s.path));
    }
    let resolve = |p: &str| targets.get(p).cloned();
    let keys: Vec<String> = site.sections.keys().cloned().collect();
    for key in &keys {
        let mut list = by_section.remove(key).unwrap_or_default();
        let sort_by = site.sections[key].meta.sort_by;
        list.sort_by(|a, b| {
            let (pa, pb) = (&site.pages[a], &site.pages[b]);
            let primary = match sort_by {
                SortBy::Date => pb.date.cmp(&pa.date),
                SortBy::Weight => pa
                    .meta
                    .weight
                    .unwrap_or(i64::MAX)
                    .cmp(&pb.meta.weight.unwrap_or(i64::MAX)),
                SortBy::Title => pa.meta.title.cmp(&pb.meta.title),
            };
            primary.then_with(|| a.cmp(b))
        });
        let mut subs: Vec<String> = keys
            .iter()
            .filter(|k| site.sections[*k].parent.as_deref() == Some(key.as_str()))
            .cloned()
            .collect();
        subs.sort_by(|a, b| {
            let (sa, sb) = (&site.sections[a], &site.sections[b]);
            sa.meta
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&sb.meta.weight.unwrap_or(i64::MAX))
                .then_with(|| a.cmp(b))
        });
        for (i, k) in list.iter().enumerate() {
            if let Some(p) = site.pages.get_mut(k) {
                p.index_in_section = i;
            }
        }
        let section = site.sections.get_mut(key).expect("key listed above");
        section.pages = list;
        section.subsections = subs;
        if let Some(file) = &section.file {
            let input = markdown::Input {
                shown: &file.shown,
                file_text: &file.text,
                body_offset: file.body_offset,
                dir: &section.key,
            };
            let rendered = markdown::render(&input, &resolve);
            diags.extend(rendered.diagnostics);
            section.html = rendered.html;
        }
    }
}
