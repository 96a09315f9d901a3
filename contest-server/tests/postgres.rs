//! The API suite against PostgreSQL (`JIAYUAN_TEST_POSTGRES`, set up by
//! `.ci/postgres.sh`).

mod common;
mod suite;

suite!(common::Db::Postgres);
