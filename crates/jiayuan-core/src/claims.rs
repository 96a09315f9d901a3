//! One owner per output path: every file a build writes is claimed by what produced it
//! (a page, a section's list, an alias, a taxonomy term, a feed, a static file …), and a
//! second claimant for the same path is an error naming both. Paths are compared
//! case-folded, since the portal is also served from case-insensitive file systems and
//! taxonomy terms `ABC` and `abc` share one URL.
//!
//! Claims arrive from parallel render jobs in any order; the report sorts them first, so
//! the same input gives the same errors on every run.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use crate::msg;

/// What produced an output file. The order ranks claimants: the first one owns the path
/// and the error is reported at each later one, so the file an editor can change (an
/// alias, a page, a static file) gets the error rather than the built-in search page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Files every build writes: feeds, sitemap, 404, search, stats, assets, contest data.
    Generated,
    /// A taxonomy's list and its terms' pages (site.toml names the taxonomies).
    Taxonomy,
    Section,
    Page,
    Alias,
    /// A file under the site's `static/` or beside the content.
    Static,
    /// A file of the theme's `static/`: the site's `static/` may replace it.
    ThemeStatic,
}

/// Who claims a path, and where to point an editor at.
#[derive(Debug, Clone)]
pub struct Owner {
    pub kind: Kind,
    /// How messages name the claimant: "page content/news/a.md", "the search page".
    pub label: Msg,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub source: Option<Arc<str>>,
}

impl Owner {
    pub fn new(kind: Kind, label: Msg, file: impl Into<PathBuf>) -> Owner {
        Owner {
            kind,
            label,
            file: file.into(),
            line: 1,
            column: 1,
            source: None,
        }
    }

    /// Places the owner at a line and column of its source file, shown in the report.
    pub fn at(mut self, (line, column): (usize, usize), source: Arc<str>) -> Owner {
        self.line = line;
        self.column = column;
        self.source = Some(source);
        self
    }
}

struct Claim {
    /// The output path as written, relative to the output folder.
    path: String,
    /// A folder claimed whole (the search index): every path below it is taken too.
    tree: bool,
    owner: Owner,
}

/// The claims of one build, safe to add to from render threads.
#[derive(Default)]
pub struct Claims(Mutex<Vec<Claim>>);

impl Claims {
    /// Claims the file at `rel` (relative to the output folder, `news/a/index.html`).
    pub fn file(&self, rel: &str, owner: Owner) {
        self.push(rel, false, owner);
    }

    /// Claims the folder `rel` and everything below it.
    pub fn tree(&self, rel: &str, owner: Owner) {
        self.push(rel.trim_end_matches('/'), true, owner);
    }

    fn push(&self, rel: &str, tree: bool, owner: Owner) {
        let claim = Claim {
            path: rel.trim_start_matches('/').to_string(),
            tree,
            owner,
        };
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(claim);
    }

    /// One error for every path claimed twice, in a stable order.
    pub fn conflicts(&self) -> Vec<Diagnostic> {
        let claims = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut by_key: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
        for claim in claims.iter() {
            by_key.entry(fold(&claim.path)).or_default().push(claim);
        }
        let mut diags = Vec::new();
        for (key, list) in &by_key {
            let mut list = list.clone();
            // The site's static/ replaces the theme's file of the same name.
            if list.iter().any(|c| c.owner.kind == Kind::Static) {
                list.retain(|c| c.owner.kind != Kind::ThemeStatic);
            }
            list.sort_by(|a, b| rank(a).cmp(&rank(b)));
            list.dedup_by(|b, a| rank(a) == rank(b));
            for later in &list[1.min(list.len())..] {
                diags.push(collision(list[0], later));
            }
            if let Some(tree) = list.iter().find(|c| c.tree) {
                let below = format!("{key}/");
                for (_, inside) in by_key
                    .range(below.clone()..)
                    .take_while(|(k, _)| k.starts_with(&below))
                {
                    for claim in inside {
                        diags.push(collision(tree, claim));
                    }
                }
            }
        }
        diags
    }
}

/// The label ranks in English, so the order is the same in every language.
fn rank(c: &Claim) -> (Kind, String, &PathBuf, usize, usize, &str) {
    let o = &c.owner;
    (
        o.kind,
        o.label.en(),
        &o.file,
        o.line,
        o.column,
        c.path.as_str(),
    )
}

/// The key two claims collide on: letter case and repeated or trailing `/` do not
/// count (`news//index.html` is the file `news/index.html`).
fn fold(path: &str) -> String {
    path.split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}

fn collision(first: &Claim, later: &Claim) -> Diagnostic {
    let path = if first.tree {
        msg!(
            "claim-path-in-folder",
            path = &later.path,
            folder = &first.path
        )
    } else if first.path == later.path {
        msg!("claim-path", path = &later.path)
    } else {
        msg!(
            "claim-path-folded",
            path = &later.path,
            as_path = &first.path
        )
    };
    let o = &later.owner;
    let f = &first.owner;
    // Where the first claimant was written, when that is a line of a file.
    let message = match f.source {
        Some(_) => msg!(
            "claim-collision-at",
            owner = o.label.clone(),
            path = path,
            first = f.label.clone(),
            at = format!("{}:{}:{}", f.file.display(), f.line, f.column)
        ),
        None => msg!(
            "claim-collision",
            owner = o.label.clone(),
            path = path,
            first = f.label.clone()
        ),
    };
    let mut d = Diagnostic::error(&o.file, message)
        .at(o.line, o.column)
        .help(msg!("claim-collision-help"));
    if let Some(source) = &o.source {
        d = d.with_source(source.clone());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(kind: Kind, label: &str) -> Owner {
        Owner::new(
            kind,
            msg!("config-invalid", detail = label),
            format!("content/{label}"),
        )
    }

    #[test]
    fn a_second_claimant_is_reported_at_the_lower_ranked_one_in_any_order() {
        for flip in [false, true] {
            let claims = Claims::default();
            let mut both = vec![
                (
                    "search/index.html",
                    owner(Kind::Generated, "the search page"),
                ),
                ("search/index.html", owner(Kind::Alias, "alias in a.md")),
            ];
            if flip {
                both.reverse();
            }
            for (path, o) in both {
                claims.file(path, o);
            }
            claims.file("news/index.html", owner(Kind::Section, "news"));
            let found = claims.conflicts();
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].file, PathBuf::from("content/alias in a.md"));
            assert_eq!(
                found[0].message.en(),
                "alias in a.md writes /search/index.html, which the search page writes too"
            );
        }
    }

    #[test]
    fn letter_case_does_not_count_and_theme_files_give_way() {
        let claims = Claims::default();
        claims.file("tags/abc/index.html", owner(Kind::Taxonomy, "tag `abc`"));
        claims.file("tags/ABC/index.html", owner(Kind::Taxonomy, "tag `ABC`"));
        claims.file("css/site.css", owner(Kind::ThemeStatic, "theme"));
        claims.file("css/site.css", owner(Kind::Static, "static"));
        claims.file("news//index.html", owner(Kind::Page, "empty slug"));
        claims.file("news/index.html", owner(Kind::Section, "news"));
        let found = claims.conflicts();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].message.en(),
            "empty slug writes /news//index.html (as /news/index.html: letter case and \
             repeated slashes do not count), which news writes too"
        );
        assert_eq!(
            found[1].message.en(),
            "tag `abc` writes /tags/abc/index.html (as /tags/ABC/index.html: letter case \
             and repeated slashes do not count), which tag `ABC` writes too"
        );
    }

    #[test]
    fn a_taxonomy_owns_its_path_before_a_section() {
        let claims = Claims::default();
        claims.file("tags/index.html", owner(Kind::Section, "section"));
        claims.file("tags/index.html", owner(Kind::Taxonomy, "taxonomy"));
        let found = claims.conflicts();
        assert_eq!(
            found[0].message.en(),
            "section writes /tags/index.html, which taxonomy writes too"
        );
    }

    #[test]
    fn the_first_claimant_is_named_with_its_place() {
        let claims = Claims::default();
        let text: Arc<str> = Arc::from("---\ntags: [ABC]\n---\n");
        let first = owner(Kind::Taxonomy, "tag `ABC`").at((2, 8), text.clone());
        claims.file("tags/abc/index.html", first);
        let second = owner(Kind::Taxonomy, "tag `abc`").at((2, 8), text);
        claims.file("tags/abc/index.html", second);
        assert_eq!(
            claims.conflicts()[0].message.en(),
            "tag `abc` writes /tags/abc/index.html, which tag `ABC` (content/tag `ABC`:2:8) \
             writes too"
        );
    }

    #[test]
    fn a_claimed_folder_takes_every_path_below_it() {
        let claims = Claims::default();
        claims.tree("search/index/", owner(Kind::Generated, "the search index"));
        claims.file("search/index/meta.json", owner(Kind::Static, "static"));
        claims.file("search/indexes.html", owner(Kind::Static, "other"));
        let found = claims.conflicts();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .message
            .en()
            .starts_with("static writes /search/index/meta.json"));
    }
}
