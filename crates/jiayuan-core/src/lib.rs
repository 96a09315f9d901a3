//! jiayuan's first stage: what every later stage shares.
//!
//! The one [`diagnostic::Diagnostic`], the site configuration, reading source files, the
//! rules that turn content keys into site paths, HTML escaping, character classes and the
//! staging folder the build writes into. Nothing here knows about pages or templates.

pub mod claims;
pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod files;
pub mod i18n;
pub mod output;
pub mod paths;
pub mod site_toml;
pub mod text;
pub mod time;
pub mod yaml;
pub mod yaml_tree;
