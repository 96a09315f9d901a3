//! jiayuan (家园): a static site generator for the 网上计生协 portal.
//!
//! The stages are free functions over plain data: `config` and `content` load the site,
//! `markdown` renders bodies, `render` runs templates, `output` writes atomically.

pub mod assets;
pub mod build;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod frontmatter;
pub mod linkcheck;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod quiz;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
