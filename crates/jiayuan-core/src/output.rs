//! Atomic output: everything is written into a staging folder beside the output, which
//! replaces the output only when the whole build succeeded.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

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
            .map_err(|e| io_error(parent, "cannot create the output's parent folder", e))?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .map_err(|e| io_error(&dir, "cannot clear an old staging folder", e))?;
        }
        fs::create_dir_all(&dir)
            .map_err(|e| io_error(&dir, "cannot create the staging folder", e))?;
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
            fs::create_dir_all(parent).map_err(|e| io_error(parent, "cannot create folder", e))?;
        }
        fs::write(&target, bytes).map_err(|e| io_error(&target, "cannot write file", e))
    }

    pub fn resolve(&self, site_path: &str) -> Result<PathBuf, Diagnostic> {
        let rel = Path::new(site_path.trim_start_matches('/'));
        if rel.as_os_str().is_empty()
            || rel.components().any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Diagnostic::error(
                site_path,
                "this output path would leave the output folder",
            )
            .help("slugs and aliases may not contain `..` or start with a drive or root"));
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
                    diags.push(Diagnostic::error(from, format!("cannot read: {e}")));
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
                diags.push(io_error(entry.path(), "cannot copy file", e));
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
                .map_err(|e| io_error(output, "cannot move the previous output aside", e))?;
        }
        if let Err(e) = fs::rename(&self.dir, output) {
            if had_output {
                let _ = fs::rename(&old, output);
            }
            return Err(io_error(output, "cannot move the new output into place", e));
        }
        if had_output {
            fs::remove_dir_all(&old)
                .map_err(|e| io_error(&old, "cannot remove the previous output", e))?;
        }
        Ok(())
    }

    /// Drops the staged files; the previous output stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what}: {e}"))
        .help("check the folder's permissions and free disk space")
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
