//! Moodle GIFT → questions: the subset that maps onto the four types, with difficulty,
//! tags and source in `// 难度：2` comments (docs/题库导入.md). Questions are separated by
//! blank lines; a paragraph of comments alone sets defaults for the questions after it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiayuan_core::diagnostic::{line_col, Diagnostic};
use jiayuan_core::msg;

use super::gift_answers::{self, clean, find_unescaped};
use super::gift_messages;
use super::messages::{self, Text};
use super::rows::{difficulty_level, TAG_SEPARATORS};
use super::{generated_id, Entry, Read, Spot};

/// What `// 难度：…`, `// 标签：…`, `// 出处：…` and `// 出处链接：…` set.
#[derive(Clone, Default)]
struct Meta {
    difficulty: Option<u8>,
    tags: Vec<String>,
    source: Option<String>,
    source_url: Option<String>,
}

impl Meta {
    /// `self` with what `more` sets laid over it; tags add up.
    fn and(&self, more: &Meta) -> Meta {
        let mut tags = self.tags.clone();
        for t in &more.tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        Meta {
            difficulty: more.difficulty.or(self.difficulty),
            tags,
            source: more.source.clone().or_else(|| self.source.clone()),
            source_url: more.source_url.clone().or_else(|| self.source_url.clone()),
        }
    }
}

struct Gift<'a> {
    source: &'a str,
    file: &'a str,
    shared: Arc<str>,
    diags: &'a mut Vec<Diagnostic>,
}

pub fn read(text: &str, file: &str, bank: &str, diags: &mut Vec<Diagnostic>) -> Read {
    let source = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut gift = Gift {
        source,
        file,
        shared: Arc::from(source),
        diags,
    };
    let mut defaults = Meta::default();
    let mut category: Option<String> = None;
    let mut entries: Vec<(Entry, Spot)> = Vec::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    let mut reported = BTreeSet::new();
    let mut questions = 0;
    for (start, end) in paragraphs(source) {
        let (content, own, new_category) = gift.strip_comments(start, end);
        if let Some(c) = new_category {
            category = c;
        }
        if content.trim().is_empty() {
            defaults = defaults.and(&own);
            continue;
        }
        let mut meta = defaults.clone();
        if let Some(c) = &category {
            meta = meta.and(&Meta {
                tags: vec![c.clone()],
                ..Meta::default()
            });
        }
        let meta = meta.and(&own);
        let at = start + content.len() - content.trim_start().len();
        if let Some(title) = leading_title(&content).filter(|t| !t.is_empty()) {
            match first_line.get(&title) {
                Some(line) => {
                    gift.report(at, gift_messages::duplicate_title(&title, *line));
                    reported.insert(title);
                }
                None => {
                    first_line.insert(title, line_col(source, at).0);
                }
            }
        }
        questions += 1;
        if let Some(found) = gift.question(&content, start, &meta, bank, questions) {
            entries.push(found);
        }
    }
    gift.generated_ids_unique(&entries, &reported);
    Read {
        title: None,
        entries,
    }
}

/// Byte ranges of the runs of non-blank lines.
fn paragraphs(source: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        match (line.trim().is_empty(), start) {
            (true, Some(s)) => {
                out.push((s, offset));
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, source.len()));
    }
    out
}

impl Gift<'_> {
    /// A generated id (`<bank>-003`) that a `::title::` already took.
    fn generated_ids_unique(&mut self, entries: &[(Entry, Spot)], reported: &BTreeSet<String>) {
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (entry, spot) in entries {
            match first.get(entry.id.as_str()) {
                Some(line) if !reported.contains(&entry.id) => {
                    let text = messages::duplicate_generated_id(
                        &entry.id,
                        messages::row(None, *line as u32),
                    );
                    let d = super::problem(self.file, spot, text).with_source(self.shared.clone());
                    self.diags.push(d);
                }
                Some(_) => {}
                None => {
                    first.insert(&entry.id, spot.line);
                }
            }
        }
    }

    fn report(&mut self, offset: usize, text: Text) {
        let d = Diagnostic::error(self.file, text.message)
            .at_offset(self.source, offset)
            .with_source(self.shared.clone());
        self.diags.push(match text.help {
            Some(help) => d.help(help),
            None => d,
        });
    }

    /// The paragraph with its comment and `$CATEGORY:` lines blanked out (so offsets
    /// stay those of the file), the metadata its comments set, and its category.
    /// The category is `Some(None)` after `$CATEGORY: $course$/top`.
    fn strip_comments(
        &mut self,
        start: usize,
        end: usize,
    ) -> (String, Meta, Option<Option<String>>) {
        let mut content = String::with_capacity(end - start);
        let mut meta = Meta::default();
        let mut category = None;
        let mut offset = start;
        for line in self.source[start..end].split_inclusive('\n') {
            let trimmed = line.trim();
            if let Some(comment) = trimmed.strip_prefix("//") {
                self.meta(comment.trim(), offset, &mut meta);
            } else if let Some(path) = trimmed.strip_prefix("$CATEGORY:") {
                category = Some(category_tag(path));
            } else {
                content.push_str(line);
                offset += line.len();
                continue;
            }
            // One space per byte, so offsets into `content` are offsets into the file.
            content.extend(line.bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
            offset += line.len();
        }
        (content, meta, category)
    }

    /// `难度：2` and the other keys; any other comment is a comment.
    fn meta(&mut self, comment: &str, offset: usize, meta: &mut Meta) {
        let Some((key, value)) = comment.split_once(['：', ':']) else {
            return;
        };
        let value = value.trim();
        match key.trim() {
            "难度" => match difficulty_level(value) {
                Some(level) => meta.difficulty = Some(level),
                None => self.report(offset, messages::bad_difficulty(value)),
            },
            "标签" => {
                meta.tags = value
                    .split(TAG_SEPARATORS)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "出处" => meta.source = Some(value.to_owned()),
            "出处链接" => {
                if !value.starts_with('/') || value.starts_with("//") {
                    self.report(offset, messages::bad_source_url(value));
                }
                meta.source_url = Some(value.to_owned());
            }
            _ => {}
        }
    }

    /// The `::title::` and a `[format]` marker before the stem: the title and where the
    /// stem starts.
    fn head(&mut self, text: &str, start: usize, mut pos: usize) -> (Option<String>, usize) {
        let mut title = None;
        if text[pos..].starts_with("::") {
            match find_unescaped(text, "::", pos + 2) {
                Some(end) => {
                    title = Some(clean(&text[pos + 2..end]));
                    pos = end + 2;
                }
                None => self.report(start + pos, gift_messages::stray("::")),
            }
        }
        pos += text[pos..].len() - text[pos..].trim_start().len();
        if let Some(rest) = text[pos..].strip_prefix('[') {
            if let Some(close) = rest.find(']') {
                match &rest[..close] {
                    "plain" | "moodle" => pos += close + 2,
                    marker @ ("html" | "markdown") => {
                        self.report(start + pos, gift_messages::text_format(marker))
                    }
                    _ => {}
                }
            }
        }
        (title, pos)
    }

    /// One question; `start` is the paragraph's offset in the file.
    fn question(
        &mut self,
        text: &str,
        start: usize,
        meta: &Meta,
        bank: &str,
        n: usize,
    ) -> Option<(Entry, Spot)> {
        let before = self.diags.len();
        let pos = text.len() - text.trim_start().len();
        let (line, column) = line_col(self.source, start + pos);
        let spot = Spot {
            line,
            column,
            prefix: None,
        };
        let begin = start + pos;
        let (title, pos) = self.head(text, start, pos);
        let Some(open) = find_unescaped(text, "{", pos) else {
            self.report(begin, gift_messages::no_answers());
            return None;
        };
        let Some(close) = find_unescaped(text, "}", open + 1) else {
            self.report(start + open, gift_messages::unclosed());
            return None;
        };
        if let Some(more) = find_unescaped(text, "{", close + 1) {
            let what = msg!("import-gift-many-blocks");
            self.report(start + more, gift_messages::unsupported(what));
        }
        let parsed = match gift_answers::parse(&text[open + 1..close], start + open + 1) {
            Ok(p) => Some(p),
            Err(problems) => {
                for (offset, t) in problems {
                    self.report(offset, t);
                }
                None
            }
        };
        let lead = clean(&text[pos..open]);
        let tail = clean(&text[close + 1..]);
        let stem = if tail.is_empty() {
            lead
        } else {
            format!("{lead}____{tail}")
        };
        if stem.is_empty() {
            self.report(begin, messages::empty_required("题干"));
        }
        if let Some(t) = title
            .as_ref()
            .filter(|t| t.chars().any(char::is_whitespace))
        {
            self.report(begin, gift_messages::title_spaces(t));
        }
        if meta.difficulty.is_none() {
            self.report(begin, gift_messages::missing_difficulty());
        }
        if self.diags.len() > before {
            return None;
        }
        let parsed = parsed?;
        let entry = Entry {
            id: title
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| generated_id(bank, n)),
            stem,
            options: parsed.options,
            answer: parsed.answer,
            explanation: parsed.explanation,
            difficulty: meta.difficulty?,
            tags: meta.tags.clone(),
            source: meta.source.clone().unwrap_or_default(),
            source_url: meta.source_url.clone(),
        };
        Some((entry, spot))
    }
}

/// The `::title::` a question starts with, unescaped.
fn leading_title(text: &str) -> Option<String> {
    let pos = text.len() - text.trim_start().len();
    if !text[pos..].starts_with("::") {
        return None;
    }
    let end = find_unescaped(text, "::", pos + 2)?;
    Some(clean(&text[pos + 2..end]))
}

/// `$course$/top/三孩政策` → `三孩政策`: the last part of the path that is not a
/// placeholder; `None` for the top category.
fn category_tag(path: &str) -> Option<String> {
    path.trim()
        .split('/')
        .map(str::trim)
        .rfind(|p| !p.is_empty() && !p.starts_with('$') && *p != "top")
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_lines() {
        let text = "a\nb\n\n  \nc\n";
        let p = paragraphs(text);
        assert_eq!(p, [(0, 4), (8, 10)]);
        assert_eq!(&text[p[1].0..p[1].1], "c\n");
    }

    #[test]
    fn categories_become_tags() {
        assert_eq!(
            category_tag(" $course$/top/三孩政策"),
            Some("三孩政策".into())
        );
        assert_eq!(category_tag("$course$/top"), None);
        assert_eq!(category_tag("政策/婚育文化/"), Some("婚育文化".into()));
    }
}
