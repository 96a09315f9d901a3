//! `jiayuan serve`'s incremental rebuilds give the bytes of a clean build: a fixture site
//! is edited through every kind of change, and after each step the whole output tree
//! (search index included) is compared with a fresh `jiayuan build` of the same sources.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use jiayuan::build::BuildOptions;
use jiayuan::incremental::{Engine, Rebuilt};
use jiayuan_core::i18n::Lang;

const BASE: &str = "http://127.0.0.1:1111";

struct Site {
    dir: tempfile::TempDir,
    engine: Engine,
}

impl Site {
    fn new() -> Site {
        Site::of("sites/basic")
    }

    /// The fixture site at `fixture` (under `tests/fixtures/`), built once.
    fn of(fixture: &str) -> Site {
        let dir = common::copy_to_temp(&common::fixtures().join(fixture));
        let opts = BuildOptions {
            root: dir.path().to_path_buf(),
            output: dir.path().join("public"),
            base_url: Some(BASE.into()),
            drafts: false,
            now: Some("2022-12-31".into()),
            write: true,
            verbose: false,
            no_search: false,
            search_cache: None,
            lang: Lang::En,
            strict: false,
        };
        let mut engine = Engine::new(opts);
        engine.build_all().expect("the fixture builds");
        Site { dir, engine }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} holds {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    }

    /// Rebuilds after `changed`, then compares the output with a clean build.
    fn step(&mut self, what: &str, changed: PathBuf, full: bool) -> Rebuilt {
        let rebuilt = match self.engine.apply(&[changed]) {
            Ok(r) => r,
            Err(f) => panic!("{what}: {:#?}", f.diagnostics),
        };
        assert_eq!(rebuilt.full, full, "{what}: a full build? {rebuilt:?}");
        self.assert_clean(what);
        rebuilt
    }

    fn assert_clean(&mut self, what: &str) {
        self.engine.wait_for_search();
        let fresh = tempfile::tempdir().unwrap();
        let out = fresh.path().join("public");
        let built = common::build(self.dir.path(), &out, &["--base-url", BASE]);
        assert!(built.status.success(), "{what}: {built:?}");
        assert_same_tree(what, &self.path("public"), &out);
    }
}

fn assert_same_tree(what: &str, served: &Path, clean: &Path) {
    let (served, clean) = (common::tree(served), common::tree(clean));
    let names =
        |t: &std::collections::BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&served), names(&clean), "{what}: the same files");
    for (name, bytes) in &clean {
        assert!(
            served[name] == *bytes,
            "{what}: {name} differs:\n--- served\n{}\n--- clean\n{}",
            String::from_utf8_lossy(&served[name]),
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn every_kind_of_edit_gives_the_bytes_of_a_clean_build() {
    let mut site = Site::new();

    // A body edit past the summary writes the page alone.
    let p = site.edit("content/news/cjk.md", "内容一。", "内容一，又添一句。");
    let r = site.step("body edit", p, false);
    assert_eq!(r.written, ["news/cjk/index.html"]);

    // A body edit inside the summary reaches the feeds that show it.
    let p = site.edit("content/news/older.md", "这是一篇", "这是一则");
    let r = site.step("summary edit", p, false);
    assert_eq!(
        r.written,
        ["news/older/index.html", "atom.xml", "news/atom.xml"]
    );

    let p = site.edit(
        "content/news/older.md",
        "title: 较早的新闻",
        "title: 更早的新闻",
    );
    site.step("title edit", p, false);

    let p = site.edit(
        "content/news/older.md",
        "tags: [会员活动日]",
        "tags: [新标签, 三孩政策]",
    );
    site.step("tags edit: a new term, one gone from a term", p, false);

    let p = site.edit(
        "content/news/older.md",
        "date: 2022-03-01",
        "date: 2022-06-30",
    );
    site.step("date edit: the section's order changes", p, false);

    let p = site.edit("content/news/cjk.md", "city: 邯郸", "city: 唐山");
    site.step("city edit: the statistics change", p, false);

    let p = site.edit(
        "content/news/oldest.md",
        "date: 2022-01-01",
        "date: 2022-01-01\ndraft: true",
    );
    site.step("draft on", p, true);
    let p = site.edit("content/news/oldest.md", "\ndraft: true", "");
    site.step("draft off: a new page to the lists", p, false);

    // Pages that come and go are updates in place: lists, pagers, terms, feeds, sitemap.
    let p = site.write(
        "content/news/new.md",
        "---\ntitle: 新的一篇\ndate: 2022-07-01\ntags: [三孩政策, 新来的标签]\n---\n新的正文，见[较早的新闻](older.md)。\n",
    );
    site.step("new page: a new pager and a new term", p, false);
    let p = site.write(
        "content/policy/second.md",
        "---\ntitle: 第二篇政策\ndate: 2022-02-02\ntags: [三孩政策]\n---\n政策正文。\n",
    );
    site.step("new page in another section", p, false);
    let p = site.path("content/news/new.md");
    fs::remove_file(&p).unwrap();
    site.step("deleted page: its pager and its term go", p, false);
    let p = site.path("content/policy/second.md");
    fs::remove_file(&p).unwrap();
    site.step("deleted page in another section", p, false);
    let p = site.write(
        "content/news/later.md",
        "---\ntitle: 草稿\ndraft: true\n---\n",
    );
    site.step("new draft: a full build finds it is one", p.clone(), true);
    fs::remove_file(&p).unwrap();
    site.step("a draft deleted", p, false);
    let p = site.write("content/reports/first.md", "---\ntitle: 新栏目\n---\n");
    site.step("new page in a new section", p.clone(), true);
    fs::remove_file(&p).unwrap();
    site.step("the last page of a section without _index.md", p, true);

    // A page that another links to goes: the full build reports the broken link.
    let older = fs::read_to_string(site.path("content/news/older.md")).unwrap();
    let p = site.path("content/news/older.md");
    fs::remove_file(&p).unwrap();
    let failure = site.engine.apply(&[p]).expect_err("a broken link");
    let text: String = failure
        .diagnostics
        .iter()
        .map(|d| d.render(Lang::En))
        .collect();
    assert!(text.contains("content/news/cjk.md:"), "{text}");
    let p = site.write("content/news/older.md", &older);
    site.step("the linked page back", p, true);

    // Sections: their lists again, and with a new title every page below them.
    let p = site.edit(
        "content/news/_index.md",
        "description: 各地活动",
        "description: 新闻一览",
    );
    site.step("section description", p, false);
    let p = site.edit("content/news/_index.md", "新闻栏目说明", "新闻栏目的说明");
    site.step("section body", p, false);
    let p = site.edit("content/news/_index.md", "title: 新闻动态", "title: 新闻");
    site.step("section title: breadcrumbs and list entries", p, false);
    let p = site.edit("content/_index.md", "title: ", "title: 新");
    site.step("home section title", p, false);
    let p = site.edit("content/news/_index.md", "sort_by: date", "sort_by: title");
    site.step("section sort_by: a full build", p, true);
    let p = site.edit("content/news/_index.md", "description:", "descriptio:");
    site.engine.apply(&[p]).expect_err("an unknown key fails");
    let p = site.edit("content/news/_index.md", "descriptio:", "description:");
    site.step("the fix of a broken section edit", p, false);

    let p = site.write(
        "templates/404.html",
        "<!doctype html><title>找不到</title><p>页面不存在。</p>\n",
    );
    site.step("template", p, true);

    let p = site.write("static/style.css", "body { color: #000 }\n");
    site.step("new static file", p, true);
    let p = site.write("static/style.css", "body { color: #111 }\n");
    let r = site.step("static file edit", p, false);
    assert_eq!(r.written, ["style.css"]);

    let p = site.edit("site.toml", "paginate_by = 2", "paginate_by = 3");
    site.step("site.toml", p, true);

    // A broken edit leaves the output as it was; its fix is incremental again.
    let p = site.edit("content/news/cjk.md", "city: 唐山", "cityy: 唐山");
    let failure = site.engine.apply(&[p]).expect_err("an unknown key fails");
    let text: String = failure
        .diagnostics
        .iter()
        .map(|d| d.render(Lang::En))
        .collect();
    assert!(text.contains("content/news/cjk.md:5:1"), "{text}");
    site.assert_clean_before_fix();
    let p = site.edit("content/news/cjk.md", "cityy: 唐山", "city: 邯郸");
    site.step("the fix of a broken edit", p, false);
}

impl Site {
    /// After a failed edit the output is the clean build of the sources before it.
    fn assert_clean_before_fix(&self) {
        let before = tempfile::tempdir().unwrap();
        let copy = common::copy_to_temp(self.dir.path());
        let cjk = copy.path().join("content/news/cjk.md");
        let text = fs::read_to_string(&cjk).unwrap().replace("cityy:", "city:");
        fs::write(&cjk, text).unwrap();
        let out = before.path().join("public");
        let built = common::build(copy.path(), &out, &["--base-url", BASE]);
        assert!(built.status.success(), "{built:?}");
        assert_same_tree("broken edit", &self.path("public"), &out);
    }
}

/// Pages with pictures and shortcodes: an edit in place resizes nothing new, takes the
/// copies from the cache and rewrites the `<img>` tags as a full build does.
#[test]
fn edits_of_pages_with_pictures_and_shortcodes_give_a_clean_build() {
    let mut site = Site::of("sites/media");
    let p = site.edit(
        "content/news/handan/index.md",
        "活动现场示意图（测试用图）：",
        "活动现场示意图（测试用图，已更新）：",
    );
    site.step("body edit of a bundle with pictures", p, false);
    let p = site.edit(
        "content/news/shortcodes/index.md",
        "caption=\"各市宣传活动场次\"",
        "caption=\"各市宣传活动场次（更新）\"",
    );
    site.step("a shortcode's caption", p, false);
    let p = site.edit(
        "content/news/handan/index.md",
        "![宣传活动现场示意图](scene.png)",
        "![宣传活动现场示意图](scene.png)\n\n![同一张图，再用一次](scene.png)",
    );
    site.step("the same picture twice", p, false);
    let p = site.edit(
        "content/news/handan/index.md",
        "cover: cover.png",
        "cover: scene.png",
    );
    site.step("another cover: the section's cards show it", p, false);
    let p = site.edit(
        "content/news/plain.md",
        "title: 没有封面的普通页面",
        "title: 没有封面的普通页面（标题已修改）",
    );
    let card = site.path("public/news/plain/share-card.png");
    let before = fs::read(&card).unwrap();
    site.step("a title edit draws the share card again", p, false);
    assert_ne!(
        fs::read(&card).unwrap(),
        before,
        "the card shows the new title"
    );
    let p = site.edit(
        "content/news/plain.md",
        "date: 2022-05-01",
        "date: 2022-05-01\ncover: plain-logo.png",
    );
    site.step("a cover replaces the share card", p, false);
    assert!(
        !card.exists(),
        "the card is removed with its page's new cover"
    );
}
