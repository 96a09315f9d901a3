//! Build script: the git commit the binary is built from, for `jiayuan --version`.
//! Without git, or outside a checkout (a source tarball, a copy in a container), the
//! version says "unknown commit" instead of failing the build. `JIAYUAN_GIT_COMMIT` in
//! the environment (the Dockerfile's build argument) names the commit instead.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=JIAYUAN_GIT_COMMIT");
    let given = std::env::var("JIAYUAN_GIT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty());
    if let Some(commit) = given {
        println!("cargo:rustc-env=JIAYUAN_GIT_COMMIT={}", commit.trim());
        return;
    }
    let commit = git(&["rev-parse", "--short=12", "HEAD"]);
    println!(
        "cargo:rustc-env=JIAYUAN_GIT_COMMIT={}",
        commit.as_deref().unwrap_or("unknown commit")
    );
    if commit.is_none() {
        return;
    }
    // Rebuild when HEAD moves: HEAD itself, the branch it names, and packed refs.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--path-format=absolute", "--git-path", &name]) {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}
