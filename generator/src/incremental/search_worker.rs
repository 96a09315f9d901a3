//! The search index of an incremental rebuild, built on its own thread once the pages
//! are live. A newer edit supersedes an index still waiting; a full build supersedes
//! every index asked for before it. The new index is built beside the output and
//! swapped into `search/index/` with two renames.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use jiayuan_core::i18n::Lang;
use jiayuan_core::msg;
use jiayuan_render::search_page::INDEX_PATH;
use wasm_search::ChunkCache;

struct Job {
    generation: u64,
    docs: Vec<wasm_search::SearchDoc>,
}

/// The generation last asked for, the one last finished, and the lock that keeps a
/// swap of the index apart from a full build's swap of the whole output.
#[derive(Default)]
struct Shared {
    wanted: AtomicU64,
    done: Mutex<u64>,
    finished: Condvar,
    swap: Mutex<()>,
}

pub struct SearchWorker {
    tx: mpsc::Sender<Job>,
    shared: Arc<Shared>,
}

impl SearchWorker {
    /// `cache` holds the index's runs from the last index built, by this worker or by a
    /// full build: an index then indexes only the runs whose pages changed.
    pub fn start(output: PathBuf, lang: Lang, cache: Option<Arc<ChunkCache>>) -> SearchWorker {
        let (tx, rx) = mpsc::channel::<Job>();
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        thread::spawn(move || {
            // Linux keeps a nice value per thread, and the index's own threads inherit
            // it: the index then takes the cores only when the next edit does not. The
            // runs are indexed on a pool started from here, so its threads inherit it too.
            #[cfg(unix)]
            let _ = rustix::process::setpriority_process(None, 10);
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("search-index-{i}"))
                .build()
                .ok();
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let generation = job.generation;
                if generation == state.wanted.load(Ordering::SeqCst) {
                    let build = || build_and_swap(&output, job, &state, cache.as_deref());
                    let built = match &pool {
                        Some(pool) => pool.install(build),
                        None => build(),
                    };
                    if let Err(e) = built {
                        let failed = msg!("serve-search-failed", reason = e);
                        eprintln!("{}", failed.text(lang));
                    }
                }
                let mut done = state.done.lock().unwrap_or_else(|p| p.into_inner());
                *done = (*done).max(generation);
                state.finished.notify_all();
            }
        });
        SearchWorker { tx, shared }
    }

    /// Asks for an index of `docs`; any index asked for before is no longer wanted.
    pub fn request(&self, docs: Vec<wasm_search::SearchDoc>) {
        let generation = self.shared.wanted.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send(Job { generation, docs });
    }

    /// Runs `full_build` (which writes its own index) with no index swapped meanwhile,
    /// and forgets the indexes asked for before it.
    pub fn around_full_build<T>(&self, full_build: impl FnOnce() -> T) -> T {
        let _swap = self.shared.swap.lock().unwrap_or_else(|p| p.into_inner());
        let generation = self.shared.wanted.fetch_add(1, Ordering::SeqCst) + 1;
        let out = full_build();
        let mut done = self.shared.done.lock().unwrap_or_else(|p| p.into_inner());
        *done = (*done).max(generation);
        out
    }

    /// Waits until the last index asked for is live (or was superseded by a full build).
    pub fn wait(&self) {
        let wanted = self.shared.wanted.load(Ordering::SeqCst);
        let mut done = self.shared.done.lock().unwrap_or_else(|p| p.into_inner());
        while *done < wanted {
            done = self
                .shared
                .finished
                .wait(done)
                .unwrap_or_else(|p| p.into_inner());
        }
    }
}

fn build_and_swap(
    output: &Path,
    job: Job,
    state: &Shared,
    cache: Option<&ChunkCache>,
) -> Result<(), String> {
    let parent = output.parent().unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let fresh = parent.join(format!(".{name}.search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    crate::search::build_into(&fresh, job.docs, cache).map_err(|e| e.to_string())?;
    let _swap = state.swap.lock().unwrap_or_else(|p| p.into_inner());
    if state.wanted.load(Ordering::SeqCst) != job.generation {
        let _ = std::fs::remove_dir_all(&fresh);
        return Ok(());
    }
    let live = output.join(INDEX_PATH.trim_matches('/'));
    let old = parent.join(format!(".{name}.search-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&old);
    if live.exists() {
        std::fs::rename(&live, &old).map_err(|e| e.to_string())?;
    }
    if let Some(dir) = live.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::rename(&fresh, &live).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
