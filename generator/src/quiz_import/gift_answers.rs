//! The answer block `{…}` of a GIFT question → the answer key, the options and the
//! explanation; anything outside the subset of docs/题库导入.md is an error.

use wasm_quiz::model::{MAX_OPTIONS, MIN_OPTIONS};
use wasm_quiz::normalize::normalize;

use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

use super::gift_messages;
use super::messages::{self, Text};
use super::Answer;

pub struct Parsed {
    pub options: Vec<String>,
    pub answer: Answer,
    pub explanation: String,
}

/// A problem at a byte offset of the block's text.
pub type Problem = (usize, Text);

/// One `=answer` or `~answer` of the block.
struct Choice {
    at: usize,
    correct_mark: bool,
    weight: Option<f64>,
    text: String,
    feedback: String,
}

/// Index of the first `pat` at or after `from` that no backslash escapes.
pub fn find_unescaped(s: &str, pat: &str, from: usize) -> Option<usize> {
    let mut chars = s[from..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if s[from + i..].starts_with(pat) {
            return Some(from + i);
        }
    }
    None
}

/// GIFT text as plain text: lines joined (without a space between Chinese
/// characters), `\~ \= \# \{ \} \: \\` unescaped and `\n` a line break.
pub fn clean(s: &str) -> String {
    let mut joined = String::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cjk = |c: Option<char>| c.is_some_and(jiayuan_core::text::is_cjk);
        let between_han = cjk(joined.chars().next_back()) && cjk(line.chars().next());
        if !joined.is_empty() && !between_han {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(e @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out.trim().to_owned()
}

/// Parses the text between `{` and `}`; `at` is its offset in the block.
pub fn parse(inside: &str, at: usize) -> Result<Parsed, Vec<Problem>> {
    let (body, general) = match find_unescaped(inside, "####", 0) {
        Some(g) => (&inside[..g], clean(&inside[g + 4..])),
        None => (inside, String::new()),
    };
    let start = body.len() - body.trim_start().len();
    let unsupported = |what: Msg| Err(vec![(at + start, gift_messages::unsupported(what))]);
    if body.trim().is_empty() {
        return unsupported(msg!("import-gift-essay"));
    }
    if body.trim_start().starts_with('#') {
        return unsupported(msg!("import-gift-numerical"));
    }
    if let Some(arrow) = find_unescaped(body, "->", 0) {
        return Err(vec![(
            at + arrow,
            gift_messages::unsupported(msg!("import-gift-matching")),
        )]);
    }
    if let Some(parsed) = true_false(body, at, &general)? {
        return Ok(parsed);
    }
    let choices = choices(body, at)?;
    let mut problems = Vec::new();
    let parsed = classify(&choices, at + start, &general, &mut problems);
    match parsed {
        Some(p) if problems.is_empty() => Ok(p),
        _ => Err(problems),
    }
}

/// `T`, `TRUE`, `F` or `FALSE`, with `#feedback if wrong#feedback if right`.
fn true_false(body: &str, at: usize, general: &str) -> Result<Option<Parsed>, Vec<Problem>> {
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(hash) = find_unescaped(body, "#", from) {
        parts.push((from, &body[from..hash]));
        from = hash + 1;
    }
    parts.push((from, &body[from..]));
    let value = match parts[0].1.trim().to_ascii_uppercase().as_str() {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        _ => return Ok(None),
    };
    if parts.len() > 3 {
        let (off, text) = parts[3];
        return Err(vec![(at + off, gift_messages::stray(text.trim()))]);
    }
    let feedback = |i: usize| parts.get(i).map(|(_, t)| clean(t)).unwrap_or_default();
    if !feedback(1).is_empty() {
        return Err(vec![(at + parts[1].0, gift_messages::wrong_feedback())]);
    }
    let explanation = if general.is_empty() {
        feedback(2)
    } else {
        general.to_owned()
    };
    Ok(Some(Parsed {
        options: Vec::new(),
        answer: Answer::TrueFalse(value),
        explanation,
    }))
}

/// The `=…` and `~…` answers in order, each with its weight and feedback.
fn choices(body: &str, at: usize) -> Result<Vec<Choice>, Vec<Problem>> {
    let mut marks = Vec::new();
    let mut from = 0;
    loop {
        let next = [
            find_unescaped(body, "=", from),
            find_unescaped(body, "~", from),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(i) = next else { break };
        marks.push(i);
        from = i + 1;
    }
    let lead = &body[..marks.first().copied().unwrap_or(body.len())];
    if !lead.trim().is_empty() {
        let off = at + lead.len() - lead.trim_start().len();
        return Err(vec![(off, gift_messages::stray(lead.trim()))]);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (k, &m) in marks.iter().enumerate() {
        let end = marks.get(k + 1).copied().unwrap_or(body.len());
        let mut raw = &body[m + 1..end];
        let mut weight = None;
        if let Some(rest) = raw.strip_prefix('%') {
            let close = rest.find('%').unwrap_or(rest.len());
            match rest[..close].trim().parse::<f64>() {
                Ok(w) if close < rest.len() => weight = Some(w),
                _ => problems.push((at + m + 1, gift_messages::bad_weight(&rest[..close]))),
            }
            raw = rest.get(close + 1..).unwrap_or("");
        }
        let (text, feedback) = match find_unescaped(raw, "#", 0) {
            Some(h) => (clean(&raw[..h]), clean(&raw[h + 1..])),
            None => (clean(raw), String::new()),
        };
        if text.is_empty() {
            problems.push((at + m, gift_messages::empty_answer()));
        }
        out.push(Choice {
            at: at + m,
            correct_mark: body[m..].starts_with('='),
            weight,
            text,
            feedback,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn classify(
    choices: &[Choice],
    at: usize,
    general: &str,
    problems: &mut Vec<Problem>,
) -> Option<Parsed> {
    let full = |c: &Choice| c.weight.is_none_or(|w| (w - 100.0).abs() < 1e-9);
    let wrong_marks = choices.iter().filter(|c| !c.correct_mark).count();
    let correct: Vec<bool> = if wrong_marks == 0 {
        // Short answer: every `=` is an accepted answer.
        for c in choices.iter().filter(|c| !full(c)) {
            problems.push((
                c.at,
                gift_messages::partial(msg!("import-gift-partial-short-answer")),
            ));
        }
        vec![true; choices.len()]
    } else if choices.iter().any(|c| c.correct_mark) {
        let n = choices.iter().filter(|c| c.correct_mark).count();
        if n != 1 {
            problems.push((at, gift_messages::correct_count(n)));
        }
        for c in choices
            .iter()
            .filter(|c| c.weight.is_some() && !(c.correct_mark && full(c)))
        {
            problems.push((
                c.at,
                gift_messages::partial(msg!("import-gift-partial-single")),
            ));
        }
        choices.iter().map(|c| c.correct_mark).collect()
    } else {
        choices
            .iter()
            .map(|c| c.weight.is_some_and(|w| w > 0.0))
            .collect()
    };
    let explanation = explanation(choices, &correct, general, problems);
    if wrong_marks == 0 {
        let accepted: Vec<String> = choices.iter().map(|c| c.text.clone()).collect();
        if accepted.iter().any(|a| normalize(a).is_empty()) {
            problems.push((at, messages::empty_accepted()));
        }
        return Some(Parsed {
            options: Vec::new(),
            answer: Answer::FillBlank(accepted),
            explanation,
        });
    }
    let options: Vec<String> = choices.iter().map(|c| c.text.clone()).collect();
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
        problems.push((at, gift_messages::option_count(options.len())));
    }
    for (i, c) in choices.iter().enumerate() {
        if options[..i].contains(&c.text) {
            problems.push((c.at, gift_messages::option_repeats(&c.text)));
        }
    }
    let picked: Vec<usize> = (0..choices.len()).filter(|&i| correct[i]).collect();
    let answer = match picked.as_slice() {
        [] => {
            problems.push((at, gift_messages::no_correct()));
            return None;
        }
        [one] if choices[*one].correct_mark || full(&choices[*one]) => Answer::Single(*one),
        [one] => {
            problems.push((
                choices[*one].at,
                gift_messages::partial(msg!("import-gift-partial-not-full")),
            ));
            return None;
        }
        _ => Answer::Multiple(picked),
    };
    Some(Parsed {
        options,
        answer,
        explanation,
    })
}

/// The general feedback, or else the one feedback the correct answers share. Feedback
/// on a wrong answer has nowhere to go and is an error.
fn explanation(
    choices: &[Choice],
    correct: &[bool],
    general: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let mut right: Vec<&str> = Vec::new();
    for (c, ok) in choices.iter().zip(correct) {
        if c.feedback.is_empty() {
            continue;
        }
        if !ok {
            problems.push((c.at, gift_messages::wrong_feedback()));
        } else if !right.contains(&c.feedback.as_str()) {
            right.push(&c.feedback);
        }
    }
    if !general.is_empty() {
        return general.to_owned();
    }
    match right.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ => {
            problems.push((choices[0].at, gift_messages::many_feedbacks()));
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(inside: &str) -> (Vec<String>, Answer, String) {
        let p = parse(inside, 0).unwrap_or_else(|e| panic!("{inside}: {}", e[0].1.message.en()));
        (p.options, p.answer, p.explanation)
    }

    fn err(inside: &str) -> Vec<Msg> {
        match parse(inside, 0) {
            Ok(_) => panic!("{inside} parsed"),
            Err(problems) => problems.into_iter().map(|(_, t)| t.message).collect(),
        }
    }

    #[test]
    fn the_four_types() {
        let (options, answer, _) = ok("=2021年 ~2015年 ~2016年");
        assert_eq!(options, ["2021年", "2015年", "2016年"]);
        assert_eq!(answer, Answer::Single(0));
        let (_, answer, _) = ok("~%50%甲 ~%-100%乙 ~%50%丙");
        assert_eq!(answer, Answer::Multiple(vec![0, 2]));
        assert_eq!(ok("TRUE").1, Answer::TrueFalse(true));
        assert_eq!(ok(" F ").1, Answer::TrueFalse(false));
        let (_, answer, _) = ok("=三 =3");
        assert_eq!(answer, Answer::FillBlank(vec!["三".into(), "3".into()]));
    }

    #[test]
    fn feedback_becomes_the_explanation() {
        assert_eq!(ok("=甲 ~乙####总体反馈").2, "总体反馈");
        assert_eq!(ok("=甲#答对了 ~乙").2, "答对了");
        assert_eq!(ok("T##说得对").2, "说得对");
        assert_eq!(
            err("=甲 ~乙#错了"),
            [gift_messages::wrong_feedback().message]
        );
        assert_eq!(err("F#错了"), [gift_messages::wrong_feedback().message]);
    }

    #[test]
    fn escapes_and_lines() {
        assert_eq!(clean("a \\= b\\{c\\}\\#\\~\\:"), "a = b{c}#~:");
        assert_eq!(clean("第一行\n  第二行\n"), "第一行第二行");
        assert_eq!(clean("one\ntwo"), "one two");
        assert_eq!(clean("甲\\n乙"), "甲\n乙");
        assert_eq!(ok("=a\\=b ~c").0, ["a=b", "c"]);
    }

    #[test]
    fn outside_the_subset() {
        assert_eq!(
            err(""),
            [gift_messages::unsupported(msg!("import-gift-essay")).message]
        );
        assert_eq!(
            err("#3:1"),
            [gift_messages::unsupported(msg!("import-gift-numerical")).message]
        );
        assert_eq!(
            err("=a -> 1 =b -> 2"),
            [gift_messages::unsupported(msg!("import-gift-matching")).message]
        );
        assert_eq!(err("=a =b ~c"), [gift_messages::correct_count(2).message]);
        assert_eq!(
            err("=a ~%50%b"),
            [gift_messages::partial(msg!("import-gift-partial-single")).message]
        );
        assert_eq!(
            err("=%50%a =b"),
            [gift_messages::partial(msg!("import-gift-partial-short-answer")).message]
        );
        assert_eq!(err("~%-50%a ~b"), [gift_messages::no_correct().message]);
        assert_eq!(err("~%100%a"), [gift_messages::option_count(1).message]);
        assert_eq!(err("~%5x%a ~b"), [gift_messages::bad_weight("5x").message]);
    }
}
