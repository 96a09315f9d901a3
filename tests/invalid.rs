//! The bad-input corpus: every case must fail with exit code 1, name the file, line and
//! column, say what is wrong, and leave an existing `public/` untouched, in English and
//! in Chinese (`--lang zh-CN`).

mod common;

use std::path::Path;

use common::{build, tree};

const DEFAULT_SITE: &str = "title = \"测试站点\"\nbase_url = \"http://127.0.0.1:1111\"\n\n[[taxonomies]]\nname = \"tags\"\n";

struct Expected {
    setup: Vec<String>,
    /// Arguments that replace `--output public`, relative paths read from the site folder
    /// (a first `check` runs `jiayuan check`).
    args: Vec<String>,
    locations: Vec<String>,
    messages: Vec<String>,
    helps: Vec<String>,
}

fn expected(case: &Path) -> Expected {
    let text = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
    let mut e = Expected {
        setup: vec![],
        args: vec![],
        locations: vec![],
        messages: vec![],
        helps: vec![],
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once(": ").expect("key: value");
        let list = match key {
            "setup" => &mut e.setup,
            "args" => &mut e.args,
            "location" => &mut e.locations,
            "message" => &mut e.messages,
            "help" => &mut e.helps,
            other => panic!("unknown key {other} in {}", case.display()),
        };
        list.push(value.to_string());
    }
    e
}

fn setup(site: &Path, outside: &Path, step: &str) {
    let (kind, target) = step.split_once(' ').expect("setup KIND PATH");
    let target = site.join(target);
    match kind {
        // A link to a file or folder that lies outside the site folder.
        #[cfg(unix)]
        "link-outside-file" => {
            let file = outside.join("secret.md");
            std::fs::write(&file, "---\ntitle: 站外文件\n---\n不应发布").unwrap();
            std::os::unix::fs::symlink(file, &target).unwrap();
        }
        #[cfg(unix)]
        "link-outside-folder" => {
            std::fs::create_dir_all(outside.join("dir")).unwrap();
            std::fs::write(outside.join("dir/secret.yaml"), "x: 1\n").unwrap();
            std::os::unix::fs::symlink(outside.join("dir"), &target).unwrap();
        }
        // The folder a build killed with -9 leaves; no process has this PID.
        "leftover" => std::fs::create_dir_all(target.join("news")).unwrap(),
        "huge" => {
            let mut text = String::from("---\ntitle: 超大文件\n---\n");
            text.push_str(&"计划生育协会".repeat(20 * 1024 * 1024 / 18 + 1));
            std::fs::write(&target, text).unwrap();
        }
        "long-front-matter" => {
            let mut text = String::from("---\ntitle: 超长前言\ntags:\n");
            for i in 0..10_000 {
                text.push_str(&format!("  - 计划生育协会宣传教育第{i:05}条\n"));
            }
            text.push_str("---\n正文。\n");
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
    let outside = tempfile::tempdir().unwrap();
    for step in &expect.setup {
        setup(site.path(), outside.path(), step);
    }
    let public = site.path().join("public");
    std::fs::create_dir_all(public.join("news")).unwrap();
    std::fs::write(public.join("index.html"), "上一次成功的构建").unwrap();
    std::fs::write(public.join("news/index.html"), "旧的新闻列表").unwrap();
    let before = tree(&public);

    // `args: check …` runs `jiayuan check` instead of `build`.
    let args: Vec<&str> = expect.args.iter().flat_map(|a| a.split(' ')).collect();
    let run = |lang: &[&str]| {
        if args.is_empty() {
            return build(site.path(), &public, lang);
        }
        let (command, rest) = match args.split_first() {
            Some((&"check", rest)) => ("check", rest),
            _ => ("build", &args[..]),
        };
        common::jiayuan()
            .current_dir(site.path())
            .arg(command)
            .args(["--now", "2022-12-31"])
            .args(rest)
            .args(lang)
            .output()
            .expect("the jiayuan binary runs")
    };
    let out = run(&[]);
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
    let out = run(&["--lang", "zh-CN"]);
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
    bad_shortcode_argument => "bad-shortcode-argument",
    bad_updated_date => "bad-updated-date",
    broken_internal_link => "broken-internal-link",
    bundle_missing_image => "bundle-missing-image",
    broken_relative_link => "broken-relative-link",
    check_broken_anchor => "check-broken-anchor",
    check_broken_file_link => "check-broken-file-link",
    collision_alias_404 => "collision-alias-404",
    collision_alias_search => "collision-alias-search",
    collision_alias_stats => "collision-alias-stats",
    collision_content_index_html => "collision-content-index-html",
    collision_page_search => "collision-page-search",
    collision_pager_page => "collision-pager-page",
    collision_section_tags => "collision-section-tags",
    collision_static_content => "collision-static-content",
    collision_static_feed => "collision-static-feed",
    collision_static_page => "collision-static-page",
    collision_static_search_index => "collision-static-search-index",
    collision_tags_case => "collision-tags-case",
    duplicate_slug => "duplicate-slug",
    empty_file => "empty-file",
    empty_slug => "empty-slug",
    empty_title => "empty-title",
    errors_in_two_files => "errors-in-two-files",
    huge_file => "huge-file",
    invalid_utf8 => "invalid-utf8",
    leftover_staging_removed => "leftover-staging-removed",
    link_to_draft => "link-to-draft",
    malformed_shortcode => "malformed-shortcode",
    missing_template => "missing-template",
    missing_alt => "missing-alt",
    missing_cover => "missing-cover",
    missing_image => "missing-image",
    missing_title => "missing-title",
    no_front_matter => "no-front-matter",
    output_inside_content => "output-inside-content",
    output_inside_content_by_dotdot => "output-inside-content-by-dotdot",
    output_inside_quiz => "output-inside-quiz",
    output_inside_themes => "output-inside-themes",
    output_is_site_folder => "output-is-site-folder",
    quiz_bad_answer => "quiz-bad-answer",
    quiz_broken_bank => "quiz-broken-bank",
    quiz_duplicate_id => "quiz-duplicate-id",
    quiz_source_url_off_site => "quiz-source-url-off-site",
    section_bad_sort_by => "section-bad-sort-by",
    section_unknown_key => "section-unknown-key",
    site_toml_and_content_errors => "site-toml-and-content-errors",
    site_toml_bad_base_url => "site-toml-bad-base-url",
    site_toml_bad_raw_html => "site-toml-bad-raw-html",
    site_toml_contest_server_off_site => "site-toml-contest-server-off-site",
    site_toml_missing_base_url => "site-toml-missing-base-url",
    site_toml_several_errors => "site-toml-several-errors",
    site_toml_syntax_and_content => "site-toml-syntax-and-content",
    site_toml_unknown_key => "site-toml-unknown-key",
    symlink_bank_outside => "symlink-bank-outside",
    symlink_folder_outside_content => "symlink-folder-outside-content",
    symlink_folder_outside_static => "symlink-folder-outside-static",
    symlink_loop => "symlink-loop",
    symlink_md_outside => "symlink-md-outside",
    template_extends_cycle => "template-extends-cycle",
    template_import_cycle => "template-import-cycle",
    template_include_cycle => "template-include-cycle",
    template_render_error => "template-render-error",
    template_syntax => "template-syntax",
    tera_syntax_error => "tera-syntax-error",
    unclosed_front_matter => "unclosed-front-matter",
    unknown_key => "unknown-key",
    unknown_shortcode => "unknown-shortcode",
    video_without_captions => "video-without-captions",
    yaml_alias_bomb => "yaml-alias-bomb",
    yaml_syntax_error => "yaml-syntax-error",
    yaml_too_deep => "yaml-too-deep",
    yaml_too_large => "yaml-too-large",
    yaml_type_error => "yaml-type-error",
}
