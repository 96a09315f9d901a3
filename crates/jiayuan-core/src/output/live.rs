//! Writing into the served output folder itself: only files whose bytes changed, each
//! through a temporary file renamed over it.

use std::fs;
use std::io;
use std::path::Path;

/// Writes `bytes` to `target` unless it already holds them; `true` when it wrote.
pub(super) fn write_if_changed(target: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::read(target).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = parent.join(format!(".{name}.jiayuan-{}", std::process::id()));
    fs::write(&temp, bytes)?;
    fs::rename(&temp, target).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })?;
    Ok(true)
}

/// Removes `target` (if it is there) and then each parent folder left empty, up to `root`.
pub(super) fn remove_and_prune(root: &Path, target: &Path) -> io::Result<()> {
    match fs::remove_file(target) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let mut dir = target.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_prunes_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tags/a/page/2/index.html");
        assert!(write_if_changed(&target, b"one").unwrap());
        assert!(!write_if_changed(&target, b"one").unwrap());
        assert!(write_if_changed(&target, b"two").unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"two");
        fs::write(dir.path().join("tags/keep.txt"), "k").unwrap();
        remove_and_prune(dir.path(), &target).unwrap();
        assert!(!dir.path().join("tags/a").exists());
        assert!(dir.path().join("tags/keep.txt").exists());
        // Nothing left behind by the temporary files, and removing twice is fine.
        remove_and_prune(dir.path(), &target).unwrap();
        let names: Vec<_> = fs::read_dir(dir.path().join("tags")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
