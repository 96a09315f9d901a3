//! The knowledge-contest service (计生协知识竞答): participants register,
//! the server draws each paper with a seed it keeps, saves every answer as it
//! is given, scores with the same `wasm-quiz` engine the browser runs, and
//! publishes each city's results. SQLite by default, PostgreSQL to scale.

pub mod answers;
pub mod app;
pub mod attempts;
pub mod contests;
pub mod error;
pub mod export;
pub mod extract;
pub mod limits;
pub mod local;
pub mod participants;
pub mod privacy;
pub mod results;
pub mod routes;
pub mod serve;
pub mod store;
pub mod submit;
pub mod time;

pub use app::{AppState, Clock, Settings};
pub use contests::Contests;
pub use export::export_blocking;
pub use local::local_app;
pub use serve::{app, run, run_blocking, ServeOptions};
pub use store::Store;
