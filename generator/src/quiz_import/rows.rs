//! One sheet row → one question, with every problem of every cell.

use std::collections::BTreeMap;

use jiayuan_core::diagnostic::Diagnostic;
use wasm_quiz::model::{option_letter, MAX_OPTIONS, MIN_OPTIONS};
use wasm_quiz::normalize::normalize;

use super::columns::{cell_spot, read_header, Columns, Field};
use super::sheet::{Book, Cell, Row, Table};
use super::{generated_id, messages, problem, Answer, Entry, Kind, Read, Spot};

/// Separators of several accepted fill-in answers.
pub const ANSWER_SEPARATORS: [char; 4] = ['|', '｜', '；', ';'];
/// Separators of several tags.
pub const TAG_SEPARATORS: [char; 6] = ['、', '，', ',', '；', ';', '|'];

pub fn read(book: &Book, file: &str, bank: &str, diags: &mut Vec<Diagnostic>) -> Read {
    let title = book.info.as_ref().and_then(|t| info_title(t, file, diags));
    let mut entries = Vec::new();
    let table = &book.questions;
    if let Some((header_at, columns)) = read_header(table, file, diags) {
        let mut sheet = SheetRows {
            table,
            columns: &columns,
            file,
            diags,
        };
        let rows = table.rows[header_at + 1..].iter().filter(|r| !r.is_empty());
        for (i, row) in rows.enumerate() {
            if let Some(entry) = sheet.row(row, bank, i + 1) {
                entries.push(entry);
            }
        }
        sheet.unique_ids(&entries);
    }
    Read {
        title,
        entries: entries.into_iter().map(|r| (r.entry, r.id_spot)).collect(),
    }
}

/// `标题` in column A and the title in column B of the 题库信息 sheet.
fn info_title(table: &Table, file: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let mut title = None;
    for row in table.rows.iter().filter(|r| !r.is_empty()) {
        match (row.get(0), row.get(1)) {
            (Cell::Text(key), Cell::Text(value)) if key == "标题" => title = Some(value.clone()),
            (Cell::Text(key), _) if key == "标题" => {}
            (Cell::Text(key), _) => {
                let spot = cell_spot(table, row.number, 0, "");
                diags.push(problem(file, &spot, messages::unknown_info(key)));
            }
            _ => {}
        }
    }
    title
}

struct ReadRow {
    entry: Entry,
    id_spot: Spot,
    /// Whether the id was generated rather than written in the sheet.
    generated: bool,
}

struct SheetRows<'a> {
    table: &'a Table,
    columns: &'a Columns,
    file: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl SheetRows<'_> {
    fn spot(&self, row: &Row, field: Field) -> Spot {
        let column = self.columns.get(field).unwrap_or(0);
        cell_spot(self.table, row.number, column, self.columns.header(column))
    }

    fn report(&mut self, row: &Row, field: Field, text: messages::Text) {
        let spot = self.spot(row, field);
        self.diags.push(problem(self.file, &spot, text));
    }

    /// The cell's text; `None` for an empty cell or a column the sheet lacks. A date
    /// or error cell is reported.
    fn text(&mut self, row: &Row, field: Field) -> Option<String> {
        let column = self.columns.get(field)?;
        match row.get(column) {
            Cell::Empty => None,
            Cell::Text(t) => Some(t.clone()),
            Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_owned()),
            Cell::Date => {
                self.report(row, field, messages::date_cell());
                None
            }
            Cell::Error(code) => {
                let code = code.clone();
                self.report(row, field, messages::error_cell(&code));
                None
            }
        }
    }

    fn required(&mut self, row: &Row, field: Field, what: &str) -> Option<String> {
        let value = self.text(row, field);
        let column = self.columns.get(field).map(|c| row.get(c));
        if value.is_none() && column.is_some_and(Cell::is_empty) {
            self.report(row, field, messages::empty_required(what));
        }
        value
    }

    fn row(&mut self, row: &Row, bank: &str, n: usize) -> Option<ReadRow> {
        let before = self.diags.len();
        let id = self.text(row, Field::Id);
        if let Some(id) = id.as_ref().filter(|id| id.chars().any(char::is_whitespace)) {
            self.report(row, Field::Id, messages::bad_id(id));
        }
        let kind = self.kind(row);
        let stem = self.required(row, Field::Stem, "题干");
        let options = kind.map(|k| self.options(row, k)).unwrap_or_default();
        // A choice question without its options has had its error; its letters cannot
        // be checked against them.
        let answer = kind
            .filter(|k| !matches!(k, Kind::Single | Kind::Multiple) || options.len() >= MIN_OPTIONS)
            .and_then(|k| self.answer(row, k, &options));
        let explanation = self.text(row, Field::Explanation).unwrap_or_default();
        let difficulty = self.difficulty(row);
        let tags = self.tags(row);
        let source = self.text(row, Field::Source).unwrap_or_default();
        let source_url = self.text(row, Field::SourceUrl);
        if let Some(url) = &source_url {
            if !url.starts_with('/') || url.starts_with("//") {
                self.report(row, Field::SourceUrl, messages::bad_source_url(url));
            }
        }
        if self.diags.len() > before {
            return None;
        }
        let id_field = if self.columns.get(Field::Id).is_some() {
            Field::Id
        } else {
            Field::Kind
        };
        Some(ReadRow {
            id_spot: self.spot(row, id_field),
            generated: id.is_none(),
            entry: Entry {
                id: id.unwrap_or_else(|| generated_id(bank, n)),
                stem: stem?,
                options,
                answer: answer?,
                explanation,
                difficulty: difficulty?,
                tags,
                source,
                source_url,
            },
        })
    }

    fn kind(&mut self, row: &Row) -> Option<Kind> {
        let text = self.required(row, Field::Kind, "题型")?;
        let kind = match text.trim_end_matches('题') {
            "单选" | "单项选择" | "single" => Some(Kind::Single),
            "多选" | "多项选择" | "multiple" => Some(Kind::Multiple),
            "判断" | "是非" | "true_false" => Some(Kind::TrueFalse),
            "填空" | "fill_blank" => Some(Kind::FillBlank),
            _ => None,
        };
        if kind.is_none() {
            self.report(row, Field::Kind, messages::unknown_kind(&text));
        }
        kind
    }

    fn options(&mut self, row: &Row, kind: Kind) -> Vec<String> {
        let cells: Vec<Option<String>> = (0..MAX_OPTIONS)
            .map(|i| self.text(row, Field::Option(i)))
            .collect();
        let last = cells.iter().rposition(Option::is_some);
        if !matches!(kind, Kind::Single | Kind::Multiple) {
            if let Some(i) = cells.iter().position(Option::is_some) {
                self.report(row, Field::Option(i), messages::options_on(kind));
            }
            return Vec::new();
        }
        let Some(last) = last else {
            self.report(row, Field::Kind, messages::too_few_options(kind, 0));
            return Vec::new();
        };
        let mut options = Vec::new();
        for (i, cell) in cells[..=last].iter().enumerate() {
            match cell {
                None => {
                    let next = cells[i..].iter().position(Option::is_some).unwrap_or(0) + i;
                    let text = messages::option_gap(option_letter(next), option_letter(i));
                    self.report(row, Field::Option(next), text);
                    return Vec::new();
                }
                Some(o) => {
                    if let Some(k) = options.iter().position(|p: &String| p == o) {
                        let text = messages::option_repeats(option_letter(i), option_letter(k));
                        self.report(row, Field::Option(i), text);
                    }
                    options.push(o.clone());
                }
            }
        }
        if options.len() < MIN_OPTIONS {
            self.report(
                row,
                Field::Option(options.len()),
                messages::too_few_options(kind, options.len()),
            );
        }
        options
    }

    fn answer(&mut self, row: &Row, kind: Kind, options: &[String]) -> Option<Answer> {
        let column = self.columns.get(Field::Answer)?;
        if let (Kind::TrueFalse, Cell::Bool(b)) = (kind, row.get(column)) {
            return Some(Answer::TrueFalse(*b));
        }
        let text = self.required(row, Field::Answer, "答案")?;
        let result = match kind {
            Kind::Single | Kind::Multiple => letters(&text, kind, options),
            Kind::TrueFalse => true_false(&text)
                .map(Answer::TrueFalse)
                .ok_or_else(|| messages::bad_true_false(&text)),
            Kind::FillBlank => accepted(&text).map(Answer::FillBlank),
        };
        result.map_err(|t| self.report(row, Field::Answer, t)).ok()
    }

    fn difficulty(&mut self, row: &Row) -> Option<u8> {
        let text = self.required(row, Field::Difficulty, "难度")?;
        let level = difficulty_level(&text);
        if level.is_none() {
            self.report(row, Field::Difficulty, messages::bad_difficulty(&text));
        }
        level
    }

    fn tags(&mut self, row: &Row) -> Vec<String> {
        let Some(text) = self.text(row, Field::Tags) else {
            return Vec::new();
        };
        text.split(TAG_SEPARATORS)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Ids written twice, or generated ones that meet a written one.
    fn unique_ids(&mut self, rows: &[ReadRow]) {
        let mut first: BTreeMap<&str, &ReadRow> = BTreeMap::new();
        for r in rows {
            let Some(earlier) = first.get(r.entry.id.as_str()) else {
                first.insert(&r.entry.id, r);
                continue;
            };
            let at = messages::row(self.table.sheet.as_deref(), earlier.id_spot.line as u32);
            let text = if r.generated {
                messages::duplicate_generated_id(&r.entry.id, at)
            } else {
                messages::duplicate_id(&r.entry.id, at)
            };
            self.diags.push(problem(self.file, &r.id_spot, text));
        }
    }
}

/// `B`, `ACD`, `A,C,D`, `A、C、D`, `a c d` → option indices.
fn letters(text: &str, kind: Kind, options: &[String]) -> Result<Answer, messages::Text> {
    let mut picked = Vec::new();
    for c in text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '、' | ' ' | '\u{3000}'))
    {
        let c = match c {
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        }
        .to_ascii_uppercase();
        if !c.is_ascii_uppercase() {
            return Err(match kind {
                Kind::Single => messages::single_needs_one_letter(text),
                _ => messages::multiple_needs_letters(text),
            });
        }
        let index = (c as u8 - b'A') as usize;
        if index >= options.len() {
            let last = options.len().checked_sub(1).map(option_letter);
            return Err(messages::answer_letter_without_option(c, last));
        }
        if picked.contains(&index) {
            return Err(messages::letter_repeats(c));
        }
        picked.push(index);
    }
    match kind {
        Kind::Single if picked.len() == 1 => Ok(Answer::Single(picked[0])),
        Kind::Single => Err(messages::single_needs_one_letter(text)),
        _ if picked.len() < 2 => Err(messages::multiple_needs_two(picked.len())),
        _ => {
            picked.sort_unstable();
            Ok(Answer::Multiple(picked))
        }
    }
}

/// `1`–`3`, or the words for them.
pub fn difficulty_level(text: &str) -> Option<u8> {
    match text {
        "1" | "易" | "简单" | "容易" => Some(1),
        "2" | "中" | "中等" | "一般" => Some(2),
        "3" | "难" | "困难" | "较难" => Some(3),
        _ => None,
    }
}

/// 对/错 and the other ways of writing them.
pub fn true_false(text: &str) -> Option<bool> {
    match text.to_uppercase().as_str() {
        "对" | "正确" | "是" | "√" | "✓" | "✔" | "T" | "TRUE" => Some(true),
        "错" | "错误" | "否" | "×" | "✗" | "✘" | "X" | "F" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `三|3` → the accepted answers, each non-empty once normalised.
fn accepted(text: &str) -> Result<Vec<String>, messages::Text> {
    let answers: Vec<String> = text
        .split(ANSWER_SEPARATORS)
        .map(|a| a.trim().to_owned())
        .collect();
    if answers.iter().any(|a| normalize(a).is_empty()) {
        return Err(messages::empty_accepted());
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("选项{i}")).collect()
    }

    #[test]
    fn answer_letters_in_the_ways_editors_write_them() {
        let four = opts(4);
        assert_eq!(
            letters("b", Kind::Single, &four).ok(),
            Some(Answer::Single(1))
        );
        for written in ["ACD", "A,C,D", "A、C、D", "a c d", "ＤＣＡ"] {
            assert_eq!(
                letters(written, Kind::Multiple, &four).ok(),
                Some(Answer::Multiple(vec![0, 2, 3])),
                "{written}"
            );
        }
        assert!(letters("AB", Kind::Single, &four).is_err());
        assert!(letters("A", Kind::Multiple, &four).is_err());
        assert!(letters("AE", Kind::Multiple, &four).is_err());
        assert!(letters("AA", Kind::Multiple, &four).is_err());
        assert!(letters("A1", Kind::Multiple, &four).is_err());
    }

    #[test]
    fn true_false_and_accepted_answers() {
        assert_eq!(true_false("正确"), Some(true));
        assert_eq!(true_false("×"), Some(false));
        assert_eq!(true_false("false"), Some(false));
        assert_eq!(true_false("不对"), None);
        assert_eq!(accepted("三|3").ok(), Some(vec!["三".into(), "3".into()]));
        assert_eq!(
            accepted("长期均衡；均衡").ok(),
            Some(vec!["长期均衡".into(), "均衡".into()])
        );
        assert!(accepted("三||3").is_err());
    }
}
