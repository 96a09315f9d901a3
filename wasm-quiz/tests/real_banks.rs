//! The banks and contests in the repository's `quiz/` folder validate, and
//! the 2022 contest draws its 20 questions.

use std::path::Path;

use wasm_quiz::{contest_bundle, load_quiz_dir, Engine};

fn quiz_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../quiz"))
}

fn has_banks(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "yaml"))
    })
}

#[test]
fn real_banks_validate_and_contest_2022_draws_20() {
    let dir = quiz_dir();
    assert!(has_banks(dir), "no banks in {}", dir.display());
    let set = match load_quiz_dir(dir) {
        Ok(set) => set,
        Err(diagnostics) => {
            let all: Vec<String> = diagnostics
                .iter()
                .map(|d| d.render(jiayuan_core::i18n::Lang::En))
                .collect();
            panic!("{} diagnostics:\n{}", all.len(), all.join("\n"));
        }
    };
    assert!(!set.banks.is_empty());
    let Some(contest) = set.contest("contest-2022") else {
        panic!("quiz/contests/contest-2022.yaml is missing");
    };
    assert_eq!(contest.paper_len(), 20);
    let bundle = contest_bundle(&set, "contest-2022").unwrap();
    let json = serde_json::to_string(&bundle).unwrap();
    let engine = Engine::from_bundle_json(&json).unwrap();
    assert_eq!(
        engine.bundle(),
        &bundle,
        "the browser reads what serde wrote"
    );
    for seed in [0, 1, 2022, 1_700_000_000_000, u64::MAX] {
        let paper = set.paper("contest-2022", seed).unwrap();
        assert_eq!(paper.questions.len(), 20, "seed {seed}");
        assert_eq!(engine.paper(seed), paper, "native and bundle draws differ");
    }
    for contest in &set.contests {
        let paper = set.paper(&contest.id, 7).unwrap();
        assert_eq!(paper.questions.len(), contest.paper_len(), "{}", contest.id);
    }
}
