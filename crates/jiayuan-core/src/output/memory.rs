//! The files of a build held in memory instead of written, for `jiayuan check`: which
//! site paths exist, and the text of each HTML page, which the link check reads.

use std::collections::BTreeMap;
use std::path::Path;

use crate::files::rel_path;

/// Built files by site-relative path (`news/a/index.html`), with the text of the HTML
/// ones; other files only exist.
#[derive(Debug, Default)]
pub struct Outputs {
    files: BTreeMap<String, Option<String>>,
}

impl Outputs {
    /// Records a written file. Bytes that are not HTML are dropped: only their path counts.
    pub fn insert(&mut self, rel: String, bytes: &[u8]) {
        let text = rel
            .ends_with(".html")
            .then(|| String::from_utf8_lossy(bytes).into_owned());
        self.files.insert(rel, text);
    }

    /// Records a file whose bytes nobody reads (a copy, a picture).
    pub fn insert_path(&mut self, rel: String) {
        self.files.insert(rel, None);
    }

    /// Adds the files a tool wrote to `dir` on disk itself (the search index).
    pub(super) fn add_disk_files(&mut self, dir: &Path) {
        let walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
        for entry in walker.filter_map(Result::ok) {
            if entry.file_type().is_file() {
                self.files
                    .entry(rel_path(dir, entry.path()))
                    .or_insert(None);
            }
        }
    }

    pub fn is_file(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// A folder exists when a file lies below it; "" is the output folder itself.
    pub fn is_dir(&self, rel: &str) -> bool {
        if rel.is_empty() {
            return true;
        }
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// The text of an HTML file.
    pub fn html(&self, rel: &str) -> Option<&str> {
        self.files.get(rel)?.as_deref()
    }

    /// Every HTML file with its text, by path.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_deref()?)))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_exist_below_files_and_only_html_keeps_text() {
        let mut o = Outputs::default();
        o.insert("news/a/index.html".into(), "<p>正文</p>".as_bytes());
        o.insert("search/index/x.bin".into(), b"\xff\x00");
        o.insert_path("img/a.png".into());
        assert!(o.is_dir(""));
        assert!(o.is_dir("news") && o.is_dir("news/a") && o.is_dir("news/a/"));
        assert!(!o.is_dir("new") && !o.is_dir("news/a/index.html"));
        assert!(o.is_file("img/a.png") && !o.is_file("img"));
        assert_eq!(o.html("news/a/index.html"), Some("<p>正文</p>"));
        assert_eq!(o.html("search/index/x.bin"), None);
        let pages: Vec<_> = o.pages().map(|(k, _)| k).collect();
        assert_eq!(pages, ["news/a/index.html"]);
        assert_eq!(o.len(), 3);
    }
}
