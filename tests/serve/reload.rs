//! Live reload over Server-Sent Events, and folders that appear while serving.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::http::{get, start, start_inside, wait_until};

/// An open `/__jiayuan/events` stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(b"GET /__jiayuan/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(s);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            head.push_str(&line.to_ascii_lowercase());
        }
        assert!(head.contains("content-type: text/event-stream"), "{head}");
        Events(reader)
    }

    /// The next event's data (the build number), skipping chunk sizes and keep-alives.
    fn next(&mut self) -> String {
        loop {
            let mut line = String::new();
            let n = self.0.read_line(&mut line).expect("an event within 30 s");
            assert!(n > 0, "the stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return data.to_owned();
            }
        }
    }
}

#[test]
fn pages_hear_of_each_build_and_new_folders_are_watched() {
    let site = crate::common::copy_to_temp(&crate::common::fixtures().join("sites/basic"));
    let server = start(site.path());
    let port = server.port;
    let page = String::from_utf8_lossy(&get(port, "/news/cjk/", "").body).into_owned();
    assert!(
        page.contains("new EventSource(\"/__jiayuan/events\")"),
        "the page listens for builds"
    );
    assert!(!page.contains("/__jiayuan/version"), "no polling");

    let mut events = Events::open(port);
    let first: u64 = events.next().parse().unwrap();
    assert!(
        page.contains(&format!("if(e.data!==\"{first}\")")),
        "the page knows the build it shows"
    );
    let cjk = site.path().join("content/news/cjk.md");
    let text = std::fs::read_to_string(&cjk).unwrap();
    std::fs::write(&cjk, format!("{text}\n再改一行。\n")).unwrap();
    let second: u64 = events.next().parse().unwrap();
    assert!(second > first, "{second} after {first}");

    // A templates/ folder that did not exist when serve started.
    let templates = site.path().join("templates");
    assert!(!templates.exists());
    std::fs::create_dir(&templates).unwrap();
    let third: u64 = events.next().parse().unwrap();
    assert!(third > second, "creating the folder rebuilds");
    std::fs::write(
        templates.join("page.html"),
        "<!DOCTYPE html><html><body><p>站点模板：{{ page.title }}</p></body></html>",
    )
    .unwrap();
    wait_until("the site's own template", || {
        String::from_utf8_lossy(&get(port, "/news/cjk/", "").body).contains("站点模板：中文排版")
    });
    assert!(events.next().parse::<u64>().unwrap() > third);
}

/// `jiayuan serve` in the site folder (the root is `.`) follows edits like one given an
/// absolute `--root`.
#[test]
fn serve_without_root_follows_edits() {
    let site = crate::common::copy_to_temp(&crate::common::fixtures().join("sites/basic"));
    let server = start_inside(site.path());
    let port = server.port;
    let cjk = site.path().join("content/news/cjk.md");
    let text = std::fs::read_to_string(&cjk).unwrap();
    std::fs::write(&cjk, format!("{text}\n根目录是当前文件夹。\n")).unwrap();
    wait_until("the edit in the served page", || {
        String::from_utf8_lossy(&get(port, "/news/cjk/", "").body).contains("根目录是当前文件夹")
    });
}
