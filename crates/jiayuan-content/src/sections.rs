//! Sections: one per folder holding content, and the URLs pages and sections claim.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::frontmatter::SectionMeta;
use crate::heads::{PageHead, SectionHead};
use crate::model::SourceFile;
use crate::walk::Entry;
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
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
                    Diagnostic::warning(format!("content/{rel}"), msg!("section-no-index")).help(
                        msg!("section-no-index-help", folder = format!("content/{rel}")),
                    ),
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
            let title = section_title(&key, &meta, config);
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

/// A section's title: its `_index.md`'s, else the site's for the root and the folder's
/// name for any other.
pub(crate) fn section_title(key: &str, meta: &SectionMeta, config: &Config) -> String {
    meta.title.clone().unwrap_or_else(|| {
        if key.is_empty() {
            config.title.clone()
        } else {
            key.rsplit('/').next().unwrap_or("").to_string()
        }
    })
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
                Diagnostic::error(&page.file.shown, msg!("fm-empty-slug"))
                    .at(line, column)
                    .with_source(page.file.text.clone())
                    .help(msg!("fm-empty-slug-help")),
            );
            continue;
        }
        if let Some(first) = seen.insert(&page.path, &page.file.rel) {
            let line = page.meta.slug.as_ref().map_or(1, |s| page.file.place(s).0);
            diags.push(
                Diagnostic::error(
                    &page.file.shown,
                    msg!(
                        "duplicate-url",
                        path = &page.path,
                        other = format!("content/{first}")
                    ),
                )
                .at(line, 1)
                .with_source(page.file.text.clone())
                .help(msg!("duplicate-url-help")),
            );
        }
    }
}
