//! Finding shortcode calls in a Markdown body, as Zola writes them: inline
//! `{{ figure(src="a.png", alt="…") }}`, with a body `{% notice(kind="提示") %}…{% end %}`,
//! and escaped `{{/* figure() */}}` (printed as written, without the comment marks).
//! Calls inside code spans and code blocks are text, never calls.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// An argument's value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: String,
    pub value: Value,
    /// Byte range of the value in the body (inside the quotes for a string).
    pub at: Range<usize>,
    /// Byte offset of the argument's name.
    pub name_at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Inline,
    /// The body's byte range, between the opening tag and `{% end %}`.
    Body(Range<usize>),
    /// `{{/* … */}}`: the text to print as it is.
    Escaped(String),
}

/// One call: its name, arguments and the whole span it takes in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Vec<Arg>,
    pub kind: Kind,
    pub span: Range<usize>,
}

impl Call {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name == name)
    }
}

/// A call that could not be read: where, and what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub offset: usize,
    pub what: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The arguments are not `name=value, …` with a string, number or boolean value.
    BadArguments,
    /// No `}}` / `%}` closes the tag.
    Unclosed,
    /// A body call without `{% end %}`.
    NoEnd(String),
    /// `{% end %}` with no call open.
    StrayEnd,
    /// The same argument twice.
    Repeated(String),
}

/// Every call of `body` outside code, in order, and the malformed ones.
pub fn find(body: &str) -> (Vec<Call>, Vec<Malformed>) {
    let mut calls = Vec::new();
    let mut bad = Vec::new();
    if !body.contains("{{") && !body.contains("{%") {
        return (calls, bad);
    }
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let mut i = 0;
    while let Some(found) = next_open(body, i) {
        let (at, block) = found;
        i = at + 2;
        if in_code(at) {
            continue;
        }
        let rest = &body[at + 2..];
        if let Some(escaped) = escaped(rest, block) {
            let span = at..at + 2 + escaped.0;
            calls.push(Call {
                name: String::new(),
                args: Vec::new(),
                kind: Kind::Escaped(escaped.1),
                span: span.clone(),
            });
            i = span.end;
            continue;
        }
        match tag(body, at, block) {
            Tag0::NotACall => {}
            Tag0::End(end) => {
                bad.push(Malformed {
                    offset: at,
                    what: Problem::StrayEnd,
                });
                i = end;
            }
            Tag0::Bad(what, end) => {
                bad.push(Malformed { offset: at, what });
                i = end;
            }
            Tag0::Call(name, args, end) if !block => {
                calls.push(Call {
                    name,
                    args,
                    kind: Kind::Inline,
                    span: at..end,
                });
                i = end;
            }
            Tag0::Call(name, args, end) => match find_end(body, end, &in_code) {
                Some((body_end, close_end)) => {
                    calls.push(Call {
                        name,
                        args,
                        kind: Kind::Body(end..body_end),
                        span: at..close_end,
                    });
                    i = close_end;
                }
                None => {
                    bad.push(Malformed {
                        offset: at,
                        what: Problem::NoEnd(name),
                    });
                    i = end;
                }
            },
        }
    }
    (calls, bad)
}

/// The next `{{` or `{%` at or after `from`, and whether it is `{%`.
fn next_open(body: &str, mut from: usize) -> Option<(usize, bool)> {
    loop {
        let at = body.get(from..)?.find('{').map(|i| from + i)?;
        match body.as_bytes().get(at + 1) {
            Some(b'{') => return Some((at, false)),
            Some(b'%') => return Some((at, true)),
            _ => from = at + 1,
        }
    }
}

/// `/* … */}}` after the opening: (length after the opening, the text to print).
fn escaped(rest: &str, block: bool) -> Option<(usize, String)> {
    let inner = rest.strip_prefix("/*")?;
    let close = if block { "*/%}" } else { "*/}}" };
    let end = inner.find(close)?;
    let (open, shut) = if block { ("{%", "%}") } else { ("{{", "}}") };
    Some((
        2 + end + close.len(),
        format!("{open}{}{shut}", &inner[..end]),
    ))
}

enum Tag0 {
    NotACall,
    Call(String, Vec<Arg>, usize),
    End(usize),
    Bad(Problem, usize),
}

/// Reads the tag starting at `at`: `{{ name(args) }}` or `{% name(args) %}`.
fn tag(body: &str, at: usize, block: bool) -> Tag0 {
    let close = if block { "%}" } else { "}}" };
    let mut p = skip_space(body, at + 2);
    let name_start = p;
    while body[p..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        p += 1;
    }
    let name = &body[name_start..p];
    if name.is_empty() {
        return Tag0::NotACall;
    }
    if block && name == "end" {
        let q = skip_space(body, p);
        return match body[q..].starts_with(close) {
            true => Tag0::End(q + 2),
            false => Tag0::NotACall,
        };
    }
    if !body[p..].starts_with('(') {
        return Tag0::NotACall;
    }
    let line_end = |from: usize| body[from..].find(close).map(|i| from + i + 2);
    let give_up = |what| Tag0::Bad(what, line_end(p).unwrap_or(body.len()));
    let (args, after) = match args(body, p + 1) {
        Ok(found) => found,
        Err(what) => return give_up(what),
    };
    let q = skip_space(body, after);
    if !body[q..].starts_with(close) {
        return give_up(Problem::Unclosed);
    }
    Tag0::Call(name.to_string(), args, q + 2)
}

/// `name=value, …)` from `p`: the arguments and the offset after `)`.
fn args(body: &str, mut p: usize) -> Result<(Vec<Arg>, usize), Problem> {
    let mut out: Vec<Arg> = Vec::new();
    loop {
        p = skip_space(body, p);
        if body[p..].starts_with(')') {
            return Ok((out, p + 1));
        }
        let start = p;
        while body[p..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            p += 1;
        }
        let name = body[start..p].to_string();
        p = skip_space(body, p);
        if name.is_empty() || !body[p..].starts_with('=') {
            return Err(Problem::BadArguments);
        }
        p = skip_space(body, p + 1);
        let (value, at, after) = value(body, p).ok_or(Problem::BadArguments)?;
        if out.iter().any(|a| a.name == name) {
            return Err(Problem::Repeated(name));
        }
        out.push(Arg {
            name,
            value,
            at,
            name_at: start,
        });
        p = skip_space(body, after);
        if body[p..].starts_with(',') {
            p += 1;
        } else if !body[p..].starts_with(')') {
            return Err(Problem::BadArguments);
        }
    }
}

/// A value at `p`: a quoted string (`"`, `'` or `` ` ``), a number, `true` or `false`.
fn value(body: &str, p: usize) -> Option<(Value, Range<usize>, usize)> {
    let rest = &body[p..];
    let first = rest.chars().next()?;
    if matches!(first, '"' | '\'' | '`') {
        let len = rest[1..].find(first)?;
        let text = &rest[1..1 + len];
        return Some((
            Value::Str(text.to_string()),
            p + 1..p + 1 + len,
            p + len + 2,
        ));
    }
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(rest.len());
    let word = &rest[..len];
    let value = match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => match word.parse::<i64>() {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Float(word.parse::<f64>().ok().filter(|f| f.is_finite())?),
        },
    };
    Some((value, p..p + len, p + len))
}

/// The next `{% end %}` outside code from `from`: (where the body ends, after the tag).
fn find_end(body: &str, from: usize, in_code: &dyn Fn(usize) -> bool) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some((at, block)) = next_open(body, i) {
        i = at + 2;
        if !block || in_code(at) {
            continue;
        }
        if let Tag0::End(end) = tag(body, at, true) {
            return Some((at, end));
        }
    }
    None
}

fn skip_space(body: &str, mut p: usize) -> usize {
    while body[p..].starts_with([' ', '\t', '\n', '\r']) {
        p += 1;
    }
    p
}

/// Byte ranges of code spans and code blocks.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Code(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block.take() {
                    out.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    out
}
