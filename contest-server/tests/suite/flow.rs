//! A participant's whole path: register, draw, answer, resume, submit,
//! results; and the promise that nothing reveals a key before submitting.

use contest_server::Settings;
use serde_json::{json, Value};

use crate::common::{right_answer, wrong_answer, Db, Server};

pub async fn a_full_attempt_is_scored_on_the_server(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let token = s.register("张三明", "邯郸", "13800000001").await;
    let started = s.start_attempt(&token).await;
    assert_eq!(started.status, 201, "{}", started.text);
    let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
    let questions = started.body["questions"].as_array().unwrap().clone();
    let mut types: Vec<&str> = questions
        .iter()
        .map(|q| q["type"].as_str().unwrap())
        .collect();
    types.sort();
    assert_eq!(types, ["fill_blank", "multiple", "single", "true_false"]);
    assert_eq!(started.body["deadline"], "2022-06-01T10:01:00.000+08:00");
    assert_eq!(started.body["started_at"], "2022-06-01T10:00:00.000+08:00");

    // Three right, the fill-in wrong.
    for (i, q) in questions.iter().enumerate() {
        let id = q["id"].as_str().unwrap();
        let answer = if id == "demo-004" {
            json!("人口增长")
        } else {
            right_answer(q)
        };
        s.advance(5_000);
        let r = s.answer(&attempt, id, &token, answer).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["answered"], i as i64 + 1);
        assert!(
            r.body.get("reveal").is_none(),
            "review: end reveals nothing: {}",
            r.text
        );
    }
    // A reload (or another device with the same token) gets every answer back.
    let resumed = s
        .get(&format!("/api/v1/attempts/{attempt}"), Some(&token))
        .await;
    assert_eq!(resumed.status, 200);
    assert_eq!(resumed.body["answers"]["demo-004"], "人口增长");
    assert_eq!(resumed.body["answers"].as_object().unwrap().len(), 4);
    assert_eq!(resumed.body["submitted"], false);
    // Starting again resumes the open attempt instead of spending another.
    let again = s.start_attempt(&token).await;
    assert_eq!(
        (again.status, &again.body["attempt_id"]),
        (200, &Value::from(attempt.clone()))
    );

    let done = s.submit(&attempt, &token).await;
    assert_eq!(done.status, 200, "{}", done.text);
    assert_eq!(done.body["score"], 75.0);
    assert_eq!(done.body["max_score"], 100.0);
    assert_eq!(done.body["passed"], true);
    assert_eq!(done.body["correct"], 3);
    assert_eq!(done.body["seconds"], 20.0);
    let review = done.body["review"].as_array().unwrap();
    assert_eq!(review.len(), 4);
    let fill = review.iter().find(|r| r["id"] == "demo-004").unwrap();
    assert_eq!(fill["answer"], "人口增长");
    assert_eq!(fill["key"], json!(["长期均衡"]));
    assert_eq!(fill["correct"], false);
    assert_eq!(
        fill["explanation"],
        "《决定》的题目即促进人口长期均衡发展。"
    );
    assert_eq!(fill["source"], "示例来源丁");

    let after = s
        .get(&format!("/api/v1/attempts/{attempt}"), Some(&token))
        .await;
    assert_eq!(after.body["submitted"], true);
    assert_eq!(after.body["result"]["score"], 75.0);
}

/// Every byte a participant receives before submitting, scanned for what
/// only the review may show.
pub async fn no_key_explanation_or_source_before_submitting(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    // What the review shows, then what no response ever holds (the engine's
    // key format, the option order and the seed that would let a page redraw).
    let secrets = [
        "每年5月29日",
        "青春健康教育包括",
        "桥梁纽带",
        "《决定》的题目",
        "示例来源",
        "\"key\"",
        "explanation",
        "source",
        "\"answer\":{",
        "option_order",
        "seed",
    ];
    let mut seen = Vec::new();
    let token = s.register("李四", "唐山", "13900000002").await;
    let started = s.start_attempt(&token).await;
    seen.push(started.text.clone());
    let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
    for q in started.body["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        let r = s.answer(&attempt, id, &token, right_answer(q)).await;
        seen.push(r.text);
        seen.push(
            s.get(&format!("/api/v1/attempts/{attempt}"), Some(&token))
                .await
                .text,
        );
    }
    seen.push(
        s.get("/api/v1/contests/demo-contest/results", None)
            .await
            .text,
    );
    seen.push(s.get("/api/v1/consent", None).await.text);
    for body in &seen {
        for secret in secrets {
            assert!(
                !body.contains(secret),
                "`{secret}` leaked before submitting: {body}"
            );
        }
    }
    // The scan can fail: the review after submitting holds all of them but the engine's own.
    let done = s.submit(&attempt, &token).await;
    for secret in &secrets[..8] {
        assert!(
            done.text.contains(secret),
            "the review shows `{secret}`: {}",
            done.text
        );
    }
    for secret in &secrets[8..] {
        assert!(
            !done.text.contains(secret),
            "`{secret}` is internal: {}",
            done.text
        );
    }
}

pub async fn results_rank_cities_and_mask_names(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let people = [
        ("王小红", "石家庄", "13700000001", 4),
        ("赵六", "石家庄", "13700000002", 2),
        ("欧阳明月", "保定", "13700000003", 3),
        ("孙七", "辛集", "13700000004", 4),
    ];
    for (name, city, phone, right) in people {
        let token = s.register(name, city, phone).await;
        let started = s.start_attempt(&token).await;
        let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
        for (i, q) in started.body["questions"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let answer = if i < right {
                right_answer(q)
            } else {
                wrong_answer(q)
            };
            let id = q["id"].as_str().unwrap();
            s.answer(&attempt, id, &token, answer).await;
        }
        s.advance(1_000 * right as i64);
        let done = s.submit(&attempt, &token).await;
        assert_eq!(done.status, 200, "{}", done.text);
    }
    s.advance(10_000);
    let r = s.get("/api/v1/contests/demo-contest/results", None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let cities = r.body["cities"].as_array().unwrap();
    assert_eq!(cities.len(), 13);
    let row = |c: &str| cities.iter().find(|r| r["city"] == c).unwrap().clone();
    assert_eq!(row("石家庄")["participants"], 2);
    assert_eq!(row("石家庄")["rank"], 1);
    assert_eq!(row("保定")["rank"], 2);
    assert_eq!(row("辛集")["rank"], 2, "equal participation, equal rank");
    assert_eq!(
        row("唐山")["rank"],
        4,
        "competition ranking skips after a tie"
    );
    assert_eq!(row("唐山")["participants"], 0);
    let top: Vec<(String, String)> = r.body["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_owned(),
                t["city"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(top[0].0, "王*红");
    assert_eq!(top[1].0, "孙*");
    assert_eq!(top[2], ("欧**月".to_owned(), "保定".to_owned()));
    assert!(
        !r.text.contains("137000"),
        "no phone number in results: {}",
        r.text
    );
    assert!(!r.text.contains("王小红"), "no full name in results");
}
