//! Every message `jiayuan quiz import` and `quiz export` show the editor (those of GIFT
//! files in `gift_messages.rs`), one function per kind of message, as catalogue ids (`import-…` in `crates/jiayuan-core/locales/`,
//! docs/messages.md). Messages that point into a sheet name its worksheet, row and column;
//! the columns keep the Chinese names the sheet gives them.

use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

use super::Kind;

/// `工作表「题目」第 7 行 D 列（答案）` (`sheet “题目”, row 7, column D (答案)`), or
/// without the sheet for a CSV file.
pub fn cell(sheet: Option<&str>, row_number: u32, column: &str, header: &str) -> Msg {
    let at = row(sheet, row_number);
    if header.is_empty() {
        msg!("import-place-cell", row = at, column = column)
    } else {
        msg!(
            "import-place-cell-header",
            row = at,
            column = column,
            header = header
        )
    }
}

/// `工作表「题目」第 7 行`, for a problem of the whole row.
pub fn row(sheet: Option<&str>, row: u32) -> Msg {
    match sheet {
        Some(name) => msg!("import-place-sheet-row", sheet = name, row = row),
        None => msg!("import-place-row", row = row),
    }
}

/// A message with an optional help line.
pub struct Text {
    pub message: Msg,
    pub help: Option<Msg>,
}

/// A message without a help line.
pub(super) fn bare(message: Msg) -> Text {
    Text {
        message,
        help: None,
    }
}

/// A message and its help line.
pub(super) fn help(message: Msg, help: Msg) -> Text {
    Text {
        message,
        help: Some(help),
    }
}

// ---- the file and the workbook ----

pub fn unknown_extension(ext: &str) -> Text {
    help(
        msg!("import-unknown-extension", ext = ext),
        msg!("import-unknown-extension-help"),
    )
}

pub fn no_such_file() -> Text {
    help(
        msg!("import-no-such-file"),
        msg!("import-no-such-file-help"),
    )
}

pub fn cannot_read(error: &str) -> Text {
    bare(msg!("import-cannot-read", reason = error))
}

pub fn not_utf8() -> Text {
    help(msg!("import-not-utf8"), msg!("import-not-utf8-help"))
}

pub fn no_sheet() -> Text {
    bare(msg!("import-no-sheet"))
}

pub fn extra_sheet(name: &str, questions: &str) -> Text {
    help(
        msg!("import-extra-sheet", sheet = name, questions = questions),
        msg!("import-extra-sheet-help"),
    )
}

pub fn no_header() -> Text {
    help(msg!("import-no-header"), msg!("import-no-header-help"))
}

pub fn unknown_header(name: &str, suggestion: Option<&str>) -> Text {
    let hint = match suggestion {
        Some(s) => msg!("import-unknown-header-suggestion", suggestion = s),
        None => msg!("import-unknown-header-help"),
    };
    help(msg!("import-unknown-header", name = name), hint)
}

pub fn duplicate_header(name: &str, first: &str) -> Text {
    help(
        msg!("import-duplicate-header", name = name, first = first),
        msg!("import-duplicate-header-help"),
    )
}

pub fn headless_column() -> Text {
    help(
        msg!("import-headless-column"),
        msg!("import-headless-column-help"),
    )
}

pub fn missing_column(name: &str) -> Text {
    help(
        msg!("import-missing-column", name = name),
        msg!("import-missing-column-help"),
    )
}

pub fn unknown_info(name: &str) -> Text {
    help(
        msg!("import-unknown-info", name = name),
        msg!("import-unknown-info-help"),
    )
}

pub fn no_title() -> Text {
    help(msg!("import-no-title"), msg!("import-no-title-help"))
}

// ---- cells ----

pub fn date_cell() -> Text {
    help(msg!("import-date-cell"), msg!("import-date-cell-help"))
}

pub fn error_cell(code: &str) -> Text {
    help(
        msg!("import-error-cell", code = code),
        msg!("import-error-cell-help"),
    )
}

pub fn unknown_kind(found: &str) -> Text {
    help(
        msg!("import-unknown-kind", found = found),
        msg!("import-unknown-kind-help"),
    )
}

pub fn empty_required(what: &str) -> Text {
    bare(msg!("import-empty-required", what = what))
}

pub fn bad_id(id: &str) -> Text {
    help(msg!("import-bad-id", id = id), msg!("import-bad-id-help"))
}

pub fn duplicate_id(id: &str, first: Msg) -> Text {
    help(
        msg!("import-duplicate-id", id = id, first = first),
        msg!("import-duplicate-id-help"),
    )
}

pub fn duplicate_generated_id(id: &str, first: Msg) -> Text {
    help(
        msg!("import-duplicate-generated-id", id = id, first = first),
        msg!("import-duplicate-generated-id-help"),
    )
}

pub fn id_in_other_bank(id: &str, file: &str) -> Text {
    help(
        msg!("import-id-in-other-bank", id = id, file = file),
        msg!("import-id-in-other-bank-help"),
    )
}

pub fn options_on(kind: Kind) -> Text {
    help(
        msg!("import-options-on", kind = kind.chinese()),
        msg!("import-options-on-help"),
    )
}

pub fn option_gap(letter: char, missing: char) -> Text {
    help(
        msg!(
            "import-option-gap",
            letter = letter.to_string(),
            missing = missing.to_string()
        ),
        msg!("import-option-gap-help"),
    )
}

pub fn option_repeats(letter: char, first: char) -> Text {
    bare(msg!(
        "import-option-repeats",
        letter = letter.to_string(),
        first = first.to_string()
    ))
}

pub fn too_few_options(kind: Kind, n: usize) -> Text {
    bare(msg!(
        "import-too-few-options",
        kind = kind.chinese(),
        count = n
    ))
}

pub fn answer_letter_without_option(letter: char, last: Option<char>) -> Text {
    let letter = letter.to_string();
    let message = match last {
        Some(last) => msg!(
            "import-answer-without-option",
            letter = letter,
            last = last.to_string()
        ),
        None => msg!("import-answer-without-options", letter = letter),
    };
    bare(message)
}

pub fn single_needs_one_letter(found: &str) -> Text {
    help(
        msg!("import-single-needs-one-letter", found = found),
        msg!("import-single-needs-one-letter-help"),
    )
}

pub fn multiple_needs_letters(found: &str) -> Text {
    help(
        msg!("import-multiple-needs-letters", found = found),
        msg!("import-multiple-needs-letters-help"),
    )
}

pub fn multiple_needs_two(n: usize) -> Text {
    help(
        msg!("import-multiple-needs-two", count = n),
        msg!("import-multiple-needs-two-help"),
    )
}

pub fn letter_repeats(letter: char) -> Text {
    bare(msg!("import-letter-repeats", letter = letter.to_string()))
}

pub fn bad_true_false(found: &str) -> Text {
    help(
        msg!("import-bad-true-false", found = found),
        msg!("import-bad-true-false-help"),
    )
}

pub fn empty_accepted() -> Text {
    help(
        msg!("import-empty-accepted"),
        msg!("import-empty-accepted-help"),
    )
}

pub fn bad_difficulty(found: &str) -> Text {
    bare(msg!("import-bad-difficulty", found = found))
}

pub fn bad_source_url(found: &str) -> Text {
    help(
        msg!("import-bad-source-url", found = found),
        msg!("import-bad-source-url-help"),
    )
}

pub fn bad_bank_id(id: &str) -> Text {
    help(
        msg!("import-bad-bank-id", id = id),
        msg!("import-bad-bank-id-help"),
    )
}

pub fn bank_exists(file: &str) -> Text {
    help(
        msg!("import-bank-exists", file = file),
        msg!("import-bank-exists-help"),
    )
}

pub fn not_a_site() -> Text {
    help(msg!("import-not-a-site"), msg!("import-not-a-site-help"))
}

pub fn no_bank(id: &str, known: &[&str]) -> Text {
    help(
        msg!("import-no-bank", id = id),
        msg!("import-no-bank-help", known = known),
    )
}

pub fn no_questions() -> Text {
    bare(msg!("import-no-questions"))
}

pub fn cannot_write(error: &str) -> Text {
    bare(msg!("import-cannot-write", reason = error))
}

pub fn cannot_export(what: &str, value: &str, separator: &str) -> Text {
    help(
        msg!(
            "import-cannot-export",
            what = what,
            value = value,
            separator = separator
        ),
        msg!("import-cannot-export-help"),
    )
}

pub fn not_written_back() -> Text {
    bare(msg!("import-not-written-back"))
}

pub fn cannot_export_spaces(what: &str, value: &str) -> Text {
    help(
        msg!("import-cannot-export-spaces", what = what, value = value),
        msg!("import-cannot-export-spaces-help"),
    )
}

pub fn output_exists(file: &str) -> Text {
    help(
        msg!("import-output-exists", file = file),
        msg!("import-output-exists-help"),
    )
}
