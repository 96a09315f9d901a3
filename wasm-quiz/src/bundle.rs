//! The JSON a contest page loads: the contest settings and every question its
//! draw rules can pick (answer key included, as practice mode may (docs/decisions.md, "One quiz engine")).

use serde::{Deserialize, Serialize};

use crate::draw::{draw_paper, Paper};
use crate::model::{Contest, Question, QuizSet};

/// Bumped when the bundle's shape changes incompatibly.
pub const BUNDLE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContestBundle {
    pub format: u32,
    pub contest: Contest,
    /// Candidate questions, banks in name order, each bank in file order.
    /// Draws depend on this order, so it must not be re-sorted.
    pub questions: Vec<Question>,
}

impl ContestBundle {
    pub fn new(contest: Contest, questions: Vec<Question>) -> ContestBundle {
        ContestBundle {
            format: BUNDLE_FORMAT,
            contest,
            questions,
        }
    }
}

/// The questions of `set` that some draw rule of `contest` can pick.
pub fn candidates<'a>(set: &'a QuizSet, contest: &Contest) -> Vec<&'a Question> {
    set.questions()
        .filter(|q| contest.draw.iter().any(|r| r.matches(q)))
        .collect()
}

/// The bundle for contest `contest_id`, or `None` if the set has no such
/// contest.
pub fn contest_bundle(set: &QuizSet, contest_id: &str) -> Option<ContestBundle> {
    let contest = set.contest(contest_id)?;
    let questions = candidates(set, contest).into_iter().cloned().collect();
    let mut contest = contest.clone();
    contest.file.clear();
    Some(ContestBundle::new(contest, questions))
}

impl QuizSet {
    /// The paper the browser draws for `seed`: drawn from the same candidate
    /// list, so native and wasm agree.
    pub fn paper(&self, contest_id: &str, seed: u64) -> Option<Paper> {
        let contest = self.contest(contest_id)?;
        let pool: Vec<Question> = candidates(self, contest).into_iter().cloned().collect();
        Some(draw_paper(&pool, contest, seed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Bank, DrawRule};
    use crate::score::tests::question;

    fn set() -> QuizSet {
        let mut a1 = question("a1", Answer::Single(0), 3);
        a1.bank = "a".into();
        let mut a2 = question("a2", Answer::TrueFalse(true), 0);
        a2.bank = "a".into();
        a2.tags = vec!["t".into()];
        let mut b1 = question("b1", Answer::TrueFalse(false), 0);
        b1.bank = "b".into();
        let bank = |name: &str, questions| Bank {
            name: name.into(),
            title: name.into(),
            questions,
            file: format!("quiz/{name}.yaml"),
        };
        let mut rule = DrawRule::new(1);
        rule.tag = Some("t".into());
        let mut contest = Contest::new("c", "C", vec![rule]);
        contest.file = "quiz/contests/c.yaml".into();
        QuizSet::new(
            vec![bank("a", vec![a1, a2]), bank("b", vec![b1])],
            vec![contest],
        )
    }

    #[test]
    fn bundle_holds_only_candidates_and_round_trips() {
        let set = set();
        let bundle = contest_bundle(&set, "c").unwrap();
        let ids: Vec<&str> = bundle.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["a2"]);
        let json = serde_json::to_string(&bundle).unwrap();
        assert!(
            !json.contains("quiz/contests"),
            "file paths stay out: {json}"
        );
        let back: ContestBundle = serde_json::from_str(&json).unwrap();
        assert_eq!(back, bundle);
        assert!(contest_bundle(&set, "nope").is_none());
    }

    #[test]
    fn native_paper_matches_the_bundle_paper() {
        let set = set();
        let bundle = contest_bundle(&set, "c").unwrap();
        for seed in 0..20 {
            let native = set.paper("c", seed).unwrap();
            let browser = draw_paper(&bundle.questions, &bundle.contest, seed);
            assert_eq!(native, browser);
        }
    }
}
