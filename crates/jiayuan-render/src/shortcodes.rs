//! Shortcodes rendered through tera: `shortcodes/<name>.html` from the site's
//! `templates/`, then the theme's, then the built-in ones (docs/decisions.md,
//! "Shortcodes"). The content stage calls this while it renders Markdown.

use serde_json::{Map, Value};
use tera::{Context, Tera};

use jiayuan_content::shortcode::{Failure, Renderer};
use jiayuan_core::msg;

use crate::ContestInfo;

/// Every `shortcodes/*.html` template, and what a `contest` card shows.
pub struct TeraShortcodes {
    tera: Tera,
    names: Vec<String>,
    contests: Vec<ContestInfo>,
    /// The URL of the contest page (`/contest/`), where each contest card leads.
    contest_url: String,
}

impl TeraShortcodes {
    pub fn new(tera: &Tera, contests: &[ContestInfo], contest_url: String) -> TeraShortcodes {
        let mut names: Vec<String> = tera
            .get_template_names()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .map(str::to_string)
            .collect();
        names.sort();
        TeraShortcodes {
            tera: tera.clone(),
            names,
            contests: contests.to_vec(),
            contest_url,
        }
    }
}

impl Renderer for TeraShortcodes {
    fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    fn render(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
    ) -> Result<String, Failure> {
        let mut ctx = Context::new();
        for (k, v) in args {
            ctx.insert(k.as_str(), v);
        }
        if let Some(body) = body {
            ctx.insert("body", body);
        }
        if name == "contest" {
            let id = args.get("id").and_then(Value::as_str).unwrap_or_default();
            let Some(contest) = self.contests.iter().find(|c| c.id == id) else {
                let ids: Vec<&str> = self.contests.iter().map(|c| c.id.as_str()).collect();
                return Err(Failure {
                    arg: Some("id".into()),
                    message: msg!("shortcode-unknown-contest", id = id),
                    help: Some(msg!("shortcode-unknown-contest-help", ids = &ids)),
                });
            };
            ctx.insert("contest", contest);
            ctx.insert("minutes", &contest.time_limit_seconds.div_ceil(60));
            ctx.insert(
                "url",
                &format!("{}#contest-{}-title", self.contest_url, contest.id),
            );
        }
        self.tera
            .render(&format!("shortcodes/{name}.html"), &ctx)
            .map_err(|e| Failure {
                arg: None,
                message: msg!(
                    "shortcode-failed",
                    name = name,
                    detail = crate::templates::error_chain(&e)
                ),
                help: None,
            })
    }
}
