//! What happens after the answers: retention, export, the sweep of attempts
//! left open, and answers racing a submit.

use contest_server::{privacy, submit, Settings};
use serde_json::{json, Value};

use crate::common::{right_answer, Db, Server};

pub async fn personal_data_is_erased_after_retention(db: Db) {
    let s = Server::start(
        db,
        "",
        Settings {
            retention_days: 30,
            ..Settings::default()
        },
    )
    .await;
    let token = s.register("张三明", "邯郸", "13800000001").await;
    let consent = s.get("/api/v1/consent", None).await;
    let text = consent.body["text"].as_str().unwrap();
    assert!(text.contains("自登记之日起保存 30 天"), "{text}");
    assert_eq!(consent.body["retention_days"], 30);
    let now = s.state.clock.now_ms();
    assert_eq!(
        privacy::purge(&s.state.store, now + 29 * 86_400_000, 30)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        privacy::purge(&s.state.store, now + 31 * 86_400_000, 30)
            .await
            .unwrap(),
        1
    );
    let row: (String, String, String, String) =
        sqlx::query_as("SELECT name, phone, unit, city FROM participants")
            .fetch_one(s.state.store.pool())
            .await
            .unwrap();
    assert_eq!(
        row,
        (
            String::new(),
            String::new(),
            String::new(),
            "邯郸".to_owned()
        )
    );
    // An erased participant's token no longer opens anything.
    assert_eq!(s.start_attempt(&token).await.status, 401);
}

pub async fn export_is_excel_ready_csv(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let token = s.register("张三明", "邯郸", "13800000001").await;
    let started = s.start_attempt(&token).await;
    let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
    for q in started.body["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        s.answer(&attempt, id, &token, right_answer(q)).await;
    }
    s.advance(3_000);
    s.submit(&attempt, &token).await;
    let other = s.register("李四", "唐山", "13800000002").await;
    s.start_attempt(&other).await;
    let mut out = Vec::new();
    let n = contest_server::export::export_csv(&s.state.store, Some("demo-contest"), &mut out)
        .await
        .unwrap();
    assert_eq!(n, 2);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "作答编号,竞答,姓名,所在市,手机号,单位,计时方式,开始时间,交卷时间,用时（秒）,得分,满分,是否及格,作答题数,答对题数,标记,参赛者编号");
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(
        first[1..15],
        [
            "demo-contest",
            "张三明",
            "邯郸",
            "13800000001",
            "",
            "标准",
            "2022-06-01T10:00:00.000+08:00",
            "2022-06-01T10:00:03.000+08:00",
            "3.0",
            "100",
            "100",
            "是",
            "4",
            "4"
        ]
    );
    assert_eq!(
        first[15], "全对且每题不足2秒，请人工核查",
        "4 right in 3 s is flagged"
    );
    let second: Vec<&str> = lines[2].split(',').collect();
    assert_eq!((second[2], second[15]), ("李四", "未交卷"));
}

pub async fn expired_attempts_are_scored_by_the_sweep(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let token = s.register("张三", "邯郸", "13800000001").await;
    let started = s.start_attempt(&token).await;
    let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
    let q = &started.body["questions"][0];
    let id = q["id"].as_str().unwrap();
    s.answer(&attempt, id, &token, right_answer(q)).await;
    assert_eq!(
        submit::sweep_expired(&s.state).await.unwrap(),
        0,
        "still running"
    );
    s.advance(70_000);
    assert_eq!(submit::sweep_expired(&s.state).await.unwrap(), 1);
    let after = s
        .get(&format!("/api/v1/attempts/{attempt}"), Some(&token))
        .await;
    assert_eq!(after.body["submitted"], true);
    assert_eq!(after.body["result"]["score"], 25.0);
    assert_eq!(after.body["result"]["seconds"], 60.0);
    let results = s.get("/api/v1/contests/demo-contest/results", None).await;
    let city = results.body["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["city"] == "邯郸")
        .unwrap()
        .clone();
    assert_eq!(city["participants"], 1);
    assert_eq!(city["mean_score"], 25.0);
    assert_eq!(city["pass_rate"], 0.0);
}

/// Answers and a submit sent at once: every answer acknowledged with a 2xx
/// is in the score, every other one was refused.
pub async fn concurrent_answers_and_submit_agree(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    for round in 0..5 {
        let token = s
            .register("张三", "邯郸", &format!("1380000001{round}"))
            .await;
        let started = s.start_attempt(&token).await;
        let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
        let mut tasks = Vec::new();
        for q in started.body["questions"].as_array().unwrap().clone() {
            let (http, base, token, attempt) = (
                s.http.clone(),
                s.base.clone(),
                token.clone(),
                attempt.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let id = q["id"].as_str().unwrap().to_owned();
                http.put(format!("{base}/api/v1/attempts/{attempt}/answers/{id}"))
                    .bearer_auth(token)
                    .json(&json!({"answer": right_answer(&q)}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let done = s.submit(&attempt, &token).await;
        let mut acked = 0;
        for t in tasks {
            match t.await.unwrap() {
                200 => acked += 1,
                409 => {}
                other => panic!("unexpected status {other}"),
            }
        }
        assert_eq!(done.status, 200, "{}", done.text);
        assert_eq!(done.body["answered"], Value::from(acked), "round {round}");
        assert_eq!(done.body["correct"], Value::from(acked), "round {round}");
    }
}
