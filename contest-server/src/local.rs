//! The contest server inside another program, for `jiayuan serve`: the editor's
//! preview answers `/api/` itself, so the contest works the way it will when
//! published. The caller runs the returned router on its own tokio runtime.

use axum::Router;
use wasm_quiz::QuizSet;

use crate::app::{AppState, Clock, Settings};
use crate::contests::Contests;
use crate::store::Store;

/// Opens (or creates) the database `db` and returns the API for the contests of
/// `set`, its background work (expired attempts, retention) spawned on the current
/// runtime. Requests must carry `ConnectInfo<SocketAddr>` (the rate limits use it).
pub async fn local_app(set: &QuizSet, db: &str, settings: Settings) -> Result<Router, String> {
    let contests = Contests::from_set(set)?;
    let store = Store::connect(db, 4).await?;
    let state = AppState::new(store, contests, Clock::system(), settings);
    tokio::spawn(crate::serve::background(state.clone()));
    Ok(crate::serve::app(state, None))
}
