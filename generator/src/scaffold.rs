//! `jiayuan new`: a new page with front matter an editor only has to fill in.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use jiayuan_core::diagnostic::Diagnostic;

/// Creates `content/<section>/<slug>.md`. Never overwrites an existing file.
pub fn new_page(
    root: &Path,
    target: &str,
    title: Option<&str>,
    today: NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    let target = target
        .trim()
        .trim_start_matches("content/")
        .trim_end_matches(".md");
    let valid = !target.is_empty()
        && target
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != ".." && !p.starts_with('_'));
    if !valid {
        return Err(Diagnostic::error(target, "expected a path like `news/my-article`")
            .help("give the section folder and a file name: jiayuan new news/529-activity --title \"标题\""));
    }
    let path = root.join("content").join(format!("{target}.md"));
    if path.exists() {
        return Err(Diagnostic::error(
            format!("content/{target}.md"),
            "the file already exists; nothing was changed",
        )
        .help("choose another file name, or edit the existing file"));
    }
    let title = title.unwrap_or("请填写标题");
    let text = format!(
        "---\ntitle: {}\ndate: {today}\ndescription: \"\"\ntags: []\nauthor: \"\"\ncity: \"\"\ndraft: true\n---\n\n正文从这里开始。发布前请删除 `draft: true`。\n",
        yaml_string(title)
    );
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::error(parent, format!("cannot create folder: {e}")))?;
    }
    std::fs::write(&path, text)
        .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
    Ok(path)
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_refuses_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2022, 5, 29).unwrap();
        let p = new_page(dir.path(), "news/a", Some("标题 \"引号\""), day).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("title: \"标题 \\\"引号\\\"\"") && text.contains("date: 2022-05-29"));
        assert!(new_page(dir.path(), "news/a", None, day).is_err());
        assert!(new_page(dir.path(), "../x", None, day).is_err());
    }
}
