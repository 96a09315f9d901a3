//! The views templates see, over a small site loaded by jiayuan-content.

use jiayuan_content::model::Site;
use jiayuan_content::{load, LoadOptions};
use jiayuan_core::config::Config;
use jiayuan_core::time;

use crate::views::{ancestors, page_ref, page_view, paginator, section_view};

const SITE: &str = "title = \"家园\"\nbase_url = \"https://example.org/portal\"\n\
                    [[taxonomies]]\nname = \"tags\"\n";

const FILES: &[(&str, &str)] = &[
    ("_index.md", "---\ntitle: 首页\n---\n"),
    ("care/_index.md", "---\ntitle: 关怀\n---\n"),
    (
        "care/warm/_index.md",
        "---\ntitle: 暖心\ndescription: 暖心行动\n---\n正文",
    ),
    (
        "care/warm/a.md",
        "---\ntitle: 甲\ndate: 2022-05-01T20:00:00Z\ntags: [三孩, 健康]\ncity: 保定\n---\n正文",
    ),
    (
        "care/warm/b.md",
        "---\ntitle: 乙\ndate: 2022-04-01\ntags: [三孩]\n---\n正文",
    ),
    (
        "care/warm/c.md",
        "---\ntitle: 丙\ndate: 2022-03-01\n---\n正文",
    ),
];

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), SITE).unwrap();
    for (rel, text) in FILES {
        let path = dir.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let opts = LoadOptions {
        shortcodes: None,
        drafts: false,
        now: time::parse_date("2022-12-31", time::DEFAULT_ZONE).unwrap(),
    };
    let mut diags = Vec::new();
    let site = load(
        dir.path(),
        Config::load(dir.path()).unwrap(),
        &opts,
        &mut diags,
    );
    assert!(diags.is_empty(), "{diags:?}");
    site
}

#[test]
fn page_ref_has_urls_dates_in_the_site_zone_and_tag_links() {
    let site = site();
    let r = page_ref(&site, &site.pages["care/warm/a.md"]);
    assert_eq!(r.url, "/portal/care/warm/a/");
    assert_eq!(r.permalink, "https://example.org/portal/care/warm/a/");
    // 20:00 UTC on 1 May is 04:00 on 2 May in Beijing.
    assert_eq!(r.date.as_deref(), Some("2022-05-02"));
    assert_eq!(r.date_display.as_deref(), Some("2022年5月2日"));
    assert_eq!(
        (r.section, r.section_title, r.city),
        ("care/warm", "暖心", Some("保定"))
    );
    let tags: Vec<(&str, &str)> = r
        .tags
        .iter()
        .map(|l| (l.name.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        tags,
        [
            ("三孩", "/portal/tags/三孩/"),
            ("健康", "/portal/tags/健康/")
        ]
    );
}

#[test]
fn page_view_links_neighbours_related_pages_and_breadcrumbs() {
    let site = site();
    let v = page_view(&site, &site.pages["care/warm/b.md"]);
    // Lists run newest first: a, b, c.
    assert_eq!(v.later.as_ref().map(|p| p.title), Some("甲"));
    assert_eq!(v.earlier.as_ref().map(|p| p.title), Some("丙"));
    assert_eq!(
        v.related.iter().map(|p| p.title).collect::<Vec<_>>(),
        ["甲"]
    );
    let crumbs: Vec<&str> = v.ancestors.iter().map(|c| c.title).collect();
    assert_eq!(crumbs, ["首页", "关怀", "暖心"]);
}

#[test]
fn section_view_and_ancestors_without_self() {
    let site = site();
    let v = section_view(&site, &site.sections["care"]);
    assert_eq!(v.url, "/portal/care/");
    assert_eq!(v.subsections.len(), 1);
    assert_eq!(
        (v.subsections[0].title, v.subsections[0].page_count),
        ("暖心", 3)
    );
    assert_eq!(v.subsections[0].description, Some("暖心行动"));
    let crumbs: Vec<&str> = ancestors(&site, "care/warm", false)
        .iter()
        .map(|c| c.title)
        .collect();
    assert_eq!(crumbs, ["首页", "关怀"]);
}

#[test]
fn paginator_pages_and_links() {
    let site = site();
    let keys = &site.sections["care/warm"].pages;
    let p = paginator(&site, "/care/warm/", keys, 2, 2);
    assert_eq!(p.pages.iter().map(|r| r.title).collect::<Vec<_>>(), ["丙"]);
    assert_eq!((p.current_index, p.total_pages), (2, 2));
    assert_eq!(p.previous.as_deref(), Some("/portal/care/warm/"));
    assert_eq!(p.next, None);
    assert_eq!(p.last, "/portal/care/warm/page/2/");
    assert_eq!(p.pagers.len(), 2);
    let empty = paginator(&site, "/x/", &[], 10, 1);
    assert_eq!((empty.total_pages, empty.pages.len()), (1, 0));
}
