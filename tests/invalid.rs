//! The bad-input corpus: every case must fail with exit code 1, name the file, line and
//! column, say what is wrong, and leave an existing `public/` untouched.

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

#[test]
fn every_bad_input_fails_clearly_and_keeps_the_previous_output() {
    let root = common::fixtures().join("invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect = expected(case);
        let site = common::copy_to_temp(case);
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
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n--- stderr ---\n{stderr}",
                problems.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
