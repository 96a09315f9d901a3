//! Helpers of the `jiayuan quiz import` tests: a fixture site in a temporary folder,
//! workbooks written with rust_xlsxwriter, and the real binary run inside the folder
//! so that messages name files as an editor typed them.

// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use super::common;

pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// A folder holding `site/` (the basic fixture site, no quiz/ yet).
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let site = common::copy_to_temp(&common::fixtures().join("sites/basic"));
        for (rel, bytes) in common::tree(site.path()) {
            let target = dir.path().join("site").join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        Workspace { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn site(&self) -> PathBuf {
        self.path("site")
    }

    /// `jiayuan --root site <args>` run in the workspace folder.
    pub fn run(&self, args: &[&str]) -> Output {
        common::jiayuan()
            .current_dir(self.dir.path())
            .args(["--root", "site"])
            .args(args)
            .output()
            .expect("the jiayuan binary runs")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }
}

/// Runs the command, expects success, and returns stderr.
pub fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "failed: {stderr}");
    stderr
}

/// Runs the command, expects exit code 1, and returns stderr.
pub fn fails(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    stderr
}

/// Runs a command that must fail twice, with `--lang zh-CN` and in English (the tests'
/// language, tests/common/mod.rs), and returns both stderrs: `[chinese, english]`.
pub fn fails_in_both(ws: &Workspace, args: &[&str]) -> [String; 2] {
    let zh = fails(&ws.run(&[args, &["--lang", "zh-CN"]].concat()));
    let en = fails(&ws.run(args));
    [zh, en]
}

/// Writes a workbook. A cell `#2` is the number 2, `?true` a boolean, `` (empty) no
/// cell; anything else is text.
pub fn xlsx(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(n) = cell.strip_prefix('#') {
                    sheet.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                } else if let Some(b) = cell.strip_prefix('?') {
                    sheet.write_boolean(r, c, b == "true").unwrap();
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, *cell).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// The header of docs/题库模板.xlsx.
pub const HEADER: [&str; 15] = [
    "编号",
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "选项E",
    "选项F",
    "答案",
    "解析",
    "难度",
    "标签",
    "出处",
    "出处链接",
];
