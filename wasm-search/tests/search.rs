//! Ranking, filters, pagination and escaping on small hand-made sites.

use tempfile::TempDir;
use wasm_search::tantivy::Index;
use wasm_search::{
    build_index, open_index, search, search_remembering, RankMemo, SearchDoc, SearchOptions,
    SearchResults,
};

fn doc(url: &str, section: &str, tags: &[&str], title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        title: title.into(),
        section: section.into(),
        section_title: format!("栏目{section}"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        date: Some("2024-05-01".into()),
        url: url.into(),
        body: body.into(),
        terms: Vec::new(),
    }
}

fn site(docs: &[SearchDoc]) -> (TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    build_index(dir.path(), docs).unwrap();
    let index = open_index(dir.path()).unwrap();
    (dir, index)
}

fn urls(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.url.as_str()).collect()
}

fn find(index: &Index, query: &str) -> SearchResults {
    search(index, query, &SearchOptions::default()).unwrap()
}

#[test]
fn title_hits_rank_above_body_only_hits() {
    let (_dir, index) = site(&[
        doc(
            "/a/",
            "news",
            &[],
            "基层工作简报",
            "今年全面落实三孩政策，三孩政策配套措施陆续出台。三孩政策宣传进社区。",
        ),
        doc("/b/", "news", &[], "三孩政策解读", "本文介绍有关配套措施。"),
        doc("/c/", "news", &[], "无关页面", "家庭健康知识。"),
    ]);
    let results = find(&index, "三孩政策");
    assert_eq!(urls(&results), ["/b/", "/a/"]);
    assert!(results.hits[0].score > results.hits[1].score);
    assert_eq!(results.hits[0].title_html, "<mark>三孩政策</mark>解读");
}

#[test]
fn terms_are_anded_and_quotes_make_phrases() {
    let (_dir, index) = site(&[
        doc("/1/", "s", &[], "优生优育", "孕前检查 免费"),
        doc("/2/", "s", &[], "优生优育", "孕期检查"),
        doc("/3/", "s", &[], "检查免费", "孕前"),
    ]);
    assert_eq!(urls(&find(&index, "孕前 免费")), ["/3/", "/1/"]);
    // A quoted phrase is exact: a space in it needs a separator in the text.
    assert_eq!(urls(&find(&index, "\"检查 免费\"")), ["/1/"]);
    assert_eq!(urls(&find(&index, "检查免费")), ["/3/"]);
    assert_eq!(urls(&find(&index, "孕前检查")), ["/1/"]);
    assert!(find(&index, "“免费 检查”").hits.is_empty());
}

#[test]
fn a_lone_character_in_a_quoted_phrase_stands_anywhere_in_its_run() {
    let (_dir, index) = site(&[
        doc("/1/", "s", &[], "接种", "HPV 疫苗接种"),
        doc("/2/", "s", &[], "检测", "HPV 检测，疫苗"),
        doc("/3/", "s", &[], "计划", "2022年度工作计划"),
        doc("/4/", "s", &[], "总结", "2022 年 工作总结"),
        doc("/5/", "s", &[], "要点", "今年 三孩政策"),
    ]);
    // The character starts a bigram here (疫苗, 年度), ends a run (年), or is the run.
    assert_eq!(urls(&find(&index, "\"hpv 疫\"")), ["/1/"]);
    // A change of script is a gap, as a space is.
    let found = find(&index, "\"2022年\"");
    let mut both = urls(&found);
    both.sort();
    assert_eq!(both, ["/3/", "/4/"]);
    assert_eq!(find(&index, "\"2022 年\""), found);
    let third = found.hits.iter().find(|h| h.url == "/3/").unwrap();
    assert_eq!(third.snippet, "<mark>2022年</mark>度工作计划");
    assert_eq!(urls(&find(&index, "“年 三孩”")), ["/5/"]);
}

#[test]
fn ascii_words_ignore_case_and_width() {
    let (_dir, index) = site(&[
        doc("/hpv/", "s", &[], "HPV疫苗接种", "适龄女性接种ＨＰＶ疫苗。"),
        doc("/x/", "s", &[], "其他", "无"),
    ]);
    for query in ["hpv", "HPV", "ｈｐｖ", "hpv 疫苗", "HPV疫苗"] {
        assert_eq!(urls(&find(&index, query)), ["/hpv/"], "{query}");
    }
    let hit = &find(&index, "ｈｐｖ").hits[0];
    assert!(
        hit.snippet.contains("<mark>ＨＰＶ</mark>"),
        "{}",
        hit.snippet
    );
}

#[test]
fn section_and_tag_filters_are_exact() {
    let (_dir, index) = site(&[
        doc("/n1/", "news", &["政策解读"], "生育支持", "生育支持政策"),
        doc("/n2/", "news", &["基层风采"], "生育支持", "生育支持活动"),
        doc(
            "/h1/",
            "healthy_birth",
            &["政策解读"],
            "生育支持",
            "生育支持",
        ),
        doc("/h2/", "healthy_birth_x", &["政策"], "生育支持", "生育支持"),
    ]);
    let with = |section: Option<&str>, tag: Option<&str>| {
        let opts = SearchOptions {
            section: section.map(str::to_string),
            tag: tag.map(str::to_string),
            ..SearchOptions::default()
        };
        let results = search(&index, "生育", &opts).unwrap();
        urls(&results)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(with(None, None).len(), 4);
    assert_eq!(with(Some("news"), None), ["/n1/", "/n2/"]);
    assert_eq!(with(Some("healthy_birth"), None), ["/h1/"]);
    assert_eq!(with(None, Some("政策解读")), ["/h1/", "/n1/"]);
    assert_eq!(with(Some("news"), Some("政策解读")), ["/n1/"]);
    assert!(with(None, Some("政策解")).is_empty());
    let hit = &search(&index, "生育", &SearchOptions::default())
        .unwrap()
        .hits[0];
    assert_eq!((hit.section.as_str(), hit.tags.len()), ("healthy_birth", 1));
}

#[test]
fn ties_break_by_url_and_pages_do_not_overlap() {
    let docs: Vec<SearchDoc> = (0..25)
        .rev()
        .map(|i| doc(&format!("/p/{i:02}/"), "s", &[], "家庭健康", "同样的内容"))
        .collect();
    let (_dir, index) = site(&docs);
    let mut seen = Vec::new();
    for page in 0..3 {
        let opts = SearchOptions {
            offset: page * 10,
            limit: 10,
            ..SearchOptions::default()
        };
        let results = search(&index, "健康", &opts).unwrap();
        assert_eq!(results.total, 25);
        seen.extend(results.hits.into_iter().map(|h| h.url));
    }
    let expected: Vec<String> = (0..25).map(|i| format!("/p/{i:02}/")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn snippets_and_titles_are_escaped() {
    let (_dir, index) = site(&[doc(
        "/x/",
        "s",
        &[],
        "<b>健康</b> & \"讲座\"",
        "<script>alert('健康')</script> 讲座 & 活动",
    )]);
    let hit = &find(&index, "健康").hits[0];
    assert_eq!(
        hit.snippet,
        "&lt;script&gt;alert(&#39;<mark>健康</mark>&#39;)&lt;/script&gt; 讲座 &amp; 活动"
    );
    assert_eq!(
        hit.title_html,
        "&lt;b&gt;<mark>健康</mark>&lt;/b&gt; &amp; &quot;讲座&quot;"
    );
    assert_eq!(hit.title, "<b>健康</b> & \"讲座\"");
    let json = serde_json::to_string(&find(&index, "健康")).unwrap();
    assert!(!json.contains("<script>"), "{json}");
}

#[test]
fn empty_queries_find_nothing_and_results_serialize() {
    let (_dir, index) = site(&[doc("/x/", "s", &["t"], "家庭", "健康")]);
    assert_eq!(find(&index, "  ，。").total, 0);
    let json = serde_json::to_value(find(&index, "家庭")).unwrap();
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    for key in [
        "title",
        "title_html",
        "url",
        "section",
        "section_title",
        "date",
        "tags",
        "score",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}");
    }
    assert_eq!(hit["date"], "2024-05-01");
}

#[test]
fn a_rank_memo_never_mixes_up_queries_filters_or_pages() {
    let (_dir, index) = site(&[
        doc(
            "/1/",
            "news",
            &["健康"],
            "家庭健康讲座",
            "讲座介绍优生优育。",
        ),
        doc("/2/", "youth", &["健康"], "青春健康", "青春期健康教育。"),
        doc(
            "/3/",
            "news",
            &[],
            "健康中国",
            "健康知识进社区，讲座受欢迎。",
        ),
    ]);
    let segments = wasm_search::Segments::of_index(&index).unwrap();
    let memo = RankMemo::default();
    let mut seen = Vec::new();
    for (query, section, offset) in [
        ("健康", None, 0),
        ("健康", Some("news"), 0),
        ("健康", Some("news"), 1),
        ("讲座", None, 0),
        ("健康", None, 2),
    ] {
        let opts = SearchOptions {
            section: section.map(str::to_string),
            offset,
            ..SearchOptions::default()
        };
        let remembered = search_remembering(&segments, query, &opts, &memo).unwrap();
        assert_eq!(
            remembered,
            search(&index, query, &opts).unwrap(),
            "{query} {opts:?}"
        );
        seen.push(urls(&remembered).join(" "));
    }
    assert_eq!(seen, ["/2/ /3/ /1/", "/3/ /1/", "/1/", "/1/ /3/", "/1/"]);
}
