//! Bringing a site in from another generator: the theme on a site without the demo's
//! pages, and (below) the Hugo-shaped fixture under tests/fixtures/sites/hugo-docs/.

mod common;

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `jiayuan check` on a site folder; the exit status and the whole stderr.
fn check(root: &Path) -> (bool, String) {
    let out = common::jiayuan()
        .arg("--root")
        .arg(root)
        .args(["check", "--now", "2024-01-01"])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn the_theme_footer_lists_only_what_site_toml_names() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::os::unix::fs::symlink(repo().join("themes"), root.join("themes")).unwrap();
    write(
        root,
        "site.toml",
        "title = \"文档站\"\nbase_url = \"https://docs.example.org/zh\"\ntheme = \"default\"\n\n[[nav]]\nname = \"文档\"\nurl = \"/docs/\"\n\n[[footer]]\nname = \"文档首页\"\nurl = \"/docs/\"\n",
    );
    write(root, "content/_index.md", "---\ntitle: 首页\n---\n");
    write(root, "content/docs/_index.md", "---\ntitle: 文档\n---\n");
    write(root, "content/docs/a.md", "---\ntitle: 甲\n---\n正文");
    let (ok, stderr) = check(root);
    assert!(ok, "{stderr}");
    assert_eq!(stderr, "checked 1 pages in 2 sections\n");
    let public = root.join("public");
    let out = common::build(root, &public, &[]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(public.join("docs/a/index.html")).unwrap();
    let footer = &html[html.find("<footer").unwrap()..];
    assert!(
        footer.contains("<li><a href=\"/zh/docs/\">文档首页</a></li>"),
        "{footer}"
    );
    assert_eq!(footer.matches("<li>").count(), 1, "{footer}");
    assert!(!html.contains("/about/") && !html.contains("/contest/"));
}

/// Urls of the pages a query finds in a built site.
fn found(public: &Path, query: &str) -> Vec<String> {
    let results = jiayuan::search::query(public, query, 100).unwrap();
    results.hits.into_iter().map(|h| h.url).collect()
}

#[test]
fn search_finds_text_in_html_tables_and_in_tags() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(
        root,
        "site.toml",
        "title = \"站\"\nbase_url = \"http://127.0.0.1:1111\"\n\n[[taxonomies]]\nname = \"tags\"\n\n[[taxonomies]]\nname = \"categories\"\n",
    );
    write(root, "content/_index.md", "---\ntitle: 首页\n---\n");
    write(
        root,
        "content/table.md",
        "---\ntitle: 参数表\n---\n正文。\n\n<table>\n<tr><td>系统变量</td><td>卵泡刺激素检测</td></tr>\n</table>\n\n<p>第一行<br />叶酸增补剂</p>\n",
    );
    write(
        root,
        "content/tagged.md",
        "---\ntitle: 纪念文章\ntags: [四十周年庆典]\ncategories: [协会史料]\n---\n正文没有那几个字。\n",
    );
    write(root, "content/other.md", "---\ntitle: 其他\n---\n正文。\n");
    let public = root.join("public");
    let out = common::build(root, &public, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(found(&public, "卵泡刺激素"), ["/table/"]);
    assert_eq!(found(&public, "叶酸增补剂"), ["/table/"]);
    assert_eq!(found(&public, "四十周年庆典"), ["/tagged/"]);
    assert_eq!(found(&public, "协会史料"), ["/tagged/"]);
    // The stored excerpt is still the page's own text, not its tags.
    let hit = jiayuan::search::query(&public, "四十周年庆典", 1).unwrap();
    assert!(
        !hit.hits[0].snippet.starts_with("四十"),
        "{:?}",
        hit.hits[0]
    );
}
