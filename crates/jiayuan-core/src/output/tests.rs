use super::*;
use crate::claims::Kind;

fn o() -> Owner {
    Owner::new(Kind::Generated, msg!("owner-file", file = "test"), "test")
}

#[test]
fn refuses_paths_outside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let s = Staging::create(&dir.path().join("public")).unwrap();
    assert!(s.write_file("/../escape.html", b"x", o()).is_err());
    assert!(s.write_file("/a/../../b", b"x", o()).is_err());
    assert!(s.write_page("/ok/", b"x", o()).is_ok());
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
    s.write_file("/new.txt", b"new", o()).unwrap();
    s.discard();
    assert_eq!(fs::read_to_string(out.join("old.txt")).unwrap(), "old");
    let s = Staging::create(&out).unwrap();
    s.write_file("/new.txt", b"new", o()).unwrap();
    s.commit(&out).unwrap();
    assert!(!out.join("old.txt").exists());
    assert_eq!(fs::read_to_string(out.join("new.txt")).unwrap(), "new");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn leftover_names() {
    assert_eq!(leftover_pid(".public.staging-42", "public"), Some(42));
    assert_eq!(leftover_pid(".public.old-7", "public"), Some(7));
    assert_eq!(leftover_pid(".public.old-x", "public"), None);
    assert_eq!(leftover_pid(".site.staging-42", "public"), None);
    assert_eq!(leftover_pid("public", "public"), None);
}

#[cfg(target_os = "linux")]
#[test]
fn sweep_removes_dead_builds_and_keeps_live_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // PIDs above the kernel's pid_max (at most 2^22) never run.
    for name in [".public.staging-99999999", ".public.old-99999998"] {
        fs::create_dir_all(dir.path().join(name).join("news")).unwrap();
    }
    let live = format!(".public.staging-{}", std::process::id());
    fs::create_dir(dir.path().join(&live)).unwrap();
    fs::create_dir(dir.path().join(".other.staging-99999999")).unwrap();
    assert!(Staging::sweep_leftovers(&out).is_empty());
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".other.staging-99999999".to_string(), live]);
}
