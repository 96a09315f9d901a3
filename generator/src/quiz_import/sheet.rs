//! Reading a workbook (calamine) or a CSV file into rows of cells, with the row and
//! column numbers the editor sees in Excel.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use jiayuan_core::diagnostic::Diagnostic;

use super::{messages, whole_file};

/// The sheet that holds the questions; without it, the first sheet does.
pub const QUESTIONS_SHEET: &str = "题目";
/// The sheet that holds the bank's title (A: 标题, B: the title).
pub const INFO_SHEET: &str = "题库信息";
/// A sheet of notes for editors, as in docs/题库模板.xlsx: never read.
pub const NOTES_SHEET: &str = "说明";

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Bool(bool),
    /// A date or time: what the editor typed cannot be recovered.
    Date,
    /// A formula error such as `#N/A`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }
}

pub struct Row {
    /// 1-based, as Excel numbers rows.
    pub number: u32,
    /// Index 0 is column A.
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

pub struct Table {
    /// The worksheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

pub struct Book {
    pub questions: Table,
    pub info: Option<Table>,
}

/// `A` for column 0, `AA` for column 26.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Reads the questions sheet and the 题库信息 sheet; another sheet with something in
/// it is reported into `diags` (it would not be imported).
pub fn read_workbook(
    path: &Path,
    shown: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Book, Vec<Diagnostic>> {
    let fail = |e: String| vec![whole_file(shown, messages::cannot_read(&e))];
    let mut book = open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
    let names = book.sheet_names();
    let questions_name = names
        .iter()
        .find(|n| *n == QUESTIONS_SHEET)
        .or_else(|| names.iter().find(|n| *n != INFO_SHEET && *n != NOTES_SHEET))
        .cloned()
        .ok_or_else(|| vec![whole_file(shown, messages::no_sheet())])?;
    let mut questions = None;
    let mut info = None;
    for name in &names {
        let range = book
            .worksheet_range(name)
            .map_err(|e| fail(e.to_string()))?;
        let table = table(name, &range);
        if *name == questions_name {
            questions = Some(table);
        } else if name == INFO_SHEET {
            info = Some(table);
        } else if name != NOTES_SHEET && !table.rows.iter().all(Row::is_empty) {
            diags.push(whole_file(
                shown,
                messages::extra_sheet(name, &questions_name),
            ));
        }
    }
    Ok(Book {
        questions: questions.ok_or_else(|| vec![whole_file(shown, messages::no_sheet())])?,
        info,
    })
}

fn table(name: &str, range: &calamine::Range<Data>) -> Table {
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row: Vec<Cell> = vec![Cell::Empty; left as usize];
            row.extend(cells.iter().map(cell));
            Row {
                number: top + i as u32 + 1,
                cells: row,
            }
        })
        .collect();
    Table {
        sheet: Some(name.to_owned()),
        rows,
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => text(s),
        Data::Int(n) => Cell::Text(n.to_string()),
        Data::Float(f) => Cell::Text(number(*f)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Date,
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A number cell as the editor typed it: `3`, not `3.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Text with its surrounding spaces trimmed and Windows line ends made `\n`; blank
/// text is an empty cell.
fn text(s: &str) -> Cell {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}

/// A CSV file (UTF-8, with or without a byte-order mark) as one table.
pub fn read_csv(path: &Path, shown: &str) -> Result<Book, Vec<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| vec![whole_file(shown, messages::cannot_read(&e.to_string()))])?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let source =
        std::str::from_utf8(bytes).map_err(|_| vec![whole_file(shown, messages::not_utf8())])?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Lines {
        source,
        offset: 0,
        line: 1,
    };
    for record in reader.records() {
        let record =
            record.map_err(|e| vec![whole_file(shown, messages::cannot_read(&e.to_string()))])?;
        let line = record.position().map_or(1, |p| lines.first_line(p.byte()));
        rows.push(Row {
            number: line,
            cells: record.iter().map(text).collect(),
        });
    }
    Ok(Book {
        questions: Table { sheet: None, rows },
        info: None,
    })
}

/// Line numbers of offsets that only grow, counted once through the text.
struct Lines<'a> {
    source: &'a str,
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    /// The line a record starts on, given where the reader says it starts (just after
    /// the previous record, so before any blank lines). It is Excel's row number as long
    /// as no cell before it holds a line break.
    fn first_line(&mut self, offset: u64) -> u32 {
        let len = self.source.len();
        let offset = usize::try_from(offset)
            .unwrap_or(len)
            .clamp(self.offset, len);
        let skipped = self.source[offset..]
            .find(|c| c != '\n' && c != '\r')
            .unwrap_or(0);
        let end = offset + skipped;
        let newlines = self.source[self.offset..end].matches('\n').count();
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.offset = end;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        let letters: Vec<String> = [0, 3, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "D", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(1982.0), "1982");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(text("  三孩\r\n政策 "), Cell::Text("三孩\n政策".into()));
        assert_eq!(text(" \u{3000} "), Cell::Empty);
    }

    #[test]
    fn a_record_starts_after_the_blank_lines_before_it() {
        let source = "a,b\n\"x\ny\",z\n\n\nc,d\n";
        let mut lines = Lines {
            source,
            offset: 0,
            line: 1,
        };
        let found: Vec<u32> = [0, 4, 12].map(|o| lines.first_line(o)).into();
        assert_eq!(found, [1, 2, 6]);
    }
}
