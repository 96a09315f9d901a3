//! `jiayuan init`: a minimal `site.toml` for an existing `content/` tree, with a menu
//! of its sections, and compatible front matter when the tree was written for Hugo or
//! Zola. It never overwrites a `site.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use jiayuan_content::compat;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

/// What `init` found in the tree and wrote.
#[derive(Debug)]
pub struct Initialized {
    pub sections: usize,
    /// Files whose front matter strict mode would reject (or which have none).
    pub foreign_files: usize,
    pub text: String,
}

/// Writes `root/site.toml` for the tree under `root/content/`.
pub fn init(root: &Path) -> Result<Initialized, Diagnostic> {
    let target = root.join("site.toml");
    if target.exists() {
        return Err(
            Diagnostic::error("site.toml", msg!("init-exists")).help(msg!("init-exists-help"))
        );
    }
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::error("content", msg!("init-no-content"))
            .help(msg!("init-no-content-help")));
    }
    let survey = survey(&content);
    let title = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "site".into());
    let title = survey.home_title.clone().unwrap_or(title);
    let text = render(&title, &survey);
    std::fs::write(&target, &text).map_err(|e| {
        Diagnostic::error(
            "site.toml",
            msg!("init-write-failed", reason = e.to_string()),
        )
        .help(msg!("init-write-failed-help"))
    })?;
    Ok(Initialized {
        sections: survey.sections.len(),
        foreign_files: survey.foreign_files,
        text,
    })
}

#[derive(Default)]
struct Survey {
    home_title: Option<String>,
    /// Top-level folder → its `_index.md` title, if any.
    sections: BTreeMap<String, Option<String>>,
    foreign_files: usize,
    tags: bool,
    categories: bool,
}

fn survey(content: &Path) -> Survey {
    let mut s = Survey::default();
    for entry in walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = jiayuan_core::files::rel_path(content, entry.path());
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file()
            || !name.ends_with(".md")
            || name == "README.md"
            || rel.split('/').any(|p| p.starts_with('.'))
        {
            continue;
        }
        let section = name == "_index.md";
        let top = rel.split_once('/').map(|(t, _)| t.to_string());
        let keys = keys(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        let foreign = keys
            .as_ref()
            .is_none_or(|k| k.keys().any(|key| compat::strict_rejects(key, section)));
        s.foreign_files += usize::from(foreign);
        let keys = keys.unwrap_or_default();
        s.tags |= keys.contains_key("tags");
        s.categories |= keys.contains_key("categories") || keys.contains_key("category");
        let title = keys
            .get("title")
            .and_then(|t| t.as_str())
            .map(str::to_string);
        match top {
            None if section => s.home_title = title,
            None => {}
            Some(top) => {
                let slot = s.sections.entry(top.clone()).or_default();
                if section && rel == format!("{top}/_index.md") {
                    *slot = title;
                }
            }
        }
    }
    s
}

/// Top-level front matter keys and values; `None` for a file without front matter.
fn keys(text: &str) -> Option<BTreeMap<String, serde_json::Value>> {
    let split = jiayuan_content::frontmatter::split(Path::new("x.md"), text).ok()?;
    if split.yaml.trim().is_empty() {
        return Some(BTreeMap::new());
    }
    Some(jiayuan_core::yaml::from_str(split.yaml).unwrap_or_default())
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn render(title: &str, s: &Survey) -> String {
    let mut out = format!(
        "# Written by `jiayuan init`; every key is described in README.md and docs/.\ntitle = {}\n# The address the site is published at.\nbase_url = \"http://127.0.0.1:1111\"\n",
        quoted(title)
    );
    if s.foreign_files > 0 {
        out.push_str(&format!(
            "\n# {} files have front matter written for Hugo or Zola (or none): read their keys,\n# keep unknown ones under `extra`, and make heading ids as GitHub and Hugo do.\n[content]\nfront_matter = \"compatible\"\n\n[markdown]\nanchors = \"github\"\n",
            s.foreign_files
        ));
    }
    for (name, wanted) in [("tags", s.tags), ("categories", s.categories)] {
        if wanted {
            out.push_str(&format!("\n[[taxonomies]]\nname = \"{name}\"\n"));
        }
    }
    out.push_str("\n[[nav]]\nname = \"首页\"\nurl = \"/\"\n");
    for (folder, title) in &s.sections {
        let name = title.as_deref().unwrap_or(folder);
        out.push_str(&format!(
            "\n[[nav]]\nname = {}\nurl = {}\n",
            quoted(name),
            quoted(&format!("/{folder}/"))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_in_jiayuan_front_matter_stays_strict() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("content/news");
        std::fs::create_dir_all(&news).unwrap();
        std::fs::write(news.join("_index.md"), "---\ntitle: 新闻\n---\n").unwrap();
        std::fs::write(news.join("a.md"), "---\ntitle: 甲\ntags: [x]\n---\n").unwrap();
        let done = init(dir.path()).unwrap();
        assert_eq!((done.sections, done.foreign_files), (1, 0));
        assert!(!done.text.contains("[content]"), "{}", done.text);
        assert!(done.text.contains("name = \"新闻\"\nurl = \"/news/\""));
        assert!(done.text.contains("name = \"tags\"") && !done.text.contains("categories"));
    }
}
