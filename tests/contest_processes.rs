//! The real `jiayuan contest serve` as processes. No acknowledged answer is lost:
//! participants answer, the server is killed with SIGKILL in the middle of the
//! load, restarted on the same database, and every answer and submission that got
//! a 2xx must be there (on SQLite and on PostgreSQL, `JIAYUAN_TEST_POSTGRES`). Two
//! processes share one PostgreSQL, and `jiayuan contest export` reads it.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const PARTICIPANTS: usize = 24;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(db: &str, port: u16) -> Child {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    Command::new(env!("CARGO_BIN_EXE_jiayuan"))
        .args([
            "--root",
            &root.to_string_lossy(),
            "contest",
            "serve",
            "--db",
            db,
        ])
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--ip-rate",
            "0",
            "--token-rate",
            "0",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start jiayuan contest serve")
}

async fn wait_ready(http: &reqwest::Client, base: &str) {
    let until = Instant::now() + Duration::from_secs(60);
    while Instant::now() < until {
        if let Ok(r) = http.get(format!("{base}/api/v1/consent")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the contest server did not come up at {base}");
}

/// Sends `req` and reads its JSON body; `None` if the server is gone or said no.
async fn call(req: reqwest::RequestBuilder) -> Option<Value> {
    let res = req.send().await.ok()?;
    if !res.status().is_success() {
        return None;
    }
    res.json().await.ok()
}

/// What the clients were told was saved.
#[derive(Default)]
struct Acked {
    /// (token, attempt, question) → answer
    answers: HashMap<(String, String, String), Value>,
    /// (token, attempt) → score
    submits: HashMap<(String, String), Value>,
}

fn answer_for(q: &Value) -> Value {
    match q["type"].as_str().unwrap() {
        "single" => json!("A"),
        "multiple" => json!(["A", "B"]),
        "true_false" => json!(true),
        _ => json!("长期均衡"),
    }
}

/// One participant: register, start, answer every question, submit; stops at the
/// first failure (the server is gone).
async fn participant(http: reqwest::Client, base: String, n: usize, acked: Arc<Mutex<Acked>>) {
    let reg =
        json!({"name": "测试", "city": "邯郸", "phone": format!("1390000{n:04}"), "consent": true});
    let Some(r) = call(http.post(format!("{base}/api/v1/participants")).json(&reg)).await else {
        return;
    };
    let token = r["token"].as_str().unwrap_or_default().to_owned();
    let start = http
        .post(format!("{base}/api/v1/contests/contest-2022/attempts"))
        .bearer_auth(&token)
        .json(&json!({"timing": "off"}));
    let Some(a) = call(start).await else {
        return;
    };
    let attempt = a["attempt_id"].as_str().unwrap_or_default().to_owned();
    for q in a["questions"].as_array().cloned().unwrap_or_default() {
        let id = q["id"].as_str().unwrap().to_owned();
        let answer = answer_for(&q);
        let sent = http
            .put(format!("{base}/api/v1/attempts/{attempt}/answers/{id}"))
            .bearer_auth(&token)
            .json(&json!({ "answer": answer }))
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => {
                let key = (token.clone(), attempt.clone(), id);
                acked.lock().unwrap().answers.insert(key, answer);
            }
            _ => return,
        }
    }
    let done = http
        .post(format!("{base}/api/v1/attempts/{attempt}/submit"))
        .bearer_auth(&token)
        .header("idempotency-key", "k")
        .send()
        .await;
    if let Ok(r) = done {
        if r.status().is_success() {
            if let Ok(v) = r.json::<Value>().await {
                acked
                    .lock()
                    .unwrap()
                    .submits
                    .insert((token, attempt), v["score"].clone());
            }
        }
    }
}

async fn durability(db: String) {
    let http = reqwest::Client::new();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db, port);
    wait_ready(&http, &base).await;
    let acked = Arc::new(Mutex::new(Acked::default()));
    let tasks: Vec<_> = (0..PARTICIPANTS)
        .map(|n| tokio::spawn(participant(http.clone(), base.clone(), n, acked.clone())))
        .collect();
    // Kill once a good share of the answers is in, while the rest are in flight.
    let until = Instant::now() + Duration::from_secs(60);
    while acked.lock().unwrap().answers.len() < PARTICIPANTS * 6 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().expect("SIGKILL the server");
    let _ = server.wait();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(
        acked.answers.len() >= PARTICIPANTS * 6,
        "the load ran: {}",
        acked.answers.len()
    );
    assert!(
        acked.answers.len() < PARTICIPANTS * 20,
        "the kill came mid-load, not after it"
    );

    let mut server = start(&db, port);
    wait_ready(&http, &base).await;
    let mut views: HashMap<(String, String), Value> = HashMap::new();
    for ((token, attempt, question), answer) in &acked.answers {
        let key = (token.clone(), attempt.clone());
        if !views.contains_key(&key) {
            let v = call(
                http.get(format!("{base}/api/v1/attempts/{attempt}"))
                    .bearer_auth(token),
            )
            .await
            .unwrap();
            views.insert(key.clone(), v);
        }
        let stored = &views[&key]["answers"][question];
        assert_eq!(
            stored, answer,
            "acknowledged answer {attempt}/{question} was lost"
        );
    }
    for ((token, attempt), score) in &acked.submits {
        let v = &views[&(token.clone(), attempt.clone())];
        assert_eq!(
            v["submitted"], true,
            "acknowledged submit of {attempt} was lost"
        );
        assert_eq!(&v["result"]["score"], score);
    }
    server.kill().unwrap();
    let _ = server.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_every_acknowledged_answer_through_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    durability(dir.path().join("contest.db").to_string_lossy().into_owned()).await;
}

/// A new, empty database on the server `JIAYUAN_TEST_POSTGRES` names.
async fn fresh_postgres(tag: &str) -> String {
    let admin = std::env::var("JIAYUAN_TEST_POSTGRES").expect(
        "JIAYUAN_TEST_POSTGRES must name a PostgreSQL server (run `cargo xtask test`, which starts one)",
    );
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin)
        .await
        .expect("connect to JIAYUAN_TEST_POSTGRES");
    let name = format!("jiayuan_{tag}_{}", std::process::id());
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
    let (server, _) = admin.rsplit_once('/').expect("a URL with a database");
    format!("{server}/{name}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_every_acknowledged_answer_through_kill_9() {
    durability(fresh_postgres("kill").await).await;
}

/// Two server processes over one PostgreSQL, as behind a load balancer: an attempt
/// begun on one is answered on both, submitted on one and seen on the other; then
/// `jiayuan contest export` reads it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_postgres_and_export_reads_it() {
    let db = fresh_postgres("pair").await;
    let http = reqwest::Client::new();
    let ports = [free_port(), free_port()];
    let bases = ports.map(|p| format!("http://127.0.0.1:{p}"));
    let mut servers = [start(&db, ports[0]), start(&db, ports[1])];
    for base in &bases {
        wait_ready(&http, base).await;
    }
    let reg = json!({"name": "张三明", "city": "邯郸", "phone": "13900000001", "consent": true});
    let r = call(
        http.post(format!("{}/api/v1/participants", bases[0]))
            .json(&reg),
    )
    .await
    .unwrap();
    let token = r["token"].as_str().unwrap().to_owned();
    let a = call(
        http.post(format!(
            "{}/api/v1/contests/contest-2022/attempts",
            bases[1]
        ))
        .bearer_auth(&token)
        .json(&json!({"timing": "standard"})),
    )
    .await
    .unwrap();
    let attempt = a["attempt_id"].as_str().unwrap().to_owned();
    for (i, q) in a["questions"].as_array().unwrap().iter().enumerate() {
        let id = q["id"].as_str().unwrap();
        let r = http
            .put(format!(
                "{}/api/v1/attempts/{attempt}/answers/{id}",
                bases[i % 2]
            ))
            .bearer_auth(&token)
            .json(&json!({ "answer": answer_for(q) }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let done = call(
        http.post(format!("{}/api/v1/attempts/{attempt}/submit", bases[0]))
            .bearer_auth(&token),
    )
    .await
    .unwrap();
    assert_eq!(done["answered"], 20);
    let seen = call(
        http.get(format!("{}/api/v1/attempts/{attempt}", bases[1]))
            .bearer_auth(&token),
    )
    .await
    .unwrap();
    assert_eq!(seen["result"]["score"], done["score"]);
    let results = call(http.get(format!("{}/api/v1/contests/contest-2022/results", bases[1])))
        .await
        .unwrap();
    let city = results["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["city"] == "邯郸")
        .unwrap()
        .clone();
    assert_eq!(
        (city["participants"].clone(), city["rank"].clone()),
        (json!(1), json!(1))
    );
    for s in &mut servers {
        s.kill().unwrap();
        let _ = s.wait();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_jiayuan"))
        .args([
            "contest",
            "export",
            "--db",
            &db,
            "--contest",
            "contest-2022",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains("张三明,邯郸,13900000001"), "{csv}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "exported 1 attempt\n");
}
