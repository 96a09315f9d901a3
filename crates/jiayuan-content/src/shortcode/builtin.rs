//! The built-in shortcodes' arguments: which exist, which are required, of what type,
//! and the files they name, checked before rendering so a mistake is reported at the
//! argument. A site or theme template of a built-in name gets the same checked arguments.

use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use serde_json::{json, Map, Value as Json};

use super::parse::{Call, Kind, Value};
use crate::markdown::links::content_target;

#[derive(Clone, Copy, PartialEq)]
enum Type {
    Text,
    /// A file beside the page or under `static/`, published as its URL.
    File,
}

struct Spec {
    name: &'static str,
    /// (argument, type, required)
    args: &'static [(&'static str, Type, bool)],
    body: bool,
}

const SPECS: &[Spec] = &[
    Spec {
        name: "figure",
        args: &[
            ("src", Type::File, true),
            ("alt", Type::Text, true),
            ("caption", Type::Text, false),
            ("credit", Type::Text, false),
        ],
        body: false,
    },
    Spec {
        name: "video",
        args: &[
            ("src", Type::File, true),
            ("title", Type::Text, true),
            ("poster", Type::File, false),
        ],
        body: false,
    },
    Spec {
        name: "notice",
        args: &[("kind", Type::Text, false), ("title", Type::Text, false)],
        body: true,
    },
    Spec {
        name: "contest",
        args: &[("id", Type::Text, true)],
        body: false,
    },
];

/// The built-in names, sorted.
pub const NAMES: &[&str] = &["contest", "figure", "notice", "video"];

/// The kinds of `notice`, in the order the help lists them.
pub const NOTICE_KINDS: &[&str] = &["提示", "注意", "警告"];

/// A mistake in a call: where (byte offset in the body) and what.
pub struct Problem {
    pub offset: usize,
    pub message: Msg,
    pub help: Msg,
}

/// Where a call's files are looked up: the page's folder and the site's file URLs.
pub struct Files<'a> {
    pub dir: &'a str,
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
}

impl Files<'_> {
    fn content_path(&self, written: &str) -> Option<String> {
        content_target(written, self.dir)
    }

    /// The URL of a sibling of `path` with another extension, when it exists.
    fn sibling(&self, path: &str, ext: &str) -> Option<String> {
        let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
        (self.resolve)(&format!("{stem}.{ext}"))
    }
}

/// The arguments of a built-in call as its template sees them, or what is wrong.
/// `None` when `call` is not a built-in.
pub fn check(call: &Call, files: &Files<'_>) -> Option<Result<Map<String, Json>, Vec<Problem>>> {
    let spec = SPECS.iter().find(|s| s.name == call.name)?;
    let mut problems = Vec::new();
    let mut out = Map::new();
    let name = call.name.as_str();
    let has_body = matches!(call.kind, Kind::Body(_));
    if has_body != spec.body {
        let message = if spec.body {
            msg!("shortcode-needs-body", name = name)
        } else {
            msg!("shortcode-no-body", name = name)
        };
        problems.push(Problem {
            offset: call.span.start,
            message,
            help: msg!("shortcode-usage", usage = usage(spec)),
        });
    }
    for arg in &call.args {
        let Some((_, ty, _)) = spec.args.iter().find(|(n, _, _)| *n == arg.name) else {
            let known: Vec<&str> = spec.args.iter().map(|(n, _, _)| *n).collect();
            problems.push(Problem {
                offset: arg.name_at,
                message: msg!("shortcode-unknown-arg", name = name, arg = &arg.name),
                help: msg!("shortcode-known-args", args = &known, usage = usage(spec)),
            });
            continue;
        };
        let Value::Str(text) = &arg.value else {
            problems.push(Problem {
                offset: arg.at.start,
                message: msg!("shortcode-arg-not-text", name = name, arg = &arg.name),
                help: msg!("shortcode-usage", usage = usage(spec)),
            });
            continue;
        };
        let value = match ty {
            Type::Text => Json::String(text.clone()),
            Type::File => match files
                .content_path(text)
                .and_then(|p| (files.resolve)(&p).map(|url| (p, url)))
            {
                Some((path, url)) => json!({"url": url, "path": path}),
                None => {
                    problems.push(Problem {
                        offset: arg.at.start,
                        message: msg!(
                            "shortcode-missing-file",
                            name = name,
                            target = text.as_str()
                        ),
                        help: msg!("missing-file-link-help"),
                    });
                    continue;
                }
            },
        };
        out.insert(arg.name.clone(), value);
    }
    for (arg, _, required) in spec.args {
        let given = call.arg(arg);
        let empty = given.is_some_and(|a| matches!(&a.value, Value::Str(s) if s.trim().is_empty()));
        if *required && (given.is_none() || empty) {
            problems.push(Problem {
                offset: given.map_or(call.span.start, |a| a.at.start),
                message: msg!("shortcode-missing-arg", name = name, arg = *arg),
                help: msg!("shortcode-usage", usage = usage(spec)),
            });
        }
    }
    if problems.is_empty() {
        extra(call, files, &mut out, &mut problems);
    }
    Some(if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    })
}

/// What a built-in derives from its arguments: `notice`'s kind, `video`'s sources,
/// captions, poster and transcript.
fn extra(call: &Call, files: &Files<'_>, out: &mut Map<String, Json>, problems: &mut Vec<Problem>) {
    match call.name.as_str() {
        "notice" => {
            let kind = out
                .get("kind")
                .and_then(Json::as_str)
                .unwrap_or("提示")
                .to_string();
            match NOTICE_KINDS.iter().position(|k| *k == kind) {
                Some(i) => {
                    let class = ["tip", "note", "warning"][i];
                    out.insert("kind".into(), Json::String(kind));
                    out.insert("class".into(), Json::String(class.into()));
                }
                None => problems.push(Problem {
                    offset: call.arg("kind").map_or(call.span.start, |a| a.at.start),
                    message: msg!("shortcode-bad-kind", kind = kind),
                    help: msg!("shortcode-kinds", kinds = &NOTICE_KINDS.to_vec()),
                }),
            }
        }
        "video" => video(call, files, out, problems),
        _ => {}
    }
}

fn video(call: &Call, files: &Files<'_>, out: &mut Map<String, Json>, problems: &mut Vec<Problem>) {
    let src = out["src"]["path"].as_str().unwrap_or_default().to_string();
    let at = call.arg("src").map_or(call.span.start, |a| a.at.start);
    let ext = src
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if !matches!(ext.as_str(), "mp4" | "webm") {
        problems.push(Problem {
            offset: at,
            message: msg!("video-not-mp4-webm", target = call_src(call, &src)),
            help: msg!("video-not-mp4-webm-help"),
        });
        return;
    }
    let mut sources = Vec::new();
    for (e, mime) in [("webm", "video/webm"), ("mp4", "video/mp4")] {
        if let Some(url) = files.sibling(&src, e) {
            sources.push(json!({"url": url, "type": mime}));
        }
    }
    out.insert("sources".into(), Json::Array(sources));
    let written = call_src(call, &src);
    let stem = written
        .rsplit_once('.')
        .map_or(written.as_str(), |(s, _)| s);
    match files.sibling(&src, "vtt") {
        Some(url) => {
            out.insert("captions".into(), Json::String(url));
        }
        None => problems.push(Problem {
            offset: at,
            message: msg!(
                "video-no-captions",
                target = written.as_str(),
                captions = format!("{stem}.vtt")
            ),
            help: msg!("video-no-captions-help"),
        }),
    }
    if !out.contains_key("poster") {
        if let Some(url) = ["jpg", "png", "webp"]
            .iter()
            .find_map(|e| files.sibling(&src, e))
        {
            out.insert("poster".into(), json!({"url": url, "path": ""}));
        }
    }
    if let Some(url) = ["md", "txt"].iter().find_map(|e| files.sibling(&src, e)) {
        out.insert("transcript".into(), Json::String(url));
    }
}

/// `src` as the call wrote it.
fn call_src(call: &Call, resolved: &str) -> String {
    match call.arg("src").map(|a| &a.value) {
        Some(Value::Str(s)) => s.clone(),
        _ => resolved.to_string(),
    }
}

/// How a built-in is written, for help lines.
fn usage(spec: &Spec) -> String {
    let args: Vec<String> = spec
        .args
        .iter()
        .filter(|(_, _, required)| *required)
        .map(|(n, _, _)| format!("{n}=\"…\""))
        .collect();
    let call = format!("{}({})", spec.name, args.join(", "));
    if spec.body {
        format!("{{% {call} %}}…{{% end %}}")
    } else {
        format!("{{{{ {call} }}}}")
    }
}
