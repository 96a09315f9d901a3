//! Running the server: the API, optionally the built portal beside it, and
//! the background work (scoring attempts left open past their deadline,
//! erasing personal data past its retention, forgetting idle rate limits).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::Request;
use axum::response::IntoResponse;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use wasm_quiz::QuizSet;

use crate::app::{AppState, Clock, Settings};
use crate::contests::Contests;
use crate::routes::{api, no_route};
use crate::store::Store;

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeOptions {
    /// A PostgreSQL URL, a `sqlite:` URL, or the path of a SQLite file.
    pub db: String,
    pub listen: SocketAddr,
    /// The built portal to serve beside `/api/`.
    pub site: Option<PathBuf>,
    pub settings: Settings,
    /// Database connections this process keeps open.
    pub pool_size: u32,
}

impl ServeOptions {
    pub fn new(db: impl Into<String>, listen: SocketAddr) -> ServeOptions {
        ServeOptions {
            db: db.into(),
            listen,
            site: None,
            settings: Settings::default(),
            pool_size: 8,
        }
    }
}

/// The whole application: `/api/` and, with a site, every other path from it.
pub fn app(state: AppState, site: Option<PathBuf>) -> Router {
    let api = api(state);
    let Some(site) = site else {
        return api.fallback(no_route);
    };
    let files = ServeDir::new(&site).not_found_service(ServeFile::new(site.join("404.html")));
    api.fallback(move |req: Request| {
        let files = files.clone();
        async move {
            if req.uri().path().starts_with("/api/") {
                return no_route().await.into_response();
            }
            match files.oneshot(req).await {
                Ok(r) => r.into_response(),
                Err(never) => match never {},
            }
        }
    })
}

pub(crate) async fn background(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    let mut ticks: u64 = 0;
    loop {
        tick.tick().await;
        if let Err(e) = crate::submit::sweep_expired(&state).await {
            eprintln!(
                "contest server: scoring expired attempts failed: {}",
                e.message
            );
        }
        if ticks.is_multiple_of(120) {
            let now = state.clock.now_ms();
            match crate::privacy::purge(&state.store, now, state.settings.retention_days).await {
                Ok(n) if n > 0 => {
                    eprintln!("contest server: erased {n} participants' personal data")
                }
                Ok(_) => {}
                Err(e) => eprintln!(
                    "contest server: erasing personal data failed: {}",
                    e.message
                ),
            }
        }
        state.limits.shrink();
        ticks += 1;
    }
}

/// Serves until Ctrl-C or SIGTERM; in-flight requests finish first.
pub async fn run(set: &QuizSet, opts: ServeOptions) -> Result<(), String> {
    let contests = Contests::from_set(set)?;
    if contests.ids().next().is_none() {
        return Err("quiz/contests/ has no contest with `mode: contest` to serve".into());
    }
    let store = Store::connect(&opts.db, opts.pool_size).await?;
    let state = AppState::new(store, contests, Clock::system(), opts.settings.clone());
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let ids: Vec<&str> = state.contests.ids().collect();
    eprintln!(
        "contest server: {} on http://{}/api/v1/ (database {})",
        ids.join(", "),
        opts.listen,
        opts.db
    );
    if let Some(site) = &opts.site {
        eprintln!(
            "contest server: portal from {} on http://{}/",
            site.display(),
            opts.listen
        );
    }
    tokio::spawn(background(state.clone()));
    let app = app(state, opts.site.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| format!("server stopped: {e}"))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// [`run`] for callers without an async runtime (the `jiayuan` command).
pub fn run_blocking(set: &QuizSet, opts: ServeOptions) -> Result<(), String> {
    runtime()?.block_on(run(set, opts))
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))
}
