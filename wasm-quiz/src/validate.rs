//! Checks across files: question ids unique over all banks, and contests
//! whose draws the banks can satisfy for every seed.

use std::collections::{BTreeMap, BTreeSet};

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

use crate::draw::shortfalls;
use crate::fields::suggest;
use crate::locate::{ypath, Seg};
use crate::model::{Contest, DrawRule, Question};
use crate::parse_bank::ParsedBank;

/// Finds the 1-based (line, column) of a path in a file.
pub type Locator<'a> = dyn Fn(&str, &[Seg]) -> (u32, u32) + 'a;

/// An error in `file` at `(line, column)`.
fn error(file: &str, (line, column): (u32, u32), message: Msg) -> Diagnostic {
    Diagnostic::error(file, message).at(line as usize, column as usize)
}

pub fn cross_check(
    banks: &[ParsedBank],
    contests: &[Contest],
    locate: &Locator,
) -> Vec<Diagnostic> {
    let mut out = duplicate_ids(banks, locate);
    let pool: Vec<Question> = banks
        .iter()
        .flat_map(|b| b.bank.questions.iter().cloned())
        .collect();
    for contest in contests {
        out.extend(check_contest(contest, &pool, locate));
    }
    out
}

fn duplicate_ids(banks: &[ParsedBank], locate: &Locator) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for parsed in banks {
        let file = parsed.bank.file.as_str();
        for (q, &pos) in parsed.bank.questions.iter().zip(&parsed.positions) {
            let Some(&(first_file, first_pos)) = first.get(q.id.as_str()) else {
                first.insert(&q.id, (file, pos));
                continue;
            };
            let (line, col) = locate(first_file, &id_path(first_pos));
            let first = format!("{first_file}:{line}:{col}");
            let message = msg!("quiz-duplicate-id", id = &q.id, first = first);
            out.push(
                error(file, locate(file, &id_path(pos)), message)
                    .help(msg!("quiz-duplicate-id-help")),
            );
        }
    }
    out
}

fn id_path(position: usize) -> Vec<Seg> {
    ypath!["questions", position, "id"]
}

fn check_contest(contest: &Contest, pool: &[Question], locate: &Locator) -> Vec<Diagnostic> {
    let file = contest.file.as_str();
    let at = |p: Vec<Seg>| locate(file, &p);
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
            out.push(with_help(
                error(file, at(ypath!["draw", i, "bank"]), message),
                suggest(bank, banks.iter().copied()),
            ));
        }
        if let Some(tag) = rule.tag.as_deref().filter(|t| !tags.contains(t)) {
            unknown[i] = true;
            let message = msg!("quiz-draw-unknown-tag", rule = i + 1, tag = tag);
            out.push(with_help(
                error(file, at(ypath!["draw", i, "tag"]), message),
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
        out.push(
            error(file, at(ypath!["draw", s.rule, "count"]), message)
                .help(msg!("quiz-draw-shortfall-help")),
        );
    }
    let best = best_score(contest, pool);
    if !unknown.contains(&true) && contest.pass_mark > best + 1e-9 {
        let message = msg!(
            "quiz-pass-mark-unreachable",
            mark = contest.pass_mark.to_string(),
            best = best.to_string()
        );
        out.push(error(file, at(ypath!["pass_mark"]), message));
    }
    out
}

fn with_help(d: Diagnostic, help: Option<Msg>) -> Diagnostic {
    match help {
        Some(help) => d.help(help),
        None => d,
    }
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
            positions: (0..ids.len()).map(|i| i * 2).collect(),
        }
    }

    /// Pretends question `n` of a file sits on line 10 + n.
    fn locate(_: &str, p: &[Seg]) -> (u32, u32) {
        match p.get(1) {
            Some(Seg::Index(n)) => (10 + *n as u32, 3),
            _ => (1, 1),
        }
    }

    #[test]
    fn duplicates_point_at_the_second_and_name_the_first() {
        let banks = [parsed("a", &["x", "y"]), parsed("b", &["z", "x"])];
        let d = cross_check(&banks, &[], &locate);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].file.to_str(), d[0].line), (Some("b.yaml"), 12));
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
        let c = Contest::new("c", "C", vec![DrawRule::new(2), overlap.clone(), misspelt]);
        let mut hard = Contest::new("hard", "H", vec![DrawRule::new(1), overlap]);
        hard.pass_mark = 6.0;
        let d = cross_check(&banks, &[c, hard], &locate);
        let messages: Vec<String> = d.iter().map(|d| d.message.en()).collect();
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
