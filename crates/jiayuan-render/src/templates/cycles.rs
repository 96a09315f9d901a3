//! Cycles of `{% include %}`, `{% import %}` and `{% extends %}` between templates, found
//! in their sources before anything renders: tera would follow an include cycle until the
//! stack overflows, which kills the build (and `serve`) without a word.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiayuan_core::diagnostic::{line_col, Diagnostic};
use jiayuan_core::msg;

/// One `{% include %}`, `{% import %}` or `{% extends %}` tag of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub kind: &'static str,
    /// The names it lists; an include renders the first one that exists.
    pub targets: Vec<String>,
    /// Byte offset of its `{%`.
    pub offset: usize,
}

/// The include, import and extends tags of a template source, in order. Comments,
/// `{{ … }}` expressions and `{% raw %}` blocks are skipped.
pub fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('{') {
        let at = i + off;
        let rest = &text[at..];
        let close = match rest.get(..2) {
            Some("{#") => "#}",
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                i = at + 1;
                continue;
            }
        };
        let Some(end) = rest[2..].find(close).map(|e| at + 2 + e) else {
            break;
        };
        i = end + 2;
        if close != "%}" {
            continue;
        }
        let body = text[at + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = body.split_whitespace().next().unwrap_or("");
        match keyword {
            "raw" => i = skip_raw(text, i),
            "include" | "import" | "extends" => found.push(Reference {
                kind: match keyword {
                    "include" => "include",
                    "import" => "import",
                    _ => "extends",
                },
                targets: string_literals(&body[keyword.len()..]),
                offset: at,
            }),
            _ => {}
        }
    }
    found
}

/// The position after the `{% endraw %}` that closes a raw block starting at `from`.
fn skip_raw(text: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(off) = text[i..].find("{%") {
        let at = i + off;
        let Some(end) = text[at + 2..].find("%}").map(|e| at + 2 + e) else {
            return text.len();
        };
        let body = text[at + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if body == "endraw" {
            return end + 2;
        }
        i = end + 2;
    }
    text.len()
}

/// Every quoted string in a tag's arguments (`"a.html"`, `'a.html'`, `` `a.html` ``),
/// before an import's `as`.
fn string_literals(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = args.char_indices();
    while let Some((start, c)) = chars.next() {
        if !matches!(c, '"' | '\'' | '`') {
            continue;
        }
        let Some((end, _)) = chars.by_ref().find(|&(_, d)| d == c) else {
            break;
        };
        out.push(args[start + c.len_utf8()..end].to_string());
    }
    out
}

/// A template as the build will use it: its name, where it was read and its text.
pub struct Named<'a> {
    pub name: &'a str,
    pub shown: &'a Path,
    pub text: &'a str,
}

/// One error for each cycle of templates that include, import or extend each other,
/// placed at the tag in the first template of the cycle (by name).
pub fn find(templates: &[Named<'_>]) -> Vec<Diagnostic> {
    let index: BTreeMap<&str, &Named<'_>> = templates.iter().map(|t| (t.name, t)).collect();
    // Edges: the first existing target of each tag, with the tag.
    let edges: BTreeMap<&str, Vec<(&str, Reference)>> = index
        .iter()
        .map(|(&name, t)| {
            let out = references(t.text)
                .into_iter()
                .filter_map(|r| {
                    let target = r.targets.iter().find(|n| index.contains_key(n.as_str()))?;
                    let (key, _) = index.get_key_value(target.as_str())?;
                    Some((*key, r))
                })
                .collect();
            (name, out)
        })
        .collect();
    let mut cycles: Vec<Vec<&str>> = Vec::new();
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for &start in index.keys() {
        walk(start, &edges, &mut state, &mut cycles);
    }
    cycles
        .into_iter()
        .map(|cycle| diagnostic(&cycle, &index, &edges))
        .collect()
}

/// Depth-first search from `start` without recursion (a long include chain must not
/// overflow the stack either). `state`: 1 while on the path, 2 when done. Each back edge
/// closes a cycle, recorded from its smallest name so that it reads the same every run.
fn walk<'a>(
    start: &'a str,
    edges: &BTreeMap<&'a str, Vec<(&'a str, Reference)>>,
    state: &mut BTreeMap<&'a str, u8>,
    cycles: &mut Vec<Vec<&'a str>>,
) {
    if state.contains_key(start) {
        return;
    }
    let mut path: Vec<(&str, usize)> = vec![(start, 0)];
    state.insert(start, 1);
    while let Some((node, next)) = path.last_mut() {
        let out = edges.get(*node).map_or(&[][..], Vec::as_slice);
        let Some((target, _)) = out.get(*next) else {
            state.insert(*node, 2);
            path.pop();
            continue;
        };
        *next += 1;
        match state.get(target) {
            None => {
                state.insert(target, 1);
                path.push((target, 0));
            }
            Some(1) => {
                let from = path.iter().position(|(n, _)| n == target).unwrap_or(0);
                let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                let smallest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                cycle.rotate_left(smallest);
                if !cycles.contains(&cycle) {
                    cycles.push(cycle);
                }
            }
            Some(_) => {}
        }
    }
}

fn diagnostic(
    cycle: &[&str],
    index: &BTreeMap<&str, &Named<'_>>,
    edges: &BTreeMap<&str, Vec<(&str, Reference)>>,
) -> Diagnostic {
    let first = cycle[0];
    let second = cycle.get(1).copied().unwrap_or(first);
    let template = index[first];
    let reference = edges[first]
        .iter()
        .find(|(target, _)| *target == second)
        .map(|(_, r)| r);
    let path: Vec<&str> = cycle
        .iter()
        .chain(std::iter::once(&first))
        .copied()
        .collect();
    let kind = reference.map_or("include", |r| r.kind);
    let (line, column) = reference.map_or((1, 1), |r| line_col(template.text, r.offset));
    Diagnostic::error(
        template.shown,
        msg!("template-cycle", cycle = path.join(" → ")),
    )
    .at(line, column)
    .with_source(Arc::from(template.text))
    .help(msg!("template-cycle-help", kind = kind, first = first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_skip_comments_expressions_and_raw_blocks() {
        let text = "{# {% include \"x.html\" %} #}{{ \"{% include 'y' %}\" }}\n\
                    {% raw %}{% include \"z.html\" %}{% endraw %}\n\
                    {%- include [\"a.html\", 'b.html'] ignore missing -%}\
                    {% import \"m.html\" as m %}{% extends `base.html` %}";
        let refs = references(text);
        let got: Vec<(&str, Vec<String>)> =
            refs.iter().map(|r| (r.kind, r.targets.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("include", vec!["a.html".to_string(), "b.html".to_string()]),
                ("import", vec!["m.html".to_string()]),
                ("extends", vec!["base.html".to_string()]),
            ]
        );
        assert_eq!(line_col(text, refs[0].offset), (3, 1));
    }

    fn cycles(templates: &[(&str, &str)]) -> Vec<String> {
        let named: Vec<Named<'_>> = templates
            .iter()
            .map(|(name, text)| Named {
                name,
                shown: Path::new(name),
                text,
            })
            .collect();
        find(&named)
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{} {}",
                    d.file.display(),
                    d.line,
                    d.column,
                    d.message.en()
                )
            })
            .collect()
    }

    #[test]
    fn cycles_are_found_once_and_placed_at_the_tag() {
        assert_eq!(
            cycles(&[("a.html", "x\n  {% include \"a.html\" %}")]),
            vec!["a.html:2:3 templates form a cycle: a.html → a.html"]
        );
        assert_eq!(
            cycles(&[
                ("b.html", "{% include \"c.html\" %}"),
                ("c.html", "{% include \"a.html\" %}"),
                ("a.html", "<p>{% extends \"b.html\" %}"),
            ]),
            vec!["a.html:1:4 templates form a cycle: a.html → b.html → c.html → a.html"]
        );
        // The first existing name of a list counts; a missing one makes no edge.
        assert!(cycles(&[
            (
                "a.html",
                "{% include [\"none.html\", \"b.html\"] ignore missing %}"
            ),
            ("b.html", "{% include \"none.html\" ignore missing %}"),
        ])
        .is_empty());
        assert_eq!(
            cycles(&[
                ("a.html", "{% include [\"b.html\", \"a.html\"] %}"),
                ("b.html", "{% import \"a.html\" as m %}"),
            ]),
            vec!["a.html:1:1 templates form a cycle: a.html → b.html → a.html"]
        );
    }

    #[test]
    fn a_long_chain_without_a_cycle_is_fine() {
        let names: Vec<String> = (0..20_000).map(|i| format!("t{i:05}.html")).collect();
        let texts: Vec<String> = (0..20_000)
            .map(|i| match names.get(i + 1) {
                Some(next) => format!("{{% include \"{next}\" %}}"),
                None => String::new(),
            })
            .collect();
        let templates: Vec<(&str, &str)> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        assert!(cycles(&templates).is_empty());
    }
}
