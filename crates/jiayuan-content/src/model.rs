//! The site model: pages and sections in maps keyed by their content path, pointing at
//! each other by key, so every stage is a plain function over plain data.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiayuan_core::yaml::At;

pub use crate::bodies::Body;
pub use crate::heads::{PageHead, SectionHead};
use jiayuan_core::config::Config;

/// A content file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Content-relative path with forward slashes, e.g. `news/a.md`: the key.
    pub rel: String,
    /// Path shown in messages, relative to the site root: `content/news/a.md`.
    pub shown: PathBuf,
    pub text: Arc<str>,
    pub body_offset: usize,
    /// 1-based line of the first front matter line: the loader counts from there.
    pub yaml_line: usize,
}

impl SourceFile {
    /// Line and column in the whole file of a front matter value, for diagnostics.
    pub fn place<T>(&self, value: &At<T>) -> (usize, usize) {
        value.shifted(self.yaml_line - 1)
    }
}

/// A published page: its head (front matter, place) and its rendered body, put
/// together once by `assemble`.
#[derive(Debug, Clone)]
pub struct Page {
    pub head: PageHead,
    pub body: Body,
    /// Position in its section's sort order.
    pub index_in_section: usize,
    /// Keys of up to five pages sharing the most tags.
    pub related: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub head: SectionHead,
    /// The `_index.md` body as HTML.
    pub html: String,
    /// Keys of the section's own pages, in its sort order.
    pub pages: Vec<String>,
    /// Keys of child sections, ordered by weight then title.
    pub subsections: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub title: String,
    pub paginate_by: usize,
    /// Term name → page keys, newest first.
    pub terms: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub pages: BTreeMap<String, Page>,
    pub sections: BTreeMap<String, Section>,
    pub taxonomies: Vec<Taxonomy>,
    /// Files under content/ that are not Markdown, copied beside the pages.
    pub assets: Vec<String>,
}
