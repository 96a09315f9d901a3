//! The typography check of `jiayuan check` (generator/src/typography/): the house rules of
//! content/README.md ("排版约定") and autocorrect's, as warnings, as errors with
//! `--strict`, and rewritten by `--fix`, which touches nothing but the prose.

mod common;

use std::path::Path;

use common::content::{files, repo};
use common::{copy_to_temp, fixtures, jiayuan, tree};

fn check(site: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = jiayuan()
        .arg("--root")
        .arg(site)
        .args(["--lang", "en"])
        .arg("check")
        .args(args)
        .output()
        .expect("the jiayuan binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn before() -> tempfile::TempDir {
    copy_to_temp(&fixtures().join("typography/before"))
}

#[test]
fn findings_are_warnings_naming_file_line_and_column() {
    let site = before();
    let (code, stderr) = check(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!("check_warnings", stderr);
}

#[test]
fn strict_makes_them_errors() {
    let site = before();
    let (code, stderr) = check(site.path(), &["--strict"]);
    assert_eq!(code, Some(1), "{stderr}");
    insta::assert_snapshot!("check_strict", stderr);
}

#[test]
fn findings_in_chinese() {
    let site = before();
    let out = jiayuan()
        .arg("--root")
        .arg(site.path())
        .args(["--lang", "zh-CN", "check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_strict_zh", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn fix_rewrites_only_the_prose_and_reports_each_line() {
    let site = before();
    let (code, stderr) = check(site.path(), &["--fix"]);
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!("check_fix", stderr);
    let want = tree(&fixtures().join("typography/after"));
    assert_eq!(
        tree(site.path()),
        want,
        "the fixed site differs from typography/after/"
    );
    let (code, stderr) = check(site.path(), &["--strict"]);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(0), "checked 1 pages in 2 sections\n")
    );
}

#[test]
fn fix_keeps_a_files_line_endings_and_byte_order_mark() {
    let site = before();
    let file = site.path().join("content/news/windows.md");
    let text = "\u{feff}---\r\ntitle: 温馨提示\r\n---\r\n你知道吗?\r\n`a?`\r\n";
    std::fs::write(&file, text).unwrap();
    let (code, stderr) = check(site.path(), &["--fix"]);
    assert_eq!(code, Some(0), "{stderr}");
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(fixed, text.replace("吗?", "吗？"));
}

#[test]
fn an_unknown_rule_in_site_toml_is_an_error() {
    let site = before();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}range-dsah = false\n")).unwrap();
    let (code, stderr) = check(site.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    insta::assert_snapshot!("check_unknown_rule", stderr);
}

#[test]
fn a_rule_switched_off_reports_nothing() {
    let site = before();
    let toml = site.path().join("site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    for rule in [
        "space-after-bold",
        "nested-quotes",
        "date-node",
        "range-dash",
        "fullwidth",
    ] {
        text.push_str(&format!("{rule} = false\n"));
    }
    std::fs::write(&toml, text).unwrap();
    let (code, stderr) = check(site.path(), &["--strict"]);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(0), "checked 1 pages in 2 sections\n")
    );
}

#[test]
fn the_demo_passes_check_strict() {
    let (code, stderr) = check(&repo(), &["--strict", "--no-search"]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("checked "),
        "{stderr}"
    );
}

/// Not a punctuation rule, a house word: blood pressure is written 毫米汞柱.
#[test]
fn the_demo_writes_blood_pressure_in_chinese_units() {
    let root = repo();
    let sources = files(&root.join("content"), ".md")
        .into_iter()
        .chain(files(&root.join("quiz"), ".yaml"));
    let found: Vec<String> = sources
        .filter(|(_, text)| text.contains("mmHg"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(found.is_empty(), "mmHg in {found:?}");
}
