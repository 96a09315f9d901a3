//! Share cards (docs/decisions.md, "Share cards"): a page without a cover gets an
//! `og:image` drawn at build time from its title and the site's name, published beside
//! it as `share-card.png`. Cards are kept in the site's `.jiayuan-cache/cards/` under
//! the hash of everything their bytes depend on, so a rebuild draws only new titles.

mod draw;
mod wrap;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use jiayuan_content::model::{Page, ShareCard, Site};
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;

/// A page's card in the cache, with whether the cache had it; or why it has none.
type Drawn = Result<(PathBuf, bool), Diagnostic>;

/// A page's card linked into the output (its path there) or why it could not be, with
/// whether the cache had it; or why none could be drawn.
type Linked = Result<(Result<String, Diagnostic>, bool), Diagnostic>;

/// The cache folder, inside the site folder.
pub const CACHE: &str = ".jiayuan-cache/cards";

/// The card's file name, in the page's folder.
pub const FILE_NAME: &str = "share-card.png";

/// How many cards were drawn, and how many came from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub drawn: usize,
    pub cached: usize,
}

/// Draws (or takes from the cache) the card of every page without a cover with a key in
/// `only` (all pages when `None`; an incremental rebuild of `serve` names the pages it
/// renders again), writes it into `staging` and records it on the page for its
/// `og:image`.
pub fn run_pages(
    root: &Path,
    site: &mut Site,
    staging: &Staging,
    only: Option<&BTreeSet<String>>,
) -> (Counts, Vec<Diagnostic>) {
    let mut counts = Counts::default();
    if !site.config.share_cards {
        return (counts, Vec::new());
    }
    let name = site.config.title.trim().to_string();
    if let Some(d) = name_warning(&name) {
        return (counts, vec![d]);
    }
    let cache = root.join(CACHE);
    let chosen = |key: &String| only.is_none_or(|keys| keys.contains(key));
    let wanted: Vec<(&String, &Page)> = site
        .pages
        .iter()
        .filter(|(k, p)| chosen(k) && wants_card(p))
        .collect();
    // Drawn or found and linked into the output on all cores: a rebuild of 10,000
    // pages finds every card cached, and the links were one thread's work.
    let done: Vec<(String, Linked)> = wanted
        .into_par_iter()
        .map(|(key, page)| (key.clone(), link(page, &name, &cache, staging)))
        .collect();
    let mut diags = Vec::new();
    for (key, result) in done {
        let Some(page) = site.pages.get_mut(&key) else {
            continue;
        };
        page.share_card = None;
        let (linked, hit) = match result {
            Ok(found) => found,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if hit {
            counts.cached += 1;
        } else {
            counts.drawn += 1;
        }
        match linked {
            Ok(path) => {
                page.share_card = Some(ShareCard {
                    path,
                    width: draw::WIDTH,
                    height: draw::HEIGHT,
                })
            }
            Err(d) => diags.push(d),
        }
    }
    (counts, diags)
}

/// The card of `page`, drawn or found in the cache, linked into `staging` beside the
/// page: its path in the output, with whether the cache had it.
fn link(page: &Page, name: &str, cache: &Path, staging: &Staging) -> Linked {
    let (file, hit) = one(page, name, cache)?;
    let path = format!("{}{FILE_NAME}", page.head.path);
    let shown = &page.head.file.shown;
    let owner = Owner::new(Kind::Page, msg!("owner-share-card", file = shown), shown);
    Ok((staging.link_file(&path, &file, owner).map(|()| path), hit))
}

/// The warnings a build would give about the cards, without drawing any: for `check`,
/// which keeps nothing (not even the cache).
pub fn check(site: &Site) -> Vec<Diagnostic> {
    if !site.config.share_cards {
        return Vec::new();
    }
    if let Some(d) = name_warning(site.config.title.trim()) {
        return vec![d];
    }
    site.pages
        .values()
        .filter(|p| wants_card(p))
        .filter_map(title_warning)
        .collect()
}

/// A page gets a card when it has no cover and is published as a folder (`/a/`, where
/// `share-card.png` can sit beside its `index.html`).
fn wants_card(page: &Page) -> bool {
    page.body.cover.is_none() && page.head.path.ends_with('/')
}

fn name_warning(name: &str) -> Option<Diagnostic> {
    let c = draw::missing_glyph(name)?;
    Some(Diagnostic::warning("site.toml", missing(c)).help(msg!("share-card-site-help")))
}

/// A warning at the first character of the page's title the card font lacks.
fn title_warning(page: &Page) -> Option<Diagnostic> {
    let title = page.head.meta.title.trim();
    let c = draw::missing_glyph(title)?;
    let (line, column) = page.head.file.place(&page.head.meta.title);
    let column = column + offset_in_line(&page.head.file.text, line, column, title, c);
    Some(
        Diagnostic::warning(&page.head.file.shown, missing(c))
            .at(line, column)
            .with_source(page.head.file.text.clone())
            .help(msg!("share-card-missing-glyph-help")),
    )
}

/// The card paths of the pages with the keys in `only` that have no card now (a cover
/// was added, or the font lacks a character of the new title): an incremental rebuild
/// removes the card an earlier build published there. A file of that name beside the
/// content is the editor's own and stays.
pub fn stale(root: &Path, site: &Site, only: &BTreeSet<String>) -> Vec<String> {
    only.iter()
        .filter_map(|key| site.pages.get(key))
        .filter(|p| p.share_card.is_none() && p.head.path.ends_with('/'))
        .map(|p| format!("{}{FILE_NAME}", p.head.path))
        .filter(|path| {
            !root
                .join("content")
                .join(path.trim_start_matches('/'))
                .exists()
        })
        .collect()
}

/// The cached card of `page` (drawn first when the cache lacks it), with whether the
/// cache had it; a warning when the font cannot show its title.
fn one(page: &Page, name: &str, cache: &Path) -> Drawn {
    if let Some(d) = title_warning(page) {
        return Err(d);
    }
    let title = page.head.meta.title.trim();
    let file = cache.join(format!("{}.png", draw::key(title, name)));
    if file.is_file() {
        return Ok((file, true));
    }
    let png = draw::card(title, name);
    // Through a temporary name: builds of one site may run side by side (tests), and two
    // pages of one title are drawn at once by two threads.
    let thread = rayon::current_thread_index().unwrap_or(0);
    let tmp = file.with_extension(format!("tmp-{}-{thread}", std::process::id()));
    let written = std::fs::create_dir_all(cache)
        .and_then(|()| std::fs::write(&tmp, &png))
        .and_then(|()| std::fs::rename(&tmp, &file));
    written.map(|()| (file.clone(), false)).map_err(|e| {
        Diagnostic::error(
            &file,
            msg!(
                "io-failed",
                what = msg!("io-write-file"),
                reason = e.to_string()
            ),
        )
    })
}

/// How many characters after `column` of `line` the character `c` of `title` is, when
/// the line shows the title as written there (a plain or quoted YAML scalar); else 0.
fn offset_in_line(text: &str, line: usize, column: usize, title: &str, c: char) -> usize {
    let Some(rest) = text.lines().nth(line.saturating_sub(1)) else {
        return 0;
    };
    let rest: String = rest.chars().skip(column.saturating_sub(1)).collect();
    let quoted = rest.starts_with(['"', '\'']);
    let shown = if quoted { &rest[1..] } else { &rest[..] };
    match (shown.starts_with(title), title.chars().position(|t| t == c)) {
        (true, Some(i)) => i + usize::from(quoted),
        _ => 0,
    }
}

fn missing(c: char) -> jiayuan_core::i18n::Msg {
    msg!(
        "share-card-missing-glyph",
        char = c.to_string(),
        code = format!("U+{:04X}", u32::from(c))
    )
}
