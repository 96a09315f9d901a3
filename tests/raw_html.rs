//! `[markdown] raw_html`: the same page under each policy. Under `sanitize` (the
//! default) nothing that runs script reaches the article, the list's summary or the
//! feed, each removal is a warning at its Markdown line (whole stderr snapshotted), and
//! the markup an article needs stays.

mod common;

use std::path::Path;

use common::{build, fixtures};

const SITE: &str = "title = \"测试站点\"\nbase_url = \"http://127.0.0.1:1111\"\n";

/// Builds the raw-html fixture with `[markdown]` set to `policy` (none: the default).
fn build_with(policy: Option<&str>) -> (tempfile::TempDir, String) {
    let site = common::copy_to_temp(&fixtures().join("sites/raw-html"));
    let mut toml = SITE.to_string();
    if let Some(p) = policy {
        toml.push_str(&format!("\n[markdown]\nraw_html = \"{p}\"\n"));
    }
    std::fs::write(site.path().join("site.toml"), toml).unwrap();
    let out = build(site.path(), &site.path().join("public"), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (site, stderr)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join("public").join(rel)).unwrap()
}

/// The article and the feeds that carry its summary (the site's and the section's).
fn outputs(site: &Path) -> [String; 3] {
    ["news/a/index.html", "atom.xml", "news/atom.xml"].map(|rel| read(site, rel))
}

const DANGEROUS: &[&str] = &[
    "<script>alert",
    "onclick",
    "onerror",
    "javascript:",
    "<iframe",
    "tracker.example",
    "&lt;script&gt;alert",
];

#[test]
fn sanitize_removes_scripts_everywhere_and_warns_at_each_line() {
    for policy in [None, Some("sanitize")] {
        let (site, stderr) = build_with(policy);
        for (i, html) in outputs(site.path()).iter().enumerate() {
            for bad in DANGEROUS {
                assert!(!html.contains(bad), "output {i} holds `{bad}`:\n{html}");
            }
        }
        let [page, feed, _] = outputs(site.path());
        for kept in [
            "<figure><img src=\"/images/a.png\" alt=\"图\"><figcaption>说明</figcaption></figure>",
            "<details><summary>更多</summary>H<sub>2</sub>O <abbr title=\"计划生育协会\">计生协</abbr></details>",
            "<h2 id=\"policy\">标题</h2>",
            "<th style=\"text-align: center\">甲</th>",
            "<span>内联 HTML</span>",
        ] {
            assert!(page.contains(kept), "the page lost `{kept}`:\n{page}");
        }
        assert!(
            feed.contains("&lt;span&gt;内联 HTML&lt;/span&gt;"),
            "{feed}"
        );
        insta::assert_snapshot!("sanitize_stderr", stderr);
    }
}

#[test]
fn a_page_without_raw_html_keeps_its_bytes_under_every_policy() {
    let pages: Vec<String> = [None, Some("trusted"), Some("escape")]
        .into_iter()
        .map(|p| read(build_with(p).0.path(), "news/b/index.html"))
        .collect();
    assert_eq!(pages[0], pages[1]);
    assert_eq!(pages[0], pages[2]);
}

#[test]
fn trusted_passes_raw_html_through() {
    let (site, stderr) = build_with(Some("trusted"));
    assert!(!stderr.contains("removed"), "{stderr}");
    let [page, feed, _] = outputs(site.path());
    assert!(page.contains("<script>alert(\"页面\")</script>"), "{page}");
    assert!(page.contains("onerror=\"alert(2)\""), "{page}");
    assert!(feed.contains("&lt;span onclick="), "{feed}");
    assert!(feed.contains("&lt;script&gt;alert"), "{feed}");
}

#[test]
fn escape_shows_raw_html_as_text() {
    let (site, stderr) = build_with(Some("escape"));
    insta::assert_snapshot!("escape_stderr", stderr);
    let [page, feed, _] = outputs(site.path());
    assert!(
        page.contains("&lt;script&gt;alert(\"页面\")&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;span onclick=\"steal()\"&gt;"), "{page}");
    assert!(
        !page.contains("javascript:"),
        "a Markdown script link is cleaned too: {page}"
    );
    assert!(!feed.contains("&lt;span onclick"), "{feed}");
    assert!(
        !page.contains("&lt;!-- more"),
        "the summary marker stays a marker: {page}"
    );
}
