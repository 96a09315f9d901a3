//! The bad-input corpus: every case must fail with exit code 1, name the file, line and
//! column, say what is wrong, and leave an existing `public/` untouched, in English and
//! in Chinese (`--lang zh-CN`).

mod common;

use std::path::Path;

use common::{build, tree};

const DEFAULT_SITE: &str = "title = \"测试站点\"\nbase_url = \"http://127.0.0.1:1111\"\n\n[[taxonomies]]\nname = \"tags\"\n";

struct Expected {
    setup: Vec<String>,
    locations: Vec<String>,
    messages: Vec<String>,
    helps: Vec<String>,
}

fn expected(case: &Path) -> Expected {
    let text = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
    let mut e = Expected {
        setup: vec![],
        locations: vec![],
        messages: vec![],
        helps: vec![],
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once(": ").expect("key: value");
        let list = match key {
            "setup" => &mut e.setup,
            "location" => &mut e.locations,
            "message" => &mut e.messages,
            "help" => &mut e.helps,
            other => panic!("unknown key {other} in {}", case.display()),
        };
        list.push(value.to_string());
    }
    e
}

fn setup(site: &Path, step: &str) {
    let (kind, target) = step.split_once(' ').expect("setup KIND PATH");
    let target = site.join(target);
    match kind {
        "huge" => {
            let mut text = String::from("---\ntitle: 超大文件\n---\n");
            text.push_str(&"计划生育协会".repeat(20 * 1024 * 1024 / 18 + 1));
            std::fs::write(&target, text).unwrap();
        }
        #[cfg(unix)]
        "symlink-loop" => std::os::unix::fs::symlink("..", &target).unwrap(),
        other => panic!("unknown setup {other}"),
    }
}

/// Runs one case folder: the build must fail with exit code 1, say what expected.txt
/// says, keep the previous output, leave no staging folder behind, and print exactly the
/// stderr in its snapshot (`tests/snapshots/invalid__<case>.snap`).
fn run_case(name: &str) {
    let case = common::fixtures().join("invalid").join(name);
    let expect = expected(&case);
    let site = common::copy_to_temp(&case);
    let _ = std::fs::remove_file(site.path().join("expected.txt"));
    if !site.path().join("site.toml").exists() {
        std::fs::write(site.path().join("site.toml"), DEFAULT_SITE).unwrap();
    }
    for step in &expect.setup {
        setup(site.path(), step);
    }
    let public = site.path().join("public");
    std::fs::create_dir_all(public.join("news")).unwrap();
    std::fs::write(public.join("index.html"), "上一次成功的构建").unwrap();
    std::fs::write(public.join("news/index.html"), "旧的新闻列表").unwrap();
    let before = tree(&public);

    let out = build(site.path(), &public, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("exit code {:?}, expected 1", out.status.code()));
    }
    for needle in expect
        .locations
        .iter()
        .chain(&expect.messages)
        .chain(&expect.helps)
    {
        if !stderr.contains(needle.as_str()) {
            problems.push(format!("stderr lacks `{needle}`"));
        }
    }
    if stderr.contains("panicked") {
        problems.push("the binary panicked".into());
    }
    if tree(&public) != before {
        problems.push("public/ changed".into());
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("left temporary folders behind: {leftovers:?}"));
    }
    assert!(
        problems.is_empty(),
        "{name}: {}\n--- stderr ---\n{stderr}",
        problems.join("; ")
    );
    insta::assert_snapshot!(name, stderr);

    // The same case for an editor who reads Chinese: same locations and exit code, its own
    // snapshot (`invalid__<case>.zh-CN.snap`), and no English sentence left untranslated.
    let out = build(site.path(), &public, &["--lang", "zh-CN"]);
    let zh = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name} (zh-CN): {zh}");
    for location in &expect.locations {
        assert!(
            zh.contains(location.as_str()),
            "{name} (zh-CN) lacks {location}: {zh}"
        );
    }
    assert_eq!(tree(&public), before, "{name} (zh-CN): public/ changed");
    insta::assert_snapshot!(format!("{name}.zh-CN"), zh);
}

/// One test per folder under tests/fixtures/invalid/.
macro_rules! cases {
    ($($test:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                run_case($folder);
            }
        )*

        #[test]
        fn every_case_folder_has_a_test() {
            let mut folders: Vec<String> = std::fs::read_dir(common::fixtures().join("invalid"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            let mut listed = vec![$($folder.to_string()),*];
            listed.sort();
            assert_eq!(folders, listed, "add the new folder to cases! in tests/invalid.rs");
        }
    };
}

cases! {
    alias_collision => "alias-collision",
    alias_escapes => "alias-escapes",
    bad_date => "bad-date",
    bad_updated_date => "bad-updated-date",
    broken_internal_link => "broken-internal-link",
    broken_relative_link => "broken-relative-link",
    duplicate_slug => "duplicate-slug",
    empty_file => "empty-file",
    empty_title => "empty-title",
    errors_in_two_files => "errors-in-two-files",
    huge_file => "huge-file",
    invalid_utf8 => "invalid-utf8",
    link_to_draft => "link-to-draft",
    missing_template => "missing-template",
    missing_title => "missing-title",
    no_front_matter => "no-front-matter",
    quiz_bad_answer => "quiz-bad-answer",
    quiz_duplicate_id => "quiz-duplicate-id",
    section_bad_sort_by => "section-bad-sort-by",
    section_unknown_key => "section-unknown-key",
    site_toml_bad_base_url => "site-toml-bad-base-url",
    site_toml_unknown_key => "site-toml-unknown-key",
    symlink_loop => "symlink-loop",
    template_render_error => "template-render-error",
    tera_syntax_error => "tera-syntax-error",
    unclosed_front_matter => "unclosed-front-matter",
    unknown_key => "unknown-key",
    yaml_syntax_error => "yaml-syntax-error",
    yaml_type_error => "yaml-type-error",
}
