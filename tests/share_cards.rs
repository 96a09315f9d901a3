//! Share cards (issue 16): a page without a cover gets a PNG drawn from its title at
//! build time, pointed at by its `og:image`; the same bytes every build, drawn once and
//! then taken from the site's cache; a title the card font cannot show keeps the
//! portal's card, with a warning.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{build, copy_to_temp, fixtures, jiayuan};

/// The fixture site `sites/media` in a fresh folder, without the cache other tests'
/// builds of the fixture left in it.
fn media() -> tempfile::TempDir {
    let dir = copy_to_temp(&fixtures().join("sites/media"));
    let _ = std::fs::remove_dir_all(dir.path().join(".jiayuan-cache"));
    dir
}

fn built(site: &Path, out: &Path, extra: &[&str]) -> String {
    let result = build(site, out, extra);
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{stderr}");
    stderr
}

/// The lines of `html` that share it: `og:image*` and `twitter:*`.
fn share_meta(html: &str) -> Vec<&str> {
    html.lines()
        .filter(|l| l.contains("og:image") || l.contains("twitter:"))
        .collect()
}

/// The cache's cards with their inode numbers (a card drawn again is a new file).
fn cache(site: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let dir = site.join(".jiayuan-cache/cards");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().ino(),
            )
        })
        .collect()
}

#[test]
fn a_page_without_a_cover_shares_a_card_of_its_title() {
    let site = media();
    let public = site.path().join("public");
    built(site.path(), &public, &[]);
    let card = std::fs::read(public.join("news/plain/share-card.png")).unwrap();
    let img = image::load_from_memory_with_format(&card, image::ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 630));
    let html = std::fs::read_to_string(public.join("news/plain/index.html")).unwrap();
    assert_eq!(
        share_meta(&html),
        [
            r#"<meta property="og:image" content="https://example.org/portal/news/plain/share-card.png">"#,
            r#"<meta property="og:image:width" content="1200">"#,
            r#"<meta property="og:image:height" content="630">"#,
            r#"<meta name="twitter:card" content="summary_large_image">"#,
        ]
    );
    // A page with a cover shares its cover and gets no card.
    let bundle = std::fs::read_to_string(public.join("news/handan/index.html")).unwrap();
    assert_eq!(
        share_meta(&bundle),
        [
            r#"<meta property="og:image" content="https://example.org/portal/news/handan/cover.png">"#,
            r#"<meta name="twitter:card" content="summary_large_image">"#,
        ]
    );
    assert!(!public.join("news/handan/share-card.png").exists());
}

#[test]
fn cards_are_the_same_bytes_every_build_and_drawn_only_once() {
    let site = media();
    let (one, two) = (site.path().join("one"), site.path().join("two"));
    built(site.path(), &one, &[]);
    let drawn = cache(site.path());
    assert_eq!(
        drawn.len(),
        2,
        "the plain page and the shortcode page: {drawn:?}"
    );
    // A second build into another folder: the same bytes, and no card drawn again.
    let copy = media();
    built(copy.path(), &copy.path().join("public"), &[]);
    built(site.path(), &two, &[]);
    assert_eq!(cache(site.path()), drawn, "the cache is used as it is");
    for rel in [
        "news/plain/share-card.png",
        "news/shortcodes/share-card.png",
    ] {
        let bytes = std::fs::read(one.join(rel)).unwrap();
        assert_eq!(bytes, std::fs::read(two.join(rel)).unwrap(), "{rel}");
        let fresh = std::fs::read(copy.path().join("public").join(rel)).unwrap();
        assert_eq!(
            bytes, fresh,
            "{rel}: drawn in another folder, the same bytes"
        );
    }
}

#[test]
fn a_title_the_font_lacks_keeps_the_portal_card_with_a_warning() {
    let site = media();
    let page = site.path().join("content/news/plain.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("没有封面的普通页面", "韩文标题 한국")).unwrap();
    let public = site.path().join("public");
    let en = built(site.path(), &public, &[]);
    insta::assert_snapshot!("missing_glyph_en", en);
    let html = std::fs::read_to_string(public.join("news/plain/index.html")).unwrap();
    assert_eq!(
        share_meta(&html),
        Vec::<&str>::new(),
        "no card, no og:image"
    );
    assert!(!public.join("news/plain/share-card.png").exists());
    let zh = jiayuan()
        .args(["--lang", "zh-CN", "--root"])
        .arg(site.path())
        .args(["build", "--now", "2022-12-31", "--output"])
        .arg(site.path().join("zh"))
        .output()
        .unwrap();
    assert!(zh.status.success());
    insta::assert_snapshot!("missing_glyph_zh", String::from_utf8_lossy(&zh.stderr));
}

#[test]
fn a_site_can_turn_share_cards_off() {
    let site = media();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}share_cards = false\n")).unwrap();
    let public = site.path().join("public");
    built(site.path(), &public, &[]);
    assert!(!public.join("news/plain/share-card.png").exists());
    assert!(!site.path().join(".jiayuan-cache/cards").exists());
    let html = std::fs::read_to_string(public.join("news/plain/index.html")).unwrap();
    assert_eq!(share_meta(&html), Vec::<&str>::new());
}

#[test]
fn check_warns_of_a_missing_glyph_and_draws_nothing() {
    let site = media();
    let page = site.path().join("content/news/plain.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("没有封面的普通页面", "韩文标题 한국")).unwrap();
    let out = jiayuan()
        .arg("--root")
        .arg(site.path())
        .args(["check", "--now", "2022-12-31"])
        .output()
        .unwrap();
    // The fixture's contest link is broken for `check` (no contest page without a
    // server): only the card's warning is looked at here, its whole text is snapshotted
    // above.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = "warning: the share card cannot show `한` (U+D55C): the card font lacks it\n  --> content/news/plain.md:2:13\n";
    assert!(stderr.starts_with(warning), "{stderr}");
    assert!(!site.path().join(".jiayuan-cache/cards").exists());
}
