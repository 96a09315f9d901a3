//! The knowledge contest at build time: banks in `quiz/` are validated by wasm-quiz, the
//! same engine the browser runs, so a bank that builds also works in the browser; each
//! contest is written as the JSON its page loads.

use std::collections::BTreeSet;
use std::path::Path;

use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::files::{leaves_root, link_outside_root, read_text, rel_path};
use jiayuan_core::i18n::{Arg, Msg};
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
pub use jiayuan_render::ContestInfo;

pub struct Loaded {
    pub set: wasm_quiz::QuizSet,
    pub contests: Vec<ContestInfo>,
    /// Questions a contest server may draw: left out of every bundle the page loads.
    pub withheld: BTreeSet<String>,
}

/// Loads and validates `quiz/`; a site without it has no contests.
pub fn load(
    root: &Path,
    url: impl Fn(&str) -> String,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let dir = root.join("quiz");
    if !dir.is_dir() {
        return None;
    }
    let banks = read_yaml(root, &dir, diags);
    let contests = read_yaml(root, &dir.join("contests"), diags);
    match wasm_quiz::load_sources(&banks, &contests) {
        Ok(set) => {
            let contests = set
                .contests
                .iter()
                .map(|c| ContestInfo {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    intro: c.intro.clone(),
                    mode: format!("{:?}", c.mode).to_lowercase(),
                    question_count: c.paper_len(),
                    time_limit_seconds: c.time_limit_seconds,
                    question_time_limit_seconds: c.question_time_limit_seconds,
                    pass_mark: c.pass_mark,
                    attempts_per_day: c.attempts_per_day,
                    data_url: url(&data_path(&c.id)),
                    server: None,
                    opens_at: c.opens_at.clone(),
                    closes_at: c.closes_at.clone(),
                })
                .collect();
            Some(Loaded {
                set,
                contests,
                withheld: BTreeSet::new(),
            })
        }
        Err(found) => {
            diags.extend(without_follow_ons(found, &banks));
            None
        }
    }
}

/// A bank with an error of its own is left out of the pool, so a contest drawing from it
/// would also be told its bank, tag or question count does not exist. Those reports
/// follow from the bank's error and only hide it: they are dropped while any bank has
/// errors (they come back, if still true, once the bank is fixed).
fn without_follow_ons(found: Vec<Diagnostic>, banks: &[wasm_quiz::SourceFile]) -> Vec<Diagnostic> {
    let broken: BTreeSet<&str> = banks
        .iter()
        .filter(|b| found.iter().any(|d| d.file == Path::new(&b.path)))
        .map(|b| stem(&b.path))
        .collect();
    if broken.is_empty() {
        return found;
    }
    let bank_files: BTreeSet<&Path> = banks.iter().map(|b| Path::new(&b.path)).collect();
    found
        .into_iter()
        .filter(|d| bank_files.contains(d.file.as_path()) || !is_pool_check(&d.message, &broken))
        .collect()
}

/// `quiz/policy.yaml` → `policy`, the bank name a file gives by default.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// wasm-quiz's checks of a contest against the question pool (`wasm-quiz/src/validate.rs`):
/// a bank named by a draw rule that is one of the `broken` ones, a tag, a count.
fn is_pool_check(message: &Msg, broken: &BTreeSet<&str>) -> bool {
    match message.id {
        "quiz-draw-unknown-bank" => message.args.iter().any(|(name, value)| {
            *name == "bank" && matches!(value, Arg::Text(bank) if broken.contains(bank.as_str()))
        }),
        "quiz-draw-unknown-tag" | "quiz-draw-shortfall" | "quiz-draw-shortfall-shared" => true,
        _ => false,
    }
}

/// The `.yaml` files of one folder, named relative to the site root so messages read
/// `quiz/policy.yaml:8:5` wherever the site lives.
pub(crate) fn read_yaml(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<wasm_quiz::SourceFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    paths
        .into_iter()
        .filter_map(|p| {
            let shown = rel_path(root, &p);
            if leaves_root(&canonical_root, &p) {
                diags.push(link_outside_root(shown));
                return None;
            }
            match read_text(&p, Path::new(&shown)) {
                Ok(text) => Some(wasm_quiz::SourceFile::new(shown, text.to_string())),
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        })
        .collect()
}

fn data_path(id: &str) -> String {
    format!("/contest/data/{id}.json")
}

/// Hands every `mode: contest` contest to the server at `api`: no bundle is written
/// for it, its page talks to the server, and the questions it can draw are withheld
/// from the practice sets too, so that no key of a contest question is published.
/// A practice set left with too few questions is an error at its draw rule.
pub fn use_server(loaded: &mut Loaded, api: &str) -> Vec<Diagnostic> {
    for info in loaded.contests.iter_mut().filter(|c| c.mode == "contest") {
        info.server = Some(api.to_owned());
        info.data_url.clear();
        if let Some(contest) = loaded.set.contest(&info.id) {
            let drawn = wasm_quiz::bundle::candidates(&loaded.set, contest);
            loaded
                .withheld
                .extend(drawn.into_iter().map(|q| q.id.clone()));
        }
    }
    let mut diags = Vec::new();
    for info in loaded.contests.iter().filter(|c| c.server.is_none()) {
        let Some(bundle) = bundle_for(loaded, &info.id) else {
            continue;
        };
        let rules = &bundle.contest.draw;
        for short in wasm_quiz::draw::shortfalls(&bundle.questions, rules) {
            let rule = &rules[short.rule];
            diags.push(
                Diagnostic::error(
                    format!("quiz/contests/{}.yaml", info.id),
                    msg!(
                        "quiz-practice-shortfall",
                        rule = short.rule + 1,
                        count = rule.count,
                        available = short.available()
                    ),
                )
                .help(msg!("quiz-practice-shortfall-help")),
            );
        }
    }
    diags
}

/// The bundle the page loads for `id`: its candidates less the withheld questions.
fn bundle_for(loaded: &Loaded, id: &str) -> Option<wasm_quiz::ContestBundle> {
    let mut bundle = wasm_quiz::contest_bundle(&loaded.set, id)?;
    bundle
        .questions
        .retain(|q| !loaded.withheld.contains(&q.id));
    Some(bundle)
}

/// Writes one JSON bundle per contest the browser runs by itself.
pub fn write(loaded: &Loaded, out: &Staging) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for info in loaded.contests.iter().filter(|c| c.server.is_none()) {
        let Some(bundle) = bundle_for(loaded, &info.id) else {
            continue;
        };
        match serde_json::to_vec(&bundle) {
            Ok(json) => {
                let owner = Owner::new(
                    Kind::Generated,
                    msg!("owner-contest", id = &info.id),
                    format!("quiz/contests/{}.yaml", info.id),
                );
                if let Err(d) = out.write_file(&data_path(&info.id), &json, owner) {
                    diags.push(d);
                }
            }
            Err(e) => diags.push(Diagnostic::error(
                format!("quiz/contests/{}.yaml", info.id),
                msg!("quiz-encode-failed", reason = e.to_string()),
            )),
        }
    }
    diags
}
