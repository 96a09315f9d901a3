//! The contest server inside another program's thread, for `jiayuan serve`: the
//! editor's preview answers `/api/` itself, so the contest works the way it will
//! when published. Requests come in as plain parts and go out the same way, so the
//! caller needs neither an async runtime nor axum.

use std::net::{Ipv4Addr, SocketAddr};

use axum::body::{to_bytes, Body};
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use tower::ServiceExt;
use wasm_quiz::QuizSet;

use crate::app::{AppState, Clock, Settings};
use crate::contests::Contests;
use crate::routes::MAX_BODY;
use crate::store::Store;

pub struct LocalServer {
    runtime: tokio::runtime::Runtime,
    app: Router,
}

/// One answer: status, headers, body.
pub type Reply = (u16, Vec<(String, String)>, Vec<u8>);

impl LocalServer {
    /// Opens (or creates) the database `db` and serves the contests of `set`.
    pub fn start(set: &QuizSet, db: &str, settings: Settings) -> Result<LocalServer, String> {
        let contests = Contests::from_set(set)?;
        let runtime = crate::serve::runtime()?;
        let state = runtime.block_on(async {
            let store = Store::connect(db, 4).await?;
            Ok::<_, String>(AppState::new(store, contests, Clock::system(), settings))
        })?;
        runtime.spawn(crate::serve::background(state.clone()));
        Ok(LocalServer {
            app: crate::serve::app(state, None),
            runtime,
        })
    }

    /// Answers one request; `body` longer than the API accepts is refused by it.
    pub fn handle(
        &self,
        method: &str,
        uri: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let Ok(mut req) = req.body(Body::from(body)) else {
            return (400, Vec::new(), b"bad request".to_vec());
        };
        let peer = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        req.extensions_mut().insert(ConnectInfo(peer));
        let app = self.app.clone();
        self.runtime.block_on(async move {
            let Ok(res) = app.oneshot(req).await;
            let status = res.status().as_u16();
            let headers = res
                .headers()
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_owned())))
                .collect();
            let bytes = to_bytes(res.into_body(), 4 * MAX_BODY * 64)
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            (status, headers, bytes)
        })
    }
}
