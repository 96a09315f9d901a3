//! A contest server on a loopback port over a fresh database, with a clock
//! the test moves, and a client that speaks exactly the documented API.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use contest_server::{app, AppState, Clock, Contests, Settings, Store};
use serde_json::{json, Value};
use wasm_quiz::{load_sources, QuizSet, SourceFile};

/// 2022-06-01T10:00:00+08:00.
pub const T0: i64 = 1_654_048_800_000;

pub const BANK: &str = r#"bank: demo
title: 示例题库
questions:
  - id: demo-001
    type: single
    stem: 5·29是什么日子？
    options: [计生协会员活动日, 植树节, 教师节]
    answer: A
    explanation: 每年5月29日是中国计生协会员活动日。
    difficulty: 1
    tags: [示例]
    source: 示例来源甲
  - id: demo-002
    type: multiple
    stem: 哪些属于青春健康教育的内容？
    options: [生理知识, 心理健康, 股票投资, 预防性侵害]
    answer: [A, B, D]
    explanation: 青春健康教育包括生理、心理和自我保护。
    difficulty: 2
    tags: [示例]
    source: 示例来源乙
  - id: demo-003
    type: true_false
    stem: 计生协是群众团体。
    answer: true
    explanation: 计生协是党和政府联系群众的桥梁纽带。
    difficulty: 1
    tags: [示例]
    source: 示例来源丙
  - id: demo-004
    type: fill_blank
    stem: 中央《决定》要求促进人口____发展。
    answer: [长期均衡]
    explanation: 《决定》的题目即促进人口长期均衡发展。
    difficulty: 1
    tags: [示例]
    source: 示例来源丁
"#;

pub fn contest_yaml(extra: &str) -> String {
    format!(
        r#"id: demo-contest
title: 示例竞答
mode: contest
draw:
  - {{ bank: demo, type: single, count: 1 }}
  - {{ bank: demo, type: multiple, count: 1 }}
  - {{ bank: demo, type: true_false, count: 1 }}
  - {{ bank: demo, type: fill_blank, count: 1 }}
shuffle_questions: true
shuffle_options: true
time_limit_seconds: 60
scoring: {{ single: 25, multiple: 25, true_false: 25, fill_blank: 25, partial_credit: true }}
pass_mark: 60
review: end
attempts_per_day: 2
opens_at: "2022-05-29T08:00:00+08:00"
closes_at: "2022-06-30T18:00:00+08:00"
{extra}"#
    )
}

pub fn quiz_set(extra: &str) -> QuizSet {
    let banks = [SourceFile::new("quiz/demo.yaml", BANK)];
    let contests = [SourceFile::new(
        "quiz/contests/demo-contest.yaml",
        contest_yaml(extra),
    )];
    load_sources(&banks, &contests).expect("the test quiz is valid")
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A fresh database: a file in `dir`, or a new PostgreSQL database on the
/// server named by `JIAYUAN_TEST_POSTGRES` (which `cargo xtask test` and
/// `.ci/run` set up; without it the PostgreSQL tests fail, they never skip).
pub async fn fresh_db(db: Db, dir: &std::path::Path) -> String {
    match db {
        Db::Sqlite => dir.join("contest.db").to_string_lossy().into_owned(),
        Db::Postgres => {
            let admin = std::env::var("JIAYUAN_TEST_POSTGRES").expect(
                "JIAYUAN_TEST_POSTGRES must name a PostgreSQL server (run `cargo xtask test`, \
                 which starts one with .ci/postgres.sh)",
            );
            let name = format!(
                "jiayuan_test_{}",
                contest_server::participants::random_hex(6).unwrap()
            );
            sqlx::any::install_default_drivers();
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin)
                .await
                .expect("connect to JIAYUAN_TEST_POSTGRES");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create a test database");
            match admin.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => panic!("JIAYUAN_TEST_POSTGRES has no database part: {admin}"),
            }
        }
    }
}

pub struct Server {
    pub base: String,
    pub now: Arc<AtomicI64>,
    pub http: reqwest::Client,
    pub db: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub text: String,
}

impl Server {
    pub async fn start(db: Db, extra: &str, settings: Settings) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_db(db, dir.path()).await;
        let store = Store::connect(&url, 4).await.expect("connect the store");
        let contests = Contests::from_set(&quiz_set(extra)).unwrap();
        let (clock, now) = Clock::manual(T0);
        let state = AppState::new(store, contests, clock, settings);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let app = app(state.clone(), None);
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        Server {
            base: format!("http://{addr}"),
            now,
            http: reqwest::Client::new(),
            db: url,
            state,
            _dir: dir,
        }
    }

    pub fn advance(&self, ms: i64) {
        self.now.fetch_add(ms, Ordering::SeqCst);
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_owned());
        }
        let res = req.send().await.expect("the server answers");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, body, text }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(reqwest::Method::POST, path, token, Some(&body.to_string()))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(
            reqwest::Method::PUT,
            path,
            Some(token),
            Some(&body.to_string()),
        )
        .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(reqwest::Method::GET, path, token, None).await
    }

    pub async fn answer(&self, attempt: &str, question: &str, token: &str, answer: Value) -> Reply {
        let path = format!("/api/v1/attempts/{attempt}/answers/{question}");
        self.put(&path, token, json!({ "answer": answer })).await
    }

    pub async fn submit(&self, attempt: &str, token: &str) -> Reply {
        let path = format!("/api/v1/attempts/{attempt}/submit");
        self.post(&path, Some(token), json!({})).await
    }

    /// Registers a participant and returns the token.
    pub async fn register(&self, name: &str, city: &str, phone: &str) -> String {
        let r = self
            .post(
                "/api/v1/participants",
                None,
                json!({"name": name, "city": city, "phone": phone, "consent": true}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["token"].as_str().unwrap().to_owned()
    }

    pub async fn start_attempt(&self, token: &str) -> Reply {
        self.post(
            "/api/v1/contests/demo-contest/attempts",
            Some(token),
            json!({"timing": "standard"}),
        )
        .await
    }
}

/// The letter (as shown in this attempt) of the option reading `text`.
fn letter_of(q: &Value, text: &str) -> Value {
    let options = q["options"].as_array().expect("a choice question");
    let i = options
        .iter()
        .position(|o| o == text)
        .expect("the option is shown");
    Value::String(((b'A' + i as u8) as char).to_string())
}

/// The right answer to each question of this bank, in the API's terms, given
/// the options as shown.
pub fn right_answer(q: &Value) -> Value {
    match q["id"].as_str().unwrap() {
        "demo-001" => letter_of(q, "计生协会员活动日"),
        "demo-002" => {
            let mut picked: Vec<Value> = ["生理知识", "心理健康", "预防性侵害"]
                .iter()
                .map(|t| letter_of(q, t))
                .collect();
            picked.sort_by_key(|v| v.as_str().unwrap().to_owned());
            Value::Array(picked)
        }
        "demo-003" => Value::Bool(true),
        _ => Value::String("长期均衡".into()),
    }
}

/// A wrong answer, worth nothing even with partial credit.
pub fn wrong_answer(q: &Value) -> Value {
    match q["id"].as_str().unwrap() {
        "demo-001" => letter_of(q, "植树节"),
        "demo-002" => Value::Array(vec![letter_of(q, "股票投资")]),
        "demo-003" => Value::Bool(false),
        _ => Value::String("不知道".into()),
    }
}

/// Every kind of error body is `{"error": {"code", "message"}}` and nothing else.
pub fn error(status: u16, code: &str, message: &str) -> (u16, Value) {
    (status, json!({"error": {"code": code, "message": message}}))
}
