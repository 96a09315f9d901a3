//! The message catalogues (`crates/jiayuan-core/locales/*.ftl`, docs/messages.md): both
//! languages have the same ids with the same arguments, every id the code uses is in
//! them, and every id in them is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Each message id of a Fluent file with the `$arguments` its text names.
fn catalogue(name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = workspace().join("crates/jiayuan-core/locales").join(name);
    let text = std::fs::read_to_string(&path).expect("catalogue");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '}']) {
            let (id, _) = line
                .split_once(" =")
                .expect("`id = text` at the start of a line");
            assert!(
                out.insert(id.to_string(), BTreeSet::new()).is_none(),
                "{name}: `{id}` twice"
            );
            current = Some(id.to_string());
        }
        let args = out.get_mut(current.as_ref().expect("an id first")).unwrap();
        for (i, _) in line.match_indices('$') {
            let rest = &line[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            args.insert(rest[..end].to_string());
        }
    }
    out
}

/// Every message id written in the code: `msg!("id"` and `Msg { id: "id"`.
fn used_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for dir in ["crates", "generator/src", "wasm-quiz/src"] {
        for entry in walkdir::WalkDir::new(workspace().join(dir)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for marker in ["msg!(", "id: "] {
                for (i, _) in text.match_indices(marker) {
                    let rest = text[i + marker.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue; // the macro's own definition, a variable
                    };
                    let id = &rest[..rest.find('"').unwrap()];
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids.remove("no-such-message"); // the test of an unknown id in jiayuan-core i18n
    ids
}

#[test]
fn both_catalogues_have_the_same_messages_with_the_same_arguments() {
    let en = catalogue("en.ftl");
    let zh = catalogue("zh-CN.ftl");
    let missing_zh: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let missing_en: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing_zh.is_empty(), "not in zh-CN.ftl: {missing_zh:?}");
    assert!(missing_en.is_empty(), "not in en.ftl: {missing_en:?}");
    for (id, args) in &en {
        assert_eq!(args, &zh[id], "`{id}` names other arguments in zh-CN.ftl");
    }
}

#[test]
fn every_message_the_code_uses_is_in_the_catalogue_and_every_entry_is_used() {
    let en = catalogue("en.ftl");
    let used = used_ids();
    let unknown: Vec<_> = used.iter().filter(|id| !en.contains_key(*id)).collect();
    let unused: Vec<_> = en.keys().filter(|id| !used.contains(*id)).collect();
    assert!(
        unknown.is_empty(),
        "used but not in the catalogues: {unknown:?}"
    );
    assert!(
        unused.is_empty(),
        "in the catalogues but never used: {unused:?}"
    );
}

mod common;

/// A site whose site.toml says `language = "zh-CN"`, with one misspelt key.
fn chinese_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        "title = \"测试站点\"\nbase_url = \"http://127.0.0.1:1111\"\nlanguage = \"zh-CN\"\n",
    )
    .unwrap();
    let news = site.path().join("content/news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        site.path().join("content/_index.md"),
        "---\ntitle: 首页\n---\n",
    )
    .unwrap();
    std::fs::write(news.join("_index.md"), "---\ntitle: 新闻\n---\n").unwrap();
    std::fs::write(news.join("a.md"), "---\ntitle: 一\ntagz: [甲]\n---\n正文\n").unwrap();
    site
}

fn stderr_of(site: &Path, args: &[&str], env: Option<&str>) -> String {
    let mut cmd = common::jiayuan();
    cmd.arg("--root").arg(site).args(args).arg("check");
    cmd.env_remove("JIAYUAN_LANG");
    if let Some(lang) = env {
        cmd.env("JIAYUAN_LANG", lang);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_site_without_language_is_chinese_and_an_english_site_is_english() {
    let site = chinese_site();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let zh = stderr_of(site.path(), &[], None);
    std::fs::write(&toml, text.replace("language = \"zh-CN\"\n", "")).unwrap();
    assert_eq!(
        stderr_of(site.path(), &[], None),
        zh,
        "no `language`: zh-CN"
    );
    std::fs::write(&toml, text.replace("zh-CN", "en")).unwrap();
    let en = stderr_of(site.path(), &["--lang", "en"], None);
    assert_eq!(stderr_of(site.path(), &[], None), en, "language = \"en\"");
}

#[test]
fn site_language_chooses_the_messages_and_flag_or_environment_override_it() {
    let site = chinese_site();
    let zh = stderr_of(site.path(), &[], None);
    insta::assert_snapshot!("site_language_zh", zh);
    let en = stderr_of(site.path(), &["--lang", "en"], None);
    insta::assert_snapshot!("site_language_overridden_en", en);
    assert_eq!(
        stderr_of(site.path(), &[], Some("en")),
        en,
        "JIAYUAN_LANG=en"
    );
    assert_eq!(
        stderr_of(site.path(), &["--lang", "zh-CN"], Some("en")),
        zh,
        "--lang wins over JIAYUAN_LANG"
    );
}
