//! Sections: one per folder holding content, and the URLs pages and sections claim.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::frontmatter::SectionMeta;
use crate::heads::{PageHead, SectionHead};
use crate::model::SourceFile;
use crate::walk::Entry;
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::paths::{parent_dir, section_path};

pub(crate) fn section_heads(
    entries: &[Entry],
    pages: &BTreeMap<String, PageHead>,
    mut files: BTreeMap<String, (SourceFile, SectionMeta)>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, SectionHead> {
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
            let section = SectionHead {
                path: section_path(&key),
                parent: (!key.is_empty()).then(|| parent_dir(&key).to_string()),
                key: key.clone(),
                file,
                meta,
                title,
            };
            (key, section)
        })
        .collect()
}

/// Two files may not claim the same URL.
pub(crate) fn check_paths(
    pages: &BTreeMap<String, PageHead>,
    sections: &BTreeMap<String, SectionHead>,
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
        if let Some(slug) = page
            .meta
            .slug
            .as_ref()
            .filter(|s| s.value.trim().is_empty())
        {
            let (line, column) = page.file.place(slug);
            diags.push(
                Diagnostic::error(&page.file.shown, "`slug` is empty, so the page would take its section's URL")
                    .at(line, column)
                    .with_source(page.file.text.clone())
                    .help("write a slug such as `slug: three-child-policy`, or remove the line to use the file name"),
            );
            continue;
        }
        if let Some(first) = seen.insert(&page.path, &page.file.rel) {
            let line = page.meta.slug.as_ref().map_or(1, |s| page.file.place(s).0);
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
