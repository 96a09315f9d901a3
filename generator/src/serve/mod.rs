//! `jiayuan serve`: build, serve the output on localhost, rebuild on change.
//!
//! A broken edit never takes the preview down: the last good build keeps being served,
//! and every HTML page shows the error on top until it is fixed.

mod contest;
mod files;
mod ranges;
mod watch;

use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::Context as _;

use crate::build::{build, BuildOptions};
use jiayuan_core::escape;

#[derive(Default)]
pub struct State {
    /// Bumped after every build, good or bad; pages poll it to reload.
    pub version: u64,
    /// The rendered diagnostics of the last failed build.
    pub error: Option<String>,
}

pub type Shared = Arc<Mutex<State>>;

pub fn serve(mut opts: BuildOptions, addr: &str) -> anyhow::Result<()> {
    opts.base_url = Some(format!("http://{addr}"));
    let state: Shared = Arc::new(Mutex::new(State::default()));
    rebuild(&opts, &state);
    let server = tiny_http::Server::http(addr)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| {
            format!("cannot listen on {addr}; is another server using the port? try --port")
        })?;
    eprintln!(
        "serving {} at http://{addr}/ (Ctrl+C stops)",
        opts.output.display()
    );
    let server = Arc::new(server);
    let api = contest::start(&opts).map(Arc::new);
    let _watcher = watch::start(&opts, state.clone())?;
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = server.clone();
            let state = state.clone();
            let root = opts.output.clone();
            let api = api.clone();
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    files::respond(request, &root, &state, api.as_deref());
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// Runs a build and records its outcome for the browser.
pub fn rebuild(opts: &BuildOptions, state: &Shared) {
    let started = std::time::Instant::now();
    let outcome = build(opts);
    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
    s.version += 1;
    match outcome {
        Ok(report) => {
            for w in &report.warnings {
                eprint!("{}", w.render());
            }
            eprintln!(
                "built {} pages in {} ms",
                report.pages,
                started.elapsed().as_millis()
            );
            s.error = None;
        }
        Err(failure) => {
            let text: String = failure.diagnostics.iter().map(|d| d.render()).collect();
            eprint!("{text}");
            eprintln!("build failed; still serving the last good build");
            s.error = Some(text);
        }
    }
}

/// The live-reload script and, after a failed build, the error shown over every page.
pub fn overlay(state: &State) -> String {
    let mut out = String::new();
    if let Some(error) = &state.error {
        out.push_str("<div role=\"alert\" id=\"jiayuan-error\" style=\"position:fixed;inset:0 0 auto 0;z-index:99999;max-height:60vh;overflow:auto;background:#fff3f3;color:#5c0000;border-bottom:4px solid #a4161a;padding:1rem;font:16px/1.5 monospace\"><strong>构建失败，正在显示上一次成功的构建。修改后会自动刷新。</strong><pre style=\"white-space:pre-wrap\">");
        out.push_str(&escape::html(error));
        out.push_str("</pre></div>");
    }
    out.push_str(&format!(
        "<script>(function(){{var v=\"{}\";function p(){{fetch('/__jiayuan/version',{{cache:'no-store'}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==v){{location.reload()}}}}).catch(function(){{}}).then(function(){{setTimeout(p,800)}})}}setTimeout(p,800)}})();</script>",
        state.version
    ));
    out
}
