//! Serving files from the output folder: never outside it, with byte ranges.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, StatusCode};

use super::contest::ContestApi;
use super::ranges::{parse_ranges, partial_body};
use super::{overlay, Shared};

pub fn respond(request: Request, root: &Path, state: &Shared, api: Option<&ContestApi>) {
    let url = request.url().to_string();
    let path_part = url.split(['?', '#']).next().unwrap_or("/");
    let request = match api {
        Some(api) => match api.respond(request, path_part) {
            Some(request) => request,
            None => return,
        },
        None => request,
    };
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
    let mime = mime_type(&file);
    let Some(mut body) = Body::open(&file, mime) else {
        let _ = request.respond(Response::from_string("404 页面未找到").with_status_code(404));
        return;
    };
    if let Body::Html(html) = &mut body {
        let extra = state.lock().map(|s| overlay(&s)).unwrap_or_default();
        *html = inject(std::mem::take(html), &extra);
    }
    let len = body.len();
    let ranges = range
        .filter(|_| status == 200)
        .and_then(|r| parse_ranges(&r, len));
    let common = [
        header("Accept-Ranges", "bytes"),
        header("Cache-Control", "no-cache"),
    ];
    let answer = match ranges {
        Some(ranges) if ranges.is_empty() => {
            let r = Response::from_data(Vec::new())
                .with_status_code(416)
                .with_header(header("Content-Range", &format!("bytes */{len}")));
            let _ = request.respond(r);
            return;
        }
        Some(ranges) => body.partial(&ranges, mime).map(|(bytes, content_type)| {
            // Several ranges carry theirs in each part of the multipart body.
            let content_range = match ranges[..] {
                [(start, end)] => Some(header(
                    "Content-Range",
                    &format!("bytes {start}-{end}/{len}"),
                )),
                _ => None,
            };
            (206, content_type, bytes, content_range)
        }),
        None => body
            .all()
            .map(|bytes| (status, mime.to_string(), bytes, None)),
    };
    let Ok((status, content_type, bytes, extra)) = answer else {
        let _ = request.respond(Response::from_string("读取失败").with_status_code(500));
        return;
    };
    let mut headers: Vec<Header> = common.into_iter().chain(extra).collect();
    headers.push(header("Content-Type", &content_type));
    let size = bytes.len();
    let response = Response::new(
        StatusCode(status),
        headers,
        Cursor::new(bytes),
        Some(size),
        None,
    );
    let _ = request.respond(response);
}

/// What a request is answered from: an HTML page in memory (it gets the
/// live-reload overlay), or any other file, of which only the requested
/// ranges are read (search index files are tens of MB).
enum Body {
    Html(Vec<u8>),
    File(std::fs::File, u64),
}

impl Body {
    fn open(path: &Path, mime: &str) -> Option<Body> {
        if mime.starts_with("text/html") {
            return std::fs::read(path).ok().map(Body::Html);
        }
        let file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        Some(Body::File(file, len))
    }

    fn len(&self) -> u64 {
        match self {
            Body::Html(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    fn partial(&mut self, ranges: &[(u64, u64)], mime: &str) -> std::io::Result<(Vec<u8>, String)> {
        let len = self.len();
        match self {
            Body::Html(bytes) => partial_body(&mut Cursor::new(bytes), ranges, len, mime),
            Body::File(file, _) => partial_body(file, ranges, len, mime),
        }
    }

    fn all(self) -> std::io::Result<Vec<u8>> {
        match self {
            Body::Html(bytes) => Ok(bytes),
            Body::File(mut file, len) => {
                let mut bytes = Vec::with_capacity(len as usize);
                std::io::Read::read_to_end(&mut file, &mut bytes)?;
                Ok(bytes)
            }
        }
    }
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
