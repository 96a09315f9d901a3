//! The contest API inside the preview: when `[contest] server` is a path on the
//! portal's own origin, `jiayuan serve` answers it with the contest server itself
//! (SQLite in `data/contest.db`), so an editor tries the contest as it will run.

use axum::extract::Request;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::Router;
use contest_server::Settings;
use tower::ServiceExt;

use crate::build::BuildOptions;
use jiayuan_core::config::Config;
use jiayuan_core::msg;

#[derive(Clone)]
pub struct ContestApi {
    prefix: String,
    app: Router,
}

/// The in-process contest server, or `None` when the site has none on its own origin
/// (a message says why when it should have had one).
pub async fn start(opts: &BuildOptions) -> Option<ContestApi> {
    let config = Config::load(&opts.root).ok()?;
    let prefix = config.contest_server().filter(|p| p.starts_with('/'))?;
    let mut diags = Vec::new();
    let loaded = crate::quiz::load(&opts.root, |p| p.to_string(), &mut diags)?;
    let db = opts.root.join("data/contest.db");
    let settings = Settings {
        retention_days: config.contest.retention_days,
        ..Settings::default()
    };
    match contest_server::local_app(&loaded.set, &db.to_string_lossy(), settings).await {
        Ok(app) => {
            let answering = msg!("serve-contest-answering", prefix = &prefix, db = &db);
            eprintln!("{}", answering.text(opts.lang));
            Some(ContestApi { prefix, app })
        }
        Err(e) => {
            let failed = msg!(
                "serve-contest-not-started",
                prefix = &prefix,
                reason = e.to_string()
            );
            eprintln!("{}", failed.text(opts.lang));
            None
        }
    }
}

impl ContestApi {
    /// Whether `path` belongs to the API.
    pub fn owns(&self, path: &str) -> bool {
        path.starts_with(self.prefix.as_str())
    }

    /// Answers a request under the prefix: the API itself lives under `/api/`. Any
    /// method goes through; the API answers 405 itself where it should.
    pub async fn respond(&self, mut request: Request) -> Response {
        let uri = request.uri();
        let rest = uri.path().strip_prefix(self.prefix.as_str()).unwrap_or("");
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        match format!("/api/{rest}{query}").parse::<Uri>() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(_) => return axum::http::StatusCode::BAD_REQUEST.into_response(),
        }
        match self.app.clone().oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        }
    }
}
