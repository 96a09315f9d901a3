//! Fixture sites built by the real binary, with insta snapshots of the HTML.

mod common;

use std::path::Path;

use common::{build, fixtures, tree};

fn text(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn build_basic(extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let out = tempfile::tempdir().unwrap();
    let result = build(
        &fixtures().join("sites/basic"),
        &out.path().join("public"),
        extra,
    );
    (out, result)
}

#[test]
fn basic_site_renders_every_feature() {
    let (out, result) = build_basic(&[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    let public = out.path().join("public");
    // Asset names carry a content hash that changes with every wasm rebuild.
    let files: Vec<String> = tree(&public)
        .into_keys()
        .map(|f| match f.strip_prefix("wasm/") {
            Some(name) => format!(
                "wasm/{}-[hash].{}",
                name.split('-').next().unwrap(),
                name.rsplit('.').next().unwrap()
            ),
            None => f,
        })
        .collect();
    insta::assert_snapshot!("basic_files", files.join("\n"));
    insta::assert_snapshot!("basic_stderr", stderr);
    for (name, rel) in [
        ("page_cjk", "news/cjk/index.html"),
        ("section_page_1", "news/index.html"),
        ("section_page_2", "news/page/2/index.html"),
        ("home", "index.html"),
        ("tag_term", "tags/三孩政策/index.html"),
        ("tag_list", "tags/index.html"),
        ("alias", "old/cjk/index.html"),
        ("atom", "atom.xml"),
        ("section_atom", "news/atom.xml"),
        ("sitemap", "sitemap.xml"),
        ("robots", "robots.txt"),
        ("stats", "stats/index.html"),
    ] {
        insta::assert_snapshot!(name, text(&public, rel));
    }
}

#[test]
fn chinese_typography_cases() {
    let (out, result) = build_basic(&[]);
    assert!(result.status.success());
    let html = text(&out.path().join("public"), "news/cjk/index.html");
    assert!(
        html.contains("<strong>注意：</strong>正文"),
        "emphasis after a Chinese colon"
    );
    assert!(
        html.contains("全面实施<strong>“三孩”政策</strong>全面落实"),
        "emphasis around quotes"
    );
    assert!(
        html.contains("计划生育协会成立于1980年"),
        "no space at a line break between Chinese characters"
    );
    assert!(
        html.contains("English\nwords"),
        "English keeps its line break"
    );
    assert!(
        html.contains("<h2 id=\"优生优育\">") && html.contains("<h2 id=\"优生优育-1\">"),
        "Chinese anchors, unique"
    );
}

#[test]
fn drafts_and_scheduled_pages() {
    let (out, result) = build_basic(&[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let public = out.path().join("public");
    assert!(
        public.join("news/cjk/index.html").is_file(),
        "the build wrote pages"
    );
    assert!(!public.join("news/draft").exists(), "drafts are left out");
    assert!(
        !public.join("news/scheduled").exists(),
        "future pages are left out"
    );
    let (out, result) = build_basic(&["--drafts", "--now", "2023-06-02"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let public = out.path().join("public");
    assert!(public.join("news/draft/index.html").is_file());
    assert!(public.join("news/scheduled/index.html").is_file());
}

#[test]
fn site_templates_override_the_built_in_ones() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "<p>{{ page.title }}|{{ page.city }}</p>",
    )
    .unwrap();
    let public = site.path().join("public");
    let result = build(site.path(), &public, &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(text(&public, "news/cjk/index.html"), "<p>中文排版|邯郸</p>");
}

#[test]
fn two_builds_give_identical_bytes() {
    for site in [
        fixtures().join("sites/basic"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
    ] {
        let out = tempfile::tempdir().unwrap();
        let (a, b) = (out.path().join("a"), out.path().join("b"));
        assert!(build(&site, &a, &[]).status.success());
        assert!(build(&site, &b, &[]).status.success());
        let (ta, tb) = (tree(&a), tree(&b));
        assert!(ta.len() > 5);
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (k, v) in &ta {
            assert!(tb[k] == *v, "{} differs between builds", k);
        }
    }
}

#[test]
fn demo_portal_passes_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let child = common::jiayuan()
        .arg("--root")
        .arg(&root)
        .arg("check")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `check` builds into this scratch folder (build.rs, tempdir_for_check) and removes it.
    let scratch = std::env::temp_dir().join(format!("jiayuan-check-{}", child.id()));
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!scratch.exists(), "{} was left behind", scratch.display());
    assert_eq!(staging_folders(&root), Vec::<String>::new());
}

/// Staging folders (`.<output>.staging-<pid>`, output.rs) left in `dir`.
fn staging_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_output_and_no_staging_folder() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    assert!(build(site.path(), &public, &[]).status.success());
    let before = tree(&public);
    // A template that fails while rendering, after the staging folder exists.
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "{{ page.no_such_field.deeper }}",
    )
    .unwrap();
    let result = build(site.path(), &public, &[]);
    assert_eq!(
        result.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(tree(&public) == before, "the old output is untouched");
    assert_eq!(staging_folders(out.path()), Vec::<String>::new());
}

#[test]
fn check_reports_broken_template_links() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "<a href=\"{{ root_url }}nowhere/\">x</a>",
    )
    .unwrap();
    let out = common::jiayuan()
        .arg("--root")
        .arg(site.path())
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("broken link to a page that does not exist: `/portal/nowhere/`"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists(), "check writes nothing");
}
