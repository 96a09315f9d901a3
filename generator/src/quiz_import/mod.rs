//! `jiayuan quiz import` and `jiayuan quiz export`: question banks from Excel, CSV and
//! Moodle GIFT into `quiz/<bank>.yaml`, and back into a sheet. The column layout and
//! the GIFT subset are in docs/题库导入.md.
//!
//! Every bad row or question is reported in one run, and nothing is written unless the
//! whole file is good; the bank is then checked by the quiz engine, exactly as the
//! build will read it, before it replaces `quiz/<bank>.yaml` in one rename.

mod columns;
pub mod export;
mod gift;
mod gift_answers;
mod gift_messages;
mod messages;
mod rows;
mod sheet;
mod verify;
pub mod write;

#[cfg(test)]
mod robustness_tests;

use std::path::{Path, PathBuf};

use jiayuan_core::diagnostic::{self, Diagnostic};
pub use wasm_quiz::Answer;

/// The four question types, as the sheet names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Single,
    Multiple,
    TrueFalse,
    FillBlank,
}

impl Kind {
    /// The word written in the sheet's 题型 column.
    pub fn chinese(self) -> &'static str {
        match self {
            Kind::Single => "单选",
            Kind::Multiple => "多选",
            Kind::TrueFalse => "判断",
            Kind::FillBlank => "填空",
        }
    }

    /// The spelling of the YAML `type:` field.
    pub fn yaml(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
            Kind::FillBlank => "fill_blank",
        }
    }

    fn of(answer: &Answer) -> Kind {
        match answer {
            Answer::Single(_) => Kind::Single,
            Answer::Multiple(_) => Kind::Multiple,
            Answer::TrueFalse(_) => Kind::TrueFalse,
            _ => Kind::FillBlank,
        }
    }
}

/// One question as a bank file holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub stem: String,
    /// Empty for true/false and fill-in questions.
    pub options: Vec<String>,
    pub answer: Answer,
    pub explanation: String,
    pub difficulty: u8,
    pub tags: Vec<String>,
    pub source: String,
    pub source_url: Option<String>,
}

impl Entry {
    pub fn kind(&self) -> Kind {
        Kind::of(&self.answer)
    }

    pub fn from_question(q: &wasm_quiz::Question) -> Entry {
        Entry {
            id: q.id.clone(),
            stem: q.stem.clone(),
            options: q.options.clone(),
            answer: q.answer.clone(),
            explanation: q.explanation.clone(),
            difficulty: q.difficulty,
            tags: q.tags.clone(),
            source: q.source.clone(),
            source_url: q.source_url.clone(),
        }
    }
}

/// A bank: its title and questions in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct BankData {
    pub title: String,
    pub entries: Vec<Entry>,
}

/// Where an imported question came from, for messages found after its row was read
/// (an id already used by another bank).
#[derive(Debug, Clone)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    /// `工作表「题目」第 7 行 A 列（编号）`, or `None` where file:line:col says it all.
    pub prefix: Option<jiayuan_core::i18n::Msg>,
}

/// A Diagnostic for one problem of the input file.
fn problem(file: &str, spot: &Spot, text: messages::Text) -> Diagnostic {
    let message = match &spot.prefix {
        None => text.message,
        Some(place) => {
            jiayuan_core::msg!("import-at", place = place.clone(), message = text.message)
        }
    };
    let d = Diagnostic::error(file, message).at(spot.line, spot.column);
    match text.help {
        Some(help) => d.help(help),
        None => d,
    }
}

fn whole_file(file: &str, text: messages::Text) -> Diagnostic {
    let spot = Spot {
        line: 1,
        column: 1,
        prefix: None,
    };
    problem(file, &spot, text)
}

/// What the import read, before it is checked against the other banks.
pub struct Read {
    pub title: Option<String>,
    pub entries: Vec<(Entry, Spot)>,
}

pub struct ImportOptions {
    pub root: PathBuf,
    pub input: PathBuf,
    pub bank: String,
    pub title: Option<String>,
    pub force: bool,
}

/// Reads `input`, checks every question, and writes `quiz/<bank>.yaml` atomically.
/// Returns the file written and the number of questions.
pub fn import(opts: &ImportOptions) -> Result<(String, usize), Vec<Diagnostic>> {
    let shown = opts.input.display().to_string();
    let target_shown = format!("quiz/{}.yaml", opts.bank);
    site_folder(&opts.root)?;
    if !valid_bank_id(&opts.bank) {
        return Err(vec![whole_file(
            &target_shown,
            messages::bad_bank_id(&opts.bank),
        )]);
    }
    let target = opts.root.join("quiz").join(format!("{}.yaml", opts.bank));
    if target.exists() && !opts.force {
        return Err(vec![whole_file(
            &target_shown,
            messages::bank_exists(&target_shown),
        )]);
    }
    if !opts.input.is_file() {
        return Err(vec![whole_file(&shown, messages::no_such_file())]);
    }
    let mut diags = Vec::new();
    let read = read_input(&opts.input, &shown, &opts.bank, &mut diags);
    let title = opts.title.clone().or(read.title);
    if title.is_none() {
        diags.push(whole_file(&shown, messages::no_title()));
    }
    if read.entries.is_empty() && diags.is_empty() {
        diags.push(whole_file(&shown, messages::no_questions()));
    }
    let others = verify::other_banks(&opts.root, &opts.bank, &mut diags);
    diags.extend(verify::ids_in_other_banks(&shown, &read.entries, &others));
    if !diags.is_empty() {
        diagnostic::sort(&mut diags);
        return Err(diags);
    }
    let bank = BankData {
        title: title.unwrap_or_default(),
        entries: read.entries.into_iter().map(|(e, _)| e).collect(),
    };
    let text = write::bank_yaml(&opts.bank, &bank);
    verify::as_the_build_reads_it(&opts.root, &target_shown, &text, &bank, others)?;
    write::atomically(&target, text.as_bytes()).map_err(|e| {
        vec![whole_file(
            &target_shown,
            messages::cannot_write(&e.to_string()),
        )]
    })?;
    Ok((target_shown, bank.entries.len()))
}

fn read_input(input: &Path, shown: &str, bank: &str, diags: &mut Vec<Diagnostic>) -> Read {
    let ext = input
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let empty = Read {
        title: None,
        entries: Vec::new(),
    };
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => match sheet::read_workbook(input, shown, diags) {
            Ok(book) => rows::read(&book, shown, bank, diags),
            Err(d) => {
                diags.extend(d);
                empty
            }
        },
        "csv" => match sheet::read_csv(input, shown) {
            Ok(book) => rows::read(&book, shown, bank, diags),
            Err(d) => {
                diags.extend(d);
                empty
            }
        },
        "gift" | "txt" => match std::fs::read(input) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => gift::read(&text, shown, bank, diags),
                Err(_) => {
                    diags.push(whole_file(shown, messages::not_utf8()));
                    empty
                }
            },
            Err(e) => {
                diags.push(whole_file(shown, messages::cannot_read(&e.to_string())));
                empty
            }
        },
        other => {
            diags.push(whole_file(shown, messages::unknown_extension(other)));
            empty
        }
    }
}

fn site_folder(root: &Path) -> Result<(), Vec<Diagnostic>> {
    if root.join("site.toml").is_file() {
        Ok(())
    } else {
        Err(vec![whole_file("site.toml", messages::not_a_site())])
    }
}

/// A bank id is its file name: lower-case letters, digits and `-`.
fn valid_bank_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `<bank>-001`: the id of the `n`th question (from 1) that has none of its own.
fn generated_id(bank: &str, n: usize) -> String {
    format!("{bank}-{n:03}")
}

pub use export::{export, ExportFormat, ExportOptions};
