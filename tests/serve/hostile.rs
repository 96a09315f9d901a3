//! Clients that would hurt a naive server: range bombs, clients that never read or
//! stall mid-header, long keep-alive runs, other methods; and what must hold for
//! ordinary ones (HEAD, gzip, the root boundary).

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::http::{get, read_answer, request, start, Server};

fn site() -> (tempfile::TempDir, Server) {
    let site = crate::common::copy_to_temp(&crate::common::fixtures().join("sites/basic"));
    let server = start(site.path());
    (site, server)
}

/// The search engine's wasm: the largest file of the build (about 900 KB).
fn search_wasm(site: &Path) -> (String, PathBuf) {
    let dir = site.join("public/wasm");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("search-") && name.ends_with(".wasm")
        })
        .expect("the search wasm");
    let url = format!("/wasm/{}", file.file_name().unwrap().to_string_lossy());
    (url, file)
}

/// The exact `multipart/byteranges` body for `ranges` of `full`.
fn multipart(full: &[u8], mime: &str, boundary: &str, ranges: &[(usize, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(start, end) in ranges {
        let head = format!(
            "\r\n--{boundary}\r\nContent-Type: {mime}\r\nContent-Range: bytes {start}-{end}/{}\r\n\r\n",
            full.len()
        );
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&full[start..=end]);
    }
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    out
}

fn boundary(content_type: &str) -> &str {
    content_type
        .strip_prefix("multipart/byteranges; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"))
}

#[test]
fn ranges_are_merged_capped_and_streamed_from_the_file() {
    let (site, server) = site();
    let port = server.port;
    let (url, file) = search_wasm(site.path());
    let full = std::fs::read(file).unwrap();
    let len = full.len();
    assert!(
        len > 400_100,
        "the ranges below need a file over 400 KB, got {len} B"
    );

    // A range across many read chunks comes back exactly.
    let a = get(port, &url, "Range: bytes=1000-300000\r\n");
    assert_eq!(a.status, 206, "{}", a.head);
    assert_eq!(
        a.header("content-range"),
        Some(&*format!("bytes 1000-300000/{len}"))
    );
    assert!(a.body == full[1000..=300000]);

    // Several ranges, out of order: one multipart body, byte for byte, in file order.
    let a = get(port, &url, "Range: bytes=300000-400000, 0-4, -10\r\n");
    assert_eq!(a.status, 206, "{}", a.head);
    let ct = a.header("content-type").unwrap();
    let expected = multipart(
        &full,
        "application/wasm",
        boundary(ct),
        &[(0, 4), (300000, 400000), (len - 10, len - 1)],
    );
    assert!(a.body == expected, "multipart body differs");
    assert_eq!(
        a.header("content-length"),
        Some(&*expected.len().to_string())
    );

    // Overlapping and touching ranges merge: here into one, so a plain 206.
    let a = get(port, &url, "Range: bytes=0-9,5-19,20-29,10-15\r\n");
    assert_eq!(a.status, 206, "{}", a.head);
    assert_eq!(
        a.header("content-range"),
        Some(&*format!("bytes 0-29/{len}"))
    );
    assert_eq!(a.body, full[..30]);
    // The classic amplification: the same whole file asked for over and over.
    let bomb = vec!["0-"; 3000].join(",");
    let a = get(port, &url, &format!("Range: bytes={bomb}\r\n"));
    assert_eq!(a.status, 200, "more than 64 ranges: the whole file, once");
    assert!(a.body == full);
    let bomb = vec!["0-"; 64].join(",");
    let a = get(port, &url, &format!("Range: bytes={bomb}\r\n"));
    assert_eq!(
        (a.status, a.body.len()),
        (206, len),
        "64 ranges merge into one"
    );

    // 64 separate ranges are answered; a 65th makes the header ignored.
    let spans: Vec<(usize, usize)> = (0..64).map(|i| (i * 100, i * 100 + 9)).collect();
    let header = |spans: &[(usize, usize)]| {
        let list: Vec<String> = spans.iter().map(|(a, b)| format!("{a}-{b}")).collect();
        format!("Range: bytes={}\r\n", list.join(","))
    };
    let a = get(port, &url, &header(&spans));
    assert_eq!(a.status, 206);
    let ct = a.header("content-type").unwrap().to_owned();
    assert!(a.body == multipart(&full, "application/wasm", boundary(&ct), &spans));
    let mut more = spans.clone();
    more.push((9000, 9009));
    let a = get(port, &url, &header(&more));
    assert_eq!(a.status, 200);
    assert!(a.body == full);

    // A head too large to be a real client's is refused once 16 KB of it are in, not
    // read whole; the client sends 20 KB of a 42 KB one and waits for the answer.
    let huge = vec!["0-"; 14_000].join(",");
    let head = format!("GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes={huge}\r\n\r\n");
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(&head.as_bytes()[..20 * 1024]).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{answer}"
    );
    let a = get(port, &url, &format!("Range: bytes={len}-\r\n"));
    assert_eq!(a.status, 416);
    assert_eq!(a.header("content-range"), Some(&*format!("bytes */{len}")));
}

#[test]
fn clients_that_never_read_or_stall_hold_up_only_themselves_and_are_dropped() {
    let (site, server) = site();
    let port = server.port;
    let (url, file) = search_wasm(site.path());
    let wasm_len = std::fs::metadata(file).unwrap().len() as usize;
    let stalled_at = Instant::now();
    let mut stalled = Vec::new();
    for _ in 0..4 {
        // Twenty pipelined requests for 900 KB each fill every buffer on the way.
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let one = format!("GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        s.write_all(one.repeat(20).as_bytes()).unwrap();
        stalled.push(s);
    }
    for _ in 0..4 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET /news/cjk/ HTTP/1.1\r\nHost: 127.0")
            .unwrap();
        stalled.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let a = get(port, "/news/cjk/", "");
    assert_eq!(a.status, 200);
    assert!(String::from_utf8_lossy(&a.body).contains("中文排版"));
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "the ninth client waited {took:?}"
    );

    // A head that never ends is cut off (10 s), not waited on forever.
    let mut half = stalled.pop().unwrap();
    half.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    half.read_to_end(&mut rest)
        .expect("the server closes the connection");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "closed after {took:?}");

    // A client that takes nothing for 20 s is dropped: reading only after 25 s, it gets
    // what was already on its way and then the end, not twenty whole answers.
    std::thread::sleep(Duration::from_secs(25).saturating_sub(stalled_at.elapsed()));
    let mut reader = stalled.swap_remove(0);
    reader
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut got = 0;
    let mut buf = vec![0; 1 << 16];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("after {got} bytes: {e}"),
        }
    }
    assert!(got < 20 * wasm_len, "{got} bytes");
}

#[test]
fn keep_alive_answers_two_hundred_requests_fast_then_times_out() {
    let (_site, server) = site();
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let page = get(server.port, "/news/cjk/", "").body;
    let started = Instant::now();
    for _ in 0..200 {
        writer
            .write_all(b"GET /news/cjk/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let a = read_answer(&mut reader);
        assert_eq!(a.status, 200);
        assert!(a.body == page);
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "200 requests took {took:?}");

    // Left idle, the connection is closed by the server (10 s), not kept forever.
    reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).expect("the server closes it");
    assert!(rest.is_empty());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "closed after {took:?}");
}

#[test]
fn other_methods_head_and_gzip() {
    let (site, server) = site();
    let port = server.port;
    for method in ["POST", "PUT", "DELETE", "TRACE", "PATCH"] {
        let a = request(port, method, "/news/cjk/", "Content-Length: 0\r\n");
        assert_eq!(a.status, 405, "{method}: {}", a.head);
        assert_eq!(a.header("allow"), Some("GET, HEAD"), "{method}");
        assert!(!String::from_utf8_lossy(&a.body).contains("中文排版"));
    }
    let page = get(port, "/news/cjk/", "");
    let head = request(port, "HEAD", "/news/cjk/", "");
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        head.header("content-length"),
        Some(&*page.body.len().to_string())
    );
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(
        page.header("content-encoding"),
        None,
        "no gzip unless asked"
    );

    let (url, file) = search_wasm(site.path());
    let wasm = std::fs::read(file).unwrap();
    for (path, plain) in [("/news/cjk/", &page.body), (url.as_str(), &wasm)] {
        let a = get(port, path, "Accept-Encoding: gzip\r\n");
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(
            a.header("content-encoding"),
            Some("gzip"),
            "{path}: {}",
            a.head
        );
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&a.body[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert!(&unpacked == plain, "{path}: gzip body unpacks to the file");
        assert!(
            a.body.len() < plain.len() * 3 / 4,
            "{path}: {} bytes",
            a.body.len()
        );
    }
    // A range is never compressed: its offsets are into the file as stored.
    let a = get(port, &url, "Accept-Encoding: gzip\r\nRange: bytes=0-99\r\n");
    assert_eq!((a.status, a.header("content-encoding")), (206, None));
    assert_eq!(a.body, wasm[..100]);
}

#[test]
fn nothing_outside_the_output_is_served() {
    let (site, server) = site();
    let port = server.port;
    std::fs::write(site.path().join("secret.txt"), "outside the output").unwrap();
    let public = site.path().join("public");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.path().join("secret.txt"), public.join("link.txt"))
            .unwrap();
        std::os::unix::fs::symlink(site.path(), public.join("up")).unwrap();
    }
    let toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/news/../../secret.txt",
        "/link.txt",
        "/up/secret.txt",
        "/up/site.toml",
    ] {
        let a = get(port, path, "");
        assert_eq!(a.status, 404, "{path}");
        let body = String::from_utf8_lossy(&a.body);
        assert!(
            !body.contains("outside the output") && !body.contains(toml.trim()),
            "{path}"
        );
    }
}
