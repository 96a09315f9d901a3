//! `site.toml`: the portal's configuration.

use std::path::Path;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Msg};
use crate::msg;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Required; `site_toml` reports it missing (defaults let the rest be checked).
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute, without a trailing slash. Required, as `title`.
    #[serde(default, deserialize_with = "absolute_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    /// Where dates without an offset are read and where dates are shown (IANA name).
    #[serde(
        default = "default_timezone",
        deserialize_with = "crate::time::deserialize_zone"
    )]
    pub timezone: Tz,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default = "default_summary_chars")]
    pub summary_chars: usize,
    #[serde(default = "default_chars_per_minute")]
    pub chars_per_minute: usize,
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    #[serde(default)]
    pub taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    pub nav: Vec<NavItem>,
    /// `[[footer]]`: the links at the foot of every page, in order.
    #[serde(default)]
    pub footer: Vec<NavItem>,
    #[serde(default)]
    pub contest: ContestConfig,
    /// `[typography]`: typography rules of `jiayuan check` switched on or off by name
    /// (`space-word = true`); unnamed rules keep their defaults.
    #[serde(default)]
    pub typography: std::collections::BTreeMap<String, bool>,
    #[serde(default)]
    pub content: ContentConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Pages without a cover share a card drawn from their title (`og:image`); `false`
    /// gives them the theme's portal card.
    #[serde(default = "default_true")]
    pub share_cards: bool,
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[content]`: how content files are read.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContentConfig {
    #[serde(default)]
    pub front_matter: FrontMatterMode,
}

/// `strict` rejects every key jiayuan does not know; `compatible` reads the common
/// Hugo and Zola keys too and keeps the rest under `extra` (docs/decisions.md,
/// "Content from other generators").
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterMode {
    #[default]
    Strict,
    Compatible,
}

/// `[markdown]`: how Markdown turns into HTML.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub anchors: AnchorStyle,
    /// What happens to HTML written inside Markdown.
    #[serde(default)]
    pub raw_html: RawHtml,
}

/// How heading ids are made. `jiayuan` lowercases, turns spaces, `_` and `-` into one
/// `-` and trims them; `github` follows GitHub's (and Hugo's) rules, keeping `_` and
/// every `-` (docs/decisions.md, "Content from other generators"). Both keep Chinese.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStyle {
    #[default]
    Jiayuan,
    Github,
}

/// `[markdown] raw_html`: not every editor is trusted with raw HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep what suits an article, remove scripts, styles, frames, event handlers and
    /// script URLs, with a warning for each removal.
    #[default]
    Sanitize,
    /// Pass raw HTML through as written.
    Trusted,
    /// Show raw HTML as text.
    Escape,
}

/// `[contest]`: the knowledge-contest server, when the contest runs on one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContestConfig {
    /// The server's API root as the browser reaches it: `/api/` on the portal's own
    /// origin, or a full URL. Unset, contests are self-tests that stay in the browser.
    #[serde(default, deserialize_with = "server_url")]
    pub server: Option<String>,
    /// Days a participant's name, phone and unit are kept (the consent text says so).
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
}

impl Default for ContestConfig {
    fn default() -> ContestConfig {
        ContestConfig {
            server: None,
            retention_days: default_retention_days(),
        }
    }
}

fn default_retention_days() -> u32 {
    180
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub paginate_by: Option<usize>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    pub name: String,
    pub url: String,
    #[serde(default)]
    pub children: Vec<NavItem>,
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_timezone() -> Tz {
    crate::time::DEFAULT_ZONE
}
fn default_summary_chars() -> usize {
    120
}
fn default_chars_per_minute() -> usize {
    400
}
fn default_paginate_by() -> usize {
    10
}
fn default_true() -> bool {
    true
}

impl Config {
    /// Reads `site.toml` under `root`, reporting the first mistake at its line and column
    /// (`site_toml::load_all` reports them all).
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let (config, diags) = crate::site_toml::load_all(root);
        match (config, diags.into_iter().next()) {
            (Some(config), None) => Ok(config),
            (_, Some(first)) => Err(first),
            (None, None) => Err(Diagnostic::error("site.toml", msg!("config-cannot-read"))),
        }
    }

    /// The message language of the site under `root`: its `language` (default `zh-CN`,
    /// as for its pages), read leniently so that a site.toml with mistakes is still
    /// reported in its language. `None` when there is no site.toml to read.
    pub fn message_language(root: &Path) -> Option<Lang> {
        let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
        let written = match toml::from_str::<toml::Table>(&text) {
            Ok(table) => table
                .get("language")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            Err(_) => text.lines().find_map(|line| {
                let (key, value) = line.split_once('=')?;
                (key.trim() == "language").then(|| value.trim().trim_matches('"').to_owned())
            }),
        };
        Some(Lang::for_site(&written.unwrap_or_else(default_language)))
    }

    /// The contest API root with a trailing slash, when the contest runs on a server.
    pub fn contest_server(&self) -> Option<String> {
        let s = self.contest.server.as_deref()?;
        Some(format!("{}/", s.trim_end_matches('/')))
    }

    /// The path part of `base_url` without a trailing slash: "" or "/sub".
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }

    /// Scheme and host of `base_url`, without the path.
    pub fn origin(&self) -> &str {
        let base_path = self.base_path();
        &self.base_url[..self.base_url.len() - base_path.len()]
    }

    /// Root-relative URL for a site path such as `/news/a/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path(), path)
    }

    /// Absolute URL for a site path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

/// `[contest] server` is a path on the portal's origin or an absolute http(s) URL.
fn server_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let server = String::deserialize(d)?;
    if crate::paths::is_site_relative(&server)
        || server.starts_with("http://")
        || server.starts_with("https://")
    {
        Ok(Some(server))
    } else {
        Err(serde::de::Error::custom(coded(
            "config-bad-server",
            &server,
        )))
    }
}

/// `base_url` must be an absolute http(s) URL; a trailing slash is dropped.
fn absolute_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let url = String::deserialize(d)?;
    let url = url.trim_end_matches('/').to_string();
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(url)
    } else {
        Err(serde::de::Error::custom(coded("config-bad-base-url", &url)))
    }
}

/// serde carries a custom error as text only: our own errors travel as `id␟value` and
/// [`config_problem`] turns them back into messages.
const CODE_MARK: char = '\u{1f}';

pub(crate) fn coded(id: &str, value: &str) -> String {
    format!("{id}{CODE_MARK}{value}")
}

/// The message for a TOML error: ours by id, serde's unknown-field error by its parts,
/// and anything else (TOML syntax) in the parser's own English words.
pub(crate) fn config_problem(text: &str) -> Msg {
    let text = text.trim_end();
    if let Some((id, value)) = text.split_once(CODE_MARK) {
        let (value, suggestion) = value.split_once(CODE_MARK).unwrap_or((value, ""));
        return match id {
            "config-bad-base-url" => msg!("config-bad-base-url", url = value),
            "config-bad-server" => msg!("config-bad-server", server = value),
            _ if suggestion.is_empty() => msg!("config-unknown-zone", zone = value),
            _ => msg!(
                "config-unknown-zone-suggest",
                zone = value,
                suggestion = suggestion
            ),
        };
    }
    if let Some(rest) = text.strip_prefix("unknown field `") {
        if let Some((key, expected)) = rest.split_once("`, expected one of ") {
            let allowed: Vec<&str> = expected.split(", ").collect();
            return msg!("config-unknown-key", key = key, allowed = &allowed);
        }
    }
    msg!("config-invalid", detail = text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> Config {
        toml::from_str(&format!("title = \"t\"\nbase_url = \"{base}\"")).unwrap()
    }

    #[test]
    fn base_path_and_urls() {
        let c = config("https://example.org/portal");
        assert_eq!(c.base_path(), "/portal");
        assert_eq!(c.url("/news/"), "/portal/news/");
        assert_eq!(c.permalink("/news/"), "https://example.org/portal/news/");
        assert_eq!(c.origin(), "https://example.org");
        let c = config("http://127.0.0.1:1111");
        assert_eq!(c.base_path(), "");
        assert_eq!(c.url("/"), "/");
    }

    #[test]
    fn unknown_key_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"t\"\nbase_url = \"http://x\"\ntitel = 1\n",
        )
        .unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.en().contains("titel"), "{:?}", err.message);
    }

    #[test]
    fn time_zone_defaults_to_shanghai_and_a_wrong_one_is_reported_at_its_value() {
        assert_eq!(config("http://x").timezone, chrono_tz::Asia::Shanghai);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"t\"\nbase_url = \"http://x\"\ntimezone = \"Asia/Shanghia\"\n",
        )
        .unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert_eq!((err.line, err.column), (3, 12), "{err:?}");
        assert_eq!(
            err.message.en(),
            "unknown time zone `Asia/Shanghia`; did you mean `Asia/Shanghai`?"
        );
        assert_eq!(
            err.message.text(Lang::ZhCn),
            "未知的时区 `Asia/Shanghia`；是不是想写 `Asia/Shanghai`？"
        );
    }
}
