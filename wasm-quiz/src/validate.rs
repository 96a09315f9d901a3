//! Checks across files: question ids unique over all banks, and contests
//! whose draws the banks can satisfy for every seed.

use std::collections::{BTreeMap, BTreeSet};

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

use crate::draw::shortfalls;
use crate::fields::{error, suggest, Pos};
use crate::model::{Contest, DrawRule, Question};
use crate::parse_bank::ParsedBank;
use crate::parse_contest::ParsedContest;

pub fn cross_check(banks: &[ParsedBank], contests: &[ParsedContest]) -> Vec<Diagnostic> {
    let mut out = duplicate_ids(banks);
    let pool: Vec<Question> = banks
        .iter()
        .flat_map(|b| b.bank.questions.iter().cloned())
        .collect();
    for contest in contests {
        out.extend(check_contest(contest, &pool));
    }
    out
}

fn duplicate_ids(banks: &[ParsedBank]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: BTreeMap<&str, (&str, Pos)> = BTreeMap::new();
    for parsed in banks {
        let file = parsed.bank.file.as_str();
        for (q, &at) in parsed.bank.questions.iter().zip(&parsed.id_at) {
            let Some(&(first_file, (line, col))) = first.get(q.id.as_str()) else {
                first.insert(&q.id, (file, at));
                continue;
            };
            let first = format!("{first_file}:{line}:{col}");
            let message = msg!("quiz-duplicate-id", id = &q.id, first = first);
            out.push(error(
                file,
                at,
                message,
                Some(msg!("quiz-duplicate-id-help")),
            ));
        }
    }
    out
}

fn check_contest(parsed: &ParsedContest, pool: &[Question]) -> Vec<Diagnostic> {
    let contest = &parsed.contest;
    let file = contest.file.as_str();
    let places = &parsed.rules_at;
    let banks: BTreeSet<&str> = pool.iter().map(|q| q.bank.as_str()).collect();
    let tags: BTreeSet<&str> = pool
        .iter()
        .flat_map(|q| q.tags.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    let mut unknown = vec![false; contest.draw.len()];
    for (i, rule) in contest.draw.iter().enumerate() {
        if let Some(bank) = rule.bank.as_deref().filter(|b| !banks.contains(b)) {
            unknown[i] = true;
            let message = msg!("quiz-draw-unknown-bank", rule = i + 1, bank = bank);
            out.push(error(
                file,
                places[i].bank,
                message,
                suggest(bank, banks.iter().copied()),
            ));
        }
        if let Some(tag) = rule.tag.as_deref().filter(|t| !tags.contains(t)) {
            unknown[i] = true;
            let message = msg!("quiz-draw-unknown-tag", rule = i + 1, tag = tag);
            out.push(error(
                file,
                places[i].tag,
                message,
                suggest(tag, tags.iter().copied()),
            ));
        }
    }
    for s in shortfalls(pool, &contest.draw) {
        if unknown[s.rule] {
            continue;
        }
        let rule = &contest.draw[s.rule];
        let message = if s.maybe_taken > 0 {
            msg!(
                "quiz-draw-shortfall-shared",
                rule = s.rule + 1,
                filters = filters(rule),
                count = rule.count,
                matching = s.matching,
                taken = s.maybe_taken,
                available = s.available()
            )
        } else {
            msg!(
                "quiz-draw-shortfall",
                rule = s.rule + 1,
                filters = filters(rule),
                count = rule.count,
                matching = s.matching
            )
        };
        out.push(error(
            file,
            places[s.rule].count,
            message,
            Some(msg!("quiz-draw-shortfall-help")),
        ));
    }
    let best = best_score(contest, pool);
    if !unknown.contains(&true) && contest.pass_mark > best + 1e-9 {
        let message = msg!(
            "quiz-pass-mark-unreachable",
            mark = contest.pass_mark.to_string(),
            best = best.to_string()
        );
        out.push(error(file, parsed.pass_mark_at, message, None));
    }
    out
}

/// ` (bank `a`, tag `t`, difficulty 3)`, or nothing for a rule without filters.
fn filters(rule: &DrawRule) -> Msg {
    let mut parts = Vec::new();
    if let Some(b) = &rule.bank {
        parts.push(msg!("quiz-filter-bank", bank = b));
    }
    if let Some(t) = &rule.tag {
        parts.push(msg!("quiz-filter-tag", tag = t));
    }
    if let Some(d) = rule.difficulty {
        parts.push(msg!("quiz-filter-difficulty", level = u32::from(d)));
    }
    if let Some(k) = rule.kind {
        parts.push(msg!("quiz-filter-type", kind = k.as_str()));
    }
    if parts.is_empty() {
        msg!("quiz-filters-none")
    } else {
        msg!("quiz-filters", filters = parts)
    }
}

/// An upper bound of a paper's maximum score: each rule's count times the
/// best points among the types it can draw.
fn best_score(contest: &Contest, pool: &[Question]) -> f64 {
    contest
        .draw
        .iter()
        .map(|rule| {
            let best = pool
                .iter()
                .filter(|q| rule.matches(q))
                .map(|q| contest.scoring.points(q.kind()))
                .fold(0.0, f64::max);
            f64::from(rule.count) * best
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use jiayuan_core::i18n::Lang;

    use super::*;
    use crate::model::{Answer, Bank};
    use crate::parse_contest::RulePlaces;
    use crate::score::tests::question;

    fn parsed(name: &str, ids: &[&str]) -> ParsedBank {
        let questions = ids
            .iter()
            .map(|id| {
                let mut q = question(id, Answer::TrueFalse(true), 0);
                q.bank = name.into();
                q.tags = vec!["t".into()];
                q
            })
            .collect();
        ParsedBank {
            bank: Bank {
                name: name.into(),
                title: name.into(),
                questions,
                file: format!("{name}.yaml"),
            },
            // Question `n`'s id is on line 10 + n.
            id_at: (0..ids.len()).map(|n| (10 + n, 3)).collect(),
        }
    }

    /// A contest whose rule `i` sits on line 20 + i, its pass mark on line 2.
    fn placed(contest: Contest) -> ParsedContest {
        let rules_at = (0..contest.draw.len())
            .map(|i| RulePlaces {
                bank: (20 + i, 5),
                tag: (20 + i, 7),
                count: (20 + i, 9),
            })
            .collect();
        ParsedContest {
            contest,
            pass_mark_at: (2, 1),
            rules_at,
        }
    }

    #[test]
    fn duplicates_point_at_the_second_and_name_the_first() {
        let banks = [parsed("a", &["x", "y"]), parsed("b", &["z", "x"])];
        let d = cross_check(&banks, &[]);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].file.to_str(), d[0].line), (Some("b.yaml"), 11));
        assert_eq!(
            d[0].message.en(),
            "duplicate question id `x`; first defined at a.yaml:10:3"
        );
        assert_eq!(
            d[0].message.text(Lang::ZhCn),
            "题目 id `x` 重复；首次定义于 a.yaml:10:3"
        );
    }

    #[test]
    fn contests_are_checked_against_the_banks() {
        let banks = [parsed("a", &["x", "y", "z"])];
        let mut misspelt = DrawRule::new(1);
        misspelt.bank = Some("b".into());
        let mut overlap = DrawRule::new(2);
        overlap.tag = Some("t".into());
        let mut c = Contest::new("c", "C", vec![DrawRule::new(2), overlap.clone(), misspelt]);
        c.file = "c.yaml".into();
        let mut hard = Contest::new("hard", "H", vec![DrawRule::new(1), overlap]);
        hard.pass_mark = 6.0;
        hard.file = "hard.yaml".into();
        let d = cross_check(&banks, &[placed(c), placed(hard)]);
        let messages: Vec<String> = d.iter().map(|d| d.message.en()).collect();
        let places: Vec<String> = d.iter().map(|d| d.location()).collect();
        assert_eq!(places, ["c.yaml:22:5", "c.yaml:21:9", "hard.yaml:2:1"]);
        assert_eq!(
            messages,
            [
                "draw rule 3 names bank `b`, which does not exist",
                "draw rule 2 (tag `t`) asks for 2 questions but only 3 match, \
                 and earlier rules may take up to 2 of them (1 available)",
                "pass_mark 6 is more than the highest score a paper can reach (3)",
            ]
        );
    }
}
