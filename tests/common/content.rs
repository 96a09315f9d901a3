//! Reading the demo portal's own `content/` and `quiz/` folders, for the tests
//! that check what an editor would publish (content_quality, typography).

use std::path::{Path, PathBuf};

/// The repository root (the demo site: `site.toml`, `content/`, `quiz/`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir` whose name ends with `ext`, sorted, with its text.
pub fn files(dir: &Path, ext: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable folder"))
        .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().ends_with(ext))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("UTF-8 text");
            (e.path().to_path_buf(), text)
        })
        .collect();
    out.sort();
    out
}

/// A Markdown file split into its front matter (YAML) and its body.
pub fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

/// The content file behind a site-relative URL: `/a/b/` is `content/a/b.md`
/// or, for a section, `content/a/b/_index.md`.
pub fn page_file(url: &str) -> Option<PathBuf> {
    let rel = url.trim_matches('/');
    let content = repo().join("content");
    let page = content.join(format!("{rel}.md"));
    if !rel.is_empty() && page.is_file() {
        return Some(page);
    }
    let section = content.join(rel).join("_index.md");
    section.is_file().then_some(section)
}

/// Text reduced for "does this phrase appear on that page": full-width ASCII
/// folded, Markdown marks (`*#|>` backquote, `_`) and all whitespace removed,
/// ASCII lower-cased. Applied to both sides, so punctuation must match.
pub fn comparable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '|' | '>' | '`' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Length in characters of the longest run of `needle` found in `hay`.
pub fn longest_common_run(needle: &str, hay: &str) -> usize {
    let chars: Vec<char> = needle.chars().collect();
    let mut best = 0;
    for start in 0..chars.len() {
        let mut len = best + 1;
        while start + len <= chars.len() {
            let run: String = chars[start..start + len].iter().collect();
            if !hay.contains(&run) {
                break;
            }
            best = len;
            len += 1;
        }
    }
    best
}
