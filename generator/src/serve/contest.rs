//! The contest API inside the preview: when `[contest] server` is a path on the
//! portal's own origin, `jiayuan serve` answers it with the contest server itself
//! (SQLite in `data/contest.db`), so an editor tries the contest as it will run.

use std::io::Read;

use contest_server::{LocalServer, Settings};
use tiny_http::{Header, Request, Response};

use crate::build::BuildOptions;
use jiayuan_core::config::Config;

pub struct ContestApi {
    prefix: String,
    server: LocalServer,
}

/// The in-process contest server, or `None` when the site has none on its own origin
/// (a message says why when it should have had one).
pub fn start(opts: &BuildOptions) -> Option<ContestApi> {
    let config = Config::load(&opts.root).ok()?;
    let prefix = config.contest_server().filter(|p| p.starts_with('/'))?;
    let mut diags = Vec::new();
    let loaded = crate::quiz::load(&opts.root, |p| p.to_string(), &mut diags)?;
    let db = opts.root.join("data/contest.db");
    let settings = Settings {
        retention_days: config.contest.retention_days,
        ..Settings::default()
    };
    match LocalServer::start(&loaded.set, &db.to_string_lossy(), settings) {
        Ok(server) => {
            eprintln!(
                "contest server: answering {prefix} (database {})",
                db.display()
            );
            Some(ContestApi { prefix, server })
        }
        Err(e) => {
            eprintln!("contest server not started, {prefix} will answer 404: {e}");
            None
        }
    }
}

impl ContestApi {
    /// Answers `request` if its path is under the API prefix; otherwise hands it back.
    pub fn respond(&self, mut request: Request, path: &str) -> Option<Request> {
        let Some(rest) = path.strip_prefix(self.prefix.as_str()) else {
            return Some(request);
        };
        let query = request.url().split_once('?').map(|(_, q)| format!("?{q}"));
        let uri = format!("/api/{rest}{}", query.unwrap_or_default());
        let method = request.method().as_str().to_owned();
        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
            .collect();
        let mut body = Vec::new();
        // The API refuses bodies over 16 KB; reading a little more lets it say so.
        let _ = request.as_reader().take(64 * 1024).read_to_end(&mut body);
        let (status, headers, bytes) = self.server.handle(&method, &uri, &headers, body);
        let mut response = Response::from_data(bytes).with_status_code(status);
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("content-length")
                || k.eq_ignore_ascii_case("transfer-encoding")
            {
                continue;
            }
            if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                response.add_header(h);
            }
        }
        let _ = request.respond(response);
        None
    }
}
