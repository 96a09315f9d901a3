//! Pictures and sharing (issue 16): page bundles, pictures beside pages, alt text,
//! covers, and the share meta of every page, on the fixture site `sites/media`.

mod common;

use std::path::Path;

use common::{build, fixtures, tree};

fn text(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A `-v` build of `site` into its folder `out`; what it printed.
fn build_verbose(site: &Path, out: &str) -> String {
    let result = build(site, &site.join(out), &["-v"]);
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{stderr}");
    stderr
}

fn build_media() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let result = build(
        &fixtures().join("sites/media"),
        &out.path().join("public"),
        &[],
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert_eq!(stderr, "built 3 pages in 2 sections\n", "no warnings");
    out
}

#[test]
fn a_bundle_is_published_at_its_folder_with_its_pictures() {
    let out = build_media();
    let public = out.path().join("public");
    let files: Vec<String> = tree(&public)
        .into_keys()
        .filter(|f| f.starts_with("news/") && !f.starts_with("news/shortcodes/"))
        .collect();
    assert_eq!(
        files,
        [
            "news/atom.xml",
            "news/handan/cover.png",
            "news/handan/divider.png",
            "news/handan/index.html",
            "news/handan/scene-1000w.webp",
            "news/handan/scene-480w.png",
            "news/handan/scene-480w.webp",
            "news/handan/scene-960w.png",
            "news/handan/scene-960w.webp",
            "news/handan/scene.png",
            "news/index.html",
            "news/plain-logo.png",
            "news/plain/index.html",
            "news/plain/share-card.png",
        ]
    );
    let source = fixtures().join("sites/media/content/news/handan/scene.png");
    assert_eq!(
        std::fs::read(public.join("news/handan/scene.png")).unwrap(),
        std::fs::read(source).unwrap(),
        "pictures are copied byte for byte"
    );
    insta::assert_snapshot!("bundle_page", text(&public, "news/handan/index.html"));
}

#[test]
fn pictures_resolve_from_the_page_folder_and_decorative_ones_have_empty_alt() {
    let out = build_media();
    let public = out.path().join("public");
    let bundle = text(&public, "news/handan/index.html");
    assert!(bundle.contains(r#"<img src="/portal/news/handan/scene.png" alt="宣传活动现场示意图""#));
    assert!(bundle.contains(
        r#"<img src="/portal/news/handan/divider.png" alt="" width="40" height="2" loading="lazy" decoding="async">"#
    ));
    assert!(
        !bundle.contains("decorative"),
        "the marker is not published"
    );
    assert!(bundle.contains(r#"href="/portal/news/plain/""#));
    let plain = text(&public, "news/plain/index.html");
    assert!(plain.contains(
        r#"<img src="/portal/news/plain-logo.png" alt="计生协标志示意图" width="16" height="16" decoding="async">"#
    ));
}

#[test]
fn every_page_has_share_meta_and_a_canonical_address() {
    let out = build_media();
    let public = out.path().join("public");
    let bundle = text(&public, "news/handan/index.html");
    for line in [
        r#"<link rel="canonical" href="https://example.org/portal/news/handan/">"#,
        r#"<meta property="og:title" content="邯郸“5·29”宣传活动">"#,
        r#"<meta property="og:description" content="一个页面包：图片与页面放在同一个文件夹里。">"#,
        r#"<meta property="og:url" content="https://example.org/portal/news/handan/">"#,
        r#"<meta property="og:image" content="https://example.org/portal/news/handan/cover.png">"#,
        r#"<img src="/portal/news/handan/cover.png" alt="" width="64" height="36" style="max-width:100%;height:auto">"#,
    ] {
        assert!(bundle.contains(line), "lacks {line}:\n{bundle}");
    }
    let home = text(&public, "index.html");
    for line in [
        r#"<meta property="og:title" content="图片测试站点">"#,
        r#"<meta property="og:description" content="用于图片、封面和分享信息测试的站点">"#,
        r#"<meta property="og:url" content="https://example.org/portal/">"#,
    ] {
        assert!(home.contains(line), "lacks {line}:\n{home}");
    }
}

#[test]
fn the_theme_shares_every_page_with_its_cover_its_card_or_the_portal_card() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let result = build(&root, &public, &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let card = std::fs::read(public.join("img/share.png")).unwrap();
    assert_eq!(&card[..8], b"\x89PNG\r\n\x1a\n");
    let home = text(&public, "index.html");
    for line in [
        r#"<meta property="og:type" content="website">"#,
        r#"<meta property="og:title" content="河北省网上计生协">"#,
        r#"<meta property="og:url" content="http://127.0.0.1:1111/">"#,
        r#"<meta property="og:image" content="http://127.0.0.1:1111/img/share.png">"#,
        r#"<meta property="og:image:width" content="1200">"#,
        r#"<meta name="twitter:card" content="summary_large_image">"#,
        r#"<link rel="canonical" href="http://127.0.0.1:1111/">"#,
    ] {
        assert!(home.contains(line), "home lacks {line}");
    }
    let article = text(&public, "about/contact/index.html");
    for line in [
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:url" content="http://127.0.0.1:1111/about/contact/">"#,
        r#"<meta property="og:image" content="http://127.0.0.1:1111/about/contact/share-card.png">"#,
        r#"<meta property="og:image:height" content="630">"#,
    ] {
        assert!(article.contains(line), "article lacks {line}");
    }
    assert!(article.contains(r#"<meta property="og:description" content=""#));
    // The cover in the section's card and the article's header, with its copies.
    let webp = "/anniversary40/media-demo/cover-480w.webp 480w, /anniversary40/media-demo/cover-960w.webp 960w";
    let png =
        "/anniversary40/media-demo/cover-480w.png 480w, /anniversary40/media-demo/cover.png 960w";
    let list = text(&public, "anniversary40/index.html");
    let card = format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"(min-width: 64em) 36rem, 100vw\">\n  \
         <img class=\"card__cover\" src=\"/anniversary40/media-demo/cover.png\" alt=\"\" loading=\"lazy\" \
         srcset=\"{png}\" sizes=\"(min-width: 64em) 36rem, 100vw\" width=\"960\" height=\"540\"></picture>"
    );
    assert!(list.contains(&card), "the card lacks {card}");
    let media = text(&public, "anniversary40/media-demo/index.html");
    let head = format!(
        "<img class=\"article__cover\" src=\"/anniversary40/media-demo/cover.png\" alt=\"\" \
         srcset=\"{png}\" sizes=\"(min-width: 52rem) 48rem, 100vw\" width=\"960\" height=\"540\"></picture>"
    );
    assert!(media.contains(&head), "the article lacks {head}");
}

#[test]
fn shortcodes_render_from_the_built_in_templates_but_not_inside_code() {
    let out = build_media();
    let html = text(&out.path().join("public"), "news/shortcodes/index.html");
    let start = html.find("<article>").unwrap();
    let end = html.find("</article>").unwrap();
    insta::assert_snapshot!("shortcodes_article", &html[start..end]);
}

#[test]
fn editor_html_in_a_shortcode_body_is_sanitized_and_built_in_output_is_kept() {
    let site = common::copy_to_temp(&fixtures().join("sites/media"));
    let page = site.path().join("content/news/shortcodes/index.md");
    std::fs::write(
        &page,
        "---\ntitle: 短代码\n---\n{% notice() %}\n<script>alert(1)</script>正文<b onclick=\"x()\">粗</b>\n{% end %}\n\n{{ video(src=\"clip.webm\", title=\"测试短片\") }}\n",
    )
    .unwrap();
    let public = site.path().join("public");
    let result = build(site.path(), &public, &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    let html = text(&public, "news/shortcodes/index.html");
    assert!(
        !html.contains("<script") && !html.contains("onclick"),
        "{html}"
    );
    assert!(html.contains("正文<b>粗</b>"), "{html}");
    assert!(html.contains(r#"<video controls preload="none""#), "{html}");
    assert!(html.contains(r#"<aside class="notice notice--tip" role="note" aria-label="提示">"#));
    assert!(
        stderr.contains("content/news/shortcodes/index.md:5:1"),
        "{stderr}"
    );
}

#[test]
fn a_site_shortcode_wins_over_the_built_in_one_and_may_add_its_own() {
    let site = common::copy_to_temp(&fixtures().join("sites/media"));
    let dir = site.path().join("templates/shortcodes");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("notice.html"),
        "<div class=\"mine\">{{ kind }}|{{ class }}|{{ body | safe }}</div>",
    )
    .unwrap();
    std::fs::write(dir.join("hotline.html"), "<b>{{ number }}</b>").unwrap();
    std::fs::write(
        site.path().join("content/news/plain.md"),
        "---\ntitle: 热线\n---\n拨打{{ hotline(number=12356) }}。\n\n{% notice(kind=\"警告\") %}\n<i>正文</i>\n{% end %}\n",
    )
    .unwrap();
    let public = site.path().join("public");
    let result = build(site.path(), &public, &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = text(&public, "news/plain/index.html");
    assert!(html.contains("<p>拨打<b>12356</b>。</p>"), "{html}");
    assert!(
        html.contains("<div class=\"mine\">警告|warning|<p><i>正文</i></p>\n</div>"),
        "{html}"
    );
}

#[test]
fn pictures_get_srcset_and_dimensions_and_webp_when_smaller() {
    let out = build_media();
    let public = out.path().join("public");
    let html = text(&public, "news/handan/index.html");
    let sizes = "(min-width: 52rem) 48rem, 100vw";
    let expected = format!(
        "<p><picture><source type=\"image/webp\" srcset=\"/portal/news/handan/scene-480w.webp 480w, \
/portal/news/handan/scene-960w.webp 960w, /portal/news/handan/scene-1000w.webp 1000w\" sizes=\"{sizes}\"><img src=\"/portal/news/handan/scene.png\" \
alt=\"宣传活动现场示意图\" srcset=\"/portal/news/handan/scene-480w.png 480w, /portal/news/handan/scene-960w.png 960w, \
/portal/news/handan/scene.png 1000w\" sizes=\"{sizes}\" width=\"1000\" height=\"560\" decoding=\"async\"></picture></p>"
    );
    assert!(html.contains(&expected), "{html}");
    for (file, width) in [("scene-480w.png", 480), ("scene-960w.png", 960)] {
        let bytes = std::fs::read(public.join("news/handan").join(file)).unwrap();
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((w, h), (width, 560 * width / 1000), "{file}");
    }
    let webp = std::fs::metadata(public.join("news/handan/scene-960w.webp"))
        .unwrap()
        .len();
    let png = std::fs::metadata(public.join("news/handan/scene-960w.png"))
        .unwrap()
        .len();
    assert!(
        webp < png,
        "WebP is published only when smaller ({webp} vs {png})"
    );
}

#[test]
fn a_second_build_takes_every_picture_from_the_cache_and_gives_the_same_bytes() {
    let site = common::copy_to_temp(&fixtures().join("sites/media"));
    let run = |out: &str| build_verbose(site.path(), out);
    let first = run("a");
    assert!(
        first.contains("images: 5 resized, 0 from the cache"),
        "{first}"
    );
    let second = run("b");
    assert!(
        second.contains("images: 0 resized, 5 from the cache"),
        "{second}"
    );
    assert!(site
        .path()
        .join(".jiayuan-cache/images/index.json")
        .is_file());
    // A fresh copy of the site, with no cache at all, publishes the same bytes.
    let fresh = common::copy_to_temp(&fixtures().join("sites/media"));
    let result = build(fresh.path(), &fresh.path().join("c"), &[]);
    assert!(result.status.success());
    let (a, b, c) = (
        tree(&site.path().join("a")),
        tree(&site.path().join("b")),
        tree(&fresh.path().join("c")),
    );
    assert!(a.keys().any(|k| k.ends_with("-480w.webp")));
    assert_eq!(a, b, "a cached build publishes what the first one did");
    assert_eq!(a, c, "a build without a cache publishes the same bytes");
}

/// A picture is published as a link to the cache's copy of it, not to the site's file:
/// an edit of the picture in place leaves an earlier build's output as it was, and a
/// cache from before the copies were kept gets them without resizing again.
#[test]
fn a_picture_is_linked_from_the_cache_and_an_edit_in_place_spares_the_output() {
    use std::os::unix::fs::MetadataExt;
    let site = common::copy_to_temp(&fixtures().join("sites/media"));
    let run = |out: &str| build_verbose(site.path(), out);
    run("a");
    let cache = site.path().join(".jiayuan-cache/images");
    let scene = site.path().join("content/news/handan/scene.png");
    let before = std::fs::read(&scene).unwrap();
    let published = site.path().join("a/news/handan/scene.png");
    let inode = std::fs::metadata(&published).unwrap().ino();
    let kept: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| std::fs::metadata(p).unwrap().ino() == inode)
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "one file of the cache is the published picture"
    );
    assert_eq!(std::fs::read(&kept[0]).unwrap(), before);
    assert_ne!(std::fs::metadata(&scene).unwrap().ino(), inode);

    // Without the pictures' own copies (an older cache), nothing is resized again and
    // the copies come back.
    std::fs::remove_file(&kept[0]).unwrap();
    let second = run("b");
    assert!(
        second.contains("images: 0 resized, 5 from the cache"),
        "{second}"
    );
    assert!(kept[0].is_file());
    assert_eq!(tree(&site.path().join("a")), tree(&site.path().join("b")));

    // Written in place, as an editor's program may: the old output keeps its bytes.
    let logo = std::fs::read(site.path().join("content/news/plain-logo.png")).unwrap();
    std::fs::write(&scene, &logo).unwrap();
    assert_eq!(std::fs::read(&published).unwrap(), before);
    let third = run("c");
    assert!(
        third.contains("images: 1 resized, 4 from the cache"),
        "{third}"
    );
    assert_eq!(
        std::fs::read(site.path().join("c/news/handan/scene.png")).unwrap(),
        logo
    );
}

/// A cover goes through the image stage as a picture in the body does, and so do the
/// pictures of a section's own page (`_index.md`).
#[test]
fn covers_and_section_bodies_get_copies_and_dimensions() {
    let site = common::copy_to_temp(&fixtures().join("sites/media"));
    let page = site.path().join("content/news/handan/index.md");
    let source = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        source.replace("cover: cover.png", "cover: scene.png"),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/news/_index.md"),
        "---\ntitle: 新闻\n---\n各市活动：\n\n![各市宣传活动示意图](handan/scene.png)\n",
    )
    .unwrap();
    let public = site.path().join("public");
    let result = build(site.path(), &public, &[]);
    assert!(result.status.success(), "{result:?}");
    let srcset = "/portal/news/handan/scene-480w.png 480w, /portal/news/handan/scene-960w.png 960w, /portal/news/handan/scene.png 1000w";
    let bundle = text(&public, "news/handan/index.html");
    let cover = format!(
        r#"<img src="/portal/news/handan/scene.png" alt="" srcset="{srcset}" sizes="(min-width: 52rem) 48rem, 100vw" width="1000" height="560" style="max-width:100%;height:auto">"#
    );
    assert!(bundle.contains(&cover), "lacks {cover}:\n{bundle}");
    let section = text(&public, "news/index.html");
    let body = format!(
        r#"<img src="/portal/news/handan/scene.png" alt="各市宣传活动示意图" srcset="{srcset}" sizes="(min-width: 52rem) 48rem, 100vw" width="1000" height="560" decoding="async">"#
    );
    assert!(section.contains(&body), "lacks {body}:\n{section}");
}
