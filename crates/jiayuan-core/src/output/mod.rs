//! Atomic output: everything is written into a staging folder beside the output, which
//! replaces the output only when the whole build succeeded.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::claims::{Claims, Owner};
use crate::diagnostic::Diagnostic;
use crate::files::rel_path;
use crate::i18n::Msg;
use crate::msg;

mod copy;
mod live;
mod memory;

pub use copy::Copied;
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
        copy::link_or_copy(Some(from), from, &target)
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
