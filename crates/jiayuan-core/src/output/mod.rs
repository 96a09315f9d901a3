//! Atomic output: everything is written into a staging folder beside the output, which
//! replaces the output only when the whole build succeeded.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::claims::{Claims, Kind, Owner};
use crate::diagnostic::Diagnostic;
use crate::files::{leaves_root, link_outside_root, rel_path};
use crate::i18n::Msg;
use crate::msg;

mod live;
mod memory;

pub use memory::Outputs;

pub struct Staging {
    pub dir: PathBuf,
    /// Who wrote each file: a path written twice is an error (`claims`).
    pub claims: Claims,
    mode: Mode,
}

/// Where the written files go.
enum Mode {
    /// Into the staging folder on disk.
    Disk,
    /// For `in_place`: held until `write_changed`.
    Held(Mutex<Vec<Held>>),
    /// For `in_memory`: kept, never written.
    Memory(Mutex<Outputs>),
}

/// A file written in place, waiting for `write_changed`: where, and its bytes.
type Held = (PathBuf, Vec<u8>);

/// Where `copy_tree` copies from, which decides who owns the copied files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The theme's `static/`: the site's `static/` may replace its files.
    Theme,
    /// The site's `static/`.
    Static,
    /// Files beside the content (Markdown is skipped: it became pages).
    Content,
}

impl Staging {
    /// Creates an empty staging folder next to `output` (same file system, so the final
    /// swap is a rename).
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, msg!("io-create-output-parent"), e))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, msg!("io-clear-staging"), e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, msg!("io-create-staging"), e))?;
        Ok(Staging {
            dir,
            claims: Claims::default(),
            mode: Mode::Disk,
        })
    }

    /// Keeps the written files in memory (`into_outputs`), for `jiayuan check`. Only a
    /// tool that needs a real folder (the search index) writes below `scratch`.
    pub fn in_memory(scratch: &Path) -> Staging {
        Staging {
            dir: scratch.to_path_buf(),
            claims: Claims::default(),
            mode: Mode::Memory(Mutex::new(Outputs::default())),
        }
    }

    /// The files of an `in_memory` staging, with those written below its folder; the
    /// folder is removed. Empty for the other kinds.
    pub fn into_outputs(self) -> Outputs {
        let mut outputs = match self.mode {
            Mode::Memory(m) => m.into_inner().unwrap_or_else(|e| e.into_inner()),
            Mode::Disk | Mode::Held(_) => return Outputs::default(),
        };
        outputs.add_disk_files(&self.dir);
        let _ = fs::remove_dir_all(&self.dir);
        outputs
    }

    /// Writes into `output` itself, for the incremental rebuilds of `serve`: files are
    /// held in memory until `write_changed`, so a failed render writes nothing.
    pub fn in_place(output: &Path) -> Staging {
        Staging {
            dir: output.to_path_buf(),
            claims: Claims::default(),
            mode: Mode::Held(Mutex::new(Vec::new())),
        }
    }

    /// Writes the held files whose bytes differ from what is on disk, each through a
    /// temporary file and a rename, so a reader sees the old file or the new one, never
    /// half of one. Returns the site-relative paths written.
    pub fn write_changed(self) -> Result<Vec<String>, Diagnostic> {
        let held = match self.mode {
            Mode::Held(h) => h.into_inner().unwrap_or_else(|e| e.into_inner()),
            Mode::Disk | Mode::Memory(_) => Vec::new(),
        };
        let mut written = Vec::new();
        for (target, bytes) in held {
            if live::write_if_changed(&target, &bytes)
                .map_err(|e| io_error(&target, msg!("io-write-file"), e))?
            {
                written.push(rel_path(&self.dir, &target));
            }
        }
        Ok(written)
    }

    /// Removes the file at a site path (as `write_page` names it) and the folders it
    /// leaves empty, up to the output folder.
    pub fn remove_page(&self, site_path: &str) -> Result<(), Diagnostic> {
        let rel = if site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        };
        let target = self.resolve(&rel)?;
        live::remove_and_prune(&self.dir, &target)
            .map_err(|e| io_error(&target, msg!("io-write-file"), e))
    }

    /// Removes the `.NAME.staging-PID` and `.NAME.old-PID` folders beside `output` that a
    /// killed build left behind: those whose process no longer runs. A live build's
    /// folders stay. Only Linux tells whether a process runs (`/proc/PID`); elsewhere
    /// nothing is removed.
    pub fn sweep_leftovers(output: &Path) -> Vec<Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let Ok(entries) = fs::read_dir(parent) else {
            return Vec::new();
        };
        let mut diags = Vec::new();
        let mut stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                let file = e.file_name().to_string_lossy().into_owned();
                leftover_pid(&file, &name).is_some_and(|pid| !process_runs(pid))
            })
            .map(|e| e.path())
            .collect();
        stale.sort();
        for dir in stale {
            if let Err(e) = fs::remove_dir_all(&dir) {
                diags.push(
                    Diagnostic::warning(
                        &dir,
                        msg!("io-leftover-unremovable", reason = e.to_string()),
                    )
                    .help(msg!("io-leftover-unremovable-help")),
                );
            }
        }
        diags
    }

    /// Writes an HTML page for a site path: `/a/` → `a/index.html`, `/x.html` → `x.html`.
    pub fn write_page(
        &self,
        site_path: &str,
        bytes: &[u8],
        owner: Owner,
    ) -> Result<(), Diagnostic> {
        let rel = if site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        };
        self.write_file(&rel, bytes, owner)
    }

    /// Writes a file at a site path for `owner`, refusing any path that would leave the
    /// output folder.
    pub fn write_file(
        &self,
        site_path: &str,
        bytes: &[u8],
        owner: Owner,
    ) -> Result<(), Diagnostic> {
        let target = self.resolve(site_path)?;
        self.claims.file(site_path, owner);
        match &self.mode {
            Mode::Disk => {}
            Mode::Held(held) => {
                let mut held = held.lock().unwrap_or_else(|e| e.into_inner());
                held.push((target, bytes.to_vec()));
                return Ok(());
            }
            Mode::Memory(m) => {
                let rel = rel_path(&self.dir, &target);
                m.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(rel, bytes);
                return Ok(());
            }
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, msg!("io-create-folder"), e))?;
        }
        fs::write(&target, bytes).map_err(|e| io_error(&target, msg!("io-write-file"), e))
    }

    /// Puts the file `from` at a site path for `owner`: a hard link where the file system
    /// allows one (a cache and the output on one disk), else a copy.
    pub fn link_file(&self, site_path: &str, from: &Path, owner: Owner) -> Result<(), Diagnostic> {
        let target = self.resolve(site_path)?;
        self.claims.file(site_path, owner);
        match &self.mode {
            Mode::Disk => {}
            Mode::Held(held) => {
                // In place, the copy waits with the other files and is written only if
                // it changed, through a rename like them.
                let bytes = fs::read(from).map_err(|e| io_error(from, msg!("io-read"), e))?;
                held.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((target, bytes));
                return Ok(());
            }
            Mode::Memory(m) => {
                let rel = rel_path(&self.dir, &target);
                m.lock().unwrap_or_else(|e| e.into_inner()).insert_path(rel);
                return Ok(());
            }
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, msg!("io-create-folder"), e))?;
        }
        let _ = fs::remove_file(&target);
        if fs::hard_link(from, &target).is_ok() {
            return Ok(());
        }
        fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| io_error(&target, msg!("io-write-file"), e))
    }

    pub fn resolve(&self, site_path: &str) -> Result<PathBuf, Diagnostic> {
        let rel = Path::new(site_path.trim_start_matches('/'));
        if rel.as_os_str().is_empty()
            || rel.components().any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Diagnostic::error(site_path, msg!("output-path-escapes"))
                .help(msg!("output-path-escapes-help")));
        }
        Ok(self.dir.join(rel))
    }

    /// Copies a folder's files into the staging folder, keeping relative paths. Symbolic
    /// links are followed while they stay inside `root` (the site folder); one that leads
    /// outside is an error naming it, and nothing behind it is copied. A file that `linked`
    /// maps to a copy of its bytes (an image cache's) gets a hard link to that copy.
    pub fn copy_tree(
        &self,
        root: &Path,
        from: &Path,
        copied: Copied,
        linked: &HashMap<PathBuf, PathBuf>,
    ) -> Vec<Diagnostic> {
        let skip_markdown = copied == Copied::Content;
        let kind = if copied == Copied::Theme {
            Kind::ThemeStatic
        } else {
            Kind::Static
        };
        let mut diags = Vec::new();
        if !from.is_dir() {
            return diags;
        }
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut outside = Vec::new();
        let walker = walkdir::WalkDir::new(from)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep = !(e.path_is_symlink() && leaves_root(&canonical_root, e.path()));
                if !keep {
                    outside.push(link_outside_root(rel_path(root, e.path())));
                }
                keep
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        from,
                        msg!("io-failed", what = msg!("io-read"), reason = e.to_string()),
                    ));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file()
                || name.starts_with('.')
                || (skip_markdown && name.ends_with(".md"))
            {
                continue;
            }
            let rel = rel_path(from, entry.path());
            let shown = rel_path(root, entry.path());
            self.claims.file(
                &rel,
                Owner::new(kind, msg!("owner-file", file = &shown), shown),
            );
            if let Mode::Memory(m) = &self.mode {
                m.lock().unwrap_or_else(|e| e.into_inner()).insert_path(rel);
                continue;
            }
            let target = self.dir.join(&rel);
            let result = target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| {
                    // A file of an earlier tree (the theme's) may be there, perhaps a
                    // link into the cache, which writing through would change: it goes.
                    let _ = fs::remove_file(&target);
                    match linked.get(entry.path()) {
                        Some(copy) if fs::hard_link(copy, &target).is_ok() => Ok(()),
                        _ => fs::copy(entry.path(), &target).map(|_| ()),
                    }
                });
            if let Err(e) = result {
                diags.push(io_error(entry.path(), msg!("io-copy-file"), e));
            }
        }
        diags.extend(outside);
        diags
    }

    /// Replaces `output` with the staged build. The old output is moved aside first and
    /// removed only after the new one is in place.
    pub fn commit(self, output: &Path) -> Result<(), Diagnostic> {
        let old = self
            .dir
            .with_file_name(self.dir.file_name().map_or_else(String::new, |n| {
                n.to_string_lossy().replace(".staging-", ".old-")
            }));
        let had_output = output.exists();
        if had_output {
            fs::rename(output, &old)
                .map_err(|e| io_error(output, msg!("io-move-old-output"), e))?;
        }
        if let Err(e) = fs::rename(&self.dir, output) {
            if had_output {
                let _ = fs::rename(&old, output);
            }
            return Err(io_error(output, msg!("io-move-new-output"), e));
        }
        if had_output {
            fs::remove_dir_all(&old)
                .map_err(|e| io_error(&old, msg!("io-remove-old-output"), e))?;
        }
        Ok(())
    }

    /// Drops the staged files; the previous output stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The PID in `.NAME.staging-PID` or `.NAME.old-PID`, for the output folder `NAME`.
fn leftover_pid(file: &str, name: &str) -> Option<u32> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".staging-")
        .or_else(|| rest.strip_prefix(".old-"))?;
    pid.parse().ok()
}

#[cfg(target_os = "linux")]
fn process_runs(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_runs(_pid: u32) -> bool {
    true
}

fn io_error(path: &Path, what: Msg, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, msg!("io-failed", what = what, reason = e.to_string()))
        .help(msg!("io-failed-help"))
}

#[cfg(test)]
mod tests;
