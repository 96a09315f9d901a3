//! Incremental rebuilds for `jiayuan serve`: the loaded site, templates and globals stay
//! in memory; an edit of content (pages edited, added or deleted, sections edited)
//! updates the model (`jiayuan_content::update`), renders the outputs it touches
//! (`plan`) with the full build's render functions, writes the files whose bytes
//! changed, and leaves the search index to a background thread. Everything else
//! (templates, site.toml, banks, folders, `_index.md` files that come or go) is a full
//! build. docs/architecture.md, "Incremental rebuilds".

mod classify;
mod plan;
mod search_worker;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiayuan_content::update::{update, Edit, Update};
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::{self, Diagnostic};
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
use jiayuan_render::select::render_selection;

use crate::build::{build_keeping, BuildFailure, BuildOptions, Loaded};
use crate::{cards, images, search};
pub use classify::{classify, ChangeKind};
use search_worker::SearchWorker;

/// How a rebuild went.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// `true` for a full build.
    pub full: bool,
    pub pages: usize,
    /// Output files written (incremental rebuilds only).
    pub written: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// The time of each step of an incremental rebuild, for `-v`.
    pub timings: Vec<(&'static str, Duration)>,
}

pub struct Engine {
    opts: BuildOptions,
    /// The last good build, `None` before the first or after one whose render failed.
    loaded: Option<Loaded>,
    /// Paths changed since the last good build.
    pending: BTreeSet<PathBuf>,
    search: SearchWorker,
    /// Every change is a full build (`serve --full-rebuilds`).
    full_only: bool,
    /// The last rebuild changed pages whose index is not yet asked for.
    search_due: bool,
    /// The picture cache's index since the last full build.
    images: images::CacheIndex,
}

impl Engine {
    pub fn new(mut opts: BuildOptions) -> Engine {
        // The full builds fill the cache that the worker's indexes then draw on. Without
        // it (another `serve` of the site holds it) every index is built whole, as
        // `jiayuan build` builds it.
        let cache = wasm_search::ChunkCache::open(&opts.root.join(search::CACHE));
        opts.search_cache = cache.ok().flatten().map(Arc::new);
        let search = SearchWorker::start(opts.output.clone(), opts.lang, opts.search_cache.clone());
        Engine {
            opts,
            loaded: None,
            pending: BTreeSet::new(),
            search,
            full_only: false,
            search_due: false,
            images: images::CacheIndex::default(),
        }
    }

    /// Makes every rebuild a full build.
    pub fn with_full_rebuilds(mut self, on: bool) -> Engine {
        self.full_only = on;
        self
    }

    /// A full build, atomic as `jiayuan build`'s, search index included.
    pub fn build_all(&mut self) -> Result<Rebuilt, BuildFailure> {
        let built = self.search.around_full_build(|| build_keeping(&self.opts));
        match built {
            Ok((report, loaded)) => {
                self.loaded = Some(loaded);
                self.images = images::CacheIndex::default();
                self.search_due = false;
                self.pending.clear();
                Ok(Rebuilt {
                    full: true,
                    pages: report.pages,
                    written: Vec::new(),
                    warnings: report.warnings,
                    timings: report.timings,
                })
            }
            Err(failure) => {
                self.loaded = None;
                Err(failure)
            }
        }
    }

    /// Rebuilds after `paths` changed: in place when only content and copied files
    /// changed, else in full.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Rebuilt, BuildFailure> {
        self.pending.extend(paths.iter().cloned());
        let Some(loaded) = self.loaded.as_ref().filter(|_| !self.full_only) else {
            return self.build_all();
        };
        let kinds: BTreeSet<ChangeKind> = self
            .pending
            .iter()
            .map(|p| classify(&self.opts.root, &self.opts.output, &loaded.site, p))
            .collect();
        if kinds.iter().any(ChangeKind::needs_full_build) {
            return self.build_all();
        }
        match self.in_place(&kinds) {
            Some(result) => result,
            None => self.build_all(),
        }
    }

    /// Hands the documents of the last rebuild to the search worker; `serve` calls it
    /// once the open pages were told to reload, so the index is off the pages' path.
    pub fn start_search(&mut self) {
        if let (true, Some(loaded)) = (std::mem::take(&mut self.search_due), &self.loaded) {
            self.search.request(search::documents(&loaded.site));
        }
    }

    /// Waits for the search index of the last rebuild (for tests).
    pub fn wait_for_search(&mut self) {
        self.start_search();
        self.search.wait();
    }

    /// `None` when the edit turns out to need a full build.
    fn in_place(&mut self, kinds: &BTreeSet<ChangeKind>) -> Option<Result<Rebuilt, BuildFailure>> {
        let fail = |mut diagnostics: Vec<Diagnostic>| {
            diagnostic::sort(&mut diagnostics);
            Some(Err(BuildFailure { diagnostics }))
        };
        let loaded = self.loaded.as_mut()?;
        let mut timings = Vec::new();
        let mut t = Instant::now();
        let mut lap = |name: &'static str| {
            timings.push((name, t.elapsed()));
            t = Instant::now();
        };
        let edit = edit_of(kinds);
        let changes = if edit.is_empty() {
            None
        } else {
            match update(&mut loaded.site, &self.opts.root, &edit, &loaded.load_opts) {
                Update::Applied(changes) => Some(changes),
                Update::Failed(diags) => return fail(diags),
                Update::Reload => return None,
            }
        };
        lap("update model");
        let out = Staging::in_place(&self.opts.output);
        let mut diags = Vec::new();
        let mut gone = Vec::new();
        if let Some(changes) = &changes {
            // The edited pages' pictures, as the full build gives them (from the cache).
            let edited: BTreeSet<String> =
                changes.old.keys().chain(&changes.added).cloned().collect();
            let root = &self.opts.root;
            let site = &mut loaded.site;
            let index = &mut self.images;
            diags.extend(images::run_pages(root, site, &out, Some(&edited), index, None).1);
            lap("images");
            diags.extend(cards::run_pages(root, &mut loaded.site, &out, Some(&edited)).1);
            gone.extend(cards::stale(root, &loaded.site, &edited));
            // A deleted page's card goes with it.
            let cards = changes
                .removed
                .values()
                .filter_map(|p| p.share_card.as_ref());
            gone.extend(cards.map(|c| c.path.clone()));
            lap("share cards");
            if plan::terms_collide(&loaded.site) {
                self.loaded = None;
                return None;
            }
            let (selection, removed) = plan::plan(&loaded.site, changes);
            gone.extend(removed);
            lap("plan");
            diags.extend(render_selection(
                &loaded.site,
                &loaded.tera,
                &loaded.globals,
                &out,
                &selection,
            ));
        }
        diags.extend(copy_files(&self.opts.root, kinds, &out));
        lap("render");
        if diags.iter().any(Diagnostic::is_error) {
            // The model holds the edit while the output does not: start again from disk.
            self.loaded = None;
            return fail(diags);
        }
        let written = match out.write_changed() {
            Ok(w) => w,
            Err(d) => {
                self.loaded = None;
                return fail(vec![d]);
            }
        };
        let out = Staging::in_place(&self.opts.output);
        for path in &gone {
            if let Err(d) = out.remove_page(path) {
                self.loaded = None;
                return fail(vec![d]);
            }
        }
        lap("write");
        self.pending.clear();
        let site = &loaded.site;
        self.search_due |= changes.is_some() && !self.opts.no_search;
        let mut warnings = changes.map(|c| c.warnings).unwrap_or_default();
        warnings.extend(diags);
        Some(Ok(Rebuilt {
            full: false,
            pages: site.pages.len(),
            written,
            warnings,
            timings,
        }))
    }
}

/// The content files among `kinds`.
fn edit_of(kinds: &BTreeSet<ChangeKind>) -> Edit {
    let mut edit = Edit::default();
    for kind in kinds {
        match kind {
            ChangeKind::Page(key) => edit.pages.push(key.clone()),
            ChangeKind::Added(key) => edit.added.push(key.clone()),
            ChangeKind::Removed(key) => edit.removed.push(key.clone()),
            ChangeKind::Section(key) => edit.sections.push(key.clone()),
            _ => {}
        }
    }
    edit
}

/// Copies the edited files of `static/`, the theme's `static/` and `content/` again.
fn copy_files(
    root: &std::path::Path,
    kinds: &BTreeSet<ChangeKind>,
    out: &Staging,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for kind in kinds {
        let ChangeKind::Static { source, output } = kind else {
            continue;
        };
        let owner = Owner::new(Kind::Static, msg!("owner-file", file = source), source);
        let result = std::fs::read(root.join(source))
            .map_err(|e| {
                Diagnostic::error(
                    source,
                    msg!("io-failed", what = msg!("io-read"), reason = e.to_string()),
                )
            })
            .and_then(|bytes| out.write_file(output, &bytes, owner));
        diags.extend(result.err());
    }
    diags
}
