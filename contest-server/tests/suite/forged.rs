//! Bad and forged requests: each is a 4xx with the whole JSON body checked,
//! and none changes what the server holds.

use contest_server::Settings;
use serde_json::{json, Value};

use crate::common::{error, right_answer, Db, Reply, Server};

fn got(r: &Reply) -> (u16, Value) {
    (r.status, r.body.clone())
}

pub async fn registration_rejects_bad_fields(db: Db) {
    let server = Server::start(db, "", Settings::default()).await;
    let s = &server;
    let reg = |v: Value| async move { got(&s.post("/api/v1/participants", None, v).await) };
    let base = json!({"name": "张三", "city": "邯郸", "phone": "138 0000 0001", "consent": true});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    assert_eq!(
        reg(with("consent", json!(false))).await,
        error(
            400,
            "consent_required",
            "请先阅读并同意个人信息使用说明，才能参加竞答。"
        )
    );
    assert_eq!(
        reg(with("city", json!("北京"))).await,
        error(
            400,
            "unknown_city",
            "所在市须是河北省11个设区市或定州、辛集之一。"
        )
    );
    assert_eq!(
        reg(with("phone", json!("12345"))).await,
        error(400, "invalid_phone", "请填写11位手机号码。")
    );
    assert_eq!(
        reg(with("name", json!("  "))).await,
        error(400, "invalid_name", "请填写姓名（1到20个字）。")
    );
    assert_eq!(
        reg(with("nickname", json!("x"))).await,
        error(
            422,
            "bad_fields",
            "请求内容缺少字段、含有未知字段或字段类型不对，请对照接口说明。"
        )
    );
    let raw = |body: &str| {
        let body = body.to_owned();
        async move {
            got(&s
                .send(
                    reqwest::Method::POST,
                    "/api/v1/participants",
                    None,
                    Some(&body),
                )
                .await)
        }
    };
    assert_eq!(
        raw("{\"name\": ").await,
        error(400, "bad_json", "请求内容不是有效的 JSON。")
    );
    let big = format!("{{\"name\": \"{}\"}}", "长".repeat(6_000));
    assert_eq!(
        raw(&big).await,
        error(413, "too_large", "请求内容太大（最多 16 KB）。")
    );
    let plain = s
        .http
        .post(format!("{}/api/v1/participants", s.base))
        .body(base.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status().as_u16(), 415);
    // Nothing above registered anyone.
    let rows: i64 = count(s, "SELECT COUNT(*) FROM participants").await;
    assert_eq!(rows, 0);
}

pub async fn count(s: &Server, sql: &str) -> i64 {
    let store = contest_server::Store::connect(&s.db, 1).await.unwrap();
    sqlx::query_scalar(sql)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

pub async fn forged_and_late_requests_are_refused(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let me = s.register("张三", "邯郸", "13800000001").await;
    let other = s.register("李四", "唐山", "13800000002").await;
    let paths = "/api/v1/contests/demo-contest/attempts";
    assert_eq!(
        got(&s.post(paths, None, json!({"timing": "standard"})).await),
        error(
            401,
            "unauthorized",
            "身份凭证缺失或无效，请重新登记后再参加竞答。"
        )
    );
    assert_eq!(
        got(&s.post(paths, Some("forged-token"), json!({})).await),
        error(
            401,
            "unauthorized",
            "身份凭证缺失或无效，请重新登记后再参加竞答。"
        )
    );
    assert_eq!(
        got(&s
            .post("/api/v1/contests/nope/attempts", Some(&me), json!({}))
            .await),
        error(
            404,
            "unknown_contest",
            "没有这个竞答活动；分题库练习请直接在网页上作答。"
        )
    );
    assert_eq!(
        got(&s.post(paths, Some(&me), json!({"timing": "triple"})).await),
        error(
            400,
            "invalid_timing",
            "计时方式须是 standard（标准）、double（延长一倍）或 off（不计时）。"
        )
    );
    let started = s.start_attempt(&me).await;
    let attempt = started.body["attempt_id"].as_str().unwrap().to_owned();
    let q = started.body["questions"][0].clone();
    let qid = q["id"].as_str().unwrap().to_owned();
    let answer_path = format!("/api/v1/attempts/{attempt}/answers/{qid}");
    // Someone else's token sees no such attempt.
    assert_eq!(
        got(&s
            .put(&answer_path, &other, json!({"answer": right_answer(&q)}))
            .await),
        error(404, "no_such_attempt", "没有找到这次作答，请重新开始竞答。")
    );
    assert_eq!(
        got(&s
            .put(
                &format!("/api/v1/attempts/{attempt}/answers/policy-001"),
                &me,
                json!({"answer": "A"})
            )
            .await),
        error(404, "question_not_in_paper", "本次试卷中没有这道题。")
    );
    let shape = match q["type"].as_str().unwrap() {
        "single" => ("这是单选题，请提交一个选项字母，例如 \"B\"。", json!("Z")),
        "multiple" => (
            "这是多选题，请提交选项字母的列表，例如 [\"A\",\"C\"]。",
            json!(["A", "A"]),
        ),
        "true_false" => (
            "这是判断题，请提交 true（正确）或 false（错误）。",
            json!("对"),
        ),
        _ => ("这是填空题，请提交填写的文字（不超过200字）。", json!(42)),
    };
    assert_eq!(
        got(&s.put(&answer_path, &me, json!({"answer": shape.1})).await),
        error(400, "invalid_answer", shape.0)
    );
    // In time, with grace; then past the deadline and its grace.
    s.advance(64_000);
    assert_eq!(
        s.put(&answer_path, &me, json!({"answer": right_answer(&q)}))
            .await
            .status,
        200
    );
    s.advance(2_000);
    assert_eq!(
        got(&s
            .put(&answer_path, &me, json!({"answer": right_answer(&q)}))
            .await),
        error(
            409,
            "deadline_passed",
            "作答时间已到，这道题的答案没有保存；请交卷查看成绩。"
        )
    );
    // A late submit ends the attempt at its deadline.
    let submit = format!("/api/v1/attempts/{attempt}/submit");
    let key = [("idempotency-key", "k-1")];
    let first = s
        .http
        .post(format!("{}{submit}", s.base))
        .bearer_auth(&me)
        .headers(headers(&key))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status().as_u16(), 200);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["seconds"], 60.0);
    assert_eq!(first["answered"], 1);
    // The same submit retried gets the same answer; any other is refused.
    let retry: Value = s
        .http
        .post(format!("{}{submit}", s.base))
        .bearer_auth(&me)
        .headers(headers(&key))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(retry, first);
    assert_eq!(
        got(&s.post(&submit, Some(&me), json!({})).await),
        error(
            409,
            "already_submitted",
            "这次作答已经交卷；成绩可在本次作答的记录中查看。"
        )
    );
    assert_eq!(
        got(&s
            .put(&answer_path, &me, json!({"answer": right_answer(&q)}))
            .await),
        error(
            409,
            "already_submitted",
            "这次作答已经交卷，不能再修改答案。"
        )
    );
    // Two attempts a day: the second is allowed, the third refused.
    assert_eq!(s.start_attempt(&me).await.status, 201);
    let second = s.start_attempt(&me).await;
    let id = second.body["attempt_id"].as_str().unwrap().to_owned();
    s.post(
        &format!("/api/v1/attempts/{id}/submit"),
        Some(&me),
        json!({}),
    )
    .await;
    assert_eq!(
        got(&s.start_attempt(&me).await),
        error(
            429,
            "attempts_exhausted",
            "今天的 2 次作答机会已经用完，请明天再来。"
        )
    );
    // Registering again with the same phone does not reset the count.
    let again = s.register("张三", "邯郸", "13800000001").await;
    assert_eq!(s.start_attempt(&again).await.status, 429);
    // The next day (China Standard Time) brings new attempts.
    s.advance(86_400_000);
    assert_eq!(s.start_attempt(&again).await.status, 201);
}

fn headers(pairs: &[(&'static str, &'static str)]) -> reqwest::header::HeaderMap {
    let mut h = reqwest::header::HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, reqwest::header::HeaderValue::from_static(v));
    }
    h
}

pub async fn opening_hours_and_routes(db: Db) {
    let s = Server::start(db, "", Settings::default()).await;
    let me = s.register("张三", "邯郸", "13800000001").await;
    s.advance(-4 * 86_400_000);
    assert_eq!(
        got(&s.start_attempt(&me).await),
        error(
            403,
            "contest_not_open",
            "竞答尚未开始，请在开始时间之后再来。"
        )
    );
    s.advance(40 * 86_400_000);
    assert_eq!(
        got(&s.start_attempt(&me).await),
        error(403, "contest_closed", "竞答已经结束，不再受理作答。")
    );
    assert_eq!(
        got(&s.get("/api/v1/nothing", None).await),
        error(404, "no_such_route", "没有这个接口，请检查地址。")
    );
    assert_eq!(
        got(&s
            .send(reqwest::Method::DELETE, "/api/v1/participants", None, None)
            .await),
        error(405, "method_not_allowed", "这个接口不接受此类请求。")
    );
}
