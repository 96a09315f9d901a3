//! Template loading: built-in fallbacks, then the theme, then the site's own `templates/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;
use walkdir::WalkDir;

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;

mod cycles;

/// Templates embedded in the binary, so a site without a theme still builds.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("page.html", include_str!("../templates/page.html")),
    (
        "taxonomy_list.html",
        include_str!("../templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("../templates/taxonomy_term.html"),
    ),
    ("404.html", include_str!("../templates/404.html")),
    ("alias.html", include_str!("../templates/alias.html")),
    ("stats.html", include_str!("../templates/stats.html")),
    (
        "shortcodes/figure.html",
        include_str!("../templates/shortcodes/figure.html"),
    ),
    (
        "shortcodes/video.html",
        include_str!("../templates/shortcodes/video.html"),
    ),
    (
        "shortcodes/notice.html",
        include_str!("../templates/shortcodes/notice.html"),
    ),
    (
        "shortcodes/contest.html",
        include_str!("../templates/shortcodes/contest.html"),
    ),
];

struct Source {
    name: String,
    shown: PathBuf,
    text: String,
}

/// Loads every template, reporting each syntax error with its file, line and column.
pub fn load(root: &Path, theme: Option<&str>, diags: &mut Vec<Diagnostic>) -> Tera {
    let mut sources: Vec<Source> = BUILTIN
        .iter()
        .map(|(name, text)| Source {
            name: (*name).to_string(),
            shown: PathBuf::from(format!("<built-in>/{name}")),
            text: (*text).to_string(),
        })
        .collect();
    if let Some(theme) = theme {
        let dir = root.join("themes").join(theme);
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error("site.toml", msg!("theme-missing", theme = theme))
                    .help(msg!("theme-missing-help")),
            );
        }
        read_dir(root, &dir.join("templates"), &mut sources, diags);
    }
    read_dir(root, &root.join("templates"), &mut sources, diags);

    let mut valid: Vec<Source> = Vec::new();
    for s in sources {
        match tera::Template::new(&s.name, None, &s.text) {
            Ok(_) => {
                valid.retain(|v| v.name != s.name);
                valid.push(s);
            }
            Err(e) => diags.push(template_error(&s.shown, &s.text, &e)),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // tera's default escaper also rewrites `/` as `&#x2F;`, which makes every URL unreadable.
    tera.set_escape_fn(escape_html);
    let named: Vec<cycles::Named<'_>> = valid
        .iter()
        .map(|s| cycles::Named {
            name: &s.name,
            shown: &s.shown,
            text: &s.text,
        })
        .collect();
    let loops = cycles::find(&named);
    if !loops.is_empty() {
        // The build stops on these errors; templates in a cycle are never rendered.
        diags.extend(loops);
        return tera;
    }
    let valid = valid.into_iter().map(|s| (s.name, s.text));
    if let Err(e) = tera.add_raw_templates(valid) {
        diags.push(
            Diagnostic::error(
                "templates",
                msg!("template-set-error", detail = error_chain(&e)),
            )
            .help(msg!("template-set-error-help")),
        );
    }
    tera
}

fn read_dir(root: &Path, dir: &Path, out: &mut Vec<Source>, diags: &mut Vec<Diagnostic>) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = jiayuan_core::files::rel_path(dir, entry.path());
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => out.push(Source { name, shown, text }),
            Err(e) => diags.push(Diagnostic::error(
                shown,
                msg!("template-unreadable", reason = e.to_string()),
            )),
        }
    }
}

fn escape_html(text: &str) -> String {
    jiayuan_core::escape::html(text)
}

/// A tera parse error names its position as ` --> line:col`.
fn template_error(shown: &Path, text: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let (line, column) = chain
        .split(" --> ")
        .nth(1)
        .and_then(|rest| {
            let pos = rest.split_whitespace().next()?;
            let (l, c) = pos.split_once(':')?;
            Some((l.parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((1, 1));
    let detail = chain
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('='))
        .map_or_else(
            || chain.lines().next().unwrap_or("").to_string(),
            |l| l.trim_start().trim_start_matches('=').trim().to_string(),
        );
    Diagnostic::error(shown, msg!("template-syntax", detail = detail))
        .at(line, column)
        .with_source(Arc::from(text))
        .help(msg!("template-syntax-help"))
}

/// The full cause chain of a tera error on one line each.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_render_without_a_theme() {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Vec::new();
        let tera = load(dir.path(), None, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(tera.get_template_names().any(|n| n == "page.html"));
    }

    #[test]
    fn syntax_error_has_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/page.html"),
            "<p>\n{{ page.title }\n",
        )
        .unwrap();
        let mut diags = Vec::new();
        load(dir.path(), None, &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].file, PathBuf::from("templates/page.html"));
        assert_eq!(diags[0].line, 2, "{:?}", diags[0]);
    }
}
