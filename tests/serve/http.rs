//! A raw HTTP/1.1 client over `TcpStream` for the serve tests: exact bytes in and
//! out, keep-alive, and clients that misbehave on purpose.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `jiayuan serve` on `site` and waits until it accepts connections.
pub fn start(site: &Path) -> Server {
    let mut cmd = crate::common::jiayuan();
    cmd.arg("--root").arg(site);
    start_with(cmd)
}

/// Starts `jiayuan serve` inside `site`, without `--root`, as the README runs it.
pub fn start_inside(site: &Path) -> Server {
    let mut cmd = crate::common::jiayuan();
    cmd.current_dir(site);
    start_with(cmd)
}

fn start_with(mut cmd: std::process::Command) -> Server {
    let port = free_port();
    let child = cmd
        .args(["serve", "--port", &port.to_string(), "--now", "2022-12-31"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    wait_until("the server", || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    server
}

pub fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// One answer: status, the head as text (status line and headers), the body.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends `method path` as HTTP/1.0 with extra `headers` (each ending in CRLF) and
/// reads the answer to the end of the connection.
pub fn request(port: u16, method: &str, path: &str, headers: &str) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{headers}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn get(port: u16, path: &str, headers: &str) -> Answer {
    request(port, "GET", path, headers)
}

/// Reads one answer with a `Content-Length` off a keep-alive connection.
pub fn read_answer(reader: &mut BufReader<TcpStream>) -> Answer {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "connection closed"
        );
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut answer = Answer {
        status,
        head,
        body: Vec::new(),
    };
    let len: usize = answer
        .header("content-length")
        .expect("a content-length")
        .parse()
        .unwrap();
    answer.body = vec![0; len];
    reader.read_exact(&mut answer.body).unwrap();
    answer
}
