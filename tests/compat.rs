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

fn hugo_docs() -> PathBuf {
    common::fixtures().join("sites/hugo-docs")
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn hugo_docs_passes_check_in_compatible_mode_with_one_warning_per_key() {
    let (ok, stderr) = check(&hugo_docs());
    assert!(ok, "{stderr}");
    insta::assert_snapshot!("hugo_docs_check_stderr", stderr);
}

#[test]
fn hugo_docs_builds_links_images_anchors_and_aliases() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let result = common::build(&hugo_docs(), &public, &["--now", "2024-01-01"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let install = read(&public, "quick-start/install/index.html");
    for needle in [
        "<h2 id=\"配置-tidb_mem_quota_query\">",
        "<h2 id=\"升级----回滚\">",
        "<h2 id=\"升级----回滚-1\">",
        "href=\"/quick-start/faq/\"",
        "href=\"/sql/select/#%E8%AF%AD%E6%B3%95-syntax\"",
        "src=\"/media/flow.png\"",
        "生产环境请至少部署三个节点。",
    ] {
        assert!(install.contains(needle), "{needle} in\n{install}");
    }
    assert!(!install.contains("{{"), "no shortcode is shown:\n{install}");
    let faq = read(&public, "quick-start/faq/index.html");
    assert!(faq.contains("<title>常见问题"), "{faq}");
    assert!(faq.contains("href=\"/media/offline.pdf\""), "{faq}");
    let select = read(&public, "sql/select/index.html");
    assert!(select.contains("<h2 id=\"tidb_enable_async_commit-参数\">"));
    assert!(
        select.contains("{{&lt; 不是短代码 &gt;}}"),
        "code keeps its text"
    );
    for file in ["media/arch.svg", "media/flow.png", "media/offline.pdf"] {
        assert!(public.join(file).is_file(), "{file} copied");
    }
    assert!(read(&public, "getting-started/index.html").contains("/quick-start/"));
    let alias = read(&public, "sql-statements/sql-statement-select/index.html");
    assert!(alias.contains("/sql/select/"), "{alias}");
    assert!(read(&public, "categories/入门/index.html").contains("安装部署"));
    assert_eq!(found(&public, "异步提交两阶段事务"), ["/sql/select/"]);
    assert_eq!(found(&public, "运维"), ["/quick-start/install/"]);
}

#[test]
fn hugo_docs_in_strict_mode_reports_what_strict_always_did() {
    let site = common::copy_to_temp(&hugo_docs());
    let toml = read(site.path(), "site.toml")
        .replace("front_matter = \"compatible\"", "front_matter = \"strict\"");
    write(site.path(), "site.toml", &toml);
    let public = site.path().join("public");
    let out = common::build(site.path(), &public, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!public.exists(), "a failed build writes nothing");
    insta::assert_snapshot!(
        "hugo_docs_strict_stderr",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn init_writes_a_site_toml_that_builds_the_hugo_tree_and_never_overwrites() {
    let site = common::copy_to_temp(&hugo_docs());
    let root = site.path();
    std::fs::remove_file(root.join("site.toml")).unwrap();
    let init = || {
        common::jiayuan()
            .arg("--root")
            .arg(root)
            .arg("init")
            .output()
            .unwrap()
    };
    let out = init();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("jiayuan --root {} build\n", root.display())
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wrote site.toml: 2 sections in the menu, front matter compatible\n"
    );
    let written = read(root, "site.toml");
    insta::assert_snapshot!("init_site_toml", written);
    let public = root.join("public");
    let built = common::build(root, &public, &["--now", "2024-01-01"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(public.join("sql/select/index.html").is_file());

    let again = init();
    assert_eq!(again.status.code(), Some(1));
    insta::assert_snapshot!("init_refuses", String::from_utf8_lossy(&again.stderr));
    assert_eq!(
        read(root, "site.toml"),
        written,
        "site.toml is left as it was"
    );
}

#[test]
fn version_names_the_commit() {
    let out = common::jiayuan().arg("--version").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let prefix = format!("jiayuan {} (", env!("CARGO_PKG_VERSION"));
    let commit = stdout
        .strip_prefix(&prefix)
        .and_then(|r| r.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let hex = commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit());
    assert!(hex || commit == "unknown commit", "{stdout}");
}
