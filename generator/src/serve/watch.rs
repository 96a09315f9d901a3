//! File watching: sources change → rebuild, once the events of a save have stopped
//! coming for a moment, so a save that touches several files triggers one build. The site folder itself is watched
//! too (not recursively), so a `templates/`, `static/` or `quiz/` folder created
//! while serving is picked up and watched from then on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::{record, Shared};
use crate::build::BuildOptions;
use crate::incremental::Engine;
use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;

/// What a site's sources are made of, relative to its root.
const SOURCES: [&str; 6] = [
    "content",
    "themes",
    "templates",
    "static",
    "quiz",
    "site.toml",
];

/// A save is over when no event came for this long…
const QUIET: Duration = Duration::from_millis(15);
/// …or when this long has passed since its first event.
const LONGEST: Duration = Duration::from_millis(250);

/// Watches the sources of `opts.root` for as long as the process runs.
pub fn start(opts: &BuildOptions, live: Shared, mut engine: Engine) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(event.paths);
            }
        }
    })?;
    let root = opts.root.clone();
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = Vec::new();
    watch_new_sources(&mut watcher, &root, &mut watched, opts.lang);
    let opts = opts.clone();
    // The thread owns the watcher: it adds folders as they appear.
    thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let started = Instant::now();
            let mut paths = relevant(&root, first);
            while started.elapsed() < LONGEST {
                match rx.recv_timeout(QUIET) {
                    Ok(more) => paths.extend(relevant(&root, more)),
                    Err(_) => break,
                }
            }
            if !paths.is_empty() {
                paths.sort();
                paths.dedup();
                watch_new_sources(&mut watcher, &root, &mut watched, opts.lang);
                record(engine.apply(&paths), started, &opts, &live);
                engine.start_search();
            }
        }
    });
    Ok(())
}

/// Adds a recursive watch on each source folder or file that exists and is not yet watched.
fn watch_new_sources(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut Vec<PathBuf>,
    lang: Lang,
) {
    // A folder deleted since loses its watch; if it comes back it is watched again.
    watched.retain(|p| p.exists());
    for name in SOURCES {
        let path = root.join(name);
        if watched.contains(&path) || !path.exists() {
            continue;
        }
        match watcher.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => watched.push(path),
            Err(e) => {
                let failed = msg!("serve-cannot-watch", path = &path, reason = e.to_string());
                eprintln!("{}", failed.text(lang));
            }
        }
    }
}

/// Changes to the sources count; the output, editor swap and backup files do not.
fn relevant(root: &Path, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|p| {
            let in_sources = SOURCES.iter().any(|s| p.starts_with(root.join(s)));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            in_sources
                && !(name.starts_with('.')
                    || name.ends_with('~')
                    || name.ends_with(".swp")
                    || name.starts_with('#'))
        })
        .collect()
}
