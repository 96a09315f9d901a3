//! jiayuan's second stage: `content/` → the site model, in parallel, collecting every
//! diagnostic. Depends only on jiayuan-core.
//!
//! The steps run in a fixed order, and each produces a value the next one reads: files
//! are parsed into heads (what the front matter says, and where each page lives), bodies
//! are rendered from the heads, sections are ordered, taxonomies and related pages are
//! derived, and only then is every `Page` and `Section` assembled, complete, once.

mod bodies;
pub mod compat;
pub mod frontmatter;
mod heads;
pub mod markdown;
pub mod model;
mod order;
mod related;
mod sections;
pub mod shortcode;
mod taxonomy;
pub mod update;
mod walk;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use model::{Page, Section, Site};
use walk::Entry;

pub use heads::{PageHead, SectionHead};

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Pages dated after this instant are scheduled and left out.
    pub now: jiayuan_core::time::Moment,
    /// Renders Zola shortcodes (`{{ figure(…) }}`); without it they stay text.
    pub shortcodes: Option<shortcode::Shortcodes>,
}

/// Loads and renders all content. Warnings go into `diags` too; the caller decides
/// whether any error stops the build.
pub fn load(root: &Path, config: Config, opts: &LoadOptions, diags: &mut Vec<Diagnostic>) -> Site {
    let content = root.join("content");
    let entries = if content.is_dir() {
        walk::walk(&content, diags)
    } else {
        diags.push(
            Diagnostic::warning("content", msg!("content-missing"))
                .help(msg!("content-missing-help")),
        );
        Vec::new()
    };
    let markdown: Vec<(&String, &std::path::PathBuf)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Markdown { rel, abs } => Some((rel, abs)),
            _ => None,
        })
        .collect();
    let mode = config.content.front_matter;
    let parsed: Vec<Result<heads::ParsedFile, Diagnostic>> = markdown
        .par_iter()
        .map(|(rel, abs)| heads::parse_file(&content, rel, abs, mode))
        .collect();
    diags.extend(heads::compat_warnings(&parsed));
    let (pages, section_files) = heads::page_heads(parsed, opts, config.timezone, diags);
    let sections = sections::section_heads(&entries, &pages, section_files, &config, diags);
    sections::check_paths(&pages, &sections, diags);

    let assets: Vec<String> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Asset { rel } => Some(rel.clone()),
            _ => None,
        })
        .collect();
    let mut files = walk::static_files(root, config.theme.as_deref());
    files.extend(assets.iter().cloned());
    let renderer = opts.shortcodes.as_ref().map(|s| &*s.0);
    let bodies = bodies::render(&pages, &sections, &files, &config, renderer, diags);
    let mut lists = order::lists(&pages, &sections);
    let taxonomies = taxonomy::collect(&config, &pages, diags);
    let mut related = related::compute(&pages, &taxonomies);
    let index_in_section: BTreeMap<String, usize> = lists
        .values()
        .flat_map(|l| l.pages.iter().enumerate().map(|(i, k)| (k.clone(), i)))
        .collect();
    let mut page_bodies = bodies.pages;
    let mut section_html = bodies.sections;

    let pages: BTreeMap<String, Page> = pages
        .into_iter()
        .map(|(key, head)| {
            let body = page_bodies.remove(&key).unwrap_or_default();
            let related = related.remove(&key).unwrap_or_default();
            let page = assemble(head, body, index_in_section[&key], related);
            (key, page)
        })
        .collect();
    let sections: BTreeMap<String, Section> = sections
        .into_iter()
        .map(|(key, head)| {
            let list = lists.remove(&key).unwrap_or_default();
            let section = Section {
                head,
                html: section_html.remove(&key).unwrap_or_default(),
                pages: list.pages,
                subsections: list.subsections,
            };
            (key, section)
        })
        .collect();
    Site {
        assets,
        config,
        pages,
        sections,
        taxonomies,
    }
}

/// A page from its head and its rendered body: the one place a `Page` is put together.
pub(crate) fn assemble(
    head: PageHead,
    body: bodies::Body,
    index_in_section: usize,
    related: Vec<String>,
) -> Page {
    Page {
        head,
        body,
        index_in_section,
        related,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)], drafts: bool) -> (Site, Vec<Diagnostic>) {
        site_with(files, drafts, "")
    }

    fn site_with(files: &[(&str, &str)], drafts: bool, toml: &str) -> (Site, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            format!("title = \"家园\"\nbase_url = \"http://x\"\n{toml}"),
        )
        .unwrap();
        for (rel, text) in files {
            let path = dir.path().join("content").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = Config::load(dir.path()).unwrap();
        let opts = LoadOptions {
            shortcodes: None,
            drafts,
            now: jiayuan_core::time::parse_date("2022-12-31", jiayuan_core::time::DEFAULT_ZONE)
                .unwrap(),
        };
        let mut diags = Vec::new();
        let site = load(dir.path(), config, &opts, &mut diags);
        (site, diags)
    }

    const FILES: &[(&str, &str)] = &[
        ("_index.md", "---\ntitle: 首页\n---\n"),
        ("news/_index.md", "---\ntitle: 新闻\n---\n"),
        ("news/a.md", "---\ntitle: 甲\ndate: 2022-05-01\n---\n正文"),
        ("plans/_index.md", "---\ntitle: 规划\ndraft: true\n---\n"),
        ("plans/b.md", "---\ntitle: 乙\n---\n正文"),
        ("plans/later/_index.md", "---\ntitle: 以后\n---\n"),
        ("plans/later/c.md", "---\ntitle: 丙\n---\n正文"),
    ];

    #[test]
    fn a_draft_section_hides_itself_its_pages_and_its_subsections() {
        let (site, diags) = site(FILES, false);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(site.pages.keys().collect::<Vec<_>>(), ["news/a.md"]);
        assert_eq!(site.sections.keys().collect::<Vec<_>>(), ["", "news"]);
        assert_eq!(site.sections[""].subsections, ["news"]);
    }

    #[test]
    fn drafts_bring_a_draft_section_back() {
        let (site, diags) = site(FILES, true);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(site.pages.len(), 3);
        assert_eq!(
            site.sections.keys().collect::<Vec<_>>(),
            ["", "news", "plans", "plans/later"]
        );
    }

    #[test]
    fn every_page_is_complete_and_in_its_section_list() {
        let (site, _) = site(FILES, true);
        for (key, page) in &site.pages {
            let section = &site.sections[&page.head.section];
            assert_eq!(section.pages[page.index_in_section], *key);
            assert!(page.body.html.contains("正文") && page.body.reading_minutes >= 1);
            assert_eq!(page.body.summary_html, "<p>正文</p>");
        }
    }

    #[test]
    fn compatible_front_matter_warns_once_per_key_and_accepts_bare_files() {
        let files = [
            ("_index.md", "---\ntitle: 首页\n---\n"),
            (
                "docs/_index.md",
                "---\ntitle: 文档\naliases: [/old-docs/]\nhide_sidebar: true\n---\n",
            ),
            ("docs/a.md", "---\ntitle: 甲\nhide_sidebar: true\n---\n正文"),
            (
                "docs/b.md",
                "---\ntitle: 乙\nsummary: 摘要\nhide_sidebar: false\n---\n正文",
            ),
            ("docs/c.md", "# 没有前言\n\n正文"),
        ];
        let toml = "[content]\nfront_matter = \"compatible\"\n";
        let (site, diags) = site_with(&files, false, toml);
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{} {}", d.location(), d.is_error(), d.message.en()))
            .collect();
        assert_eq!(
            msgs,
            [
                "content/docs/_index.md:4:1:false `hide_sidebar` in 3 files kept under extra",
                "content/docs/c.md:1:1:false 1 file without front matter, titled by their first heading or file name",
            ]
        );
        assert_eq!(
            site.pages["docs/b.md"].head.meta.description.as_deref(),
            Some("摘要")
        );
        assert_eq!(site.pages["docs/c.md"].head.meta.title.as_str(), "没有前言");
        assert_eq!(
            site.sections["docs"].head.meta.aliases[0].as_str(),
            "/old-docs/"
        );
        // The same files in strict mode: the first foreign key of each file, and the bare file.
        let (_, diags) = site_with(&files, false, "");
        assert_eq!(
            diags.iter().filter(|d| d.is_error()).count(),
            4,
            "{diags:?}"
        );
    }

    #[test]
    fn a_shortcode_is_one_warning_with_its_count_and_never_shown() {
        let files = [
            ("_index.md", "---\ntitle: 首页\n---\n"),
            (
                "a.md",
                "---\ntitle: 甲\n---\n正文\n\n{{< tip >}}\n提示\n{{< /tip >}}",
            ),
            (
                "b.md",
                "---\ntitle: 乙\n---\n{{< tip >}}一{{< /tip >}} {{< tip >}}二{{< /tip >}}",
            ),
        ];
        let (site, diags) = site(&files, false);
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message.en()))
            .collect();
        assert_eq!(
            msgs,
            ["content/a.md:6:1 Hugo shortcode `tip` cannot be rendered: left out of 3 places in 2 files"]
        );
        assert!(!diags[0].is_error());
        assert!(site.pages.values().all(|p| !p.body.html.contains("{{")));
        assert!(site.pages["b.md"].body.text.contains("一 二"));
    }
    #[test]
    fn a_bundle_is_a_page_of_the_section_above_with_its_pictures_beside_it() {
        let files = [
            ("_index.md", "---\ntitle: 首页\n---\n"),
            ("news/_index.md", "---\ntitle: 新闻\n---\n"),
            (
                "news/handan/index.md",
                "---\ntitle: 邯郸\n---\n![示意图](map.svg) ![缺](none.svg)",
            ),
            (
                "news/handan/map.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
        ];
        let (site, diags) = site(&files, false);
        let page = &site.pages["news/handan/index.md"];
        assert_eq!(
            (page.head.section.as_str(), page.head.path.as_str()),
            ("news", "/news/handan/")
        );
        assert_eq!(site.sections.keys().collect::<Vec<_>>(), ["", "news"]);
        assert!(
            page.body.html.contains("src=\"/news/handan/map.svg\""),
            "{}",
            page.body.html
        );
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message.en()))
            .collect();
        assert_eq!(
            msgs,
            ["content/news/handan/index.md:4:17 link to a missing file `none.svg`"]
        );
    }
}
