//! File watching: sources change → rebuild, with a short debounce so a save that
//! touches several files triggers one build.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::{rebuild, Shared};
use crate::build::BuildOptions;

pub fn start(opts: &BuildOptions, state: Shared) -> anyhow::Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(event.paths);
            }
        }
    })?;
    let root = &opts.root;
    let watched: Vec<PathBuf> = [
        "content",
        "themes",
        "templates",
        "static",
        "quiz",
        "site.toml",
    ]
    .iter()
    .map(|p| root.join(p))
    .filter(|p| p.exists())
    .collect();
    for path in &watched {
        watcher.watch(path, RecursiveMode::Recursive)?;
    }
    let opts = opts.clone();
    thread::spawn(move || {
        while let Ok(paths) = rx.recv() {
            let mut relevant = is_relevant(&paths);
            thread::sleep(Duration::from_millis(120));
            while let Ok(more) = rx.try_recv() {
                relevant |= is_relevant(&more);
            }
            if relevant {
                rebuild(&opts, &state);
            }
        }
    });
    Ok(watcher)
}

/// Editor swap and backup files do not trigger builds.
fn is_relevant(paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        !(name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.starts_with('#'))
    })
}
