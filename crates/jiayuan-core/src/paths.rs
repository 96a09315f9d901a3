//! Site paths: where a section, a page list, a taxonomy term or an alias is published.
//! Paths start and end with `/` and never carry the base path; `Config::url` adds it.

/// `""` → `/`; `news` → `/news/`; `care/warm-heart` → `/care/warm-heart/`.
pub fn section_path(key: &str) -> String {
    if key.is_empty() {
        "/".to_string()
    } else {
        format!("/{key}/")
    }
}

/// Site path of a taxonomy term page.
pub fn term_path(taxonomy: &str, term: &str) -> String {
    format!("/{taxonomy}/{}/", term_slug(term))
}

/// Term names keep Chinese characters; only characters unsafe in a path are replaced.
pub fn term_slug(term: &str) -> String {
    let s: String = term
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || matches!(c, '/' | '\\' | '?' | '#' | '%' | '"' | '<' | '>') {
                '-'
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect();
    if s.is_empty() {
        "-".into()
    } else {
        s
    }
}

/// Normalises an alias to a site path: `old/a` → `/old/a/`; `x.html` stays a file.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.ends_with(".html") {
        format!("/{trimmed}")
    } else {
        format!("/{}/", trimmed.trim_end_matches('/'))
    }
}

/// A path on the portal's own host: it starts with one `/`. Browsers read `//host/…`
/// and `/\host/…` as another host, so neither counts.
pub fn is_site_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
}

/// Site path of page `index` (1-based) of a paginated list rooted at `base`.
pub fn pager_path(base: &str, index: usize) -> String {
    if index <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{index}/")
    }
}

/// The content-relative folder holding `rel`: `news/a.md` → `news`, `a.md` → `""`.
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(section_path(""), "/");
        assert_eq!(section_path("care/warm-heart"), "/care/warm-heart/");
        assert_eq!(term_path("tags", "三孩 政策/A"), "/tags/三孩-政策-a/");
        assert_eq!(term_slug("  "), "-");
        assert_eq!(alias_path("old/a/"), "/old/a/");
        assert_eq!(alias_path("/x.html"), "/x.html");
        assert_eq!(pager_path("/news/", 1), "/news/");
        assert_eq!(pager_path("/news/", 3), "/news/page/3/");
        assert_eq!(parent_dir("news/a.md"), "news");
        assert_eq!(parent_dir("a.md"), "");
        assert!(is_site_relative("/api/"));
        assert!(!is_site_relative("//evil.example/api/"));
        assert!(!is_site_relative("/\\evil.example/api/"));
        assert!(!is_site_relative("api/"));
    }
}
