//! Atomic output: everything is written into a staging folder beside the output, which
//! replaces the output only when the whole build succeeded.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use crate::msg;

pub struct Staging {
    pub dir: PathBuf,
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
        Ok(Staging { dir })
    }

    /// Writes an HTML page for a site path: `/a/` → `a/index.html`, `/x.html` → `x.html`.
    pub fn write_page(&self, site_path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let rel = if site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        };
        self.write_file(&rel, bytes)
    }

    /// Writes a file at a site path, refusing any path that would leave the output folder.
    pub fn write_file(&self, site_path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.resolve(site_path)?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, msg!("io-create-folder"), e))?;
        }
        fs::write(&target, bytes).map_err(|e| io_error(&target, msg!("io-write-file"), e))
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

    /// Copies a folder's files into the staging folder, keeping relative paths.
    pub fn copy_tree(&self, from: &Path, skip_markdown: bool) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        if !from.is_dir() {
            return diags;
        }
        for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
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
            let rel = crate::files::rel_path(from, entry.path());
            let target = self.dir.join(&rel);
            let result = target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::copy(entry.path(), &target).map(|_| ()));
            if let Err(e) = result {
                diags.push(io_error(entry.path(), msg!("io-copy-file"), e));
            }
        }
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

fn io_error(path: &Path, what: Msg, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, msg!("io-failed", what = what, reason = e.to_string()))
        .help(msg!("io-failed-help"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staging::create(&dir.path().join("public")).unwrap();
        assert!(s.write_file("/../escape.html", b"x").is_err());
        assert!(s.write_file("/a/../../b", b"x").is_err());
        assert!(s.write_page("/ok/", b"x").is_ok());
        assert!(s.dir.join("ok/index.html").is_file());
        s.discard();
    }

    #[test]
    fn commit_replaces_and_discard_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("old.txt"), "old").unwrap();
        let s = Staging::create(&out).unwrap();
        s.write_file("/new.txt", b"new").unwrap();
        s.discard();
        assert_eq!(fs::read_to_string(out.join("old.txt")).unwrap(), "old");
        let s = Staging::create(&out).unwrap();
        s.write_file("/new.txt", b"new").unwrap();
        s.commit(&out).unwrap();
        assert!(!out.join("old.txt").exists());
        assert_eq!(fs::read_to_string(out.join("new.txt")).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
