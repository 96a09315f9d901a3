//! The preview's HTTP side: which requests go where, and the connections that
//! carry them. Every connection is a task of its own with TCP_NODELAY, a deadline
//! for its request head (which also closes idle keep-alive connections), a cap on
//! the head's size and a deadline for a client that stops reading (`deadline.rs`),
//! so slow or hostile clients only ever hold up themselves, and not for long.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRef, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;

use super::contest::ContestApi;
use super::deadline::Deadline;
use super::{files, reload, Shared};
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

/// A client has this long to send each request head, and an idle keep-alive
/// connection is closed after it.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head accepted (431 past it). Ranges are capped well below.
pub const MAX_HEAD: usize = 16 * 1024;

#[derive(Clone)]
struct App {
    root: PathBuf,
    live: Shared,
    api: Option<ContestApi>,
}

impl FromRef<App> for Shared {
    fn from_ref(app: &App) -> Shared {
        app.live.clone()
    }
}

/// Live reload, the contest API if the site has one, and the built files; gzip for
/// whatever the client accepts and is worth it (text, JSON, JS, SVG, wasm), but
/// never for a 206, whose byte offsets are the point.
pub fn router(root: PathBuf, live: Shared, api: Option<ContestApi>) -> Router {
    let compressible = DefaultPredicate::new()
        .and(|status: StatusCode, _: _, _: &_, _: &_| status != StatusCode::PARTIAL_CONTENT);
    Router::new()
        .route(reload::EVENTS, get(reload::events))
        .fallback(dispatch)
        .with_state(App { root, live, api })
        .layer(CompressionLayer::new().compress_when(compressible))
}

async fn dispatch(State(app): State<App>, request: Request) -> Response {
    if let Some(api) = app.api.as_ref().filter(|a| a.owns(request.uri().path())) {
        return api.respond(request).await;
    }
    // HEAD is answered like GET; hyper sends the headers and leaves out the body.
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "405 只能读取页面（GET、HEAD）",
        )
            .into_response();
    }
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let path = request.uri().path().to_owned();
    files::respond(app.root, app.live, path, range).await
}

/// Accepts connections until the process ends.
pub async fn run(listener: tokio::net::TcpListener, router: Router, lang: Lang) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors, usually: wait for some to close.
                let failed = msg!("serve-cannot-accept", reason = e.to_string());
                eprintln!("{}", failed.text(lang));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Small answers go out at once instead of waiting for the client's delayed ACK.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let http = http.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: Request<_>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                router.clone().oneshot(req.map(Body::new))
            });
            let _ = http
                .serve_connection(TokioIo::new(Deadline::new(stream)), service)
                .await;
        });
    }
}
