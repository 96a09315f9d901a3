//! The build pipeline: load → model → render → write, as free functions over plain data.

mod output_folder;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiayuan_content::model::Site;
use jiayuan_content::shortcode::Shortcodes;
use jiayuan_content::{self as content, LoadOptions};
use jiayuan_core::diagnostic::{self, Diagnostic};
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;
use jiayuan_core::output::{Copied, Staging};
use jiayuan_core::time;
use jiayuan_render::shortcodes::TeraShortcodes;
use jiayuan_render::{self as render, templates, Globals};

use crate::linkcheck;
use crate::progress::Progress;
use crate::{aliases, assets, cards, images, quiz, search, typography};
use output_folder::check_output_folder;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The moment that counts as now for scheduled pages, as `--now` wrote it (read in the
    /// site's time zone when it has no offset); `None` is the system clock.
    pub now: Option<String>,
    /// `false` for `check`: build into a scratch folder, check links, keep nothing.
    pub write: bool,
    pub verbose: bool,
    /// Skip the search index (benchmarks against generators without search).
    pub no_search: bool,
    /// The search index's runs kept from the last build (`serve`): only runs whose pages
    /// changed are indexed again.
    pub search_cache: Option<Arc<wasm_search::ChunkCache>>,
    /// The language of progress lines (diagnostics are worded when printed).
    pub lang: Lang,
    /// `check --strict`: typography findings are errors, not warnings.
    pub strict: bool,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
    /// Pictures resized by this build, and taken from the cache.
    pub images: images::Counts,
    /// Share cards drawn by this build, and taken from the cache.
    pub cards: cards::Counts,
}

/// Everything found by a failed build: all errors and warnings, sorted.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// What a build read and compiled, kept by `serve` for its incremental rebuilds.
pub struct Loaded {
    pub site: Site,
    pub tera: render::Tera,
    pub globals: Globals,
    pub load_opts: LoadOptions,
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    run(opts, false).map(|(report, _)| report)
}

/// `build`, returning the model, templates and globals it rendered with.
pub fn build_keeping(opts: &BuildOptions) -> Result<(BuildReport, Loaded), BuildFailure> {
    run(opts, true)
}

/// A build; `keep` when the model outlives it (`serve` renders bodies again from it).
fn run(opts: &BuildOptions, keep: bool) -> Result<(BuildReport, Loaded), BuildFailure> {
    let progress = Progress::new(opts.verbose, opts.lang);
    let mut report = BuildReport::default();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let fail = |mut diags: Vec<Diagnostic>| {
        diagnostic::sort(&mut diags);
        BuildFailure { diagnostics: diags }
    };

    check_output_folder(&opts.root, &opts.output).map_err(|d| fail(vec![d]))?;
    if opts.write {
        report
            .warnings
            .extend(Staging::sweep_leftovers(&opts.output));
    }

    let Inputs {
        mut site,
        tera,
        globals,
        load_opts,
        quiz,
    } = read_inputs(opts, &progress, &mut report, &mut diags).map_err(fail)?;
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }
    if opts.write && !keep {
        drop_page_bodies(&mut site);
    }

    progress.stage(msg!("stage-render"));
    // `check` keeps the output in memory and link-checks it there; only the search index
    // is written, to a scratch folder.
    let scratch = if opts.write {
        None
    } else {
        Some(tempdir_for_check()?)
    };
    let staging = match &scratch {
        None => Staging::create(&opts.output).map_err(|d| fail(vec![d]))?,
        Some(dir) => Staging::in_memory(&dir.join("public")),
    };
    diags.extend(write_outputs(
        opts,
        &mut site,
        &tera,
        &globals,
        quiz.as_ref(),
        &staging,
        &mut report,
    ));

    if let Some(dir) = scratch {
        let t = Instant::now();
        progress.stage(msg!("stage-links"));
        let outputs = staging.into_outputs();
        let _ = std::fs::remove_dir_all(dir);
        diags.extend(linkcheck::check(&outputs, &site));
        report.timings.push(("linkcheck", t.elapsed()));
        if diags.iter().any(Diagnostic::is_error) {
            return Err(fail(diags));
        }
    } else if diags.iter().any(Diagnostic::is_error) {
        staging.discard();
        return Err(fail(diags));
    } else {
        staging.commit(&opts.output).map_err(|d| fail(vec![d]))?;
    }
    progress.finish();
    diagnostic::sort(&mut diags);
    report.pages = site.pages.len();
    report.sections = site.sections.len();
    report.warnings.extend(diags);
    diagnostic::sort(&mut report.warnings);
    let loaded = Loaded {
        site,
        tera,
        globals,
        load_opts,
    };
    Ok((report, loaded))
}

/// Keeps of each page's file only its front matter, once its body is HTML: what a
/// build writes after that points only at front matter (a slug, an alias, the title of
/// a share card), and at 10,000 pages the bodies' sources were 51 MB of the peak.
/// `check` keeps them for its link check, `serve` for the bodies it renders again.
fn drop_page_bodies(site: &mut Site) {
    for page in site.pages.values_mut() {
        let file = &mut page.head.file;
        if let Some(front) = file.text.get(..file.body_offset) {
            file.text = std::sync::Arc::from(front);
        }
    }
}

/// What a build reads before it writes anything: site.toml, the templates, the banks
/// and contests, and the content, loaded into the model.
struct Inputs {
    site: Site,
    tera: render::Tera,
    globals: Globals,
    load_opts: LoadOptions,
    quiz: Option<quiz::Loaded>,
}

/// Reads the inputs, adding their problems to `diags`; `Err` when site.toml or `--now`
/// leaves nothing to build with.
fn read_inputs(
    opts: &BuildOptions,
    progress: &Progress,
    report: &mut BuildReport,
    diags: &mut Vec<Diagnostic>,
) -> Result<Inputs, Vec<Diagnostic>> {
    let t = Instant::now();
    progress.stage(msg!("stage-config"));
    // A mistake in site.toml is reported with the content's, checked with the defaults.
    let (config, config_diags) = jiayuan_core::site_toml::load_all(&opts.root);
    let Some(mut config) = config else {
        return Err(config_diags);
    };
    diags.extend(config_diags);
    if let Some(url) = &opts.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let tera = templates::load(&opts.root, config.theme.as_deref(), diags);
    report.timings.push(("config+templates", t.elapsed()));

    let t = Instant::now();
    let mut quiz = quiz::load(&opts.root, |p| config.url(p), diags);
    if let (Some(q), Some(api)) = (quiz.as_mut(), config.contest_server()) {
        diags.extend(quiz::use_server(q, &api));
    }
    let globals = Globals {
        assets: assets::urls(|p| config.url(p)),
        contests: quiz
            .as_ref()
            .map(|q| q.contests.clone())
            .unwrap_or_default(),
    };
    report.timings.push(("quiz", t.elapsed()));

    let t = Instant::now();
    progress.stage(msg!("stage-content"));
    let now = match &opts.now {
        None => time::now(),
        Some(s) => time::parse_date(s, config.timezone).ok_or_else(|| {
            vec![
                Diagnostic::error("--now", msg!("now-not-a-date", value = s))
                    .help(msg!("now-not-a-date-help")),
            ]
        })?,
    };
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        now,
        // Shortcodes render through the page templates (site over theme over built-in);
        // a `contest` card leads to the contest page.
        shortcodes: Some(Shortcodes(Arc::new(TeraShortcodes::new(
            &tera,
            &globals.contests,
            config.url("/contest/"),
        )))),
    };
    let site = content::load(&opts.root, config, &load_opts, diags);
    aliases::check(&site, diags);
    if !opts.write {
        match typography::check(&opts.root, &site.config) {
            Ok(found) => diags.extend(typography::diagnostics(&opts.root, &found, opts.strict)),
            Err(found) => diags.extend(found),
        }
    }
    report.timings.push(("load+markdown", t.elapsed()));

    Ok(Inputs {
        site,
        tera,
        globals,
        load_opts,
        quiz,
    })
}

/// Everything a build writes, into `staging`: pictures and share cards first (their
/// pages' `<img>` tags and meta point at them), then the search index's runs, then the
/// pages beside the index's merge, the assets, the contests and the static files.
fn write_outputs(
    opts: &BuildOptions,
    site: &mut Site,
    tera: &render::Tera,
    globals: &Globals,
    quiz: Option<&quiz::Loaded>,
    staging: &Staging,
    report: &mut BuildReport,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let ti = Instant::now();
    let (counts, originals, found) = images::run(&opts.root, site, staging);
    report.images = counts;
    diags.extend(found);
    report.timings.push(("images", ti.elapsed()));
    let tc = Instant::now();
    if opts.write {
        let (counts, found) = cards::run_pages(&opts.root, site, staging, None);
        report.cards = counts;
        diags.extend(found);
    } else {
        diags.extend(cards::check(site));
    }
    report.timings.push(("share cards", tc.elapsed()));
    // The search index's runs first, on both cores; then its merge, which takes one
    // core, on this thread beside the pages' rendering (the two share nothing but the
    // model). Rendering beside the runs left the merge alone at the end.
    let t = Instant::now();
    let runs =
        (!opts.no_search).then(|| search::index_runs(site, staging, opts.search_cache.as_deref()));
    report.timings.push(("search runs", t.elapsed()));
    let t = Instant::now();
    let (indexed, rendered) = rayon::join(
        || match runs {
            Some(runs) => runs.and_then(search::merge_index),
            None => Ok(()),
        },
        || render::render_site(site, tera, globals, staging),
    );
    diags.extend(rendered);
    diags.extend(indexed.err());
    diags.extend(assets::write(staging));
    if let Some(quiz) = quiz {
        diags.extend(quiz::write(quiz, staging));
    }
    report.timings.push(("render+merge", t.elapsed()));
    let ts = Instant::now();
    diags.extend(copy_static(&opts.root, site, staging, &originals));
    diags.extend(staging.claims.conflicts());
    report.timings.push(("static files", ts.elapsed()));

    diags
}

fn tempdir_for_check() -> Result<PathBuf, BuildFailure> {
    let dir = std::env::temp_dir().join(format!("jiayuan-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| BuildFailure {
        diagnostics: vec![Diagnostic::error(
            &dir,
            msg!("scratch-folder-failed", reason = e.to_string()),
        )],
    })?;
    Ok(dir)
}

/// Theme static files, then the site's `static/`, then files beside the content; the
/// pictures among them linked from the image cache's copies.
fn copy_static(
    root: &Path,
    site: &Site,
    staging: &Staging,
    originals: &images::Originals,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(theme) = &site.config.theme {
        diags.extend(staging.copy_tree(
            root,
            &root.join("themes").join(theme).join("static"),
            Copied::Theme,
            originals,
        ));
    }
    diags.extend(staging.copy_tree(root, &root.join("static"), Copied::Static, originals));
    diags.extend(staging.copy_tree(root, &root.join("content"), Copied::Content, originals));
    diags
}
