//! Every message `jiayuan quiz import` and `quiz export` show the editor, one function per
//! kind of message, as catalogue ids (`import-…` in `crates/jiayuan-core/locales/`,
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

fn text(message: Msg, help: Option<Msg>) -> Text {
    Text { message, help }
}

// ---- the file and the workbook ----

pub fn unknown_extension(ext: &str) -> Text {
    text(
        msg!("import-unknown-extension", ext = ext),
        Some(msg!("import-unknown-extension-help")),
    )
}

pub fn no_such_file() -> Text {
    text(
        msg!("import-no-such-file"),
        Some(msg!("import-no-such-file-help")),
    )
}

pub fn cannot_read(error: &str) -> Text {
    text(msg!("import-cannot-read", reason = error), None)
}

pub fn not_utf8() -> Text {
    text(msg!("import-not-utf8"), Some(msg!("import-not-utf8-help")))
}

pub fn no_sheet() -> Text {
    text(msg!("import-no-sheet"), None)
}

pub fn extra_sheet(name: &str, questions: &str) -> Text {
    text(
        msg!("import-extra-sheet", sheet = name, questions = questions),
        Some(msg!("import-extra-sheet-help")),
    )
}

pub fn no_header() -> Text {
    text(
        msg!("import-no-header"),
        Some(msg!("import-no-header-help")),
    )
}

pub fn unknown_header(name: &str, suggestion: Option<&str>) -> Text {
    let help = match suggestion {
        Some(s) => msg!("import-unknown-header-suggestion", suggestion = s),
        None => msg!("import-unknown-header-help"),
    };
    text(msg!("import-unknown-header", name = name), Some(help))
}

pub fn duplicate_header(name: &str, first: &str) -> Text {
    text(
        msg!("import-duplicate-header", name = name, first = first),
        Some(msg!("import-duplicate-header-help")),
    )
}

pub fn headless_column() -> Text {
    text(
        msg!("import-headless-column"),
        Some(msg!("import-headless-column-help")),
    )
}

pub fn missing_column(name: &str) -> Text {
    text(
        msg!("import-missing-column", name = name),
        Some(msg!("import-missing-column-help")),
    )
}

pub fn unknown_info(name: &str) -> Text {
    text(
        msg!("import-unknown-info", name = name),
        Some(msg!("import-unknown-info-help")),
    )
}

pub fn no_title() -> Text {
    text(msg!("import-no-title"), Some(msg!("import-no-title-help")))
}

// ---- cells ----

pub fn date_cell() -> Text {
    text(
        msg!("import-date-cell"),
        Some(msg!("import-date-cell-help")),
    )
}

pub fn error_cell(code: &str) -> Text {
    text(
        msg!("import-error-cell", code = code),
        Some(msg!("import-error-cell-help")),
    )
}

pub fn unknown_kind(found: &str) -> Text {
    text(
        msg!("import-unknown-kind", found = found),
        Some(msg!("import-unknown-kind-help")),
    )
}

pub fn empty_required(what: &str) -> Text {
    text(msg!("import-empty-required", what = what), None)
}

pub fn bad_id(id: &str) -> Text {
    text(
        msg!("import-bad-id", id = id),
        Some(msg!("import-bad-id-help")),
    )
}

pub fn duplicate_id(id: &str, first: Msg) -> Text {
    text(
        msg!("import-duplicate-id", id = id, first = first),
        Some(msg!("import-duplicate-id-help")),
    )
}

pub fn duplicate_generated_id(id: &str, first: Msg) -> Text {
    text(
        msg!("import-duplicate-generated-id", id = id, first = first),
        Some(msg!("import-duplicate-generated-id-help")),
    )
}

pub fn id_in_other_bank(id: &str, file: &str) -> Text {
    text(
        msg!("import-id-in-other-bank", id = id, file = file),
        Some(msg!("import-id-in-other-bank-help")),
    )
}

pub fn options_on(kind: Kind) -> Text {
    text(
        msg!("import-options-on", kind = kind.chinese()),
        Some(msg!("import-options-on-help")),
    )
}

pub fn option_gap(letter: char, missing: char) -> Text {
    text(
        msg!(
            "import-option-gap",
            letter = letter.to_string(),
            missing = missing.to_string()
        ),
        Some(msg!("import-option-gap-help")),
    )
}

pub fn option_repeats(letter: char, first: char) -> Text {
    text(
        msg!(
            "import-option-repeats",
            letter = letter.to_string(),
            first = first.to_string()
        ),
        None,
    )
}

pub fn too_few_options(kind: Kind, n: usize) -> Text {
    text(
        msg!("import-too-few-options", kind = kind.chinese(), count = n),
        None,
    )
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
    text(message, None)
}

pub fn single_needs_one_letter(found: &str) -> Text {
    text(
        msg!("import-single-needs-one-letter", found = found),
        Some(msg!("import-single-needs-one-letter-help")),
    )
}

pub fn multiple_needs_letters(found: &str) -> Text {
    text(
        msg!("import-multiple-needs-letters", found = found),
        Some(msg!("import-multiple-needs-letters-help")),
    )
}

pub fn multiple_needs_two(n: usize) -> Text {
    text(
        msg!("import-multiple-needs-two", count = n),
        Some(msg!("import-multiple-needs-two-help")),
    )
}

pub fn letter_repeats(letter: char) -> Text {
    text(
        msg!("import-letter-repeats", letter = letter.to_string()),
        None,
    )
}

pub fn bad_true_false(found: &str) -> Text {
    text(
        msg!("import-bad-true-false", found = found),
        Some(msg!("import-bad-true-false-help")),
    )
}

pub fn empty_accepted() -> Text {
    text(
        msg!("import-empty-accepted"),
        Some(msg!("import-empty-accepted-help")),
    )
}

pub fn bad_difficulty(found: &str) -> Text {
    text(msg!("import-bad-difficulty", found = found), None)
}

pub fn bad_source_url(found: &str) -> Text {
    text(
        msg!("import-bad-source-url", found = found),
        Some(msg!("import-bad-source-url-help")),
    )
}

pub fn bad_bank_id(id: &str) -> Text {
    text(
        msg!("import-bad-bank-id", id = id),
        Some(msg!("import-bad-bank-id-help")),
    )
}

pub fn bank_exists(file: &str) -> Text {
    text(
        msg!("import-bank-exists", file = file),
        Some(msg!("import-bank-exists-help")),
    )
}

pub fn not_a_site() -> Text {
    text(
        msg!("import-not-a-site"),
        Some(msg!("import-not-a-site-help")),
    )
}

pub fn no_bank(id: &str, known: &[&str]) -> Text {
    text(
        msg!("import-no-bank", id = id),
        Some(msg!("import-no-bank-help", known = known)),
    )
}

pub fn no_questions() -> Text {
    text(msg!("import-no-questions"), None)
}

pub fn cannot_write(error: &str) -> Text {
    text(msg!("import-cannot-write", reason = error), None)
}

pub fn cannot_export(what: &str, value: &str, separator: &str) -> Text {
    text(
        msg!(
            "import-cannot-export",
            what = what,
            value = value,
            separator = separator
        ),
        Some(msg!("import-cannot-export-help")),
    )
}

pub fn not_written_back() -> Text {
    text(msg!("import-not-written-back"), None)
}

pub fn cannot_export_spaces(what: &str, value: &str) -> Text {
    text(
        msg!("import-cannot-export-spaces", what = what, value = value),
        Some(msg!("import-cannot-export-spaces-help")),
    )
}

pub fn output_exists(file: &str) -> Text {
    text(
        msg!("import-output-exists", file = file),
        Some(msg!("import-output-exists-help")),
    )
}

// ---- GIFT ----

pub fn gift_unsupported(what: Msg) -> Text {
    text(
        msg!("import-gift-unsupported", what = what),
        Some(msg!("import-gift-unsupported-help")),
    )
}

pub fn gift_unclosed() -> Text {
    text(
        msg!("import-gift-unclosed"),
        Some(msg!("import-gift-unclosed-help")),
    )
}

pub fn gift_no_answers() -> Text {
    text(
        msg!("import-gift-no-answers"),
        Some(msg!("import-gift-no-answers-help")),
    )
}

pub fn gift_stray(found: &str) -> Text {
    text(
        msg!("import-gift-stray", found = found),
        Some(msg!("import-gift-stray-help")),
    )
}

pub fn gift_bad_weight(weight: &str) -> Text {
    text(
        msg!("import-gift-bad-weight", weight = weight),
        Some(msg!("import-gift-bad-weight-help")),
    )
}

pub fn gift_partial(detail: Msg) -> Text {
    text(
        msg!("import-gift-partial", detail = detail),
        Some(msg!("import-gift-partial-help")),
    )
}

pub fn gift_wrong_feedback() -> Text {
    text(
        msg!("import-gift-wrong-feedback"),
        Some(msg!("import-gift-feedback-help")),
    )
}

pub fn gift_many_feedbacks() -> Text {
    text(
        msg!("import-gift-many-feedbacks"),
        Some(msg!("import-gift-feedback-help")),
    )
}

pub fn gift_option_count(n: usize) -> Text {
    text(msg!("import-gift-option-count", count = n), None)
}

pub fn gift_empty_answer() -> Text {
    text(msg!("import-gift-empty-answer"), None)
}

pub fn gift_option_repeats(option: &str) -> Text {
    text(msg!("import-gift-option-repeats", option = option), None)
}

pub fn gift_correct_count(n: usize) -> Text {
    text(
        msg!("import-gift-correct-count", count = n),
        Some(msg!("import-gift-correct-count-help")),
    )
}

pub fn gift_no_correct() -> Text {
    text(
        msg!("import-gift-no-correct"),
        Some(msg!("import-gift-no-correct-help")),
    )
}

pub fn gift_title_spaces(title: &str) -> Text {
    text(
        msg!("import-gift-title-spaces", title = title),
        Some(msg!("import-gift-title-spaces-help")),
    )
}

pub fn gift_missing_difficulty() -> Text {
    text(
        msg!("import-gift-missing-difficulty"),
        Some(msg!("import-gift-missing-difficulty-help")),
    )
}

pub fn gift_format(marker: &str) -> Text {
    text(
        msg!("import-gift-format", marker = marker),
        Some(msg!("import-gift-format-help")),
    )
}

pub fn gift_duplicate_title(id: &str, line: usize) -> Text {
    text(
        msg!("import-gift-duplicate-title", id = id, line = line),
        Some(msg!("import-gift-duplicate-title-help")),
    )
}

/// The 说明 sheet of an exported workbook: column, required, how to write it.
pub fn notes() -> [[&'static str; 3]; 12] {
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
