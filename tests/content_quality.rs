//! The demo portal's banks and pages as an editor would publish them:
//! balanced banks, every question answered on the page it links to, and
//! every sample piece marked as such (content/README.md explains the policy).

mod common;

use std::collections::BTreeMap;

use common::content::{comparable, files, longest_common_run, page_file, repo, split_front_matter};
use wasm_quiz::{load_quiz_dir, Answer, Bank, Question};

fn banks() -> Vec<Bank> {
    match load_quiz_dir(&repo().join("quiz")) {
        Ok(set) => set.banks,
        Err(diagnostics) => {
            let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("{} diagnostics:\n{}", all.len(), all.join("\n"))
        }
    }
}

fn kind(q: &Question) -> &'static str {
    match q.answer {
        Answer::Single(_) => "single",
        Answer::Multiple(_) => "multiple",
        Answer::TrueFalse(_) => "true_false",
        Answer::FillBlank(_) => "fill_blank",
        _ => "unknown",
    }
}

#[test]
fn banks_are_large_enough_and_hold_every_type() {
    let banks = banks();
    assert_eq!(banks.len(), 8, "the eight banks of quiz/");
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    assert!(total >= 200, "{total} questions in all, want at least 200");
    for bank in &banks {
        assert!(
            bank.questions.len() >= 20,
            "{}: {} questions",
            bank.name,
            bank.questions.len()
        );
        let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
        for q in &bank.questions {
            *per_kind.entry(kind(q)).or_default() += 1;
        }
        for k in ["single", "multiple", "true_false", "fill_blank"] {
            let n = per_kind.get(k).copied().unwrap_or(0);
            assert!(n >= 4, "{}: {n} {k} questions, want at least 4", bank.name);
        }
    }
}

#[test]
fn true_false_answers_are_balanced() {
    let (mut all_true, mut all) = (0, 0);
    for bank in banks() {
        let answers: Vec<bool> = bank
            .questions
            .iter()
            .filter_map(|q| match q.answer {
                Answer::TrueFalse(b) => Some(b),
                _ => None,
            })
            .collect();
        let yes = answers.iter().filter(|b| **b).count();
        let share = yes as f64 / answers.len() as f64;
        assert!(
            (0.4..=0.6).contains(&share),
            "{}: {yes} of {} true/false answers are true",
            bank.name,
            answers.len()
        );
        all_true += yes;
        all += answers.len();
    }
    let share = all_true as f64 / all as f64;
    assert!((0.4..=0.6).contains(&share), "{all_true} of {all} are true");
}

#[test]
fn answer_keys_are_spread_over_positions() {
    let mut overall = [0usize; 4];
    for bank in banks() {
        let mut single = BTreeMap::new();
        let (mut multiple, mut leading) = (0, 0);
        for q in &bank.questions {
            match &q.answer {
                Answer::Single(i) => *single.entry(*i).or_insert(0usize) += 1,
                Answer::Multiple(keys) => {
                    multiple += 1;
                    if keys.iter().enumerate().all(|(pos, k)| pos == *k) {
                        leading += 1;
                    }
                }
                _ => {}
            }
        }
        let singles: usize = single.values().sum();
        let most = single.values().copied().max().unwrap_or(0);
        assert!(
            single.len() >= 3,
            "{}: single keys use positions {:?}",
            bank.name,
            single
        );
        assert!(
            most * 2 <= singles,
            "{}: one position holds {most} of {singles} single keys",
            bank.name
        );
        assert!(
            leading * 2 <= multiple,
            "{}: {leading} of {multiple} multiple keys are the first k options",
            bank.name
        );
        for (i, n) in single {
            if i < 4 {
                overall[i] += n;
            }
        }
    }
    let sum: usize = overall.iter().sum();
    for (i, n) in overall.iter().enumerate() {
        assert!(
            n * 100 >= sum * 15,
            "position {i} holds {n} of {sum} single keys"
        );
    }
}

/// The phrases that must appear on the linked page for `q` to count as answered there.
fn answered_on(q: &Question, page: &str) -> bool {
    let has = |s: &str| page.contains(&comparable(s));
    match &q.answer {
        // "Which is NOT …": every other option is on the page.
        Answer::Single(k) if q.stem.contains("不属于") || q.stem.contains("不是") => {
            q.options.iter().enumerate().all(|(i, o)| i == *k || has(o))
        }
        Answer::Single(k) => has(&q.options[*k]),
        Answer::Multiple(keys) => keys.iter().all(|k| has(&q.options[*k])),
        // An accepted answer with a neighbouring character of the stem, or alone if long.
        Answer::FillBlank(accepted) => {
            let at = q.stem.find("____").expect("a fill_blank stem has ____");
            let before = q.stem[..at].chars().last().filter(|c| c.is_alphanumeric());
            let after = q.stem[at + 4..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric());
            accepted.iter().any(|a| {
                before.is_some_and(|b| has(&format!("{b}{a}")))
                    || after.is_some_and(|c| has(&format!("{a}{c}")))
                    || (comparable(a).chars().count() >= 4 && has(a))
            })
        }
        // The statement (without a leading "工作要点提出，") or its explanation is on the page.
        Answer::TrueFalse(_) => {
            let stem = match q.stem.split_once('，') {
                Some((lead, rest)) if lead.contains("工作要点") => rest,
                _ => q.stem.as_str(),
            };
            let stem = comparable(stem);
            let want = 10.min(stem.chars().count().div_ceil(2));
            longest_common_run(&stem, page) >= want
                || longest_common_run(&comparable(&q.explanation), page) >= 12
        }
        _ => false,
    }
}

#[test]
fn every_question_is_answered_on_its_source_page() {
    let mut missing = Vec::new();
    for bank in banks() {
        for q in &bank.questions {
            let Some(url) = &q.source_url else {
                missing.push(format!("{}: no source_url", q.id));
                continue;
            };
            let Some(file) = page_file(url) else {
                missing.push(format!("{}: {url} is no page in content/", q.id));
                continue;
            };
            let text = std::fs::read_to_string(&file).unwrap();
            let body = comparable(split_front_matter(&text).1);
            if !answered_on(q, &body) {
                missing.push(format!("{}: the answer is not on {url}", q.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{}:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn pieces_signed_by_a_city_are_marked_as_samples() {
    let mut unmarked = Vec::new();
    let mut samples = 0;
    for (path, text) in files(&repo().join("content"), ".md") {
        let (front, _) = split_front_matter(&text);
        let meta: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or_default();
        let sample = meta["extra"]["sample"].as_bool() == Some(true);
        samples += usize::from(sample);
        if meta.get("city").is_some() && !sample {
            unmarked.push(path.display().to_string());
        }
    }
    assert!(
        unmarked.is_empty(),
        "signed by a city but not `extra.sample: true`:\n{}",
        unmarked.join("\n")
    );
    assert!(samples >= 26, "{samples} sample pieces");
}

#[test]
fn the_theme_shows_the_sample_notice_on_samples_only() {
    let out = tempfile::tempdir().unwrap();
    let built = common::build(&repo(), out.path(), &[]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let read = |rel: &str| std::fs::read_to_string(out.path().join(rel)).unwrap();
    let sample = read("news/529-handan/index.html");
    assert!(
        sample.contains("class=\"sample-notice\""),
        "the article shows the notice"
    );
    assert!(sample.contains("示例内容") && sample.contains("并非邯郸市计划生育协会发布的正式文件"));
    let list = read("news/index.html");
    assert!(
        list.matches("sample-notice--inline").count() >= 5,
        "cards in the news list are marked"
    );
    let own = read("policy/population-law/index.html");
    assert!(
        !own.contains("sample-notice"),
        "the portal's own article carries no notice"
    );
}
