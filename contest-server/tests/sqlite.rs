//! The API suite against SQLite (the embedded default).

mod common;
mod suite;

suite!(common::Db::Sqlite);
