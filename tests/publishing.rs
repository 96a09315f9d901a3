//! The CI examples in docs/publishing.md, run: every `run:` (GitHub Actions) and
//! `before_script:`/`script:` line (GitLab CI) of its YAML blocks, in order, in a copy of
//! the hugo-docs fixture, so the examples cannot rot. The one `cargo build` line of each
//! pipeline is not run: the test suite has built the binary, and it is put where that
//! line leaves it (`target/release/jiayuan`). Uploads go to a local folder.

mod common;

use std::path::Path;
use std::process::Command;

use serde_yaml::Value;

/// The YAML blocks of a Markdown file.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// The shell commands of a pipeline, in the order the CI runs them.
fn commands(pipeline: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(jobs) = pipeline.get("jobs").and_then(Value::as_mapping) {
        for job in jobs.values() {
            for step in job["steps"].as_sequence().into_iter().flatten() {
                out.extend(step.get("run").and_then(Value::as_str).map(str::to_string));
            }
        }
        return out;
    }
    for job in pipeline.as_mapping().into_iter().flat_map(|m| m.values()) {
        for key in ["before_script", "script"] {
            for line in job
                .get(key)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                out.extend(line.as_str().map(str::to_string));
            }
        }
    }
    out
}

fn run_pipeline(name: &str, commands: &[String]) {
    let site = common::copy_to_temp(&common::fixtures().join("sites/hugo-docs"));
    let dir = site.path();
    let release = dir.join("target/release");
    std::fs::create_dir_all(&release).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_jiayuan"), release.join("jiayuan")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let key = scratch.path().join("deploy_key");
    std::fs::write(&key, "not a key: the upload goes to a local folder\n").unwrap();
    let target = scratch.path().join("www");
    std::fs::create_dir_all(&target).unwrap();

    let builds = commands
        .iter()
        .filter(|c| c.trim().starts_with("cargo build"))
        .count();
    assert_eq!(builds, 1, "{name}: one `cargo build` line");
    for command in commands
        .iter()
        .filter(|c| !c.trim().starts_with("cargo build"))
    {
        let out = Command::new("bash")
            .args(["-eo", "pipefail", "-c", command])
            .current_dir(dir)
            .env("RUNNER_TEMP", scratch.path())
            .env("CI_PROJECT_DIR", dir)
            .env("DEPLOY_KEY", &key)
            .env("DEPLOY_TARGET", format!("{}/", target.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: `{command}` failed\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let built = common::tree(&dir.join("public"));
    assert!(built.contains_key("sql/select/index.html"), "{name}: built");
    assert_eq!(common::tree(&target), built, "{name}: uploaded as built");
}

#[cfg(unix)]
#[test]
fn the_ci_examples_in_docs_publishing_run() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/publishing.md"),
    )
    .unwrap();
    let mut names = Vec::new();
    for block in yaml_blocks(&doc) {
        let name = block
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("# ")
            .to_string();
        let pipeline: Value = serde_yaml::from_str(&block).unwrap();
        let commands = commands(&pipeline);
        assert!(commands.len() >= 3, "{name}: {commands:?}");
        assert!(
            commands.iter().any(|c| c.contains("jiayuan check")),
            "{name}"
        );
        run_pipeline(&name, &commands);
        names.push(name);
    }
    assert_eq!(names, [".github/workflows/publish.yml", ".gitlab-ci.yml"]);
}
