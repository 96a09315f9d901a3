//! Reading `site.toml` so that one mistake hides nothing: every wrong key or value is
//! reported, and the build goes on with the defaults in its place, so the content's
//! errors are found in the same run.
//!
//! toml reports one error at a time, with its span in the text. Each reported key or
//! value has its lines blanked (replaced by spaces, so every later span still points
//! into the original text) and the text is read again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{config_problem, Config};
use crate::diagnostic::Diagnostic;
use crate::msg;

/// More mistakes than this in one site.toml are not worth reading on for.
const MAX_ERRORS: usize = 20;

/// Used while site.toml has errors: the build stops before writing anything.
const PLACEHOLDER_URL: &str = "http://127.0.0.1";

/// Reads `root/site.toml`: the configuration (`None` only when the file cannot be read)
/// and every mistake in it.
pub fn load_all(root: &Path) -> (Option<Config>, Vec<Diagnostic>) {
    let shown = PathBuf::from("site.toml");
    let text = match std::fs::read_to_string(root.join("site.toml")) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(&shown, msg!("config-unreadable", reason = e.to_string()))
                .help(msg!("config-unreadable-help"));
            return (None, vec![d]);
        }
    };
    let source: Arc<str> = Arc::from(text.as_str());
    let report = |e: &toml::de::Error| {
        let mut d =
            Diagnostic::error(&shown, config_problem(e.message())).with_source(source.clone());
        if let Some(span) = e.span() {
            d = d.at_offset(&text, span.start);
        }
        d.help(msg!("config-help"))
    };
    let mut diags = Vec::new();
    let table = match toml::from_str::<toml::Table>(&text) {
        Ok(t) => t,
        Err(e) => {
            // Not TOML at all: the content is still checked, with the defaults.
            diags.push(report(&e));
            return (Some(placeholder(fallback())), diags);
        }
    };
    let mut work = text.clone();
    let mut config = None;
    while diags.len() < MAX_ERRORS {
        match toml::from_str::<Config>(&work) {
            Ok(c) => {
                config = Some(c);
                break;
            }
            Err(e) => {
                diags.push(report(&e));
                let blanked = e.span().map(|s| blank_lines(&work, s.start, s.end));
                match blanked {
                    // Blanking left broken TOML (a key whose value spans lines): stop here.
                    Some(b) if b != work && toml::from_str::<toml::Table>(&b).is_ok() => work = b,
                    _ => break,
                }
            }
        }
    }
    for key in ["title", "base_url"] {
        if !table.contains_key(key) {
            diags.push(
                Diagnostic::error(&shown, msg!("config-missing-key", key = key))
                    .with_source(source.clone())
                    .help(match key {
                        "title" => msg!("config-missing-title-help"),
                        _ => msg!("config-missing-base-url-help"),
                    }),
            );
        }
    }
    let config = config.unwrap_or_else(fallback);
    if diags.is_empty() {
        (Some(config), diags)
    } else {
        (Some(placeholder(config)), diags)
    }
}

/// The defaults of every key.
fn fallback() -> Config {
    toml::from_str("").unwrap_or_else(|e| unreachable!("every key has a default: {e}"))
}

fn placeholder(mut config: Config) -> Config {
    if config.base_url.is_empty() {
        config.base_url = PLACEHOLDER_URL.to_string();
    }
    config
}

/// `text` with the whole lines holding `start..end` replaced by spaces (byte lengths and
/// line breaks kept, so other offsets stay valid).
fn blank_lines(text: &str, start: usize, end: usize) -> String {
    let start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| end.min(text.len()) + i);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    for c in text[start..end].chars() {
        match c {
            '\n' => out.push('\n'),
            c => out.push_str(&" ".repeat(c.len_utf8())),
        }
    }
    out.push_str(&text[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), text).unwrap();
        load_all(dir.path())
    }

    #[test]
    fn every_wrong_key_and_value_is_reported_and_the_rest_is_kept() {
        let (config, diags) = load(
            "title = \"家园\"\nbase_url = \"example.org\"\ntitel = 1\nsummary_chars = \"多\"\n\
             paginate_by = 5\n[contest]\nretention = 3\n",
        );
        let messages: Vec<String> = diags.iter().map(|d| d.message.en()).collect();
        let found: Vec<(usize, &str)> = diags
            .iter()
            .zip(&messages)
            .map(|(d, m)| (d.line, &m[..20]))
            .collect();
        assert_eq!(
            found,
            [
                (2, "base_url `example.or"),
                (3, "unknown field `titel"),
                (4, "invalid type: string"),
                (7, "unknown field `reten"),
            ]
        );
        let config = config.unwrap();
        assert_eq!((config.title.as_str(), config.paginate_by), ("家园", 5));
        assert_eq!(config.base_url, PLACEHOLDER_URL);
    }

    #[test]
    fn missing_keys_and_broken_toml() {
        let (config, diags) = load("description = \"x\"\n");
        assert!(config.is_some());
        let messages: Vec<String> = diags.iter().map(|d| d.message.en()).collect();
        assert_eq!(
            messages,
            ["site.toml has no `title`", "site.toml has no `base_url`"]
        );
        let (config, diags) = load("title = \"a\nbase_url = 1\n");
        assert!(config.is_some());
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let text = "a = 1\nb = \"计生\"\nc = 3\n";
        let out = blank_lines(text, 8, 9);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, format!("a = 1\n{}\nc = 3\n", " ".repeat(12)));
    }
}
