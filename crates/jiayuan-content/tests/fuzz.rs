//! Property tests ("fuzzing" in the normal suite) of the Markdown renderer and the front
//! matter loader: no panic on any input, the same bytes every time, emphasis tags that
//! nest, errors placed inside the file. `tests/corpus/` holds inputs that once broke a
//! pass or hit a limit; each runs through the same checks.

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;

use jiayuan_content::frontmatter::{self, PageMeta};
use jiayuan_content::markdown::{self, Input, Rendered};
use jiayuan_content::shortcode::{Failure, Renderer};
use jiayuan_core::i18n::Lang;

/// Pieces that exercise every pass: delimiters next to Chinese punctuation, brackets,
/// links, code, escapes, soft breaks, quotes, lists, tables and footnotes. No `<`, so every
/// tag in the output comes from the renderer.
const MARKDOWN: &[&str] = &[
    "*",
    "**",
    "***",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "](b.md)",
    "](@/news/a.md#x)",
    "![",
    "`",
    "\\*",
    "\\",
    " ",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "# ",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: 注\n",
    "&amp;",
    "重点",
    "计划",
    "：",
    "。",
    "“",
    "”",
    "（",
    "）",
    "a",
    "word",
    "x*y",
    "<!-- more -->",
    "{{ i() }}",
    "{{ i(a=\"x\", b=2",
    "{% n(k='提示') %}\n\n",
    "\n\n{% end %}\n\n",
    "{% end %}",
    "{{/* i() */}}",
    "{{ u() }}",
    "}}",
    "%}",
];

const YAML: &[&str] = &[
    "title: ",
    "t",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ", ",
    "&a ",
    "*a",
    "tags: ",
    "date: ",
    "2022-05-29",
    "extra:",
    "\"",
    "'",
    "#",
    "计划",
    "~",
    "!!str ",
    "? ",
    "|",
    ">",
    "draft: ",
    "true",
    "weight: ",
    "3",
    "slug: ",
    "aliases: ",
    "<<: ",
    "\t",
    "---",
    "...",
];

fn pieces(set: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(set), 0..max).prop_map(|v| v.concat())
}

fn render(body: &str) -> Rendered {
    let header = "---\ntitle: t\n---\n";
    let file: Arc<str> = Arc::from(format!("{header}{body}"));
    let input = Input {
        shown: Path::new("content/news/a.md"),
        file_text: &file,
        body_offset: header.len(),
        dir: "news",
        anchors: Default::default(),
        raw_html: Default::default(),
        end: None,
        shortcodes: Some(&Stub),
    };
    markdown::render(&input, &|p| {
        (p == "news/a.md").then(|| "/news/a/".to_string())
    })
}

/// Shortcodes `i` (inline) and `n` (with a body), rendered as plain tags.
struct Stub;

impl Renderer for Stub {
    fn names(&self) -> Vec<String> {
        vec!["i".into(), "n".into()]
    }

    fn render(
        &self,
        name: &str,
        _: &serde_json::Map<String, serde_json::Value>,
        body: Option<&str>,
    ) -> Result<String, Failure> {
        Ok(match body {
            Some(body) => format!("<div class=\"{name}\">{body}</div>"),
            None => format!("<span>{name}</span>"),
        })
    }
}

/// `<em>`, `<strong>`, `<del>` and `<a …>` open and close in nested order.
fn tags_nest(html: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name_end = rest.find(['>', ' ']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        match name.strip_prefix('/') {
            Some(closed @ ("em" | "strong" | "del" | "a")) => match open.pop() {
                Some(top) if top == closed => {}
                other => return Err(format!("</{closed}> closes {other:?} in {html}")),
            },
            Some(_) => {}
            None if matches!(name, "em" | "strong" | "del" | "a") => open.push(name),
            None => {}
        }
    }
    match open.is_empty() {
        true => Ok(()),
        false => Err(format!("{open:?} left open in {html}")),
    }
}

fn check_markdown(body: &str) -> Result<(), TestCaseError> {
    let first = render(body);
    let again = render(body);
    prop_assert_eq!(&first.html, &again.html);
    prop_assert_eq!(&first.text, &again.text);
    if !body.contains('<') {
        tags_nest(&first.html).map_err(TestCaseError::fail)?;
    }
    let lines = body.lines().count() + 4;
    for d in &first.diagnostics {
        prop_assert!(d.line >= 4 && d.line <= lines, "{:?} outside the body", d);
    }
    Ok(())
}

fn check_front_matter(text: &str) -> Result<(), TestCaseError> {
    let shown = Path::new("content/news/a.md");
    let Ok(split) = frontmatter::split(shown, text) else {
        return Ok(());
    };
    let first = frontmatter::parse::<PageMeta>(shown, text, &split).map(|m| m.title.value);
    let again = frontmatter::parse::<PageMeta>(shown, text, &split).map(|m| m.title.value);
    match (&first, &again) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(a), Err(b)) => {
            prop_assert_eq!(a.render(Lang::En), b.render(Lang::En));
            let lines = text.lines().count().max(1);
            prop_assert!(a.line >= 1 && a.line <= lines, "{:?} outside the file", a);
            prop_assert!(a.column >= 1, "{:?}", a);
        }
        _ => prop_assert!(false, "two parses disagree"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn markdown_pieces(body in pieces(MARKDOWN, 60)) {
        check_markdown(&body)?;
    }

    #[test]
    fn markdown_any_text(body in any::<String>()) {
        check_markdown(&body)?;
    }

    #[test]
    fn front_matter_pieces(yaml in pieces(YAML, 40)) {
        check_front_matter(&format!("---\n{yaml}\n---\n正文\n"))?;
    }

    #[test]
    fn front_matter_any_text(yaml in any::<String>()) {
        check_front_matter(&format!("---\n{yaml}\n---\n"))?;
    }

    /// Nesting within the limit loads; far past it, the error says so.
    #[test]
    fn nested_front_matter(depth in 0usize..80, flow in any::<bool>()) {
        let value = if flow {
            format!("{}x{}", "[".repeat(depth), "]".repeat(depth))
        } else {
            format!("\n    {}x", "- ".repeat(depth))
        };
        let text = format!("---\ntitle: t\nextra:\n  v: {value}\n---\n");
        let shown = Path::new("content/news/a.md");
        let split = frontmatter::split(shown, &text).unwrap();
        let result = frontmatter::parse::<PageMeta>(shown, &text, &split);
        if depth <= 20 {
            prop_assert!(result.is_ok(), "{:?}", result.err());
        } else if depth > 40 {
            let e = result.unwrap_err();
            prop_assert!(e.message.en().contains("levels deep"), "{}", e.message.en());
        }
    }
}

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "corpus in {}", dir.display());
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let result = if name.starts_with("fm-") {
            check_front_matter(&text)
        } else {
            check_markdown(&text)
        };
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
    }
}
