use proptest::prelude::*;

use super::*;
use crate::model::{Answer, DrawRule, Scoring};
use crate::score::tests::question;

fn bundle(review: Review, partial: bool) -> ContestBundle {
    let questions = vec![
        question("s", Answer::Single(2), 4),
        question("m", Answer::Multiple(vec![0, 1, 3]), 5),
        question("t", Answer::TrueFalse(true), 0),
        question("f", Answer::FillBlank(vec!["计生协".into()]), 0),
    ];
    let mut contest = Contest::new("c", "C", vec![DrawRule::new(4)]);
    contest.shuffle_questions = true;
    contest.shuffle_options = true;
    contest.review = review;
    contest.time_limit_seconds = 600;
    contest.pass_mark = 12.0;
    contest.scoring = Scoring {
        single: 5.0,
        multiple: 6.0,
        true_false: 2.0,
        fill_blank: 3.0,
        partial_credit: partial,
    };
    ContestBundle::new(contest, questions)
}

fn engine(review: Review, partial: bool) -> Engine {
    let json = serde_json::to_string(&bundle(review, partial)).unwrap();
    Engine::from_bundle_json(&json).unwrap()
}

/// The right response to paper question `i`.
fn right(engine: &Engine, s: &Session, i: usize) -> Response {
    let paper = engine.session_paper(s).unwrap();
    let pq = &paper.questions[i];
    let q = engine.question(pq).unwrap();
    match key(q, &pq.option_order) {
        Key::Choice(c) => Response::Choice(c),
        Key::Choices(c) => Response::Choices(c),
        Key::Truth(t) => Response::Truth(t),
        Key::Texts(t) => Response::Text(t[0].clone()),
    }
}

#[test]
fn full_marks_pass_and_review_lists_everything() {
    let e = engine(Review::End, false);
    let mut s = e.start(7, 0.0, Timing::Standard);
    for i in 0..4 {
        let r = right(&e, &s, i);
        let fb = e.answer(&mut s, i, r, 1_000.0).unwrap();
        assert_eq!(fb.reveal, None, "review: end reveals nothing early");
    }
    assert_eq!(e.result(&s), Err(SessionError::NotFinished));
    s.finish(2_000.0);
    let r = e.result(&s).unwrap();
    assert_eq!((r.total, r.max, r.correct, r.answered), (16.0, 16.0, 4, 4));
    assert!(r.passed);
    assert_eq!(r.elapsed_ms, 2_000.0);
    assert_eq!(r.entries.len(), 4);
    assert!(r.entries.iter().all(|e| e.explanation == "because"));
}

#[test]
fn after_each_reveals_and_locks_the_answer() {
    let e = engine(Review::AfterEach, false);
    let mut s = e.start(3, 0.0, Timing::Standard);
    let i = e
        .session_paper(&s)
        .unwrap()
        .questions
        .iter()
        .position(|q| q.kind == QuestionKind::TrueFalse)
        .unwrap();
    let fb = e.answer(&mut s, i, Response::Truth(false), 10.0).unwrap();
    let reveal = fb.reveal.unwrap();
    assert!(!reveal.correct);
    assert_eq!(reveal.key, Key::Truth(true));
    assert_eq!(
        e.answer(&mut s, i, Response::Truth(true), 20.0),
        Err(SessionError::AlreadyAnswered(i))
    );
}

#[test]
fn wrong_shapes_and_time_up_are_errors() {
    let e = engine(Review::End, false);
    let mut s = e.start(3, 0.0, Timing::Standard);
    let i = e
        .session_paper(&s)
        .unwrap()
        .questions
        .iter()
        .position(|q| q.kind == QuestionKind::FillBlank)
        .unwrap();
    let err = e
        .answer(&mut s, i, Response::Truth(true), 10.0)
        .unwrap_err();
    assert!(err.to_string().contains("text"), "{err}");
    assert_eq!(
        e.answer(&mut s, 9, Response::Truth(true), 10.0),
        Err(SessionError::NoSuchQuestion(9))
    );
    assert_eq!(
        e.answer(&mut s, i, Response::Text("x".into()), 600_001.0),
        Err(SessionError::TimeUp)
    );
    let r = e.result(&s).unwrap();
    assert_eq!((r.total, r.passed, r.elapsed_ms), (0.0, false, 600_000.0));
}

#[test]
fn stale_sessions_and_bad_bundles_are_reported() {
    let e = engine(Review::End, false);
    let mut s = e.start(1, 0.0, Timing::Off);
    s.finish(1.0);
    let mut changed = bundle(Review::End, false);
    changed.questions[0].stem = "新题干".into();
    let e2 = Engine::new(changed).unwrap();
    assert_eq!(e2.result(&s), Err(SessionError::Stale));
    assert!(e.result(&s).is_ok());

    let mut b = bundle(Review::End, false);
    b.format = 99;
    assert_eq!(Engine::new(b).unwrap_err(), EngineError::Format(99));
    let mut b = bundle(Review::End, false);
    b.questions[0].answer = Answer::Single(9);
    assert!(matches!(Engine::new(b), Err(EngineError::Invalid(_))));
    assert!(matches!(
        Engine::from_bundle_json("{"),
        Err(EngineError::Json(_))
    ));
}

fn arb_response() -> impl Strategy<Value = Response> {
    prop_oneof![
        (0usize..5).prop_map(Response::Choice),
        prop::collection::vec(0usize..5, 0..6).prop_map(Response::Choices),
        any::<bool>().prop_map(Response::Truth),
        "[计生协a-z ]{0,4}".prop_map(Response::Text),
    ]
}

proptest! {
    #[test]
    fn scores_stay_within_zero_and_max(
        seed in any::<u64>(),
        partial in any::<bool>(),
        responses in prop::collection::vec(arb_response(), 4),
    ) {
        let e = engine(Review::End, partial);
        let mut s = e.start(seed, 0.0, Timing::Standard);
        for (i, r) in responses.into_iter().enumerate() {
            // Shapes that do not fit are refused; the slot stays empty.
            let _ = e.answer(&mut s, i, r, 1.0);
        }
        s.finish(2.0);
        let result = e.result(&s).unwrap();
        prop_assert!(result.total >= 0.0 && result.total <= result.max);
        for entry in &result.entries {
            prop_assert!(entry.points >= 0.0 && entry.points <= entry.max);
        }
    }

    #[test]
    fn partial_credit_is_never_negative_and_only_exact_is_full(
        picks in prop::collection::vec(0usize..5, 0..8),
        order_seed in any::<u64>(),
    ) {
        let q = question("m", Answer::Multiple(vec![0, 1, 3]), 5);
        let mut order: Vec<usize> = (0..5).collect();
        crate::rng::SplitMix64::new(order_seed).shuffle(&mut order);
        let scoring = bundle(Review::End, true).contest.scoring;
        let m = mark(&q, &order, &Response::Choices(picks.clone()), &scoring).unwrap();
        prop_assert!(m.points >= 0.0 && m.points <= m.max);
        let mut originals: Vec<usize> = picks.iter().map(|&p| order[p]).collect();
        originals.sort_unstable();
        originals.dedup();
        prop_assert_eq!(m.points == m.max, originals == vec![0, 1, 3]);
    }
}
