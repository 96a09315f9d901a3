//! Serving files from the output folder: never outside it, with byte ranges,
//! streamed from the file in chunks (search index files are tens of MB).

use std::io::SeekFrom;
use std::path::{Component, Path, PathBuf};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{stream, StreamExt};
use percent_encoding::percent_decode_str;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::ranges::{layout, parse_ranges, total, Ask, Piece};
use super::{overlay, Shared};

/// How much of a file one chunk of a streamed answer holds.
const CHUNK: u64 = 64 * 1024;

/// What a request is answered from: an HTML page in memory (it gets the
/// live-reload overlay), or any other file, of which only what is asked is read.
enum Source {
    Memory(Bytes),
    File(tokio::fs::File),
}

struct Found {
    status: StatusCode,
    mime: &'static str,
    len: u64,
    source: Source,
}

/// The answer to a GET (or HEAD) of `url_path`, with `range` the `Range` header.
pub async fn respond(
    root: PathBuf,
    live: Shared,
    url_path: String,
    range: Option<String>,
) -> Response {
    let found = tokio::task::spawn_blocking(move || open(&root, &url_path, &live)).await;
    let found = match found {
        Ok(Ok(Some(found))) => found,
        Ok(Ok(None)) => return (StatusCode::NOT_FOUND, "404 页面未找到").into_response(),
        Ok(Err(_)) | Err(_) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "读取失败").into_response()
        }
    };
    let Found {
        status,
        mime,
        len,
        source,
    } = found;
    let ask = match range {
        Some(r) if status == StatusCode::OK => parse_ranges(&r, len),
        _ => Ask::Whole,
    };
    let mut builder = Response::builder()
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, "no-cache");
    let (status, pieces, content_type) = match ask {
        Ask::Whole => (
            status,
            vec![Piece::Span { start: 0, len }],
            mime.to_string(),
        ),
        Ask::Unsatisfiable => {
            return builder
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                .body(Body::empty())
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
        Ask::Ranges(ranges) => {
            // Several ranges carry theirs in each part of the multipart body.
            if let [one] = &ranges[..] {
                let value = format!("bytes {}-{}/{len}", one.start(), one.end());
                builder = builder.header(header::CONTENT_RANGE, value);
            }
            let (pieces, content_type) = layout(&ranges, len, mime);
            (StatusCode::PARTIAL_CONTENT, pieces, content_type)
        }
    };
    let content_type = HeaderValue::from_str(&content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    builder
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_LENGTH, total(&pieces))
        .body(body(source, pieces))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Finds and opens what answers `url_path` (the site's 404 page if nothing does).
fn open(root: &Path, url_path: &str, live: &Shared) -> std::io::Result<Option<Found>> {
    let (status, file) = match locate(root, url_path) {
        Some(file) => (StatusCode::OK, file),
        None => (StatusCode::NOT_FOUND, root.join("404.html")),
    };
    let mime = mime_type(&file);
    let opened = match std::fs::File::open(&file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let (len, source) = if mime.starts_with("text/html") {
        let mut html = Vec::new();
        std::io::Read::read_to_end(&mut &opened, &mut html)?;
        let page = Bytes::from(inject(html, &live.with(overlay)));
        (page.len() as u64, Source::Memory(page))
    } else {
        let len = opened.metadata()?.len();
        (len, Source::File(tokio::fs::File::from_std(opened)))
    };
    Ok(Some(Found {
        status,
        mime,
        len,
        source,
    }))
}

/// The body made of `pieces`, read from `source` a chunk at a time.
fn body(source: Source, pieces: Vec<Piece>) -> Body {
    let file = match source {
        Source::File(file) => file,
        Source::Memory(bytes) => {
            // A page: at most its own size plus the multipart headers.
            let mut out = Vec::new();
            for piece in pieces {
                match piece {
                    Piece::Bytes(b) => out.extend_from_slice(&b),
                    Piece::Span { start, len } => {
                        out.extend_from_slice(&bytes[start as usize..(start + len) as usize])
                    }
                }
            }
            return Body::from(out);
        }
    };
    let state = (file, pieces.into_iter(), 0u64);
    let chunks = stream::unfold(state, |(mut file, mut pieces, mut left)| async move {
        loop {
            if left > 0 {
                let n = left.min(CHUNK);
                let mut buf = vec![0; n as usize];
                return match file.read_exact(&mut buf).await {
                    Ok(_) => Some((Ok(Bytes::from(buf)), (file, pieces, left - n))),
                    Err(e) => Some((Err(e), (file, Vec::new().into_iter(), 0))),
                };
            }
            match pieces.next()? {
                Piece::Bytes(b) => return Some((Ok(b), (file, pieces, 0))),
                Piece::Span { start, len } => {
                    if let Err(e) = file.seek(SeekFrom::Start(start)).await {
                        return Some((Err(e), (file, Vec::new().into_iter(), 0)));
                    }
                    left = len;
                }
            }
        }
    });
    // Fused: the gzip layer polls once more after the end.
    Body::from_stream(chunks.fuse())
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
        // Video and its captions: a <track> is only read when served as text/vtt.
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_and_captions_have_their_types() {
        assert_eq!(mime_type(Path::new("a/片.mp4")), "video/mp4");
        assert_eq!(mime_type(Path::new("a.webm")), "video/webm");
        assert_eq!(mime_type(Path::new("a.vtt")), "text/vtt; charset=utf-8");
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
