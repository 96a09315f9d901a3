//! `jiayuan serve` over real HTTP: byte ranges, Chinese paths, a broken edit that shows its
//! error while the last good build stays up, the contest API; `serve/hostile.rs` has the
//! clients that try to hurt it and the root boundary, `serve/reload.rs` live reload and
//! watching.

mod common;

#[path = "serve/hostile.rs"]
mod hostile;
#[path = "serve/http.rs"]
mod http;
#[path = "serve/reload.rs"]
mod reload;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use http::{start, wait_until};

/// (status, head, body) of a GET, as the tests below read it.
fn get(port: u16, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let a = http::get(port, path, headers);
    (a.status, a.head, a.body)
}

#[test]
fn serves_ranges_and_chinese_paths_and_survives_broken_edits() {
    let site = common::copy_to_temp(&common::fixtures().join("sites/basic"));
    let server = start(site.path());
    let port = server.port;

    let (status, _, body) = get(port, "/news/cjk/", "");
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&body).into_owned();
    assert!(page.contains("中文排版"));

    let full = std::fs::read(site.path().join("public/sitemap.xml")).unwrap();
    let (status, head, body) = get(port, "/sitemap.xml", "Range: bytes=10-19\r\n");
    assert_eq!(status, 206);
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-range: bytes 10-19/{}", full.len())),
        "{head}"
    );
    assert_eq!(body, full[10..20]);
    // Several ranges: one multipart/byteranges answer, each part with its range.
    let (status, head, body) = get(port, "/sitemap.xml", "Range: bytes=0-4, 30-39\r\n");
    assert_eq!(status, 206);
    assert!(head.contains("multipart/byteranges; boundary="), "{head}");
    let body = String::from_utf8_lossy(&body);
    for (start, end) in [(0, 4), (30, 39)] {
        let part = format!(
            "Content-Range: bytes {start}-{end}/{}\r\n\r\n{}",
            full.len(),
            String::from_utf8_lossy(&full[start..=end])
        );
        assert!(body.contains(&part), "{body}");
    }
    let (status, head, _) = get(
        port,
        "/sitemap.xml",
        &format!("Range: bytes={}-\r\n", full.len()),
    );
    assert_eq!(status, 416);
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-range: bytes */{}", full.len())),
        "{head}"
    );

    // Paths out of the root: serve/hostile.rs, nothing_outside_the_output_is_served.
    let (status, _, _) = get(port, "/%E6%A0%87%E7%AD%BE/none/", "");
    assert_eq!(status, 404);
    let (status, _, body) = get(port, "/tags/%E4%B8%89%E5%AD%A9%E6%94%BF%E7%AD%96/", "");
    assert_eq!(status, 200, "Chinese paths are decoded");
    assert!(String::from_utf8_lossy(&body).contains("中文排版"));

    // A broken edit: the error shows over the last good page.
    let bad = site.path().join("content/news/cjk.md");
    let good = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, good.replace("title: 中文排版", "titel: 中文排版")).unwrap();
    wait_until("the error overlay", || {
        String::from_utf8_lossy(&get(port, "/news/cjk/", "").2).contains("jiayuan-error")
    });
    let page = String::from_utf8_lossy(&get(port, "/news/cjk/", "").2).into_owned();
    assert!(page.contains("content/news/cjk.md:"), "names the file");
    assert!(page.contains("unknown front matter key `titel`"));
    assert!(
        page.contains("<h1>中文排版</h1>"),
        "the last good build is still served"
    );

    // Fixing it clears the error and publishes the change.
    std::fs::write(
        &bad,
        good.replace("title: 中文排版", "title: 中文排版（修订）"),
    )
    .unwrap();
    wait_until("the fixed page", || {
        let page = String::from_utf8_lossy(&get(port, "/news/cjk/", "").2).into_owned();
        page.contains("中文排版（修订）") && !page.contains("jiayuan-error")
    });
}

/// Sends a raw HTTP/1.0 request with a JSON body.
fn post(port: u16, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

const BANK: &str = "bank: demo\ntitle: 示例\nquestions:\n  - id: demo-001\n    type: true_false\n    stem: 计生协是群众团体。\n    answer: true\n    explanation: 示例解析。\n    difficulty: 1\n    tags: [示例]\n    source: 示例来源\n";
const CONTEST: &str = "id: demo\ntitle: 示例竞答\nmode: contest\ndraw:\n  - { bank: demo, count: 1 }\nscoring: { single: 1, multiple: 1, true_false: 1, fill_blank: 1 }\n";

#[test]
fn serve_answers_the_contest_api_itself() {
    let site = common::copy_to_temp(&common::fixtures().join("sites/basic"));
    let root = site.path();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("{toml}\n[contest]\nserver = \"/api/\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("quiz/contests")).unwrap();
    std::fs::write(root.join("quiz/demo.yaml"), BANK).unwrap();
    std::fs::write(root.join("quiz/contests/demo.yaml"), CONTEST).unwrap();
    let server = start(root);
    let port = server.port;
    let (status, head, body) = get(port, "/api/v1/consent", "");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("application/json"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("\"retention_days\":180"));
    let (status, body) = post(
        port,
        "/api/v1/participants",
        r#"{"name":"张三","city":"邯郸","phone":"13800000001","consent":true}"#,
    );
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("\"token\""), "{body}");
    let (status, body) = post(port, "/api/v1/participants", "{");
    assert_eq!(
        (status, body.as_str()),
        (
            400,
            r#"{"error":{"code":"bad_json","message":"请求内容不是有效的 JSON。"}}"#
        )
    );
    assert!(
        root.join("data/contest.db").exists(),
        "the preview's database lives in data/"
    );
    // Pages are still the site's.
    let (status, _, page) = get(port, "/news/cjk/", "");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("中文排版"));
}
