//! The build pipeline: load → model → render → write, as free functions over plain data.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiayuan_content::model::Site;
use jiayuan_content::{self as content, LoadOptions};
use jiayuan_core::diagnostic::{self, Diagnostic};
use jiayuan_core::output::{Copied, Staging};
use jiayuan_core::paths::alias_path;
use jiayuan_core::time;
use jiayuan_render::{self as render, templates, Globals};

use crate::linkcheck;
use crate::progress::Progress;
use crate::{assets, quiz, search};

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
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Everything found by a failed build: all errors and warnings, sorted.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let progress = Progress::new(opts.verbose);
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

    let t = Instant::now();
    progress.stage("读取配置与模板");
    // A mistake in site.toml is reported with the content's, checked with the defaults.
    let (config, config_diags) = jiayuan_core::site_toml::load_all(&opts.root);
    let Some(mut config) = config else {
        return Err(fail(config_diags));
    };
    diags.extend(config_diags);
    if let Some(url) = &opts.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let tera = templates::load(&opts.root, config.theme.as_deref(), &mut diags);
    report.timings.push(("config+templates", t.elapsed()));

    let t = Instant::now();
    let mut quiz = quiz::load(&opts.root, |p| config.url(p), &mut diags);
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
    progress.stage("读取内容");
    let now = match &opts.now {
        None => time::now(),
        Some(s) => time::parse_date(s, config.timezone).ok_or_else(|| {
            fail(vec![Diagnostic::error("--now", format!("not a date: {s}"))
                .help("write it as 2022-05-29 or 2022-05-29T08:00:00+08:00")])
        })?,
    };
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        now,
    };
    let site = content::load(&opts.root, config, &load_opts, &mut diags);
    check_aliases(&site, &mut diags);
    report.timings.push(("load+markdown", t.elapsed()));

    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }

    let t = Instant::now();
    progress.stage("生成页面");
    let scratch;
    let output_for_staging = if opts.write {
        opts.output.clone()
    } else {
        scratch = tempdir_for_check()?;
        scratch.join("public")
    };
    let staging = Staging::create(&output_for_staging).map_err(|d| fail(vec![d]))?;
    // Index while the pages render: the two share nothing but the model.
    let (rendered, indexed) = rayon::join(
        || render::render_site(&site, &tera, &globals, &staging),
        || {
            if opts.no_search {
                Ok(())
            } else {
                search::write_index(&site, &staging)
            }
        },
    );
    diags.extend(rendered);
    diags.extend(indexed.err());
    diags.extend(assets::write(&staging));
    if let Some(quiz) = &quiz {
        diags.extend(quiz::write(quiz, &staging));
    }
    diags.extend(copy_static(&opts.root, &site, &staging));
    diags.extend(staging.claims.conflicts());
    report.timings.push(("render+write", t.elapsed()));

    if !opts.write {
        let t = Instant::now();
        progress.stage("检查链接");
        diags.extend(linkcheck::check(&staging.dir, &site));
        report.timings.push(("linkcheck", t.elapsed()));
    }
    if diags.iter().any(Diagnostic::is_error) {
        staging.discard();
        return Err(fail(diags));
    }
    if opts.write {
        staging.commit(&opts.output).map_err(|d| fail(vec![d]))?;
    } else {
        let dir = staging.dir.parent().map(Path::to_path_buf);
        staging.discard();
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    progress.finish();
    diagnostic::sort(&mut diags);
    report.pages = site.pages.len();
    report.sections = site.sections.len();
    report.warnings.extend(diags);
    diagnostic::sort(&mut report.warnings);
    Ok(report)
}

/// The output may not be the site folder or lie inside a folder the build reads
/// (`content/`, `static/`, `themes/`, `quiz/`): the next build would read its own output
/// and nest `public/public/…` deeper each time.
fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = output.display();
    let message = if out == root {
        format!("the output folder {shown} is the site folder itself, which the build reads")
    } else {
        match ["content", "static", "themes", "quiz"]
            .into_iter()
            .find(|dir| out.starts_with(root.join(dir)))
        {
            Some(dir) => {
                format!("the output folder {shown} is inside {dir}/, which the build reads")
            }
            None => return Ok(()),
        }
    };
    Err(Diagnostic::error("--output", message)
        .help("build into a folder beside content/, such as the default public/"))
}

/// `path` made absolute and canonical as far as it exists (the output may not exist
/// yet); the names after that are resolved as written (`missing/../content`).
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    let canonical = loop {
        if let Ok(c) = std::fs::canonicalize(&existing) {
            break c;
        }
        match existing.components().next_back() {
            Some(last) if existing != Path::new(".") => {
                rest.push(last.as_os_str().to_owned());
                existing.pop();
                if existing.as_os_str().is_empty() {
                    existing = PathBuf::from(".");
                }
            }
            _ => return path.to_path_buf(),
        }
    };
    let mut out = canonical;
    for part in rest.iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}

fn tempdir_for_check() -> Result<PathBuf, BuildFailure> {
    let dir = std::env::temp_dir().join(format!("jiayuan-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| BuildFailure {
        diagnostics: vec![Diagnostic::error(
            &dir,
            format!("cannot create a scratch folder: {e}"),
        )],
    })?;
    Ok(dir)
}

/// Theme static files, then the site's `static/`, then files beside the content.
fn copy_static(root: &Path, site: &Site, staging: &Staging) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(theme) = &site.config.theme {
        diags.extend(staging.copy_tree(
            root,
            &root.join("themes").join(theme).join("static"),
            Copied::Theme,
        ));
    }
    diags.extend(staging.copy_tree(root, &root.join("static"), Copied::Static));
    diags.extend(staging.copy_tree(root, &root.join("content"), Copied::Content));
    diags
}

/// An alias may not take the URL of a page, a section or another alias.
fn check_aliases(site: &Site, diags: &mut Vec<Diagnostic>) {
    let mut taken: HashMap<String, String> = HashMap::new();
    for s in site.sections.values() {
        taken.insert(s.path.clone(), format!("section content/{}", s.key));
    }
    for p in site.pages.values() {
        taken.insert(p.path.clone(), format!("page {}", p.file.shown.display()));
    }
    let sections = site
        .sections
        .values()
        .filter_map(|s| Some((&s.meta.aliases, s.file.as_ref()?)));
    let pages = site.pages.values().map(|p| (&p.meta.aliases, &p.file));
    for (aliases, file) in pages.chain(sections) {
        for alias in aliases {
            let path = alias_path(alias);
            let (line, column) = file.place(alias);
            let at = |d: Diagnostic| d.at(line, column).with_source(file.text.clone());
            if path.split('/').any(|part| part == "..") {
                diags.push(at(Diagnostic::error(
                    &file.shown,
                    format!("alias `{alias}` leaves the site"),
                )
                .help("write aliases as site paths such as /old/path/")));
            } else if let Some(owner) =
                taken.insert(path.clone(), format!("alias in {}", file.shown.display()))
            {
                diags.push(at(Diagnostic::error(
                    &file.shown,
                    format!("alias `{alias}` collides with {owner} at {path}"),
                )
                .help("remove the alias or choose a path no other page uses")));
            }
        }
    }
}
