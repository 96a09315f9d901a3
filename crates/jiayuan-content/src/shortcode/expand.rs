//! Turning a body's calls into output: each call is checked (built-in arguments and
//! files), its body rendered as Markdown of the same file, then rendered by the
//! [`Renderer`](super::Renderer). Every mistake is a diagnostic at its place.

use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use serde_json::{Map, Value as Json};

use super::builtin::{self, Files};
use super::parse::{Call, Kind, Malformed, Problem, Value};
use super::{Output, Renderer};
use crate::markdown::{self, html_text, Input, LinkAt};

/// The outputs of `calls` (in order; a failed call gives an empty one), the links their
/// bodies hold, and what went wrong.
pub fn outputs(
    input: &Input<'_>,
    renderer: &dyn Renderer,
    calls: &[Call],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (Vec<Output>, Vec<LinkAt>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut links = Vec::new();
    let names = renderer.names();
    let files = Files {
        dir: input.dir,
        resolve,
    };
    let at = |offset: usize, message: Msg, help: Msg| {
        Diagnostic::error(input.shown, message)
            .help(help)
            .at_offset(input.file_text, input.body_offset + offset)
            .with_source(input.file_text.clone())
    };
    let outputs = calls
        .iter()
        .map(|call| {
            if let Kind::Escaped(text) = &call.kind {
                let html = jiayuan_core::escape::html(text);
                return Output {
                    html,
                    text: text.clone(),
                    block: false,
                };
            }
            if !names.contains(&call.name) {
                let help = msg!("shortcode-unknown-help", names = &names);
                diags.push(at(
                    call.span.start,
                    msg!("shortcode-unknown", name = &call.name),
                    help,
                ));
                return Output::default();
            }
            let args = match builtin::check(call, &files) {
                Some(Ok(args)) => args,
                Some(Err(problems)) => {
                    diags.extend(
                        problems
                            .into_iter()
                            .map(|p| at(p.offset, p.message, p.help)),
                    );
                    return Output::default();
                }
                None => plain_args(call),
            };
            let body = match &call.kind {
                Kind::Body(range) => {
                    let inner = Input {
                        body_offset: input.body_offset + range.start,
                        end: Some(input.body_offset + range.end),
                        ..*input
                    };
                    let r = markdown::render(&inner, resolve);
                    diags.extend(r.diagnostics);
                    links.extend(r.links);
                    Some((r.html, r.text))
                }
                _ => None,
            };
            match renderer.render(&call.name, &args, body.as_ref().map(|b| b.0.as_str())) {
                Ok(html) => {
                    let text = match &body {
                        Some((_, text)) => text.clone(),
                        None => html_text::text(&html),
                    };
                    Output {
                        html: html.trim().to_string(),
                        text,
                        block: body.is_some() || builtin::NAMES.contains(&call.name.as_str()),
                    }
                }
                Err(failure) => {
                    let offset = failure
                        .arg
                        .as_deref()
                        .and_then(|a| call.arg(a))
                        .map_or(call.span.start, |a| a.at.start);
                    let help = failure
                        .help
                        .unwrap_or_else(|| msg!("shortcode-failed-help", name = &call.name));
                    diags.push(at(offset, failure.message, help));
                    Output::default()
                }
            }
        })
        .collect();
    (outputs, links, diags)
}

/// The arguments of a site's own shortcode, as written.
fn plain_args(call: &Call) -> Map<String, Json> {
    call.args
        .iter()
        .map(|a| {
            let v = match &a.value {
                Value::Str(s) => Json::String(s.clone()),
                Value::Int(n) => Json::from(*n),
                Value::Float(f) => {
                    serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number)
                }
                Value::Bool(b) => Json::Bool(*b),
            };
            (a.name.clone(), v)
        })
        .collect()
}

/// A call that could not be read, as a diagnostic.
pub fn malformed(input: &Input<'_>, bad: &Malformed) -> Diagnostic {
    let (message, help) = match &bad.what {
        Problem::BadArguments => (msg!("shortcode-bad-args"), msg!("shortcode-bad-args-help")),
        Problem::Unclosed => (msg!("shortcode-unclosed"), msg!("shortcode-bad-args-help")),
        Problem::NoEnd(name) => (
            msg!("shortcode-no-end", name = name),
            msg!("shortcode-no-end-help", name = name),
        ),
        Problem::StrayEnd => (
            msg!("shortcode-stray-end"),
            msg!("shortcode-stray-end-help"),
        ),
        Problem::Repeated(arg) => (
            msg!("shortcode-repeated-arg", arg = arg),
            msg!("shortcode-repeated-arg-help"),
        ),
    };
    Diagnostic::error(input.shown, message)
        .help(help)
        .at_offset(input.file_text, input.body_offset + bad.offset)
        .with_source(input.file_text.clone())
}

/// A block call (a built-in, or one with a body) written inside a paragraph, list item
/// or heading.
pub fn misplaced(input: &Input<'_>, call: &Call) -> Diagnostic {
    Diagnostic::error(
        input.shown,
        msg!("shortcode-body-inline", name = &call.name),
    )
    .help(msg!("shortcode-no-end-help", name = &call.name))
    .at_offset(input.file_text, input.body_offset + call.span.start)
    .with_source(input.file_text.clone())
}
