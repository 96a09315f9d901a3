//! Project tasks: `cargo xtask wasm [--check]` and `cargo xtask test`.
//!
//! `wasm` builds the browser crates for wasm32 and runs wasm-bindgen in-process, writing
//! the committed artifacts under generator/assets/wasm/ (docs/decisions.md, "wasm artifacts are committed"). `--check` rebuilds
//! into a scratch folder and fails if the committed bytes are stale.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The crates shipped to the browser, by package name and artifact stem.
const WASM_CRATES: &[(&str, &str)] = &[("wasm-quiz", "wasm_quiz"), ("wasm-search", "wasm_search")];

/// Most bytes a reader may download per crate, wasm plus glue, gzipped at
/// level 9 (issue 4: the quiz 60 KB; issue 12: search 200 KB).
const GZIP_BUDGETS: &[(&str, usize)] = &[("wasm_quiz", 60_000), ("wasm_search", 200_000)];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    match args.first().map(String::as_str) {
        Some("wasm") => {
            let check = args.iter().any(|a| a == "--check");
            wasm(&root, check)
        }
        Some("test") => test(&root),
        _ => {
            eprintln!("usage: cargo xtask wasm [--check] | cargo xtask test");
            std::process::exit(2);
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

fn wasm(root: &Path, check: bool) -> Result<()> {
    let committed = root.join("generator/assets/wasm");
    let out = if check {
        root.join("target/wasm-check")
    } else {
        committed.clone()
    };
    if check && out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    // Paths differ between machines; remapping them keeps the bytes identical everywhere.
    let rustflags = format!(
        "--remap-path-prefix={}=/cargo --remap-path-prefix={}=/jiayuan",
        cargo_home.display(),
        root.display()
    );
    for (package, stem) in WASM_CRATES {
        run(Command::new(env!("CARGO"))
            .current_dir(root)
            .env("CARGO_ENCODED_RUSTFLAGS", rustflags.replace(' ', "\u{1f}"))
            .args([
                "build",
                "--package",
                package,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm",
                "--no-default-features",
                "--lib",
            ]))?;
        let input = root.join(format!("target/wasm32-unknown-unknown/wasm/{stem}.wasm"));
        let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
        bindgen
            .input_path(&input)
            .web(true)?
            .typescript(false)
            .debug(false)
            .keep_debug(false)
            .remove_name_section(true)
            .remove_producers_section(true)
            .generate(&out)
            .with_context(|| format!("wasm-bindgen on {}", input.display()))?;
    }
    check_budgets(&out)?;
    if check {
        let mut stale = Vec::new();
        for (_, stem) in WASM_CRATES {
            for name in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
                let fresh = std::fs::read(out.join(&name))?;
                let old = std::fs::read(committed.join(&name)).unwrap_or_default();
                if fresh != old {
                    stale.push(name);
                }
            }
        }
        if !stale.is_empty() {
            bail!("committed wasm artifacts are stale: {stale:?}; run `cargo xtask wasm` and commit generator/assets/wasm/");
        }
        eprintln!("wasm artifacts are fresh");
    }
    Ok(())
}

/// Prints each crate's gzipped size and fails if one is over its budget.
fn check_budgets(out: &Path) -> Result<()> {
    use std::io::Write;
    for &(stem, budget) in GZIP_BUDGETS {
        let mut gzipped = 0;
        for name in [format!("{stem}_bg.wasm"), format!("{stem}.js")] {
            let bytes = std::fs::read(out.join(&name))?;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(&bytes)?;
            gzipped += encoder.finish()?.len();
        }
        eprintln!("{stem}: {gzipped} B gzipped (budget {budget} B)");
        if gzipped > budget {
            bail!("{stem} is {gzipped} B gzipped, over its budget of {budget} B");
        }
    }
    Ok(())
}

/// Installs what the tests need where it is missing, then runs every test.
fn test(root: &Path) -> Result<()> {
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    let browser = root.join("tests/browser");
    let has_browser_tests = browser.join("package.json").exists();
    // Debian's Chromium for the browser tests, rsync for the publishing examples' steps.
    let mut missing: Vec<&str> = Vec::new();
    if has_browser_tests && !Path::new("/usr/bin/chromium").exists() {
        missing.extend(["chromium", "chromium-driver"]);
    }
    if !Path::new("/usr/bin/rsync").exists() {
        missing.push("rsync");
    }
    if !missing.is_empty() {
        install_debian(&missing)?;
    }
    if has_browser_tests && !browser.join("node_modules").exists() {
        run(Command::new("npm")
            .current_dir(&browser)
            .args(["ci", "--no-audit", "--no-fund"]))?;
    }

    let postgres = postgres(root)?;
    run(Command::new(env!("CARGO"))
        .current_dir(root)
        .env("JIAYUAN_TEST_POSTGRES", &postgres)
        .args(["test", "--workspace"]))?;
    wasm(root, true)?;
    if has_browser_tests {
        run(Command::new(env!("CARGO"))
            .current_dir(root)
            .args(["build", "--package", "jiayuan"]))?;
        let bin = root.join("target/debug/jiayuan");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&browser)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
            .collect();
        files.sort();
        run(Command::new("node")
            .current_dir(root)
            .env("JIAYUAN_BIN", bin)
            .arg("--test")
            .args(&files))?;
    }
    Ok(())
}

/// The PostgreSQL server the contest-server tests use: `JIAYUAN_TEST_POSTGRES` if set,
/// else the one `.ci/postgres.sh` installs (as root), starts and prints.
fn postgres(root: &Path) -> Result<String> {
    if let Ok(url) = std::env::var("JIAYUAN_TEST_POSTGRES") {
        return Ok(url);
    }
    eprintln!("$ bash .ci/postgres.sh");
    let out = Command::new("bash")
        .current_dir(root)
        .arg(".ci/postgres.sh")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run .ci/postgres.sh")?;
    if !out.status.success() {
        bail!(
            "PostgreSQL for the contest-server tests could not be started (.ci/postgres.sh failed)"
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn install_debian(packages: &[&str]) -> Result<()> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    if !is_root {
        bail!(
            "the tests need Debian's {}: run `sudo apt-get install -y {}`",
            packages.join(", "),
            packages.join(" ")
        );
    }
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q"])
        .args(packages))
}
