//! The messages of a Moodle GIFT file that does not fit the bank (`import-gift-…`), one
//! function per kind, as in `messages.rs`.

use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

use super::messages::{bare, help, Text};

pub fn unsupported(what: Msg) -> Text {
    help(
        msg!("import-gift-unsupported", what = what),
        msg!("import-gift-unsupported-help"),
    )
}

pub fn unclosed() -> Text {
    help(
        msg!("import-gift-unclosed"),
        msg!("import-gift-unclosed-help"),
    )
}

pub fn no_answers() -> Text {
    help(
        msg!("import-gift-no-answers"),
        msg!("import-gift-no-answers-help"),
    )
}

pub fn stray(found: &str) -> Text {
    help(
        msg!("import-gift-stray", found = found),
        msg!("import-gift-stray-help"),
    )
}

pub fn bad_weight(weight: &str) -> Text {
    help(
        msg!("import-gift-bad-weight", weight = weight),
        msg!("import-gift-bad-weight-help"),
    )
}

pub fn partial(detail: Msg) -> Text {
    help(
        msg!("import-gift-partial", detail = detail),
        msg!("import-gift-partial-help"),
    )
}

pub fn wrong_feedback() -> Text {
    help(
        msg!("import-gift-wrong-feedback"),
        msg!("import-gift-feedback-help"),
    )
}

pub fn many_feedbacks() -> Text {
    help(
        msg!("import-gift-many-feedbacks"),
        msg!("import-gift-feedback-help"),
    )
}

pub fn option_count(n: usize) -> Text {
    bare(msg!("import-gift-option-count", count = n))
}

pub fn empty_answer() -> Text {
    bare(msg!("import-gift-empty-answer"))
}

pub fn option_repeats(option: &str) -> Text {
    bare(msg!("import-gift-option-repeats", option = option))
}

pub fn correct_count(n: usize) -> Text {
    help(
        msg!("import-gift-correct-count", count = n),
        msg!("import-gift-correct-count-help"),
    )
}

pub fn no_correct() -> Text {
    help(
        msg!("import-gift-no-correct"),
        msg!("import-gift-no-correct-help"),
    )
}

pub fn title_spaces(title: &str) -> Text {
    help(
        msg!("import-gift-title-spaces", title = title),
        msg!("import-gift-title-spaces-help"),
    )
}

pub fn missing_difficulty() -> Text {
    help(
        msg!("import-gift-missing-difficulty"),
        msg!("import-gift-missing-difficulty-help"),
    )
}

pub fn text_format(marker: &str) -> Text {
    help(
        msg!("import-gift-format", marker = marker),
        msg!("import-gift-format-help"),
    )
}

pub fn duplicate_title(id: &str, line: usize) -> Text {
    help(
        msg!("import-gift-duplicate-title", id = id, line = line),
        msg!("import-gift-duplicate-title-help"),
    )
}
