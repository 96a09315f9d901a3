//! `jiayuan contest …`: the knowledge-contest server and its export.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::{Lang, Msg};
use jiayuan_core::msg;

#[derive(Subcommand)]
pub enum ContestCommand {
    /// Run the contest server: papers drawn, answers saved and scored on the server,
    /// results per city (SQLite in data/contest.db unless --db says otherwise).
    Serve(ServeArgs),
    /// Write every attempt as CSV (UTF-8 with a byte-order mark, so Excel opens it).
    Export {
        /// The database: a PostgreSQL URL or a SQLite file [default: data/contest.db].
        #[arg(long, env = "DATABASE_URL", value_name = "URL|FILE")]
        db: Option<String>,
        /// Output format; CSV is the one there is.
        #[arg(long, default_value = "csv", value_parser = ["csv"])]
        format: String,
        /// Only this contest's attempts.
        #[arg(long)]
        contest: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
pub struct ServeArgs {
    /// The database: a PostgreSQL URL (postgres://…) shared by every server process,
    /// or a SQLite file [default: data/contest.db under the site folder].
    #[arg(long, env = "DATABASE_URL", value_name = "URL|FILE")]
    db: Option<String>,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Also serve this built portal (e.g. public/) beside /api/.
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// The one other origin allowed to call the API [default: the origin of base_url].
    #[arg(long, value_name = "ORIGIN")]
    allow_origin: Option<String>,
    /// Take client addresses from X-Real-IP (only behind a proxy that sets it).
    #[arg(long)]
    trust_proxy: bool,
    /// Requests per minute from one address (0: no limit).
    #[arg(long, default_value_t = 600)]
    ip_rate: u32,
    /// Requests per minute with one participant's token (0: no limit).
    #[arg(long, default_value_t = 120)]
    token_rate: u32,
    /// Database connections of this process.
    #[arg(long, default_value_t = 8)]
    pool: u32,
}

fn default_db(root: &Path) -> String {
    root.join("data/contest.db").to_string_lossy().into_owned()
}

fn fail(what: &str, message: Msg) -> Vec<Diagnostic> {
    vec![Diagnostic::error(what, message)]
}

pub fn run(root: &Path, command: ContestCommand, lang: Lang) -> Result<ExitCode, Vec<Diagnostic>> {
    match command {
        ContestCommand::Serve(args) => serve(root, args),
        ContestCommand::Export {
            db,
            format: _,
            contest,
            output,
        } => {
            let db = db.unwrap_or_else(|| default_db(root));
            let n = match &output {
                Some(path) => {
                    let file = std::fs::File::create(path).map_err(|e| {
                        fail(
                            &path.to_string_lossy(),
                            msg!("export-create-failed", reason = e.to_string()),
                        )
                    })?;
                    contest_server::export_blocking(&db, contest.as_deref(), file)
                }
                None => contest_server::export_blocking(&db, contest.as_deref(), std::io::stdout()),
            }
            .map_err(|e| fail("contest export", msg!("export-failed", reason = e)))?;
            eprintln!("{}", msg!("export-done", count = n).text(lang));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn serve(root: &Path, args: ServeArgs) -> Result<ExitCode, Vec<Diagnostic>> {
    let config = Config::load(root).map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    let loaded = jiayuan::quiz::load(root, |p| p.to_string(), &mut diags);
    let Some(loaded) = loaded.filter(|_| diags.is_empty()) else {
        if diags.is_empty() {
            diags.push(Diagnostic::error("quiz", msg!("contest-no-quiz")));
        }
        return Err(diags);
    };
    let db = args.db.unwrap_or_else(|| default_db(root));
    let mut opts = contest_server::ServeOptions::new(db, args.listen);
    opts.site = args.site;
    opts.pool_size = args.pool;
    opts.settings.allow_origin = Some(
        args.allow_origin
            .unwrap_or_else(|| config.origin().to_owned()),
    );
    opts.settings.trust_proxy = args.trust_proxy;
    opts.settings.ip_per_minute = args.ip_rate;
    opts.settings.token_per_minute = args.token_rate;
    opts.settings.retention_days = config.contest.retention_days;
    contest_server::run_blocking(&loaded.set, opts)
        .map_err(|e| fail("contest serve", msg!("contest-serve-failed", reason = e)))?;
    Ok(ExitCode::SUCCESS)
}
