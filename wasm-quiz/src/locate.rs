//! Find the line and column of a node in YAML source text, by path.
//!
//! serde_yaml reports positions only for syntax errors, so semantic problems
//! are located by reading the layout of the text: block mappings and
//! sequences by indentation, flow collections (`[a, b]`, `{ k: v }`) on their
//! line. A path that cannot be followed all the way stops at the deepest node
//! found, which is still the right neighbourhood.

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Path shorthand: `ypath!["questions", 3, "answer"]`.
macro_rules! ypath {
    ($($seg:expr),* $(,)?) => { vec![$($crate::locate::Seg::from($seg)),*] };
}
pub(crate) use ypath;

impl From<&str> for Seg {
    fn from(k: &str) -> Seg {
        Seg::Key(k.to_owned())
    }
}

impl From<String> for Seg {
    fn from(k: String) -> Seg {
        Seg::Key(k)
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

struct Line {
    /// 1-based line number in the file.
    no: u32,
    indent: usize,
    /// The line after its indentation, as chars (columns count chars).
    text: Vec<char>,
}

/// A node: it begins at column `col` of line `start`; its block extent ends
/// before line `end`.
#[derive(Clone, Copy)]
struct Node {
    start: usize,
    col: usize,
    end: usize,
}

pub struct Outline {
    lines: Vec<Line>,
}

impl Outline {
    pub fn new(source: &str) -> Outline {
        let lines = source
            .lines()
            .enumerate()
            .filter_map(|(i, raw)| {
                let raw = raw.trim_start_matches('\u{feff}').trim_end();
                let body = raw.trim_start_matches(' ');
                let skip = body.is_empty() || body.starts_with('#') || body == "---";
                (!skip).then(|| Line {
                    no: i as u32 + 1,
                    indent: raw.len() - body.len(),
                    text: body.chars().collect(),
                })
            })
            .collect();
        Outline { lines }
    }

    /// 1-based (line, column) of the node at `path`; for a key, the key itself.
    pub fn locate(&self, path: &[Seg]) -> (u32, u32) {
        let Some(first) = self.lines.first() else {
            return (1, 1);
        };
        let mut node = Node {
            start: 0,
            col: first.indent,
            end: self.lines.len(),
        };
        let mut at = (first.no, first.indent as u32 + 1);
        for seg in path {
            let found = match seg {
                Seg::Key(k) => self.key(node, k),
                Seg::Index(n) => self.item(node, *n),
            };
            let Some((line, col, next)) = found else {
                break;
            };
            at = (self.lines[line].no, col as u32 + 1);
            node = next;
        }
        at
    }

    /// Text of line `i` from column `col`, if the line has text there.
    fn text_at(&self, i: usize, col: usize) -> Option<&[char]> {
        let line = &self.lines[i];
        line.text.get(col.checked_sub(line.indent)?..)
    }

    /// Whether the node is a flow collection starting on its first line.
    fn flow(&self, node: Node) -> Option<&[char]> {
        let text = self.text_at(node.start, node.col)?;
        matches!(text.first(), Some('{' | '[')).then_some(text)
    }

    /// Lines of node `node` that start a block entry at its column.
    fn entries(&self, node: Node) -> impl Iterator<Item = (usize, &[char])> {
        (node.start..node.end).filter_map(move |i| {
            let line = &self.lines[i];
            if i != node.start && line.indent != node.col {
                return None;
            }
            self.text_at(i, node.col).map(|t| (i, t))
        })
    }

    fn key(&self, node: Node, key: &str) -> Option<(usize, usize, Node)> {
        if let Some(text) = self.flow(node) {
            let (offset, after) = flow_elements(text)
                .into_iter()
                .find_map(|e| key_len(&text[e..], key).map(|n| (e, e + n)))?;
            let value = node.col + skip_spaces(text, after);
            return Some((node.start, node.col + offset, single(node.start, value)));
        }
        let (i, text) = self
            .entries(node)
            .find(|(_, t)| key_len(t, key).is_some())?;
        let after = key_len(text, key)?;
        let rest = skip_spaces(text, after);
        let end = self.block_end(i, node.col, node.end);
        let inline = text
            .get(rest)
            .is_some_and(|c| !matches!(c, '#' | '|' | '>'));
        let value = if inline || i + 1 >= end {
            Node {
                start: i,
                col: node.col + rest,
                end,
            }
        } else {
            Node {
                start: i + 1,
                col: self.lines[i + 1].indent,
                end,
            }
        };
        Some((i, node.col, value))
    }

    fn item(&self, node: Node, n: usize) -> Option<(usize, usize, Node)> {
        if let Some(text) = self.flow(node) {
            let e = *flow_elements(text).get(n)?;
            return Some((node.start, node.col + e, single(node.start, node.col + e)));
        }
        let items: Vec<(usize, usize)> = self
            .entries(node)
            .filter(|(_, t)| t.first() == Some(&'-') && t.get(1).is_none_or(|c| *c == ' '))
            .map(|(i, t)| (i, skip_spaces(t, 1)))
            .collect();
        let &(i, rest) = items.get(n)?;
        let end = items.get(n + 1).map_or(node.end, |&(next, _)| next);
        let value = if rest < self.text_at(i, node.col)?.len() || i + 1 >= end {
            Node {
                start: i,
                col: node.col + rest,
                end,
            }
        } else {
            Node {
                start: i + 1,
                col: self.lines[i + 1].indent,
                end,
            }
        };
        Some((i, node.col, value))
    }

    /// End of the value of a key at line `i`, column `col`: the next line
    /// back at the key's column (a sequence may sit at that column too).
    fn block_end(&self, i: usize, col: usize, limit: usize) -> usize {
        (i + 1..limit)
            .find(|&j| {
                let l = &self.lines[j];
                l.indent < col || (l.indent == col && l.text.first() != Some(&'-'))
            })
            .unwrap_or(limit)
    }
}

fn single(line: usize, col: usize) -> Node {
    Node {
        start: line,
        col,
        end: line + 1,
    }
}

fn skip_spaces(text: &[char], from: usize) -> usize {
    from + text
        .get(from..)
        .map_or(0, |t| t.iter().take_while(|c| **c == ' ').count())
}

/// If `text` starts with `key:` (bare or quoted) followed by a space or the
/// end, the length up to and including the colon.
fn key_len(text: &[char], key: &str) -> Option<usize> {
    let key: Vec<char> = key.chars().collect();
    let n = [0usize, 1].into_iter().find_map(|quoted| {
        if quoted == 1 && !matches!(text.first(), Some('"' | '\'')) {
            return None;
        }
        let body = text.get(quoted..quoted + key.len())?;
        (body == key.as_slice()).then_some(quoted * 2 + key.len())
    })?;
    let colon_ok = text.get(n) == Some(&':')
        && text
            .get(n + 1)
            .is_none_or(|c| matches!(c, ' ' | ',' | '}' | '\t'));
    colon_ok.then_some(n + 1)
}

/// Start columns of the top-level elements of the flow collection at the
/// start of `text` (which begins with `[` or `{`).
fn flow_elements(text: &[char]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut expect = false;
    for (i, &c) in text.iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if expect && !matches!(c, ' ' | ']' | '}') {
            starts.push(i);
            expect = false;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                expect = depth == 1;
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(o: &Outline, path: Vec<Seg>) -> (u32, u32) {
        o.locate(&path)
    }

    const BANK: &str = "\
# a comment
bank: youth
questions:
  - id: y-001
    type: single
    options: [甲, 乙, \"丙, 丁\"]
    answer: B

  - id: y-002
    type: multiple
    options:
      - 一
      - 二
    answer: [A, C]
-   stray: 1
";

    #[test]
    fn finds_keys_items_and_flow_elements() {
        let o = Outline::new(BANK);
        assert_eq!(loc(&o, ypath!["bank"]), (2, 1));
        assert_eq!(loc(&o, ypath!["questions"]), (3, 1));
        assert_eq!(loc(&o, ypath!["questions", 0]), (4, 3));
        assert_eq!(loc(&o, ypath!["questions", 0, "id"]), (4, 5));
        assert_eq!(loc(&o, ypath!["questions", 0, "answer"]), (7, 5));
        assert_eq!(loc(&o, ypath!["questions", 0, "options", 2]), (6, 21));
        assert_eq!(loc(&o, ypath!["questions", 1, "id"]), (9, 5));
        assert_eq!(loc(&o, ypath!["questions", 1, "options", 1]), (13, 7));
        assert_eq!(loc(&o, ypath!["questions", 1, "answer", 1]), (14, 17));
    }

    #[test]
    fn missing_parts_stop_at_the_deepest_node() {
        let o = Outline::new(BANK);
        assert_eq!(loc(&o, ypath!["questions", 1, "explanation"]), (9, 3));
        assert_eq!(loc(&o, ypath!["questions", 7]), (3, 1));
        assert_eq!(loc(&Outline::new(""), ypath!["x"]), (1, 1));
    }

    #[test]
    fn sequences_may_sit_at_the_key_column_and_hold_flow_maps() {
        let src = "id: c\ndraw:\n- { bank: a, count: 4 }\n- {tag: \"t\", count: 2}\nscoring: {}\n";
        let o = Outline::new(src);
        assert_eq!(loc(&o, ypath!["draw", 1]), (4, 1));
        assert_eq!(loc(&o, ypath!["draw", 0, "count"]), (3, 14));
        assert_eq!(loc(&o, ypath!["draw", 1, "tag"]), (4, 4));
        assert_eq!(loc(&o, ypath!["scoring"]), (5, 1));
    }

    #[test]
    fn block_scalars_do_not_hide_later_keys() {
        let src = "intro: |\n  mode: fake\n  - item\nmode: contest\n";
        let o = Outline::new(src);
        assert_eq!(loc(&o, ypath!["mode"]), (4, 1));
    }
}
