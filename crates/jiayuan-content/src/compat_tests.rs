//! Tests of `compat`: Hugo and Zola front matter read in compatible mode.

use super::*;

fn page_of(text: &str) -> (PageMeta, Vec<Kept>) {
    let shown = Path::new("content/docs/intro.md");
    let s = split(shown, text).unwrap();
    page(shown, text, &s).unwrap()
}

#[test]
fn hugo_keys_are_mapped() {
    let (m, kept) = page_of(
        "---\ntitle: 简介\nsummary: 一句话\nlastmod: 2023-01-02\ncategory: 文档\nauthors: [甲, 乙]\nkeywords: [a]\nhide_sidebar: true\n---\n正文",
    );
    assert_eq!(m.description.as_deref(), Some("一句话"));
    assert_eq!(m.updated.as_deref().map(String::as_str), Some("2023-01-02"));
    assert_eq!(m.categories, ["文档"]);
    assert_eq!(m.author.as_deref(), Some("甲、乙"));
    assert_eq!(m.extra["keywords"], serde_json::json!(["a"]));
    assert_eq!(m.extra["hide_sidebar"], serde_json::json!(true));
    assert_eq!(
        kept,
        [Kept {
            key: "hide_sidebar".into(),
            line: 7
        }]
    );
}

#[test]
fn a_file_without_front_matter_takes_its_first_heading() {
    let (m, kept) = page_of("前言\n\n```\n# 不是标题\n```\n\n## 安装 TiDB {#install}\n");
    assert_eq!(m.title.as_str(), "安装 TiDB");
    assert!(kept.is_empty());
    let (m, _) = page_of("没有标题的正文\n");
    assert_eq!(m.title.as_str(), "intro");
}

#[test]
fn description_wins_over_summary_and_extra_wins_over_a_loose_key() {
    let (m, kept) =
        page_of("---\ntitle: t\ndescription: 甲\nsummary: 乙\nx: 1\nextra:\n  x: 2\n---\n");
    assert_eq!(m.description.as_deref(), Some("甲"));
    assert_eq!(m.extra["summary"], serde_json::json!("乙"));
    assert_eq!(m.extra["x"], serde_json::json!(2));
    assert_eq!(kept.len(), 1);
}

#[test]
fn strict_lists_match_the_strict_types() {
    for (text, section) in [("---\nzzz: 1\n---\n", false), ("---\nzzz: 1\n---\n", true)] {
        let shown = Path::new("a.md");
        let s = frontmatter::split(shown, text).unwrap();
        let help = if section {
            frontmatter::parse::<SectionMeta>(shown, text, &s)
                .unwrap_err()
                .help
        } else {
            frontmatter::parse::<PageMeta>(shown, text, &s)
                .unwrap_err()
                .help
        };
        let list = if section {
            STRICT_SECTION_KEYS
        } else {
            STRICT_PAGE_KEYS
        };
        let expected = format!(
            "allowed keys: {}; put your own values under `extra:`",
            list.join(", ")
        );
        assert_eq!(help.map(|h| h.en()).as_deref(), Some(expected.as_str()));
    }
    assert!(strict_rejects("summary", false) && !strict_rejects("sort_by", true));
}

#[test]
fn type_errors_are_still_errors() {
    let text = "---\ntitle: t\nweight: 三\n---\n";
    let shown = Path::new("a.md");
    let s = split(shown, text).unwrap();
    let e = page(shown, text, &s).unwrap_err();
    assert_eq!((e.line, e.column), (3, 9), "{e:?}");
}
