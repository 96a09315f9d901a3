//! Reading the files of an edit: the heads of edited and new pages and the front matter
//! of edited sections, each checked for what only a full load handles.

use std::path::Path;

use crate::frontmatter::SectionMeta;
use crate::heads::{self, PageHead, Parsed};
use crate::model::{Page, Site, SourceFile};
use crate::LoadOptions;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::yaml::At;

/// What reading one file gave: `Reload` when it is not for an update in place,
/// `Broken` when its mistakes are in `diags`.
pub(super) enum Read<T> {
    Ok(T),
    Broken,
    Reload,
}

impl<T> Read<T> {
    pub(super) fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        match self {
            Read::Ok(x) => Read::Ok(f(x)),
            Read::Broken => Read::Broken,
            Read::Reload => Read::Reload,
        }
    }
}

/// The parsed file at content path `rel`, or `Reload` when it is gone or keeps Hugo keys
/// (a compatible file's kept keys and bare front matter are warned about site-wide: a
/// full load words those warnings).
fn parse(site: &Site, root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Read<Parsed> {
    let content = root.join("content");
    let abs = content.join(rel);
    if !abs.is_file() {
        return Read::Reload;
    }
    let mode = site.config.content.front_matter;
    match heads::parse_file(&content, rel, &abs, mode) {
        Ok(p) if !p.kept.is_empty() || p.bare => Read::Reload,
        Ok(p) => Read::Ok(p.parsed),
        Err(d) => {
            diags.push(d);
            Read::Broken
        }
    }
}

/// The head of the page file at `rel`, loaded (`old`) or new; `Reload` for a file that is
/// a draft or scheduled (a page that goes or stays away).
fn page_head(
    site: &Site,
    root: &Path,
    rel: &str,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Read<PageHead> {
    let (file, meta) = match parse(site, root, rel, diags) {
        Read::Ok(Parsed::Page(file, meta)) => (file, meta),
        Read::Ok(Parsed::Section(..)) | Read::Reload => return Read::Reload,
        Read::Broken => return Read::Broken,
    };
    let mut found = Vec::new();
    let head = heads::page_head(file, *meta, opts, site.config.timezone, &mut found);
    let errors = found.iter().any(Diagnostic::is_error);
    diags.extend(found);
    match head {
        _ if errors => Read::Broken,
        Some(head) => Read::Ok(head),
        None => Read::Reload,
    }
}

fn aliases(a: &[At<String>]) -> Vec<&str> {
    a.iter().map(|s| s.value.as_str()).collect()
}

/// An edited page's head; `Reload` when the edit moves the page or changes its aliases.
pub(super) fn edited(
    site: &Site,
    root: &Path,
    rel: &str,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Read<PageHead> {
    let Some(old) = site.pages.get(rel) else {
        return Read::Reload;
    };
    match page_head(site, root, rel, opts, diags) {
        Read::Ok(head)
            if head.path != old.head.path
                || head.slug != old.head.slug
                || aliases(&head.meta.aliases) != aliases(&old.head.meta.aliases) =>
        {
            Read::Reload
        }
        other => other,
    }
}

/// A new page's head; `Reload` for a page a full load would treat otherwise: a bundle,
/// one with aliases, one in a section that is not loaded, or one whose URL another page
/// or section takes (the full load words that conflict).
pub(super) fn added(
    site: &Site,
    root: &Path,
    rel: &str,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Read<PageHead> {
    if site.pages.contains_key(rel) || rel.ends_with("/index.md") || rel == "index.md" {
        return Read::Reload;
    }
    let head = match page_head(site, root, rel, opts, diags) {
        Read::Ok(head) => head,
        other => return other,
    };
    let taken = site.pages.values().any(|p| {
        p.head.path == head.path || p.head.meta.aliases.iter().any(|a| a.value == head.path)
    }) || site.sections.values().any(|s| s.head.path == head.path);
    let empty_slug = head.meta.slug.as_ref().is_some_and(|s| s.trim().is_empty());
    if !head.meta.aliases.is_empty()
        || !site.sections.contains_key(&head.section)
        || taken
        || empty_slug
    {
        return Read::Reload;
    }
    Read::Ok(head)
}

/// Whether a loaded page can go in place: not a bundle (its files go with it), without
/// aliases, not the last page of a section that only its pages make, and linked from no
/// other page or section (the full load reports those links as broken).
pub(super) fn removable(site: &Site, page: &Page, gone: &[String]) -> bool {
    if page.head.file.rel.ends_with("/index.md") || !page.head.meta.aliases.is_empty() {
        return false;
    }
    let section = &site.sections[&page.head.section];
    let left = section.pages.iter().filter(|k| !gone.contains(k)).count();
    if section.head.file.is_none() && left == 0 && section.subsections.is_empty() {
        return false;
    }
    let url = site.config.url(&page.head.path);
    let fragment = format!("{url}#");
    let links_here = |u: &str| u == url || u.starts_with(&fragment);
    let linked = site
        .pages
        .values()
        .filter(|p| !gone.contains(&p.head.file.rel))
        .any(|p| p.body.links.iter().any(|l| links_here(&l.url)));
    let quoted = [format!("\"{url}\""), format!("\"{fragment}")];
    let in_section = site
        .sections
        .values()
        .any(|s| quoted.iter().any(|q| s.html.contains(q.as_str())));
    !linked && !in_section
}

/// An edited `_index.md`: its file and front matter; `Reload` when the edit changes how
/// the section sorts, paginates, renders or publishes (those go through a full load).
pub(super) fn section(
    site: &Site,
    root: &Path,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Read<(SourceFile, SectionMeta)> {
    let Some(old) = site.sections.get(key).filter(|s| s.head.file.is_some()) else {
        return Read::Reload;
    };
    let rel = if key.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{key}/_index.md")
    };
    let (file, meta) = match parse(site, root, &rel, diags) {
        Read::Ok(Parsed::Section(file, meta)) => (file, meta),
        Read::Ok(Parsed::Page(..)) | Read::Reload => return Read::Reload,
        Read::Broken => return Read::Broken,
    };
    let o = &old.head.meta;
    let same = o.sort_by == meta.sort_by
        && o.paginate_by == meta.paginate_by
        && o.template == meta.template
        && o.page_template == meta.page_template
        && o.weight == meta.weight
        && o.draft == meta.draft
        && aliases(&o.aliases) == aliases(&meta.aliases);
    if !same {
        return Read::Reload;
    }
    Read::Ok((file, meta))
}
