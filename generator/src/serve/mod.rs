//! `jiayuan serve`: build, serve the output on localhost, rebuild on change.
//!
//! A broken edit never takes the preview down: the last good build keeps being served,
//! and every HTML page shows the error on top until it is fixed. Each connection is its
//! own task on a tokio runtime, so no client, however slow, holds up another
//! (`docs/decisions.md`, "serve").

mod app;
mod contest;
mod deadline;
mod files;
mod ranges;
mod reload;
mod watch;

use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use crate::build::{BuildFailure, BuildOptions};
use crate::incremental::{Engine, Rebuilt};
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

pub use reload::overlay;

#[derive(Default)]
pub struct State {
    /// Bumped after every build, good or bad; open pages reload when it changes.
    pub version: u64,
    /// The rendered diagnostics of the last failed build.
    pub error: Option<String>,
    /// The language of the overlay (the build's message language).
    pub lang: Lang,
}

/// The outcome of the last build, and a signal to the pages' live-reload streams.
pub struct Live {
    state: Mutex<State>,
    changed: tokio::sync::watch::Sender<u64>,
}

pub type Shared = Arc<Live>;

impl Live {
    fn new(lang: Lang) -> Shared {
        Arc::new(Live {
            state: Mutex::new(State {
                lang,
                ..State::default()
            }),
            changed: tokio::sync::watch::Sender::new(0),
        })
    }

    /// Runs `f` on the state; a panic elsewhere never locks the preview out.
    pub fn with<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.state.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// `full_rebuilds`: every change rebuilds the whole site, as `jiayuan build` does.
pub fn serve(mut opts: BuildOptions, addr: &str, full_rebuilds: bool) -> anyhow::Result<()> {
    opts.base_url = Some(format!("http://{addr}"));
    let live = Live::new(opts.lang);
    let mut engine = Engine::new(opts.clone()).with_full_rebuilds(full_rebuilds);
    let started = std::time::Instant::now();
    record(engine.build_all(), started, &opts, &live);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .with_context(|| msg!("serve-no-runtime").text(opts.lang))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| msg!("serve-cannot-listen", addr = addr).text(opts.lang))?;
        let serving = msg!("serve-serving", output = &opts.output, addr = addr);
        eprintln!("{}", serving.text(opts.lang));
        let api = contest::start(&opts).await;
        watch::start(&opts, live.clone(), engine)?;
        let router = app::router(opts.output.clone(), live, api);
        app::run(listener, router, opts.lang).await;
        Ok(())
    })
}

/// Records a build's outcome for the browser and tells the open pages to reload.
pub fn record(
    outcome: Result<Rebuilt, BuildFailure>,
    started: std::time::Instant,
    opts: &BuildOptions,
    live: &Live,
) {
    let lang = opts.lang;
    let version = {
        let mut s = live.state.lock().unwrap_or_else(|p| p.into_inner());
        s.version += 1;
        match outcome {
            Ok(rebuilt) => {
                for w in &rebuilt.warnings {
                    eprint!("{}", w.render(lang));
                }
                if opts.verbose {
                    for (stage, time) in &rebuilt.timings {
                        eprintln!("  {stage:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                    }
                }
                let ms = started.elapsed().as_millis() as u64;
                let done = if rebuilt.full {
                    msg!("serve-built", pages = rebuilt.pages, ms = ms)
                } else {
                    msg!("serve-updated", files = rebuilt.written.len(), ms = ms)
                };
                eprintln!("{}", done.text(lang));
                s.error = None;
            }
            Err(failure) => {
                let text: String = failure.diagnostics.iter().map(|d| d.render(lang)).collect();
                eprint!("{text}");
                eprintln!("{}", msg!("serve-build-failed").text(lang));
                s.error = Some(text);
            }
        }
        s.version
    };
    live.changed.send_replace(version);
}
