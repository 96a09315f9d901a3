//! Time: dates keep their offsets, scheduling compares instants, and the machine's own
//! time zone changes nothing. Each case runs the binary under TZ=UTC (as CI runs) and
//! TZ=Asia/Shanghai (as editors' machines run).

mod common;

use std::path::Path;
use std::process::Output;

use common::{fixtures, jiayuan, tree};

const ZONES: [&str; 2] = ["UTC", "Asia/Shanghai"];

fn build_in(zone: &str, site: &Path, out: &Path, extra: &[&str]) -> Output {
    jiayuan()
        .env("TZ", zone)
        .arg("--root")
        .arg(site)
        .arg("build")
        .arg("--output")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn write(site: &Path, rel: &str, text: &str) {
    std::fs::write(site.join("content").join(rel), text).unwrap();
}

#[test]
fn offsets_are_kept_and_scheduling_compares_instants_in_any_machine_zone() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    // 00:20 and 00:40 on 1 June in Beijing, written in UTC; now is 00:30 in Beijing.
    write(
        site.path(),
        "news/utc-before.md",
        "---\ntitle: 之前\ndate: 2023-05-31T16:20:00Z\n---\n正文",
    );
    write(
        site.path(),
        "news/utc-after.md",
        "---\ntitle: 之后\ndate: 2023-05-31T16:40:00Z\n---\n正文",
    );
    let mut outputs = Vec::new();
    for zone in ZONES {
        let out = tempfile::tempdir().unwrap();
        let public = out.path().join("public");
        let result = build_in(
            zone,
            site.path(),
            &public,
            &["--now", "2023-06-01T00:30:00+08:00"],
        );
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(
            public.join("news/utc-before/index.html").is_file(),
            "TZ={zone}"
        );
        assert!(
            !public.join("news/utc-after").exists(),
            "TZ={zone}: scheduled"
        );
        assert!(
            public.join("news/scheduled/index.html").is_file(),
            "2023-06-01 00:00 Beijing has passed"
        );
        let atom = std::fs::read_to_string(public.join("atom.xml")).unwrap();
        assert!(
            atom.contains("<published>2023-05-31T16:20:00+00:00</published>"),
            "{atom}"
        );
        assert!(
            atom.contains("<published>2023-06-01T00:00:00+08:00</published>"),
            "{atom}"
        );
        let page = std::fs::read_to_string(public.join("news/utc-before/index.html")).unwrap();
        assert!(
            page.contains("2023年6月1日"),
            "shown as the date in Beijing"
        );
        let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
        assert!(
            sitemap.contains("news/utc-before/</loc><lastmod>2023-06-01</lastmod>"),
            "{sitemap}"
        );
        outputs.push(tree(&public));
    }
    assert!(
        outputs[0] == outputs[1],
        "the machine's time zone changed the output"
    );
}

#[test]
fn the_site_time_zone_reads_dates_without_an_offset() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    let toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        format!("timezone = \"UTC\"\n{toml}"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    // 2023-06-01 00:00 UTC is 08:00 in Beijing: not yet at 07:59 Beijing time.
    let result = build_in(
        "Asia/Shanghai",
        site.path(),
        &public,
        &["--now", "2023-06-01T07:59:00+08:00"],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(!public.join("news/scheduled").exists());
    let atom = std::fs::read_to_string(public.join("atom.xml")).unwrap();
    assert!(!atom.contains("+08:00"), "{atom}");
}

#[test]
fn the_system_clock_schedules_by_instant() {
    let site = common::copy_to_temp(&fixtures().join("sites/basic"));
    let now = chrono::Utc::now();
    // Three hours either side: wider than any build, narrower than the 8 hours a
    // naive local clock would be off by on a UTC machine.
    for (rel, shift) in [("news/soon.md", 3), ("news/recent.md", -3)] {
        let date = (now + chrono::Duration::hours(shift)).format("%Y-%m-%dT%H:%M:%SZ");
        write(
            site.path(),
            rel,
            &format!("---\ntitle: 时\ndate: {date}\n---\n正文"),
        );
    }
    for zone in ZONES {
        let out = tempfile::tempdir().unwrap();
        let public = out.path().join("public");
        let result = build_in(zone, site.path(), &public, &[]);
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(public.join("news/recent/index.html").is_file(), "TZ={zone}");
        assert!(!public.join("news/soon").exists(), "TZ={zone}");
    }
}
