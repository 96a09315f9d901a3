//! The `jiayuan` command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod contest_cli;
mod quiz_cli;

use jiayuan::build::{build, BuildOptions};
use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

/// Builds allocate and free millions of small strings and tera values from every core;
/// mimalloc's per-thread heaps do that with far less time in the allocator than glibc's
/// malloc (docs/decisions.md, "The binary's allocator"); `main` shortens its purge delay
/// and turns transparent huge pages off (`jiayuan_alloc`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `jiayuan --version`: the crate version and the commit it was built from (build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("JIAYUAN_GIT_COMMIT"),
    ")"
);

/// jiayuan (家园): builds the 网上计生协 portal from Markdown.
#[derive(Parser)]
#[command(name = "jiayuan", version = VERSION, about, long_about = None)]
struct Cli {
    /// The site folder (holding site.toml); defaults to the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print the time each stage takes.
    #[arg(short, long, global = true)]
    verbose: bool,
    /// The language of messages: en or zh-CN [default: the site's `language`, which is zh-CN unless site.toml says otherwise].
    #[arg(long, global = true, env = "JIAYUAN_LANG", value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build changes nothing).
    Build(BuildArgs),
    /// Do everything build does, plus link checking and typography, without writing the output.
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1, and rebuild when sources change.
    Serve {
        #[command(flatten)]
        build: BuildArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        /// Rebuild the whole site, search index included, on every change instead of
        /// only what the change touches (slower; for comparison).
        #[arg(long)]
        full_rebuilds: bool,
    },
    /// Search a built site with the same code the browser runs.
    Search {
        /// What to look for; Chinese text is matched as written, words with spaces must all occur.
        query: String,
        /// How many results to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
        /// The built site [default: public/ under the site folder].
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Knowledge-contest tools for editors.
    #[command(subcommand)]
    Quiz(QuizCommand),
    /// The knowledge-contest server: `jiayuan contest serve`, `jiayuan contest export`.
    #[command(subcommand)]
    Contest(contest_cli::ContestCommand),
    /// Write a minimal site.toml for an existing content/ folder (never overwrites one).
    Init,
    /// Create content/<section>/<slug>.md with front matter to fill in.
    New {
        /// Section folder and file name, e.g. news/529-handan.
        path: String,
        /// The page title.
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Subcommand)]
enum QuizCommand {
    /// Print the paper a contest draws for a seed, as the browser would draw it (JSON).
    Paper {
        /// Contest id, e.g. contest-2022.
        contest: String,
        /// The draw seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import a question bank from Excel (.xlsx), CSV or Moodle GIFT into quiz/<bank>.yaml
    /// (layout: docs/题库导入.md). Nothing is written unless every row is good.
    Import(quiz_cli::ImportArgs),
    /// Write quiz/<bank>.yaml as a sheet in the import's layout.
    Export(quiz_cli::ExportArgs),
}

#[derive(Args, Clone)]
struct CheckArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// Typography findings are errors (for CI), not warnings.
    #[arg(long)]
    strict: bool,
    /// Rewrite the typography findings in content/ and quiz/ in place, then check.
    #[arg(long)]
    fix: bool,
}

#[derive(Args, Clone)]
struct BuildArgs {
    /// Output folder [default: public/ under the site folder].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Override base_url from site.toml, e.g. https://www.example.org.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages and sections marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Do not build the search index.
    #[arg(long)]
    no_search: bool,
    /// Treat this moment as now when deciding which dated pages are published (for tests).
    #[arg(long, hide = true, value_name = "YYYY-MM-DD")]
    now: Option<String>,
}

fn parse_lang(name: &str) -> Result<Lang, String> {
    Lang::parse(name).ok_or_else(|| format!("`{name}` is not a message language; use en or zh-CN"))
}

fn main() -> ExitCode {
    jiayuan_alloc::return_freed_memory_sooner();
    jiayuan_alloc::no_transparent_huge_pages();
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    // --lang, then JIAYUAN_LANG (clap reads both), then the site's `language`; English
    // where there is no site.toml to read.
    let lang = cli
        .lang
        .or_else(|| Config::message_language(&root))
        .unwrap_or_default();
    match run(cli, root, lang) {
        Ok(code) => code,
        Err(diags) => {
            for d in &diags {
                eprint!("{}", d.render(lang));
            }
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{}", msg!("diag-errors-found", count = errors).text(lang));
            ExitCode::FAILURE
        }
    }
}

fn options(
    root: &Path,
    args: &BuildArgs,
    verbose: bool,
    write: bool,
    lang: Lang,
) -> Result<BuildOptions, Vec<Diagnostic>> {
    Ok(BuildOptions {
        root: root.to_path_buf(),
        output: args.output.clone().unwrap_or_else(|| root.join("public")),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        now: args.now.clone(),
        write,
        verbose,
        no_search: args.no_search,
        search_cache: None,
        lang,
        strict: false,
    })
}

fn run(cli: Cli, root: PathBuf, lang: Lang) -> Result<ExitCode, Vec<Diagnostic>> {
    match cli.command {
        Command::Build(args) => report(
            build_or_check(&root, &args, cli.verbose, true, lang)?,
            Verb::Built,
            cli.verbose,
            lang,
        ),
        Command::Check(args) => {
            if args.fix {
                fix_typography(&root, lang)?;
            }
            let mut opts = options(&root, &args.build, cli.verbose, false, lang)?;
            opts.strict = args.strict;
            let checked = build(&opts).map_err(|f| f.diagnostics)?;
            report(checked, Verb::Checked, cli.verbose, lang)
        }
        Command::Serve {
            build,
            port,
            interface,
            full_rebuilds,
        } => {
            // notify joins a relative watch path to the current folder, so its events name
            // absolute paths: against a relative root (`.`) none matched the sources, and
            // edits went unnoticed.
            let root = std::path::absolute(&root).unwrap_or(root);
            let opts = options(&root, &build, cli.verbose, true, lang)?;
            let addr = format!("{interface}:{port}");
            jiayuan::serve::serve(opts, &addr, full_rebuilds).map_err(|e| {
                vec![Diagnostic::error(
                    "serve",
                    msg!("serve-failed", reason = format!("{e:#}")),
                )]
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            limit,
            json,
            output,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let results = jiayuan::search::query(&output, &query, limit).map_err(|d| vec![d])?;
            let mut out = std::io::stdout().lock();
            for hit in &results.hits {
                let line = if json {
                    serde_json::to_string(hit).unwrap_or_default()
                } else {
                    format!("{:>7.3}  {}  {}", hit.score, hit.url, hit.title)
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            if !json {
                let shown = msg!(
                    "search-shown",
                    shown = results.hits.len(),
                    total = results.total
                );
                eprintln!("{}", shown.text(lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quiz(QuizCommand::Paper { contest, seed }) => {
            let mut diags = Vec::new();
            let loaded =
                jiayuan::quiz::load(&root, |p| p.to_string(), &mut diags).ok_or_else(|| {
                    if diags.is_empty() {
                        vec![Diagnostic::error("quiz", msg!("quiz-no-folder"))]
                    } else {
                        diags
                    }
                })?;
            let paper = loaded.set.paper(&contest, seed).ok_or_else(|| {
                let known: Vec<&str> = loaded.contests.iter().map(|c| c.id.as_str()).collect();
                vec![Diagnostic::error(
                    "quiz/contests",
                    msg!("quiz-no-contest", contest = &contest),
                )
                .help(msg!("quiz-known-contests", known = &known))]
            })?;
            let json = serde_json::to_string_pretty(&paper).map_err(|e| {
                vec![Diagnostic::error(
                    "quiz",
                    msg!("quiz-encode-failed", reason = e.to_string()),
                )]
            })?;
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{json}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Quiz(QuizCommand::Import(args)) => quiz_cli::import(&root, args, lang),
        Command::Quiz(QuizCommand::Export(args)) => quiz_cli::export(&root, args, lang),
        Command::Contest(command) => contest_cli::run(&root, command, lang),
        Command::Init => {
            let done = jiayuan::init::init(&root).map_err(|d| vec![d])?;
            let wrote = if done.foreign_files > 0 {
                msg!("init-wrote-compatible", sections = done.sections)
            } else {
                msg!("init-wrote-strict", sections = done.sections)
            };
            eprintln!("{}", wrote.text(lang));
            let command = if cli.root.is_some() {
                format!("jiayuan --root {} build", root.display())
            } else {
                "jiayuan build".to_string()
            };
            println!("{command}");
            Ok(ExitCode::SUCCESS)
        }
        Command::New { path, title } => {
            let created = jiayuan::scaffold::new_page(&root, &path, title.as_deref(), today(&root))
                .map_err(|d| vec![d])?;
            eprintln!("{}", msg!("new-created", file = &created).text(lang));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `check --fix`: rewrites the typography findings and prints each changed line.
fn fix_typography(root: &Path, lang: Lang) -> Result<(), Vec<Diagnostic>> {
    let config = Config::load(root).map_err(|d| vec![d])?;
    let changes = jiayuan::typography::fix(root, &config)?;
    for c in &changes {
        eprintln!("{}", jiayuan::typography::change_line(c).text(lang));
    }
    let files: std::collections::BTreeSet<_> = changes.iter().map(|c| &c.file).collect();
    let done = msg!(
        "typo-fixed-count",
        lines = changes.len(),
        files = files.len()
    );
    eprintln!("{}", done.text(lang));
    Ok(())
}

/// Today in the site's time zone (the default zone when site.toml cannot be read yet).
fn today(root: &Path) -> chrono::NaiveDate {
    let zone = jiayuan_core::config::Config::load(root)
        .map_or(jiayuan_core::time::DEFAULT_ZONE, |c| c.timezone);
    jiayuan_core::time::local_date(&jiayuan_core::time::now(), zone)
}

fn build_or_check(
    root: &Path,
    args: &BuildArgs,
    verbose: bool,
    write: bool,
    lang: Lang,
) -> Result<jiayuan::build::BuildReport, Vec<Diagnostic>> {
    let opts = options(root, args, verbose, write, lang)?;
    build(&opts).map_err(|f| f.diagnostics)
}

enum Verb {
    Built,
    Checked,
}

fn report(
    report: jiayuan::build::BuildReport,
    verb: Verb,
    verbose: bool,
    lang: Lang,
) -> Result<ExitCode, Vec<Diagnostic>> {
    for w in &report.warnings {
        eprint!("{}", w.render(lang));
    }
    if verbose {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
        let images = report.images;
        let counted = msg!(
            "images-counted",
            resized = images.resized,
            cached = images.cached
        );
        eprintln!("  {}", counted.text(lang));
        let cards = report.cards;
        let counted = msg!("cards-counted", drawn = cards.drawn, cached = cards.cached);
        eprintln!("  {}", counted.text(lang));
    }
    let (pages, sections) = (report.pages, report.sections);
    let done = match verb {
        Verb::Built => msg!("built-pages", pages = pages, sections = sections),
        Verb::Checked => msg!("checked-pages", pages = pages, sections = sections),
    };
    eprintln!("{}", done.text(lang));
    Ok(ExitCode::SUCCESS)
}
