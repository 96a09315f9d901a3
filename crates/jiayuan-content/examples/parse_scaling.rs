//! Times the Markdown renderer, pulldown-cmark alone and the front matter loader on one
//! pathological input shape at one size; `bench/parse_scaling.sh` runs it at n, 2n and 4n.
//!
//!   cargo run --release -p jiayuan-content --example parse_scaling -- SHAPE N [RUNS]
//!
//! Prints one line: `SHAPE N BYTES RENDER_MS PULLDOWN_MS`, medians of RUNS (default 5) of
//! the CPU time the call took (not wall time: the machine is shared).
//! For the YAML shapes the render column is the front matter loader and the pulldown
//! column is `-`.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use jiayuan_content::frontmatter::{self, PageMeta};
use jiayuan_content::markdown::{self, Input};

/// The Markdown shapes: each is one unit repeated `n` times (or nested `n` deep).
fn markdown_shape(shape: &str, n: usize) -> Option<String> {
    Some(match shape {
        "star" => "*a ".repeat(n),
        "underscore" => "_a ".repeat(n),
        // Emphasis-heavy Chinese: one long paragraph, a soft break every ten units.
        "cjk-emphasis" => (0..n)
            .map(|i| {
                let unit = if i % 2 == 0 {
                    "**重点**："
                } else {
                    "*强调*。"
                };
                if i % 10 == 9 {
                    format!("{unit}\n")
                } else {
                    unit.to_string()
                }
            })
            .collect(),
        "brackets" => "[".repeat(n) + "a",
        "brackets-closed" => "[a".repeat(n) + &"](b)".repeat(n),
        "quotes" => "> ".repeat(n) + "a\n",
        "lists" => "- ".repeat(n) + "a\n",
        "long-line" => "计划生育协会 family planning ".repeat(n),
        _ => return None,
    })
}

/// The front matter shapes: the YAML between the `---` lines.
fn yaml_shape(shape: &str, n: usize) -> Option<String> {
    Some(match shape {
        "yaml-flow" => format!(
            "title: t\nextra:\n  x: {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
        "yaml-block" => format!("title: t\nextra:\n  x:\n    {}a\n", "- ".repeat(n)),
        // Many values, each nested just under the loader's depth limit (32).
        "yaml-deep-many" => {
            let mut s = String::from("title: t\nextra:\n");
            for i in 0..n {
                s.push_str(&format!("  k{i}: {}a{}\n", "[".repeat(28), "]".repeat(28)));
            }
            s
        }
        "yaml-aliases" => {
            let mut s =
                String::from("title: t\nextra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..n {
                s.push_str(&format!("  a{i}: &a{i} [*a{p}, *a{p}]\n", p = i - 1));
            }
            s
        }
        _ => return None,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// This thread's CPU time in ms, from `/proc/thread-self/schedstat` (Linux): on a
/// shared machine it leaves out the time the thread waited for a core. Wall time where
/// the file is missing.
fn cpu_ms(start: Instant) -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok();
    match stat.and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok()) {
        Some(ns) => ns / 1e6,
        None => start.elapsed().as_secs_f64() * 1000.0,
    }
}

/// The median CPU time of one call over `runs` rounds, in ms. The kernel updates a
/// thread's CPU time at scheduler ticks (a few ms), so a round repeats the call until it
/// has taken 200 ms of wall time and divides.
fn time<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    let origin = Instant::now();
    let start = Instant::now();
    f();
    let once = start.elapsed().as_secs_f64() * 1000.0;
    let calls = (200.0 / once.max(0.001)).ceil().clamp(1.0, 10_000.0) as usize;
    let times = (0..runs)
        .map(|_| {
            let start = cpu_ms(origin);
            for _ in 0..calls {
                f();
            }
            (cpu_ms(origin) - start) / calls as f64
        })
        .collect();
    median(times)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(shape), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: parse_scaling SHAPE N [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let shown = Path::new("content/bench.md");
    if let Some(body) = markdown_shape(shape, n) {
        let header = "---\ntitle: t\n---\n";
        let file: Arc<str> = Arc::from(format!("{header}{body}"));
        let input = Input {
            shown,
            file_text: &file,
            body_offset: header.len(),
            dir: "",
            anchors: Default::default(),
            raw_html: Default::default(),
            end: None,
            shortcodes: None,
        };
        let render = time(runs, || {
            std::hint::black_box(markdown::render(&input, &|_| None));
        });
        let pulldown = time(runs, || {
            let parser = pulldown_cmark::Parser::new_ext(&body, markdown::options());
            let mut out = String::new();
            pulldown_cmark::html::push_html(&mut out, parser);
            std::hint::black_box(out);
        });
        println!("{shape} {n} {} {render:.2} {pulldown:.2}", body.len());
    } else if let Some(yaml) = yaml_shape(shape, n) {
        let text = format!("---\n{yaml}---\nbody\n");
        let load = time(runs, || {
            let split = frontmatter::split(shown, &text).expect("front matter");
            let _ = std::hint::black_box(frontmatter::parse::<PageMeta>(shown, &text, &split));
        });
        if std::env::var_os("SHOW").is_some() {
            let split = frontmatter::split(shown, &text).expect("front matter");
            if let Err(d) = frontmatter::parse::<PageMeta>(shown, &text, &split) {
                eprintln!("{}", d.render(jiayuan_core::i18n::Lang::En));
            }
        }
        println!("{shape} {n} {} {load:.2} -", yaml.len());
    } else {
        eprintln!("parse_scaling: unknown shape {shape}");
        std::process::exit(2);
    }
}
