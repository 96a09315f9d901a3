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
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

#[derive(Default)]
pub struct State {
    /// Bumped after every build, good or bad; pages poll it to reload.
    pub version: u64,
    /// The rendered diagnostics of the last failed build.
    pub error: Option<String>,
    /// The language of the overlay (the build's message language).
    pub lang: Lang,
}

pub type Shared = Arc<Mutex<State>>;

pub fn serve(mut opts: BuildOptions, addr: &str) -> anyhow::Result<()> {
    opts.base_url = Some(format!("http://{addr}"));
    let state: Shared = Arc::new(Mutex::new(State {
        lang: opts.lang,
        ..State::default()
    }));
    rebuild(&opts, &state);
    let server = tiny_http::Server::http(addr)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| msg!("serve-cannot-listen", addr = addr).text(opts.lang))?;
    let serving = msg!("serve-serving", output = &opts.output, addr = addr);
    eprintln!("{}", serving.text(opts.lang));
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
                eprint!("{}", w.render(opts.lang));
            }
            let ms = started.elapsed().as_millis() as u64;
            let built = msg!("serve-built", pages = report.pages, ms = ms);
            eprintln!("{}", built.text(opts.lang));
            s.error = None;
        }
        Err(failure) => {
            let text: String = failure
                .diagnostics
                .iter()
                .map(|d| d.render(opts.lang))
                .collect();
            eprint!("{text}");
            eprintln!("{}", msg!("serve-build-failed").text(opts.lang));
            s.error = Some(text);
        }
    }
}

/// The live-reload script and, after a failed build, the error shown over every page.
pub fn overlay(state: &State) -> String {
    let mut out = String::new();
    if let Some(error) = &state.error {
        // rem units follow the theme's text-size switch, so 特大 makes the overlay larger too;
        // never below 18px (docs/decisions.md, "Accessibility"). It sits at the bottom, so
        // the header with that switch stays within reach.
        out.push_str("<div role=\"alert\" id=\"jiayuan-error\" lang=\"");
        out.push_str(state.lang.code());
        out.push_str("\" style=\"position:fixed;inset:auto 0 0 0;z-index:99999;max-height:60vh;overflow:auto;background:#fff3f3;color:#5c0000;border-top:4px solid #a4161a;padding:1rem 1.25rem;font:max(18px,1.125rem)/1.7 sans-serif\"><strong style=\"display:block;font-size:1.2em;margin-bottom:.5em\">");
        out.push_str(&escape::html(&msg!("serve-overlay-title").text(state.lang)));
        out.push_str("</strong><pre style=\"white-space:pre-wrap;margin:0;font:inherit;font-family:ui-monospace,Menlo,Consolas,monospace\">");
        out.push_str(&escape::html(error));
        out.push_str("</pre></div>");
    }
    out.push_str(&format!(
        "<script>(function(){{var v=\"{}\";function p(){{fetch('/__jiayuan/version',{{cache:'no-store'}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==v){{location.reload()}}}}).catch(function(){{}}).then(function(){{setTimeout(p,800)}})}}setTimeout(p,800)}})();</script>",
        state.version
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_shows_the_error_in_the_build_language_large_and_escaped() {
        let state = State {
            version: 3,
            error: Some("错误：<b>x</b>\n".into()),
            lang: Lang::ZhCn,
        };
        let html = overlay(&state);
        assert!(html.contains("lang=\"zh-CN\""), "{html}");
        assert!(html.contains("<strong style=\"display:block;font-size:1.2em;margin-bottom:.5em\">构建失败，正在显示上一次成功的构建。修改后会自动刷新。</strong>"), "{html}");
        assert!(
            html.contains("错误：&lt;b&gt;x&lt;/b&gt;\n</pre>"),
            "{html}"
        );
        assert!(html.contains("font:max(18px,1.125rem)/1.7"), "{html}");
        let en = overlay(&State {
            lang: Lang::En,
            ..state
        });
        assert!(
            en.contains("The build failed; this is the last good build."),
            "{en}"
        );
        assert!(!overlay(&State::default()).contains("jiayuan-error"));
    }
}
