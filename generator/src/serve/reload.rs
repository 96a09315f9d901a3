//! Live reload: every page gets a tiny inline script that listens on
//! `/__jiayuan/events` (Server-Sent Events) and reloads when a build has finished,
//! good or bad; after a failed build, the error is shown over the page.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};

use super::{Shared, State as BuildState};
use jiayuan_core::escape;
use jiayuan_core::msg;

/// Where pages listen for finished builds.
pub const EVENTS: &str = "/__jiayuan/events";

/// The live-reload script and, after a failed build, the error shown over every page.
pub fn overlay(state: &BuildState) -> String {
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
    // The stream first sends the current build; any other number means a newer one.
    out.push_str(&format!(
        "<script>new EventSource(\"{EVENTS}\").onmessage=function(e){{if(e.data!==\"{}\")location.reload()}};</script>",
        state.version
    ));
    out
}

/// The event stream: the current build's number at once, then each new one.
pub async fn events(
    State(live): State<Shared>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = live.changed.subscribe();
    rx.mark_changed();
    let stream = stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        let version = *rx.borrow_and_update();
        Some((Ok(Event::default().data(version.to_string())), rx))
    });
    Sse::new(stream.fuse()).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiayuan_core::i18n::Lang;

    #[test]
    fn overlay_shows_the_error_in_the_build_language_large_and_escaped() {
        let state = BuildState {
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
        let en = overlay(&BuildState {
            lang: Lang::En,
            ..state
        });
        assert!(
            en.contains("The build failed; this is the last good build."),
            "{en}"
        );
        assert!(!overlay(&BuildState::default()).contains("jiayuan-error"));
    }
}
