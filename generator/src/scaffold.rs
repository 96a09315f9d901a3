//! `jiayuan new`: a new page with front matter an editor only has to fill in.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

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
        return Err(Diagnostic::error(target, msg!("new-bad-path")).help(msg!("new-bad-path-help")));
    }
    let path = root.join("content").join(format!("{target}.md"));
    if path.exists() {
        return Err(
            Diagnostic::error(format!("content/{target}.md"), msg!("new-exists"))
                .help(msg!("new-exists-help")),
        );
    }
    let title = title.unwrap_or("请填写标题");
    let text = format!(
        "---\ntitle: {}\ndate: {today}\ndescription: \"\"\ntags: []\nauthor: \"\"\ncity: \"\"\ndraft: true\n---\n\n正文从这里开始。发布前请删除 `draft: true`。\n",
        yaml_string(title)
    );
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            let what = msg!("io-create-folder");
            Diagnostic::error(
                parent,
                msg!("io-failed", what = what, reason = e.to_string()),
            )
        })?;
    }
    std::fs::write(&path, text).map_err(|e| {
        let what = msg!("io-write");
        Diagnostic::error(
            &path,
            msg!("io-failed", what = what, reason = e.to_string()),
        )
    })?;
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
