//! A province-day of the knowledge contest against a running server, as
//! `bench/contest_bench.sh` drives it: 13 cities × N participants, each
//! registering, drawing a paper, saving every answer and submitting, with C
//! participants at a time. Prints one JSON line of throughput and latency.
//!
//! `cargo run --release -p contest-server --example province_day -- BASE_URL PER_CITY CONCURRENCY`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use contest_server::participants::CITIES;
use serde_json::{json, Value};

#[derive(Default)]
struct Stats {
    answers: Vec<Duration>,
    submits: Vec<Duration>,
    others: Vec<Duration>,
    errors: usize,
}

fn answer_for(q: &Value, n: usize) -> Value {
    match q["type"].as_str().unwrap_or("") {
        "single" => json!(["A", "B", "C", "D"][n % 4]),
        "multiple" => json!(["A", "C"]),
        "true_false" => json!(n.is_multiple_of(2)),
        _ => json!("长期均衡"),
    }
}

async fn timed(stats: &Mutex<Stats>, kind: u8, req: reqwest::RequestBuilder) -> Option<Value> {
    let t = Instant::now();
    let res = req.send().await;
    let ok = matches!(&res, Ok(r) if r.status().is_success());
    let body = match res {
        Ok(r) => r.json::<Value>().await.ok(),
        Err(_) => None,
    };
    let took = t.elapsed();
    let mut s = stats.lock().unwrap();
    if !ok {
        s.errors += 1;
        return None;
    }
    match kind {
        0 => s.answers.push(took),
        1 => s.submits.push(took),
        _ => s.others.push(took),
    }
    body
}

async fn one(http: &reqwest::Client, base: &str, n: usize, stats: &Mutex<Stats>) {
    let city = CITIES[n % CITIES.len()];
    let reg = json!({"name": format!("参赛者{n}"), "city": city, "phone": format!("13{n:09}"), "consent": true});
    let Some(r) = timed(
        stats,
        2,
        http.post(format!("{base}/api/v1/participants")).json(&reg),
    )
    .await
    else {
        return;
    };
    let token = r["token"].as_str().unwrap_or_default().to_owned();
    let start = http
        .post(format!("{base}/api/v1/contests/contest-2022/attempts"))
        .bearer_auth(&token)
        .json(&json!({"timing": "standard"}));
    let Some(a) = timed(stats, 2, start).await else {
        return;
    };
    let attempt = a["attempt_id"].as_str().unwrap_or_default().to_owned();
    for q in a["questions"].as_array().cloned().unwrap_or_default() {
        let id = q["id"].as_str().unwrap_or_default();
        let put = http
            .put(format!("{base}/api/v1/attempts/{attempt}/answers/{id}"))
            .bearer_auth(&token)
            .json(&json!({ "answer": answer_for(&q, n) }));
        timed(stats, 0, put).await;
    }
    let submit = http
        .post(format!("{base}/api/v1/attempts/{attempt}/submit"))
        .bearer_auth(&token)
        .header("idempotency-key", "bench");
    timed(stats, 1, submit).await;
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let per_city: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(64);
    let total = per_city * CITIES.len();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .unwrap();
    let stats = Arc::new(Mutex::new(Stats::default()));
    let next = Arc::new(AtomicUsize::new(0));
    let t = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (http, base, stats, next) =
                (http.clone(), base.clone(), stats.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        break;
                    }
                    one(&http, &base, n, &stats).await;
                }
            })
        })
        .collect();
    for w in workers {
        w.await.unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    let mut s = stats.lock().unwrap();
    let answers = s.answers.len();
    let submits = s.submits.len();
    let report = json!({
        "participants": total,
        "concurrency": concurrency,
        "seconds": (secs * 100.0).round() / 100.0,
        "answers": answers,
        "submits": submits,
        "answers_per_s": (answers as f64 / secs).round(),
        "submits_per_s": (submits as f64 / secs * 10.0).round() / 10.0,
        "answer_p50_ms": (pct(&mut s.answers, 0.5) * 10.0).round() / 10.0,
        "answer_p99_ms": (pct(&mut s.answers, 0.99) * 10.0).round() / 10.0,
        "submit_p50_ms": (pct(&mut s.submits, 0.5) * 10.0).round() / 10.0,
        "submit_p99_ms": (pct(&mut s.submits, 0.99) * 10.0).round() / 10.0,
        "errors": s.errors,
    });
    println!("{report}");
}
