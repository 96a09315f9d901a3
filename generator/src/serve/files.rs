//! Serving files from the output folder: never outside it, with byte ranges.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, StatusCode};

use super::{overlay, Shared};

pub fn respond(request: Request, root: &Path, state: &Shared) {
    let url = request.url().to_string();
    let path_part = url.split(['?', '#']).next().unwrap_or("/");
    if path_part == "/__jiayuan/version" {
        let version = state.lock().map(|s| s.version).unwrap_or(0);
        let _ = request.respond(
            Response::from_string(version.to_string())
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let range = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .map(|h| h.value.as_str().to_string());
    let (status, file) = match locate(root, path_part) {
        Some(file) => (200, file),
        None => (404, root.join("404.html")),
    };
    let Ok(mut body) = std::fs::read(&file) else {
        let _ = request.respond(Response::from_string("404 页面未找到").with_status_code(404));
        return;
    };
    let mime = mime_type(&file);
    if mime.starts_with("text/html") {
        let extra = state.lock().map(|s| overlay(&s)).unwrap_or_default();
        body = inject(body, &extra);
    }
    let mut response = Response::new(
        StatusCode(status),
        Vec::new(),
        Cursor::new(Vec::new()),
        None,
        None,
    );
    let len = body.len() as u64;
    let body = match (status, range) {
        (200, Some(range)) => match parse_range(&range, len) {
            Some((start, end)) => {
                response = response.with_status_code(206);
                response.add_header(header(
                    "Content-Range",
                    &format!("bytes {start}-{end}/{len}"),
                ));
                body[start as usize..=end as usize].to_vec()
            }
            None => {
                let r = Response::from_data(Vec::new())
                    .with_status_code(416)
                    .with_header(header("Content-Range", &format!("bytes */{len}")));
                let _ = request.respond(r);
                return;
            }
        },
        _ => body,
    };
    response.add_header(header("Content-Type", mime));
    response.add_header(header("Accept-Ranges", "bytes"));
    response.add_header(header("Cache-Control", "no-cache"));
    let size = body.len();
    let response = Response::new(
        response.status_code(),
        response.headers().to_vec(),
        Cursor::new(body),
        Some(size),
        None,
    );
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and ASCII values are valid")
}

/// Maps a URL path to a file inside `root`; `None` for anything outside it or missing.
pub fn locate(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(url_path).decode_utf8().ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut path = root.join(rel);
    if path.is_dir() {
        path = path.join("index.html");
    }
    // Resolving links keeps a symlink inside the output from pointing elsewhere.
    let real = path.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    (real.starts_with(&real_root) && real.is_file()).then_some(real)
}

/// One `bytes=` range; `None` when it cannot be satisfied.
pub fn parse_range(header: &str, len: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            if n == 0 {
                return None;
            }
            (len.saturating_sub(n), len - 1)
        }
        (s, "") => (s.parse().ok()?, len - 1),
        (s, e) => (s.parse().ok()?, e.parse::<u64>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

fn inject(body: Vec<u8>, extra: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(parse_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=95-200", 100), Some((95, 99)));
        assert_eq!(parse_range("bytes=100-", 100), None);
        assert_eq!(parse_range("bytes=5-2", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
        assert_eq!(parse_range("bytes=0-1,3-4", 100), None);
    }

    #[test]
    fn never_leaves_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("新闻")).unwrap();
        std::fs::write(root.join("新闻/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        assert!(locate(&root, "/%E6%96%B0%E9%97%BB/").is_some());
        assert!(locate(&root, "/../secret.txt").is_none());
        assert!(locate(&root, "/%2e%2e/secret.txt").is_none());
        assert!(locate(&root, "/..%5csecret.txt").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert!(locate(&root, "/link.txt").is_none());
        }
    }
}
