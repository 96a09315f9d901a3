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

/// Where pages listen for finished builds.
pub const EVENTS: &str = "/__jiayuan/events";

/// The live-reload script and, after a failed build, the error shown over every page.
pub fn overlay(state: &BuildState) -> String {
    let mut out = String::new();
    if let Some(error) = &state.error {
        out.push_str("<div role=\"alert\" id=\"jiayuan-error\" style=\"position:fixed;inset:0 0 auto 0;z-index:99999;max-height:60vh;overflow:auto;background:#fff3f3;color:#5c0000;border-bottom:4px solid #a4161a;padding:1rem;font:16px/1.5 monospace\"><strong>构建失败，正在显示上一次成功的构建。修改后会自动刷新。</strong><pre style=\"white-space:pre-wrap\">");
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
