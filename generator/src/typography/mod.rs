//! The typography check of `jiayuan check`: the prose of `content/` and `quiz/` against
//! the portal's house style (content/README.md, "排版约定") and the autocorrect crate's
//! rules, switched by name in site.toml's `[typography]`. Findings are warnings (errors
//! with `--strict`); `--fix` rewrites the prose in place and nothing else.

mod rules;
mod segments;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiayuan_core::config::Config;
use jiayuan_core::diagnostic::{Diagnostic, Severity};
use jiayuan_core::files::{read_text, rel_path};
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use rayon::prelude::*;

use rules::Edit;

/// One finding: a rule's edit in a file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub file: PathBuf,
    pub rule: &'static str,
    pub edit: Edit,
}

/// The prose files of a site, read: `(shown path, absolute path, text)`.
struct Source {
    shown: PathBuf,
    abs: PathBuf,
    text: Arc<str>,
    prose: Vec<Range<usize>>,
}

/// An unknown rule's name, placed at its line of site.toml when it can be found there.
fn unknown_rule(root: &Path, name: &str, help: Msg) -> Diagnostic {
    let d = Diagnostic::error("site.toml", msg!("typo-unknown-rule", rule = name)).help(help);
    let Ok(text) = std::fs::read_to_string(root.join("site.toml")) else {
        return d;
    };
    let at = text.lines().position(|l| {
        l.split_once('=')
            .is_some_and(|(k, _)| k.trim().trim_matches('"') == name)
    });
    match at {
        Some(n) => d.at(n + 1, 1).with_source(Arc::from(text.as_str())),
        None => d,
    }
}

/// The rules switched on, in the order they run: house rules, then autocorrect's.
pub fn enabled(root: &Path, config: &Config) -> Result<Vec<&'static str>, Diagnostic> {
    let known: Vec<&str> = rules::HOUSE
        .iter()
        .copied()
        .chain(rules::AUTOCORRECT.iter().map(|(n, _)| *n))
        .collect();
    if let Some(name) = config
        .typography
        .keys()
        .find(|k| !known.contains(&k.as_str()))
    {
        let help = match jiayuan_core::diagnostic::did_you_mean(name, &known) {
            Some(s) => msg!("did-you-mean", suggestion = s),
            None => msg!("typo-rules", rules = &known),
        };
        return Err(unknown_rule(root, name, help));
    }
    let on = |name: &str, default: bool| config.typography.get(name).copied().unwrap_or(default);
    Ok(rules::HOUSE
        .iter()
        .filter(|n| on(n, true))
        .copied()
        .chain(
            rules::AUTOCORRECT
                .iter()
                .filter(|(n, d)| on(n, *d))
                .map(|(n, _)| *n),
        )
        .collect())
}

/// Every finding of the enabled rules, by file and position.
pub fn check(root: &Path, config: &Config) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    let rules = enabled(root, config).map_err(|d| vec![d])?;
    let sources = read_sources(root)?;
    Ok(find(&sources, &rules))
}

fn find(sources: &[Source], rules: &[&'static str]) -> Vec<Finding> {
    let nodes: BTreeSet<String> = sources
        .iter()
        .flat_map(|s| rules::date_nodes(&s.text))
        .collect();
    let mut out = Vec::new();
    for &rule in rules {
        let house = rules::HOUSE.contains(&rule);
        if !house {
            rules::use_only(rule);
        }
        // Files in parallel; autocorrect's configuration only changes between rules.
        let nodes = &nodes;
        let found: Vec<Finding> = sources
            .par_iter()
            .flat_map_iter(|s| {
                s.prose.iter().flat_map(move |seg| {
                    let edits: Vec<Edit> = if house {
                        rules::house(rule, &s.text, seg.clone(), nodes)
                    } else {
                        rules::autocorrect(&s.text, seg.clone())
                            .into_iter()
                            .collect()
                    };
                    edits.into_iter().map(move |edit| Finding {
                        file: s.shown.clone(),
                        rule,
                        edit,
                    })
                })
            })
            .collect();
        out.extend(found);
    }
    out.sort_by(|a, b| (&a.file, a.edit.key()).cmp(&(&b.file, b.edit.key())));
    out
}

fn read_sources(root: &Path) -> Result<Vec<Source>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (dir, ext) in [("content", "md"), ("quiz", "yaml")] {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        files.sort();
        for abs in files {
            let shown = PathBuf::from(rel_path(root, &abs));
            match read_text(&abs, &shown) {
                Ok(text) => {
                    let prose = if ext == "md" {
                        segments::markdown(&text)
                    } else {
                        segments::yaml(&text)
                    };
                    out.push(Source {
                        shown,
                        abs,
                        text,
                        prose,
                    });
                }
                Err(d) => diags.push(d),
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// The findings as diagnostics: warnings, or errors with `--strict`.
pub fn diagnostics(root: &Path, findings: &[Finding], strict: bool) -> Vec<Diagnostic> {
    let mut texts: BTreeMap<&Path, Option<Arc<str>>> = BTreeMap::new();
    findings
        .iter()
        .filter_map(|f| {
            let text = texts
                .entry(&f.file)
                .or_insert_with(|| read_text(&root.join(&f.file), &f.file).ok())
                .clone()?;
            let (before, after) = excerpt(&text, &f.edit);
            let mut d = Diagnostic::error(&f.file, message(f.rule, before, after))
                .at_offset(&text, f.edit.range.start)
                .with_source(text)
                .help(msg!("typo-fix-help"));
            if !strict {
                d.severity = Severity::Warning;
            }
            Some(d)
        })
        .collect()
}

fn message(rule: &'static str, before: String, after: String) -> Msg {
    let finding = match rule {
        "space-after-bold" => msg!("typo-space-after-bold"),
        "nested-quotes" => msg!("typo-nested-quotes"),
        "date-node" => msg!("typo-date-node"),
        "range-dash" => msg!("typo-range-dash"),
        "fullwidth" => msg!("typo-fullwidth"),
        _ => msg!("typo-autocorrect"),
    };
    msg!(
        "typo-finding",
        finding = finding,
        rule = rule,
        before = before,
        after = after
    )
}

/// The edited text with a few characters of context each side, before and after.
fn excerpt(text: &str, edit: &Edit) -> (String, String) {
    let line_start = text[..edit.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[edit.range.end..]
        .find('\n')
        .map_or(text.len(), |i| edit.range.end + i);
    let head: String = text[line_start..edit.range.start]
        .chars()
        .rev()
        .take(3)
        .collect();
    let head: String = head.chars().rev().collect();
    let tail: String = text[edit.range.end..line_end].chars().take(3).collect();
    let before = format!("{head}{}{tail}", &text[edit.range.clone()]);
    let after = format!("{head}{}{tail}", edit.to);
    (before, after)
}

/// One line `--fix` changed.
#[derive(Debug, Clone)]
pub struct Change {
    pub file: PathBuf,
    pub line: usize,
    pub before: String,
    pub after: String,
}

/// Applies every finding's edit to its file and reports each changed line. Edits that
/// overlap an earlier one in the same file wait for the next run (the check after the
/// fix reports them).
pub fn fix(root: &Path, config: &Config) -> Result<Vec<Change>, Vec<Diagnostic>> {
    let rules = enabled(root, config).map_err(|d| vec![d])?;
    let mut changes = Vec::new();
    let mut diags = Vec::new();
    // A rule's edits can enable another's (a `?` made `？` then loses its space), so run
    // until nothing changes, a few rounds at most.
    for _ in 0..4 {
        let sources = read_sources(root)?;
        let findings = find(&sources, &rules);
        if findings.is_empty() {
            break;
        }
        for s in &sources {
            let mut edits: Vec<&Edit> = findings
                .iter()
                .filter(|f| f.file == s.shown)
                .map(|f| &f.edit)
                .collect();
            if edits.is_empty() {
                continue;
            }
            edits.sort_by(|a, b| a.key().cmp(&b.key()));
            edits.dedup();
            let mut kept: Vec<&Edit> = Vec::new();
            for e in edits {
                if kept
                    .last()
                    .is_none_or(|k| k.range.end <= e.range.start && k.range != e.range)
                {
                    kept.push(e);
                }
            }
            let mut text = s.text.to_string();
            for e in kept.iter().rev() {
                text.replace_range(e.range.clone(), &e.to);
            }
            changes.extend(changed_lines(&s.shown, &s.text, &text));
            if let Err(e) = std::fs::write(&s.abs, as_written(&s.abs, &text)) {
                let what = msg!("io-write-file");
                diags.push(Diagnostic::error(
                    &s.shown,
                    msg!("io-failed", what = what, reason = e.to_string()),
                ));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
    }
    changes.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(changes)
}

/// The fixed text in the file's own form: files are read with `\r\n` made `\n` and
/// without a byte-order mark, and are written back with both as they were (a file that
/// mixes both line endings gets `\r\n` throughout).
fn as_written(abs: &Path, text: &str) -> String {
    let raw = std::fs::read(abs).unwrap_or_default();
    let bom = raw.starts_with(b"\xEF\xBB\xBF");
    let crlf = raw.windows(2).any(|w| w == b"\r\n");
    let body = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    if bom {
        format!("\u{feff}{body}")
    } else {
        body
    }
}

fn changed_lines(file: &Path, old: &str, new: &str) -> Vec<Change> {
    old.lines()
        .zip(new.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(n, (a, b))| Change {
            file: file.to_path_buf(),
            line: n + 1,
            before: a.trim().to_string(),
            after: b.trim().to_string(),
        })
        .collect()
}

/// `file:line: before → after`, as `--fix` prints each change.
pub fn change_line(c: &Change) -> Msg {
    let location = format!("{}:{}", c.file.display(), c.line);
    msg!(
        "typo-fixed",
        location = location,
        before = &c.before,
        after = &c.after
    )
}
