//! Shortcodes as in Zola (docs/decisions.md, "Shortcodes"): calls found in the Markdown
//! source outside code, checked here (built-in arguments, files beside the page), and
//! rendered by a [`Renderer`] the driver hands in (tera templates: the site's
//! `templates/shortcodes/`, then the theme's, then the built-in ones).
//!
//! Each call is masked in the source by a placeholder of the same byte length with the
//! same line breaks, so every position the Markdown passes report is still a position
//! of the file. The Markdown is rendered (and raw HTML sanitized) with the placeholders
//! in it, then each placeholder is replaced by the call's trusted output.

pub mod builtin;
pub mod expand;
pub mod parse;

use std::fmt;
use std::sync::Arc;

use jiayuan_core::i18n::Msg;
use serde_json::{Map, Value};

pub use parse::{Arg, Call, Kind};

/// Renders shortcodes by name; implemented by the render stage over tera.
pub trait Renderer: Send + Sync {
    /// Every shortcode that can be called, sorted.
    fn names(&self) -> Vec<String>;
    /// Renders `name` with its checked arguments and, for a body call, the body's HTML.
    /// An error says what failed and, when it is about one argument, which.
    fn render(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
    ) -> Result<String, Failure>;
}

/// Why a shortcode could not be rendered.
#[derive(Debug)]
pub struct Failure {
    pub arg: Option<String>,
    pub message: Msg,
    pub help: Option<Msg>,
}

/// The renderer a build uses, shared by every page rendered in parallel.
#[derive(Clone)]
pub struct Shortcodes(pub Arc<dyn Renderer>);

impl fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shortcodes({:?})", self.0.names())
    }
}

/// The placeholder of call `index`: `Jysc{index}Q` filled with `q` to `len` bytes.
fn placeholder(index: usize, len: usize) -> String {
    let mut p = format!("Jysc{index}Q");
    while p.len() < len {
        p.push('q');
    }
    p
}

/// `body` with each call's span replaced by its placeholder on the span's first line
/// and spaces elsewhere, keeping every byte offset and line break. Returns the
/// placeholders in call order.
pub fn mask(body: &str, calls: &[Call]) -> (String, Vec<String>) {
    let mut out = String::with_capacity(body.len());
    let mut names = Vec::with_capacity(calls.len());
    let mut from = 0;
    for (i, call) in calls.iter().enumerate() {
        out.push_str(&body[from..call.span.start]);
        let span = &body[call.span.clone()];
        let first = span.find('\n').unwrap_or(span.len());
        let p = placeholder(i, first);
        out.push_str(&p);
        for c in span[first..].chars() {
            match c {
                '\n' | '\r' => out.push(c),
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        names.push(p);
        from = call.span.end;
    }
    out.push_str(&body[from..]);
    (out, names)
}

/// The indexes of block calls (the built-ins, and calls with a body) that do not stand
/// alone as a paragraph in `html`: written inside a sentence, a list item or a heading,
/// their output would not nest.
pub fn misplaced(html: &str, placeholders: &[String], outputs: &[Output]) -> Vec<usize> {
    (0..placeholders.len())
        .filter(|&i| outputs[i].block && !html.contains(&format!("<p>{}</p>\n", placeholders[i])))
        .collect()
}

/// Replaces each placeholder in rendered HTML with the call's output. A placeholder that
/// is a paragraph by itself gives way with its paragraph.
pub fn substitute(html: &str, placeholders: &[String], outputs: &[Output]) -> String {
    let mut html = html.to_string();
    // Longest first: `Jysc1Q` must not match inside `Jysc12Q…`.
    let mut order: Vec<usize> = (0..placeholders.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(placeholders[i].len()));
    for i in order {
        let (p, out) = (&placeholders[i], &outputs[i]);
        let alone = format!("<p>{p}</p>\n");
        if html.contains(&alone) {
            html = html.replace(&alone, &format!("{}\n", out.html));
        } else {
            html = html.replace(p, &out.html);
        }
    }
    html
}

/// Replaces each placeholder in plain text with the call's text.
pub fn substitute_text(text: &str, placeholders: &[String], outputs: &[Output]) -> String {
    let mut text = text.to_string();
    let mut order: Vec<usize> = (0..placeholders.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(placeholders[i].len()));
    for i in order {
        text = text.replace(&placeholders[i], &outputs[i].text);
    }
    text
}

/// What a call turned into.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub html: String,
    /// Its words for summaries, reading time and search.
    pub text: String,
    /// The built-ins and body calls are blocks of their own.
    pub block: bool,
}

#[cfg(test)]
mod tests;
