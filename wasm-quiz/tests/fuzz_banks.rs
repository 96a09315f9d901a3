//! Property tests of the bank and contest loader: any text, and any mix of bank-shaped
//! YAML pieces, gives a question set or diagnostics placed inside the file; never a
//! panic, and the same answer twice.

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Lang;
use proptest::prelude::*;

use wasm_quiz::load::{load_sources, SourceFile};

const PIECES: &[&str] = &[
    "bank: b\n",
    "title: 题库\n",
    "questions:\n",
    "  - id: b-001\n",
    "    type: single\n",
    "    type: multiple\n",
    "    type: judge\n",
    "    type: fill_blank\n",
    "    stem: 题干？\n",
    "    options: [甲, 乙, 丙]\n",
    "    answer: A\n",
    "    answer: [A, B]\n",
    "    answer: true\n",
    "    difficulty: 1\n",
    "    tags: [计生协]\n",
    "    explanation: 解析。\n",
    "  - ",
    "    ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "&a ",
    "*a",
    "\n",
    "- ",
    "'",
    "\"",
    "#",
    "id: ",
    "answer: ",
    "    source_url: /a/\n",
    "~",
    "9999999999999999999999",
    "!!binary ",
    "<<: *a\n",
];

fn check(bank: &str) -> Result<(), TestCaseError> {
    let banks = [SourceFile::new("quiz/b.yaml", bank)];
    let first = load_sources(&banks, &[]);
    let again = load_sources(&banks, &[]);
    match (&first, &again) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) => {
            let shown = |d: &[Diagnostic]| d.iter().map(|d| d.render(Lang::En)).collect::<Vec<_>>();
            prop_assert_eq!(shown(a), shown(b));
            for d in a {
                let lines = bank.lines().count().max(1);
                prop_assert!(
                    d.line >= 1 && d.line <= lines + 1 && d.column >= 1,
                    "{:?} outside {} lines",
                    d,
                    lines
                );
            }
        }
        _ => prop_assert!(false, "two loads disagree"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn bank_pieces(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)) {
        check(&pieces.concat())?;
    }

    #[test]
    fn bank_any_text(text in any::<String>()) {
        check(&text)?;
    }
}

/// Hostile banks kept in `tests/corpus/`: each is one error, placed, never a crash or
/// a hang.
#[test]
fn corpus_banks_are_errors() {
    let expected = [
        // Where the alias that crosses the limit is used.
        (
            "alias-bomb.yaml",
            "quiz/b.yaml:6:45 aliases (`*name`) repeat too many values",
        ),
        (
            "deep-block.yaml",
            "quiz/b.yaml:4:65 lists or `key: value` maps nest more than 32 levels deep",
        ),
        (
            "deep-flow.yaml",
            "quiz/b.yaml:3:44 lists or `key: value` maps nest more than 32 levels deep",
        ),
        // Where the quoted text that never closes opens.
        (
            "unclosed.yaml",
            "quiz/b.yaml:2:8 this file is not valid YAML",
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, listed, "every corpus file has its expected error");
    let big = "#".repeat(wasm_quiz::load::MAX_BYTES + 1);
    let errors = load_sources(&[SourceFile::new("quiz/b.yaml", big.as_str())], &[]).unwrap_err();
    assert_eq!(
        (errors[0].line, errors[0].message.en().as_str()),
        (1, "the file is larger than 4 MiB")
    );
    for (name, message) in expected {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let banks = [SourceFile::new("quiz/b.yaml", text.as_str())];
        let errors = load_sources(&banks, &[]).err().unwrap_or_default();
        let shown: Vec<String> = errors
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message.en()))
            .collect();
        assert_eq!(shown, vec![message.to_string()], "{name}");
    }
}
