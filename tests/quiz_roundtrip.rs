//! `jiayuan quiz export` and back: every demo bank through xlsx and CSV and
//! `quiz import` again is the same bank, byte for byte on the second pass; and
//! docs/题库模板.xlsx is what the export writes for tests/fixtures/quiz-import.

mod common;
#[path = "quiz_import/mod.rs"]
mod helpers;

use std::path::Path;

use helpers::{ok, Workspace};
use jiayuan::quiz_import::export::{load_bank, table, workbook};

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn demo_banks() -> Vec<String> {
    let mut banks: Vec<String> = std::fs::read_dir(demo().join("quiz"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    banks.sort();
    banks
}

/// The demo's site.toml and quiz/ under `site/` of a fresh workspace.
fn demo_workspace() -> Workspace {
    let ws = Workspace::new();
    std::fs::copy(demo().join("site.toml"), ws.path("site/site.toml")).unwrap();
    for (rel, bytes) in common::tree(&demo().join("quiz")) {
        let target = ws.path("site/quiz").join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    ws
}

fn set(root: &Path) -> wasm_quiz::QuizSet {
    wasm_quiz::load_quiz_dir(&root.join("quiz")).expect("the banks load")
}

/// Name, title and questions of every bank (the file each came from differs).
fn banks(set: &wasm_quiz::QuizSet) -> Vec<(String, String, Vec<wasm_quiz::Question>)> {
    set.banks
        .iter()
        .map(|b| (b.name.clone(), b.title.clone(), b.questions.clone()))
        .collect()
}

#[test]
fn every_demo_bank_survives_xlsx_and_csv() {
    let banks_before = banks(&set(&demo()));
    assert_eq!(banks_before.len(), 8, "the demo has eight banks");
    let ws = demo_workspace();
    for bank in demo_banks() {
        let xlsx = format!("{bank}.xlsx");
        ok(&ws.run(&["quiz", "export", "--bank", &bank, "--output", &xlsx]));
        ok(&ws.run(&["quiz", "import", &xlsx, "--bank", &bank, "--force"]));
    }
    assert_eq!(banks(&set(&ws.site())), banks_before);

    // The YAML written from a sheet is a fixed point: a second pass gives its bytes.
    let first: Vec<String> = demo_banks()
        .iter()
        .map(|b| ws.read(&format!("site/quiz/{b}.yaml")))
        .collect();
    for (bank, title) in demo_banks().iter().zip(banks_before.iter().map(|b| &b.1)) {
        let csv = format!("{bank}.csv");
        let again = format!("{bank}-again.xlsx");
        ok(&ws.run(&["quiz", "export", "--bank", bank, "--output", &again]));
        assert_eq!(
            std::fs::read(ws.path(&again)).unwrap(),
            std::fs::read(ws.path(&format!("{bank}.xlsx"))).unwrap(),
            "{bank}: the same bank exports to the same bytes"
        );
        ok(&ws.run(&[
            "quiz", "export", "--bank", bank, "--format", "csv", "--output", &csv,
        ]));
        ok(&ws.run(&[
            "quiz", "import", &csv, "--bank", bank, "--title", title, "--force",
        ]));
    }
    let second: Vec<String> = demo_banks()
        .iter()
        .map(|b| ws.read(&format!("site/quiz/{b}.yaml")))
        .collect();
    assert_eq!(second, first);
    assert_eq!(banks(&set(&ws.site())), banks_before);
}

#[test]
fn export_refuses_to_overwrite_and_names_unknown_banks() {
    let ws = demo_workspace();
    ok(&ws.run(&["quiz", "export", "--bank", "policy", "--format", "csv"]));
    let csv = ws.read("policy.csv");
    assert!(csv.starts_with("\u{feff}编号,题型,题干,选项A,"), "{csv}");
    let [zh, en] = helpers::fails_in_both(
        &ws,
        &["quiz", "export", "--bank", "policy", "--format", "csv"],
    );
    insta::assert_snapshot!("export_exists", zh);
    insta::assert_snapshot!("export_exists_en", en);
    let [zh, en] = helpers::fails_in_both(&ws, &["quiz", "export", "--bank", "polcy"]);
    insta::assert_snapshot!("export_unknown_bank", zh);
    insta::assert_snapshot!("export_unknown_bank_en", en);
}

/// Set JIAYUAN_UPDATE_TEMPLATE=1 to write docs/题库模板.xlsx from the fixture.
#[test]
fn the_template_workbook_is_fresh_and_imports() {
    let fixture = common::fixtures().join("quiz-import");
    let data = load_bank(&fixture, "template").expect("the template bank loads");
    let rows = table(&data, "quiz/template.yaml").expect("the template fits a sheet");
    let bytes = workbook(&data.title, &rows).unwrap();
    let committed = demo().join("docs/题库模板.xlsx");
    if std::env::var_os("JIAYUAN_UPDATE_TEMPLATE").is_some() {
        std::fs::write(&committed, &bytes).unwrap();
    }
    assert!(
        std::fs::read(&committed).ok() == Some(bytes),
        "docs/题库模板.xlsx is stale: run JIAYUAN_UPDATE_TEMPLATE=1 cargo test -p jiayuan --test quiz_roundtrip"
    );

    let ws = Workspace::new();
    std::fs::copy(&committed, ws.path("模板.xlsx")).unwrap();
    let stderr = ok(&ws.run(&["quiz", "import", "模板.xlsx", "--bank", "template"]));
    assert_eq!(stderr, "imported 4 questions into quiz/template.yaml\n");
    let imported = load_bank(&ws.site(), "template").unwrap();
    assert_eq!(imported, data);
    ok(&ws.run(&["check"]));
}

/// A bank that builds alone but leaves a contest short of questions is refused with the
/// contest's own error, as `jiayuan build` would report it, and the old bank stays.
#[test]
fn an_import_that_breaks_a_contest_is_refused() {
    let ws = demo_workspace();
    let before = ws.read("site/quiz/care.yaml");
    let rows = vec![
        vec!["题型", "题干", "答案", "难度"],
        vec!["判断", "只剩一道题的题库。", "对", "1"],
    ];
    helpers::xlsx(&ws.path("care.xlsx"), &[("题目", rows)]);
    let [zh, en] = helpers::fails_in_both(
        &ws,
        &[
            "quiz",
            "import",
            "care.xlsx",
            "--bank",
            "care",
            "--title",
            "暖心",
            "--force",
        ],
    );
    insta::assert_snapshot!("import_breaks_contest", zh);
    insta::assert_snapshot!("import_breaks_contest_en", en);
    assert_eq!(ws.read("site/quiz/care.yaml"), before);
}
