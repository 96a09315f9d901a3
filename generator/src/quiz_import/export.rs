//! `jiayuan quiz export`: a bank back into the import's layout (docs/题库导入.md), so
//! YAML → xlsx → YAML gives the same bank.

use std::path::{Path, PathBuf};

use jiayuan_core::diagnostic::Diagnostic;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::columns::{Field, LAYOUT};
use super::rows::{ANSWER_SEPARATORS, TAG_SEPARATORS};
use super::sheet::{INFO_SHEET, NOTES_SHEET, QUESTIONS_SHEET};
use super::{messages, whole_file, write, Answer, BankData, Entry};
use crate::quiz::read_yaml;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

pub struct ExportOptions {
    pub root: PathBuf,
    pub bank: String,
    pub format: ExportFormat,
    /// Default: `<bank>.xlsx` or `<bank>.csv` in the current folder.
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// Writes the bank; returns the file written and the number of questions.
pub fn export(opts: &ExportOptions) -> Result<(PathBuf, usize), Vec<Diagnostic>> {
    let data = load_bank(&opts.root, &opts.bank)?;
    let ext = match opts.format {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
    };
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.{ext}", opts.bank)));
    let shown = output.display().to_string();
    if output.exists() && !opts.force {
        return Err(vec![whole_file(&shown, messages::output_exists(&shown))]);
    }
    let rows = table(&data, &format!("quiz/{}.yaml", opts.bank))?;
    let bytes = match opts.format {
        ExportFormat::Xlsx => workbook(&data.title, &rows)
            .map_err(|e| vec![whole_file(&shown, messages::cannot_write(&e.to_string()))])?,
        ExportFormat::Csv => csv_bytes(&rows),
    };
    write::atomically(&output, &bytes)
        .map_err(|e| vec![whole_file(&shown, messages::cannot_write(&e.to_string()))])?;
    Ok((output, data.entries.len()))
}

/// `quiz/<bank>.yaml` as the quiz engine reads it.
pub fn load_bank(root: &Path, bank: &str) -> Result<BankData, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let files = read_yaml(root, &root.join("quiz"), &mut diags);
    let shown = format!("quiz/{bank}.yaml");
    let Some(file) = files.iter().find(|f| f.path == shown) else {
        let known: Vec<&str> = files
            .iter()
            .filter_map(|f| f.path.strip_prefix("quiz/")?.strip_suffix(".yaml"))
            .collect();
        return Err(vec![whole_file(&shown, messages::no_bank(bank, &known))]);
    };
    match wasm_quiz::load_sources(std::slice::from_ref(file), &[]) {
        Ok(set) => {
            let b = &set.banks[0];
            Ok(BankData {
                title: b.title.clone(),
                entries: b.questions.iter().map(Entry::from_question).collect(),
            })
        }
        Err(found) => Err(found),
    }
}

/// One cell of the sheet: text, or the difficulty as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(u8),
}

/// The header and one row per question, in [`LAYOUT`] order. A value the sheet cannot
/// carry back unchanged (a separator inside a tag, spaces around a text) is an error.
pub fn table(data: &BankData, file: &str) -> Result<Vec<Vec<Value>>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut rows = vec![LAYOUT
        .iter()
        .map(|(_, name)| Value::Text((*name).to_owned()))
        .collect()];
    for e in &data.entries {
        let mut check = |what: &str, value: &str, separators: &[char]| {
            if value.trim() != value {
                diags.push(whole_file(
                    file,
                    messages::cannot_export_spaces(what, value),
                ));
            } else if let Some(sep) = value.chars().find(|c| separators.contains(c)) {
                let text = messages::cannot_export(what, value, &sep.to_string());
                diags.push(whole_file(file, text));
            }
        };
        let texts = [&e.id, &e.stem, &e.explanation, &e.source];
        for (what, value) in ["编号", "题干", "解析", "出处"].into_iter().zip(texts) {
            check(what, value, &[]);
        }
        for o in &e.options {
            check("选项", o, &[]);
        }
        for t in &e.tags {
            check("标签", t, &TAG_SEPARATORS);
        }
        if let Answer::FillBlank(accepted) = &e.answer {
            for a in accepted {
                check("答案", a, &ANSWER_SEPARATORS);
            }
        }
        rows.push(LAYOUT.iter().map(|(field, _)| value(e, *field)).collect());
    }
    if diags.is_empty() {
        Ok(rows)
    } else {
        Err(diags)
    }
}

fn value(e: &Entry, field: Field) -> Value {
    let text = |s: &str| Value::Text(s.to_owned());
    match field {
        Field::Id => text(&e.id),
        Field::Kind => text(e.kind().chinese()),
        Field::Stem => text(&e.stem),
        Field::Option(i) => text(e.options.get(i).map_or("", String::as_str)),
        Field::Answer => Value::Text(answer(&e.answer)),
        Field::Explanation => text(&e.explanation),
        Field::Difficulty => Value::Number(e.difficulty),
        Field::Tags => Value::Text(e.tags.join("、")),
        Field::Source => text(&e.source),
        Field::SourceUrl => text(e.source_url.as_deref().unwrap_or("")),
    }
}

fn answer(answer: &Answer) -> String {
    let letter = wasm_quiz::model::option_letter;
    match answer {
        Answer::Single(i) => letter(*i).to_string(),
        Answer::Multiple(picked) => picked.iter().map(|i| letter(*i)).collect(),
        Answer::TrueFalse(true) => "对".to_owned(),
        Answer::TrueFalse(false) => "错".to_owned(),
        Answer::FillBlank(accepted) => accepted.join("|"),
        _ => String::new(),
    }
}

/// Column widths in characters, for a sheet an editor can read without resizing.
fn width(field: Field) -> f64 {
    match field {
        Field::Stem | Field::Explanation => 48.0,
        Field::Option(_) | Field::Source | Field::SourceUrl | Field::Tags => 22.0,
        Field::Id => 18.0,
        _ => 8.0,
    }
}

/// The workbook: 题目, 题库信息 (the title) and 说明 (the layout). Its bytes depend on
/// nothing but the bank: the creation time is fixed.
pub fn workbook(title: &str, rows: &[Vec<Value>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2022, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name(QUESTIONS_SHEET)?;
    for (c, (field, _)) in LAYOUT.iter().enumerate() {
        sheet.set_column_width(c as u16, width(*field))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let format = if r == 0 { &bold } else { &wrap };
            cell(sheet, r as u32, c as u16, value, format)?;
        }
    }
    let info = book.add_worksheet();
    info.set_name(INFO_SHEET)?;
    info.write_string_with_format(0, 0, "标题", &bold)?;
    info.write_string(0, 1, title)?;
    info.set_column_width(1, 40.0)?;
    let notes = book.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    notes.set_column_width(0, 14.0)?;
    notes.set_column_width(2, 90.0)?;
    for (r, line) in notes_sheet().iter().enumerate() {
        for (c, text) in line.iter().enumerate() {
            let format = if r == 0 { &bold } else { &wrap };
            notes.write_string_with_format(r as u32, c as u16, *text, format)?;
        }
    }
    book.save_to_buffer()
}

fn cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(t) if t.is_empty() => Ok(()),
        Value::Text(t) => sheet
            .write_string_with_format(row, col, t, format)
            .map(|_| ()),
        Value::Number(n) => sheet
            .write_number_with_format(row, col, f64::from(*n), format)
            .map(|_| ()),
    }
}

/// UTF-8 with a byte-order mark, so Excel opens it as UTF-8.
pub fn csv_bytes(rows: &[Vec<Value>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            let record: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Text(t) => t.clone(),
                    Value::Number(n) => n.to_string(),
                })
                .collect();
            // Writing into a Vec cannot fail.
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    out
}

/// The 说明 sheet of an exported workbook: column, required, how to write it.
fn notes_sheet() -> [[&'static str; 3]; 12] {
    [
        ["列名", "必填", "写法"],
        ["编号", "否", "每道题唯一，不含空格，如 policy-001；留空则按顺序自动编号（<题库>-001）"],
        ["题型", "是", "单选、多选、判断、填空"],
        ["题干", "是", "题目文字；填空题的空写成 ____"],
        ["选项A…选项F", "选择题是", "单选、多选题 2–6 个选项，从 A 起连续填写；判断、填空题留空"],
        ["答案", "是", "单选：一个字母，如 B；多选：如 ACD（也可 A,C,D）；判断：对/错（正确/错误、√/×）；填空：可接受的答案，用 | 或 ； 分隔，如 三|3"],
        ["解析", "否", "答题后显示的说明"],
        ["难度", "是", "1、2、3（或 易、中、难）"],
        ["标签", "否", "用 、 或 ， 分隔，如 三孩政策、人口与计划生育法"],
        ["出处", "否", "文件或报道的名称"],
        ["出处链接", "否", "本站页面的路径，以 / 开头，如 /policy/three-child-policy/"],
        ["题库信息", "", "工作表「题库信息」A 列写「标题」，B 列写题库标题；导入命令：jiayuan quiz import 文件.xlsx --bank 编号"],
    ]
}
