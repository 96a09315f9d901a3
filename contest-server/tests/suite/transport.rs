//! The HTTP around the API: rate limits, CORS, slow clients.

use contest_server::Settings;
use serde_json::Value;

use crate::common::{error, Db, Server};
use crate::suite::forged::count;

pub async fn rate_limits_per_token_and_address(db: Db) {
    // Two a minute refill one every 30 s: twelve quick requests meet exactly the burst of 10.
    let settings = Settings {
        token_per_minute: 2,
        ip_per_minute: 0,
        ..Settings::default()
    };
    let s = Server::start(db, "", settings).await;
    let me = s.register("张三", "邯郸", "13800000001").await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(s.get("/api/v1/attempts/none", Some(&me)).await.status);
    }
    // A burst of 10, then refusals with a Retry-After.
    assert_eq!(
        statuses.iter().filter(|&&c| c == 404).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(statuses[10..], [429, 429]);
    let r = s
        .http
        .get(format!("{}/api/v1/attempts/none", s.base))
        .bearer_auth(&me)
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        error(429, "rate_limited", "请求过于频繁，请稍等片刻再试。").1
    );
    let by_ip = Settings {
        ip_per_minute: 2,
        ..Settings::default()
    };
    let s = Server::start(db, "", by_ip).await;
    let mut refused = 0;
    for _ in 0..12 {
        if s.get("/api/v1/consent", None).await.status == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 2);
}

pub async fn cors_admits_only_the_portal_origin(db: Db) {
    let settings = Settings {
        allow_origin: Some("https://portal.example.org".into()),
        ..Settings::default()
    };
    let s = Server::start(db, "", settings).await;
    let preflight = |origin: &'static str| {
        s.http
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/participants", s.base),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight("https://portal.example.org").await.unwrap();
    assert_eq!(
        ok.headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap()),
        Some("https://portal.example.org")
    );
    // Another origin is told the portal's origin, which is not its own: browsers refuse it.
    let other = preflight("https://elsewhere.example.com").await.unwrap();
    let allowed = other.headers().get("access-control-allow-origin");
    assert_eq!(
        allowed.map(|v| v.to_str().unwrap()),
        Some("https://portal.example.org")
    );
}

/// A client that sends half a body and stops gets a JSON 408, and nothing is saved.
pub async fn a_trickled_body_times_out(db: Db) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let settings = Settings {
        request_timeout_ms: 500,
        ..Settings::default()
    };
    let s = Server::start(db, "", settings).await;
    let addr = s.base.trim_start_matches("http://").to_owned();
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = "POST /api/v1/participants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":";
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        conn.read_to_end(&mut raw),
    )
    .await;
    assert!(read.is_ok(), "the server gave up on the trickling client");
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.ends_with(
            r#"{"error":{"code":"timeout","message":"请求超时，操作可能没有完成，请刷新后重试。"}}"#
        ),
        "{text}"
    );
    assert_eq!(count(&s, "SELECT COUNT(*) FROM participants").await, 0);
}
