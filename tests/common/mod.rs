//! Helpers shared by the integration tests: run the real binary, snapshot folders.

#![allow(dead_code)]

pub mod content;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with English messages unless a test asks for another language with
/// `--lang` (which wins over `JIAYUAN_LANG`): most fixture sites have no `language` and
/// so would get Chinese ones, and the snapshots are of the English text.
pub fn jiayuan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiayuan"));
    cmd.env("JIAYUAN_LANG", "en");
    cmd
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Runs `jiayuan build` on a site with a fixed "now", so scheduled pages are stable.
pub fn build(root: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut cmd = jiayuan();
    cmd.arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(output);
    if !extra.contains(&"--now") {
        cmd.args(["--now", "2022-12-31"]);
    }
    cmd.args(extra).output().expect("the jiayuan binary runs")
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable tree");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// Copies a fixture folder into a fresh temporary folder.
pub fn copy_to_temp(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in tree(from) {
        let target = dir.path().join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}
