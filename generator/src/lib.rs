//! jiayuan (家园): a static site generator for the 网上计生协 portal.
//!
//! This crate is the driver: it runs the stages (jiayuan-core → jiayuan-content →
//! jiayuan-render), builds the search index and the quiz data beside them, writes the
//! output atomically, and holds the command line and the preview server.
//! docs/architecture.md draws the data flow.

mod aliases;
pub mod assets;
pub mod build;
pub mod cards;
pub mod images;
pub mod incremental;
pub mod init;
pub mod linkcheck;
pub mod progress;
pub mod quiz;
pub mod quiz_import;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod typography;
