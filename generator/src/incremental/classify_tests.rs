use std::fs;

use super::*;
use jiayuan_content::LoadOptions;
use jiayuan_core::config::Config;

#[test]
fn each_path_gets_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("site.toml", "title = \"家园\"\nbase_url = \"http://x\"\n");
    write("content/_index.md", "---\ntitle: 首页\n---\n");
    write("content/news/a.md", "---\ntitle: 甲\n---\n正文");
    write(
        "content/news/b.md",
        "---\ntitle: 乙\ndraft: true\n---\n正文",
    );
    write("static/css/site.css", "body{}");
    write("static/new.css", "body{}");
    write("public/css/site.css", "body{}");
    write("public/news/a/index.html", "");
    let config = Config::load(root).unwrap();
    let opts = LoadOptions {
        drafts: false,
        now: jiayuan_core::time::now(),
        shortcodes: None,
    };
    let site = jiayuan_content::load(root, config, &opts, &mut Vec::new());
    let output = root.join("public");
    let kind = |rel: &str| classify(root, &output, &site, &root.join(rel));
    assert_eq!(
        kind("content/news/a.md"),
        ChangeKind::Page("news/a.md".into())
    );
    assert_eq!(
        kind("content/news/b.md"),
        ChangeKind::Added("news/b.md".into()),
        "a draft: the update finds it is one"
    );
    assert_eq!(
        kind("content/news/c.md"),
        ChangeKind::Nothing,
        "never there"
    );
    assert_eq!(kind("content/news"), ChangeKind::Structure, "a folder");
    assert_eq!(
        kind("content/_index.md"),
        ChangeKind::Section(String::new())
    );
    assert_eq!(
        kind("content/news/_index.md"),
        ChangeKind::Structure,
        "a section without one: a new _index.md"
    );
    assert_eq!(
        kind("static/css/site.css"),
        ChangeKind::Static {
            source: "static/css/site.css".into(),
            output: "css/site.css".into()
        }
    );
    assert_eq!(kind("static/new.css"), ChangeKind::Structure, "a new file");
    assert_eq!(kind("static/gone.css"), ChangeKind::Nothing);
    assert_eq!(kind("templates/page.html"), ChangeKind::Template);
    assert_eq!(kind("themes/t/templates/page.html"), ChangeKind::Template);
    assert_eq!(
        kind("themes/t/static/x.css"),
        ChangeKind::Nothing,
        "not the site's theme"
    );
    assert_eq!(kind("site.toml"), ChangeKind::SiteToml);
    assert_eq!(kind("quiz/bank.yaml"), ChangeKind::Bank);
    fs::remove_file(root.join("content/news/a.md")).unwrap();
    assert_eq!(
        kind("content/news/a.md"),
        ChangeKind::Removed("news/a.md".into()),
        "deleted"
    );
    assert!(!ChangeKind::Page(String::new()).needs_full_build());
    assert!(!ChangeKind::Section(String::new()).needs_full_build());
    assert!(ChangeKind::Structure.needs_full_build());
}
