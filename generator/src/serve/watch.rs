//! File watching: sources change → rebuild, with a short debounce so a save that
//! touches several files triggers one build. The site folder itself is watched
//! too (not recursively), so a `templates/`, `static/` or `quiz/` folder created
//! while serving is picked up and watched from then on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::{rebuild, Shared};
use crate::build::BuildOptions;
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

/// Watches the sources of `opts.root` for as long as the process runs.
pub fn start(opts: &BuildOptions, live: Shared) -> anyhow::Result<()> {
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
        while let Ok(paths) = rx.recv() {
            let mut relevant = is_relevant(&root, &paths);
            thread::sleep(Duration::from_millis(120));
            while let Ok(more) = rx.try_recv() {
                relevant |= is_relevant(&root, &more);
            }
            if relevant {
                watch_new_sources(&mut watcher, &root, &mut watched, opts.lang);
                rebuild(&opts, &live);
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
fn is_relevant(root: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| {
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
}
