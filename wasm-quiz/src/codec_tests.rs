use serde::Serialize;

use super::*;
use crate::encode::*;
use crate::engine::Engine;
use crate::json::parse;
use crate::model::QuestionKind;
use crate::score::tests::question;

/// What serde_json writes for `value`, as a [`Json`] tree.
fn serde_tree<T: Serialize>(value: &T) -> Json {
    parse(&serde_json::to_string(value).unwrap()).unwrap()
}

fn bundle() -> ContestBundle {
    let mut with_url = question("s", Answer::Single(2), 4);
    with_url.source_url = Some("/youth-health/".into());
    with_url.tags = vec!["青春健康".into(), "三三制".into()];
    with_url.stem = "“三三制”\n下列\"哪项\"\\不属于？".into();
    let questions = vec![
        with_url,
        question("m", Answer::Multiple(vec![0, 1, 3]), 5),
        question("t", Answer::TrueFalse(false), 0),
        question(
            "f",
            Answer::FillBlank(vec!["1982年".into(), "一九八二".into()]),
            0,
        ),
    ];
    let mut tagged = DrawRule::new(1);
    tagged.tag = Some("青春健康".into());
    tagged.difficulty = Some(1);
    let mut c = Contest::new("c", "竞答", vec![DrawRule::new(3), tagged]);
    c.intro = "说明\n第二行\n".into();
    c.mode = Mode::Practice;
    c.review = Review::AfterEach;
    c.question_time_limit_seconds = Some(60);
    c.time_limit_seconds = 900;
    c.pass_mark = 12.5;
    c.shuffle_options = true;
    c.scoring.partial_credit = true;
    c.scoring.multiple = 7.5;
    ContestBundle::new(c, questions)
}

#[test]
fn reads_bundles_as_serde_writes_them() {
    let b = bundle();
    let read = read_bundle(&serde_tree(&b)).unwrap();
    assert_eq!(read, b);
    assert_eq!(write_contest(&b.contest), serde_tree(&b.contest));
    let mut plain = b.clone();
    plain.contest.question_time_limit_seconds = None;
    plain.contest.draw[1].tag = None;
    assert_eq!(read_bundle(&serde_tree(&plain)).unwrap(), plain);
    assert_eq!(write_contest(&plain.contest), serde_tree(&plain.contest));
}

#[test]
fn writes_sessions_papers_feedback_and_results_as_serde_does() {
    let engine = Engine::new(bundle()).unwrap();
    let paper = engine.paper(99);
    assert_eq!(write_paper(&paper), serde_tree(&paper));
    let mut session = engine.start(99, 1_700_000_000_000.0, Timing::Double);
    assert_eq!(write_session(&session), serde_tree(&session));
    let mut last = None;
    // Answer all but the last question, so the session holds a `null` too.
    for (i, pq) in paper
        .questions
        .iter()
        .enumerate()
        .take(paper.questions.len() - 1)
    {
        let r = match pq.kind {
            QuestionKind::Single => Response::Choice(1),
            QuestionKind::Multiple => Response::Choices(vec![0, 2]),
            QuestionKind::TrueFalse => Response::Truth(true),
            _ => Response::Text("一九八二".into()),
        };
        last = Some(
            engine
                .answer(&mut session, i, r, 1_700_000_000_500.5)
                .unwrap(),
        );
    }
    let feedback = last.expect("some response fits");
    assert_eq!(write_feedback(&feedback), serde_tree(&feedback));
    assert_eq!(write_session(&session), serde_tree(&session));
    assert_eq!(read_session(&serde_tree(&session)).unwrap(), session);
    session.finish(1_700_000_001_234.0);
    assert_eq!(read_session(&write_session(&session)).unwrap(), session);
    let result = engine.result(&session).unwrap();
    assert_eq!(write_result(&result), serde_tree(&result));
}

#[test]
fn responses_and_errors() {
    for r in [
        Response::Choice(3),
        Response::Choices(vec![]),
        Response::Truth(false),
        Response::Text("１９８２".into()),
    ] {
        assert_eq!(read_response(&serde_tree(&r)).unwrap(), r);
    }
    let err = read_response(&parse(r#"{"colour": 1}"#).unwrap()).unwrap_err();
    assert!(err.contains("colour"), "{err}");
    let mut tree = serde_tree(&bundle());
    if let Json::Obj(fields) = &mut tree {
        fields.retain(|(k, _)| k != "contest");
    }
    assert_eq!(
        read_bundle(&tree).unwrap_err(),
        "contest: missing field `contest`"
    );
    let bad = parse(r#"{"format":1,"contest":{"id":"c","title":"t","draw":[],"scoring":{"single":1,"multiple":1,"true_false":1,"fill_blank":1}},"questions":[{"id":"q9","answer":{"essay":1}}]}"#).unwrap();
    assert_eq!(
        read_bundle(&bad).unwrap_err(),
        "question `q9`: unknown answer type `essay`"
    );
}
