//! `jiayuan quiz import` from Excel and CSV through the real binary: each question
//! type, the written YAML, `jiayuan check` on the result, and every bad row of a sheet
//! reported at once with nothing written.

mod common;
#[path = "quiz_import/mod.rs"]
mod helpers;

use helpers::{fails_in_both, ok, xlsx, Workspace, HEADER};

/// The four types, with the answer written in several of the accepted ways; the
/// columns in another order than the template's, no 编号 column, a blank row last.
#[rustfmt::skip]
fn four_types() -> Vec<Vec<&'static str>> {
    vec![
        vec!["题干", "题型", "答案", "选项A", "选项B", "选项C", "选项D", "难度", "标签", "解析", "出处", "出处链接"],
        vec!["三孩政策是在哪一年提出的？", "单选", "c", "2015年", "2016年", "2021年", "", "#2", "三孩政策", "2021年5月31日提出。", "政治局会议报道", "/policy/three-child-policy/"],
        vec!["下列哪些是配套支持措施？", "多选题", "A、B、D", "普惠托育", "降低成本", "恢复社会抚养费", "优生优育", "中", "中央《决定》，配套支持措施", "", "中央《决定》", ""],
        vec!["社会抚养费已经取消。", "判断", "正确", "", "", "", "", "易", "", "见中央《决定》。", "中央《决定》", ""],
        vec!["一对夫妻可以生育____个子女。", "填空", "三|3", "", "", "", "", "#1", "三孩政策；人口与计划生育法", "", "人口与计划生育法", ""],
        vec!["家庭发展能力需要提升。", "判断", "?false", "", "", "", "", "#3", "", "", "", ""],
        vec!["", "", ""],
    ]
}

/// One good row, then one row for each kind of mistake (two in some rows).
#[rustfmt::skip]
fn broken_rows() -> Vec<Vec<&'static str>> {
    vec![
        HEADER.to_vec(),
        vec!["q-1", "单选", "正常的一题", "甲", "乙", "", "", "", "", "A", "", "#1", "", "", ""],
        vec!["q-2", "问答", "未知题型", "", "", "", "", "", "", "略", "", "#1", "", "", ""],
        vec!["q-3", "单选", "答案没有对应的选项", "甲", "乙", "丙", "丁", "", "", "E", "", "#2", "", "", ""],
        vec!["q-4", "多选", "", "甲", "乙", "丙", "", "", "", "AB", "", "#2", "", "", ""],
        vec!["q-1", "判断", "编号重复", "", "", "", "", "", "", "对", "", "#1", "", "", ""],
        vec!["q-6", "判断", "难度不对", "", "", "", "", "", "", "对", "", "#5", "", "", ""],
        vec!["q 7", "判断", "编号有空格，答案不是对错", "", "", "", "", "", "", "也许", "", "#1", "", "", ""],
        vec!["q-8", "多选", "选项中间空了一个", "甲", "", "丙", "", "", "", "AC", "", "#2", "", "", ""],
        vec!["q-9", "多选", "只有一个正确选项", "甲", "乙", "丙", "", "", "", "B", "", "#2", "", "", ""],
        vec!["q-10", "填空", "填空题不带选项", "甲", "", "", "", "", "", "答||案", "", "难", "", "", "policy"],
        vec!["q-11", "单选", "选项重复", "甲", "甲", "", "", "", "", "A", "", "", "", "", ""],
    ]
}

#[test]
fn every_type_from_xlsx_passes_check() {
    let ws = Workspace::new();
    xlsx(
        &ws.path("题库.xlsx"),
        &[
            ("题目", four_types()),
            ("题库信息", vec![vec!["标题", "政策知识（导入）"]]),
        ],
    );
    let stderr = ok(&ws.run(&["quiz", "import", "题库.xlsx", "--bank", "imported"]));
    assert_eq!(stderr, "imported 5 questions into quiz/imported.yaml\n");
    insta::assert_snapshot!("xlsx_four_types", ws.read("site/quiz/imported.yaml"));
    ok(&ws.run(&["check"]));
}

#[test]
fn a_number_cell_reads_as_typed() {
    let ws = Workspace::new();
    let rows = vec![
        vec!["题型", "题干", "答案", "难度"],
        vec!["填空", "2021年修改的是哪一年的法律？", "#2001", "#2"],
    ];
    xlsx(&ws.path("a.xlsx"), &[("Sheet1", rows)]);
    ok(&ws.run(&[
        "quiz", "import", "a.xlsx", "--bank", "law", "--title", "法律",
    ]));
    let yaml = ws.read("site/quiz/law.yaml");
    assert!(yaml.contains("    answer:\n      - \"2001\"\n"), "{yaml}");
    assert!(yaml.contains("  - id: law-001\n"), "{yaml}");
}

#[test]
fn broken_rows_are_all_reported_and_nothing_is_written() {
    let ws = Workspace::new();
    xlsx(&ws.path("题库.xlsx"), &[("Sheet1", broken_rows())]);
    std::fs::create_dir_all(ws.path("site/quiz")).unwrap();
    std::fs::write(ws.path("site/quiz/broken.yaml"), "旧的题库\n").unwrap();
    let [zh, en] = fails_in_both(
        &ws,
        &[
            "quiz",
            "import",
            "题库.xlsx",
            "--bank",
            "broken",
            "--title",
            "坏",
            "--force",
        ],
    );
    insta::assert_snapshot!("xlsx_broken_rows", zh);
    insta::assert_snapshot!("xlsx_broken_rows_en", en);
    assert_eq!(ws.read("site/quiz/broken.yaml"), "旧的题库\n");
    let left: Vec<_> = std::fs::read_dir(ws.path("site/quiz")).unwrap().collect();
    assert_eq!(left.len(), 1, "a temporary file was left behind");
}

#[test]
fn headers_and_sheets_that_would_lose_data() {
    let ws = Workspace::new();
    let rows = vec![
        vec!["题型", "题杆", "答案", "备注", "", "答案"],
        vec![
            "判断",
            "题干列名写错了",
            "对",
            "备注不会被导入",
            "没有列名",
            "对",
        ],
    ];
    xlsx(
        &ws.path("a.xlsx"),
        &[("题目", rows), ("第二套", vec![vec!["另一套题"]])],
    );
    let [zh, en] = fails_in_both(
        &ws,
        &["quiz", "import", "a.xlsx", "--bank", "a", "--title", "甲"],
    );
    insta::assert_snapshot!("xlsx_bad_headers", zh);
    insta::assert_snapshot!("xlsx_bad_headers_en", en);
    assert!(!ws.path("site/quiz/a.yaml").exists());
}

#[test]
fn csv_with_the_same_header() {
    let ws = Workspace::new();
    let csv = "\u{feff}题型,题干,选项A,选项B,答案,难度,标签\n\
               单选,\"含逗号，的题干, 和换行\n第二行\",是,否,B,1,甲、乙\n\
               \n\
               判断,没有写难度,,,错,,\n\
               多选,答案超出选项,是,否,AC,2,\n";
    std::fs::write(ws.path("题库.csv"), csv).unwrap();
    let [zh, en] = fails_in_both(
        &ws,
        &["quiz", "import", "题库.csv", "--bank", "c", "--title", "丙"],
    );
    insta::assert_snapshot!("csv_bad_rows", zh);
    insta::assert_snapshot!("csv_bad_rows_en", en);
    assert!(!ws.path("site/quiz/c.yaml").exists());

    let good = "题型,题干,选项A,选项B,答案,难度,标签\n\
                单选,\"含逗号，的题干, 和换行\n第二行\",是,否,B,1,甲、乙\n";
    std::fs::write(ws.path("题库.csv"), good).unwrap();
    let stderr = ok(&ws.run(&["quiz", "import", "题库.csv", "--bank", "c", "--title", "丙"]));
    assert_eq!(stderr, "imported 1 question into quiz/c.yaml\n");
    insta::assert_snapshot!("csv_good", ws.read("site/quiz/c.yaml"));
    ok(&ws.run(&["check"]));

    // The lines said when done follow --lang, as every message does (docs/messages.md).
    let csv = ws.path("c.csv");
    let csv = csv.to_str().unwrap();
    let export = [
        "quiz", "export", "--bank", "c", "--format", "csv", "--output", csv,
    ];
    let en = ok(&ws.run(&export));
    assert_eq!(
        en,
        format!("exported 1 question to {csv}\nnote: CSV keeps no bank title; give it with --title when importing again\n")
    );
    let zh = ok(&ws.run(&[&export[..], &["--force", "--lang", "zh-CN"]].concat()));
    assert_eq!(
        zh,
        format!("已导出 1 道题到 {csv}\n注意：CSV 不保存题库标题，再导入时用 --title 给出\n")
    );
    let again = [
        "quiz", "import", csv, "--bank", "c", "--title", "丙", "--force",
    ];
    let zh = ok(&ws.run(&[&again[..], &["--lang", "zh-CN"]].concat()));
    assert_eq!(zh, "已导入 1 道题到 quiz/c.yaml\n");
}

#[test]
fn an_existing_bank_is_kept_unless_forced() {
    let ws = Workspace::new();
    let rows = vec![
        vec!["题型", "题干", "答案", "难度"],
        vec!["判断", "第一版", "对", "1"],
    ];
    xlsx(&ws.path("a.xlsx"), &[("Sheet1", rows)]);
    let import = ["quiz", "import", "a.xlsx", "--bank", "a", "--title", "甲"];
    ok(&ws.run(&import));
    let first = ws.read("site/quiz/a.yaml");
    let [zh, en] = fails_in_both(&ws, &import);
    insta::assert_snapshot!("bank_exists", zh);
    insta::assert_snapshot!("bank_exists_en", en);
    assert_eq!(ws.read("site/quiz/a.yaml"), first);

    let rows = vec![
        vec!["题型", "题干", "答案", "难度"],
        vec!["判断", "第二版", "错", "1"],
    ];
    xlsx(&ws.path("a.xlsx"), &[("Sheet1", rows)]);
    let mut forced = import.to_vec();
    forced.push("--force");
    ok(&ws.run(&forced));
    let second = ws.read("site/quiz/a.yaml");
    assert!(
        second.contains("stem: 第二版") && second.contains("answer: false"),
        "{second}"
    );
}

#[test]
fn ids_must_be_unique_across_banks_and_titles_given() {
    let ws = Workspace::new();
    let rows = vec![
        vec!["编号", "题型", "题干", "答案", "难度"],
        vec!["x-1", "判断", "甲", "对", "1"],
    ];
    xlsx(&ws.path("a.xlsx"), &[("Sheet1", rows)]);
    ok(&ws.run(&["quiz", "import", "a.xlsx", "--bank", "a", "--title", "甲"]));
    let [zh, en] = fails_in_both(&ws, &["quiz", "import", "a.xlsx", "--bank", "b"]);
    insta::assert_snapshot!("id_in_other_bank", zh);
    insta::assert_snapshot!("id_in_other_bank_en", en);
    assert!(!ws.path("site/quiz/b.yaml").exists());
    let [zh, en] = fails_in_both(
        &ws,
        &["quiz", "import", "a.xlsx", "--bank", "B_1", "--title", "乙"],
    );
    insta::assert_snapshot!("bad_bank_id", zh);
    insta::assert_snapshot!("bad_bank_id_en", en);
}

/// Copies a GIFT fixture (tests/fixtures/quiz-import/gift/) into the workspace.
fn gift(ws: &Workspace, name: &str) {
    let from = common::fixtures().join("quiz-import/gift").join(name);
    std::fs::copy(from, ws.path(name)).unwrap();
}

#[test]
fn gift_subset_passes_check() {
    let ws = Workspace::new();
    gift(&ws, "supported.gift");
    let stderr = ok(&ws.run(&[
        "quiz",
        "import",
        "supported.gift",
        "--bank",
        "gift",
        "--title",
        "GIFT 示例",
    ]));
    assert_eq!(stderr, "imported 5 questions into quiz/gift.yaml\n");
    insta::assert_snapshot!("gift_supported", ws.read("site/quiz/gift.yaml"));
    ok(&ws.run(&["check"]));
}

#[test]
fn gift_outside_the_subset_names_each_line() {
    let ws = Workspace::new();
    gift(&ws, "unsupported.gift");
    let [zh, en] = fails_in_both(
        &ws,
        &[
            "quiz",
            "import",
            "unsupported.gift",
            "--bank",
            "gift",
            "--title",
            "甲",
        ],
    );
    insta::assert_snapshot!("gift_unsupported", zh);
    insta::assert_snapshot!("gift_unsupported_en", en);
    gift(&ws, "no-difficulty.gift");
    let [zh, en] = fails_in_both(
        &ws,
        &[
            "quiz",
            "import",
            "no-difficulty.gift",
            "--bank",
            "gift",
            "--title",
            "甲",
        ],
    );
    insta::assert_snapshot!("gift_no_difficulty", zh);
    insta::assert_snapshot!("gift_no_difficulty_en", en);
    assert!(!ws.path("site/quiz/gift.yaml").exists());
}

#[test]
fn files_that_hold_no_bank() {
    let ws = Workspace::new();
    std::fs::write(ws.path("题库.docx"), "不是表格").unwrap();
    std::fs::write(ws.path("空.gift"), "// 只有注释\n\n").unwrap();
    std::fs::write(ws.path("gbk.csv"), b"\xcc\xe2\xd0\xcd,\xcc\xe2\xb8\xc9\n").unwrap();
    let (mut zh, mut en) = (String::new(), String::new());
    for file in ["题库.docx", "空.gift", "gbk.csv", "没有这个文件.xlsx"] {
        let [z, e] = fails_in_both(
            &ws,
            &["quiz", "import", file, "--bank", "a", "--title", "甲"],
        );
        zh.push_str(&z);
        en.push_str(&e);
    }
    insta::assert_snapshot!("not_banks", zh);
    insta::assert_snapshot!("not_banks_en", en);
    assert!(!ws.path("site/quiz/a.yaml").exists());
}
