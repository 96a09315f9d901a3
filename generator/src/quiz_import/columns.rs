//! The header row: which column holds what, found by name in any order.

use std::collections::BTreeMap;

use jiayuan_core::diagnostic::Diagnostic;

use super::sheet::{column_letter, Cell, Row, Table};
use super::{messages, problem, Spot};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Id,
    Kind,
    Stem,
    /// 选项A is 0.
    Option(usize),
    Answer,
    Explanation,
    Difficulty,
    Tags,
    Source,
    SourceUrl,
}

/// The columns in the order `quiz export` writes them; the names are the headers.
pub const LAYOUT: [(Field, &str); 15] = [
    (Field::Id, "编号"),
    (Field::Kind, "题型"),
    (Field::Stem, "题干"),
    (Field::Option(0), "选项A"),
    (Field::Option(1), "选项B"),
    (Field::Option(2), "选项C"),
    (Field::Option(3), "选项D"),
    (Field::Option(4), "选项E"),
    (Field::Option(5), "选项F"),
    (Field::Answer, "答案"),
    (Field::Explanation, "解析"),
    (Field::Difficulty, "难度"),
    (Field::Tags, "标签"),
    (Field::Source, "出处"),
    (Field::SourceUrl, "出处链接"),
];

/// Other names for a column, as other question-bank tools write them.
const ALIASES: [(&str, Field); 8] = [
    ("题目类型", Field::Kind),
    ("题目", Field::Stem),
    ("正确答案", Field::Answer),
    ("答案解析", Field::Explanation),
    ("试题解析", Field::Explanation),
    ("ID", Field::Id),
    ("题号", Field::Id),
    ("来源", Field::Source),
];

const REQUIRED: [Field; 4] = [Field::Kind, Field::Stem, Field::Answer, Field::Difficulty];

/// A header as compared: no spaces, full-width letters folded, letters upper case
/// (`选项 a`, `选项Ａ` and `选项A` are one column).
fn folded(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn field_of(header: &str) -> Option<Field> {
    let h = folded(header);
    LAYOUT
        .iter()
        .map(|(f, name)| (*name, *f))
        .chain(ALIASES)
        .find(|(name, _)| *name == h)
        .map(|(_, f)| f)
}

pub struct Columns {
    by_field: BTreeMap<Field, usize>,
    /// The header as written, by column, for messages.
    headers: BTreeMap<usize, String>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.by_field.get(&field).copied()
    }

    pub fn header(&self, column: usize) -> &str {
        self.headers.get(&column).map_or("", String::as_str)
    }
}

/// The spot of a cell, named as the editor sees it.
pub fn cell_spot(table: &Table, row: u32, column: usize, header: &str) -> Spot {
    let letter = column_letter(column);
    Spot {
        line: row as usize,
        column: column + 1,
        prefix: Some(messages::cell(table.sheet.as_deref(), row, &letter, header)),
    }
}

/// Reads the header row (the first row that is not empty). Every column whose cells
/// hold something must have a name we know, so no column is dropped unread.
pub fn read_header(
    table: &Table,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Columns)> {
    let Some(at) = table.rows.iter().position(|r| !r.is_empty()) else {
        diags.push(super::whole_file(file, messages::no_header()));
        return None;
    };
    let header: &Row = &table.rows[at];
    let data = &table.rows[at + 1..];
    let mut columns = Columns {
        by_field: BTreeMap::new(),
        headers: BTreeMap::new(),
    };
    let mut unknown = Vec::new();
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for column in 0..width {
        let spot = cell_spot(table, header.number, column, "");
        let name = match header.get(column) {
            Cell::Text(t) => t.clone(),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => {
                if let Some(row) = data.iter().find(|r| !r.get(column).is_empty()) {
                    let spot = cell_spot(table, row.number, column, "");
                    diags.push(problem(file, &spot, messages::headless_column()));
                }
                continue;
            }
            Cell::Date => {
                diags.push(problem(file, &spot, messages::date_cell()));
                continue;
            }
            Cell::Error(code) => {
                diags.push(problem(file, &spot, messages::error_cell(code)));
                continue;
            }
        };
        let Some(field) = field_of(&name) else {
            unknown.push((spot, name));
            continue;
        };
        if let Some(first) = columns.by_field.get(&field) {
            let text = messages::duplicate_header(&name, &column_letter(*first));
            diags.push(problem(file, &spot, text));
            continue;
        }
        columns.by_field.insert(field, column);
        columns.headers.insert(column, name);
    }
    // Suggest only the columns the sheet does not have yet.
    let missing: Vec<&str> = LAYOUT
        .iter()
        .filter(|(f, _)| columns.get(*f).is_none())
        .map(|(_, n)| *n)
        .collect();
    for (spot, name) in unknown {
        let suggestion = jiayuan_core::diagnostic::did_you_mean(&folded(&name), &missing)
            .or_else(|| one_character_off(&folded(&name), &missing));
        let text = messages::unknown_header(&name, suggestion);
        diags.push(problem(file, &spot, text));
    }
    let mut complete = true;
    for field in REQUIRED {
        if columns.get(field).is_none() {
            let name = LAYOUT
                .iter()
                .find(|(f, _)| *f == field)
                .map_or("", |(_, n)| n);
            let spot = Spot {
                line: header.number as usize,
                column: 1,
                prefix: Some(messages::row(table.sheet.as_deref(), header.number)),
            };
            diags.push(problem(file, &spot, messages::missing_column(name)));
            complete = false;
        }
    }
    complete.then_some((at, columns))
}

/// A known name of the same length that differs in one character: `题杆` → `题干`
/// (too short for the similarity measure of "did you mean").
fn one_character_off<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known.iter().copied().find(|k| {
        k.chars().count() == name.chars().count()
            && k.chars().zip(name.chars()).filter(|(a, b)| a != b).count() == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_by_name_however_spaced() {
        assert_eq!(field_of("选项 a"), Some(Field::Option(0)));
        assert_eq!(field_of("选项Ｆ"), Some(Field::Option(5)));
        assert_eq!(field_of(" 题型 "), Some(Field::Kind));
        assert_eq!(field_of("正确答案"), Some(Field::Answer));
        assert_eq!(field_of("选项G"), None);
        assert_eq!(field_of("备注"), None);
    }

    #[test]
    fn a_two_character_slip_is_suggested() {
        let known: Vec<&str> = LAYOUT.iter().map(|(_, n)| *n).collect();
        assert_eq!(one_character_off("题杆", &["题干", "答案"]), Some("题干"));
        assert_eq!(one_character_off("备注", &known), None);
    }
}
