//! Bad input never panics: arbitrary GIFT text and arbitrary sheets give questions or
//! diagnostics that point inside the input.

use proptest::prelude::*;

use super::sheet::{Book, Cell, Row, Table};
use super::{gift, rows};

/// Text made mostly of the characters GIFT gives a meaning to.
fn gift_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{",
        "}",
        "=",
        "~",
        "#",
        "####",
        "%",
        "%50%",
        "%-100%",
        ":",
        "::",
        "\\",
        "->",
        "//",
        "// 难度：2",
        "// 难度：x",
        "// 出处链接：abc",
        "$CATEGORY: $course$/top/甲",
        "\n",
        "\n\n",
        " ",
        "甲",
        "乙",
        "T",
        "FALSE",
        "[html]",
        "[plain]",
        "a",
        "1",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        Just(Cell::Date),
        Just(Cell::Error("#N/A".into())),
        any::<bool>().prop_map(Cell::Bool),
        prop::sample::select(vec![
            "题型", "题干", "答案", "难度", "选项A", "选项C", "编号", "单选", "多选", "判断",
            "填空", "A", "ACD", "ZZ", "对", "三|3", "|", "；", "1", "5", "甲", "/a/", "a b",
        ])
        .prop_map(|s| Cell::Text(s.to_owned())),
    ]
}

proptest! {
    #[test]
    fn gift_never_panics(text in gift_text()) {
        let mut diags = Vec::new();
        let read = gift::read(&text, "a.gift", "b", &mut diags);
        let lines = text.lines().count().max(1);
        for d in &diags {
            prop_assert!(d.line >= 1 && d.line <= lines, "{} in {text:?}", d.location());
        }
        if diags.is_empty() {
            for (entry, _) in &read.entries {
                prop_assert!(!entry.stem.is_empty());
            }
        }
    }

    #[test]
    fn sheets_never_panic(cells in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..8)) {
        let rows: Vec<Row> = cells
            .into_iter()
            .enumerate()
            .map(|(i, cells)| Row { number: i as u32 + 1, cells })
            .collect();
        let height = rows.len();
        let book = Book {
            questions: Table { sheet: Some("题目".into()), rows },
            info: None,
        };
        let mut diags = Vec::new();
        rows::read(&book, "a.xlsx", "b", &mut diags);
        for d in &diags {
            prop_assert!(d.line <= height.max(1) && d.column <= 8, "{}", d.location());
        }
    }
}
