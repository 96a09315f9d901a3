use jiayuan_core::yaml_tree::tree;
use serde_json::{json, Value};

use super::*;

fn good() -> Value {
    json!({
        "id": "y-1", "type": "single", "stem": "问？", "options": ["甲", "乙", "丙"],
        "answer": "b", "explanation": "因为", "difficulty": 2, "tags": ["青春健康"],
        "source": "文件", "source_url": "/youth-health/"
    })
}

fn bank(questions: Vec<Value>) -> Value {
    json!({ "bank": "youth", "title": "青春健康", "questions": questions })
}

/// Parses the bank written as JSON (a YAML flow document on one line); the third part is
/// the text each problem's column points at.
fn parse(v: &Value) -> (Option<ParsedBank>, Vec<String>, Vec<String>) {
    let text = serde_json::to_string(v).unwrap();
    let mut out = Problems::default();
    let parsed = parse_bank(
        &tree(&text, 1 << 20).unwrap(),
        "quiz/youth.yaml",
        "youth",
        &mut out,
    );
    let messages = out.0.iter().map(|p| p.message.en()).collect();
    let places = out
        .0
        .iter()
        .map(|p| text.chars().skip(p.at.1 - 1).take(9).collect())
        .collect();
    (parsed, messages, places)
}

#[test]
fn a_good_question_becomes_the_model() {
    let (parsed, messages, _) = parse(&bank(vec![good()]));
    assert!(messages.is_empty(), "{messages:?}");
    let parsed = parsed.unwrap();
    let q = &parsed.bank.questions[0];
    assert_eq!(q.answer, Answer::Single(1));
    assert_eq!(q.bank, "youth");
    assert_eq!(q.source_url.as_deref(), Some("/youth-health/"));
    let text = serde_json::to_string(&bank(vec![good()])).unwrap();
    let id_column = text[..text.find("\"id\"").unwrap()].chars().count() + 1;
    assert_eq!(parsed.id_at, [(1, id_column)]);
}

#[test]
fn each_type_checks_its_answer() {
    let mut multiple = good();
    multiple["type"] = json!("multiple");
    multiple["answer"] = json!(["A"]);
    let mut tf = good();
    tf["type"] = json!("true_false");
    tf["answer"] = json!(true);
    let mut fill = good();
    fill["type"] = json!("fill_blank");
    fill.as_object_mut().unwrap().remove("options");
    fill["answer"] = json!([" 。"]);
    let mut single = good();
    single["answer"] = json!("D");
    let (parsed, messages, places) = parse(&bank(vec![multiple, tf, fill, single]));
    assert_eq!(
        messages,
        [
            "a multiple question needs at least 2 correct letters, found 1",
            "a true_false question takes no `options`",
            "a fill_blank question needs a list of non-empty accepted answers",
            "answer `D` is not among the options A–C",
        ]
    );
    // Too few letters: the `answer` key; a letter that is no option: the letter itself.
    assert_eq!(
        places,
        ["\"answer\":", "\"options\"", "\"answer\":", "\"D\",\"diff"]
    );
    assert!(parsed.unwrap().bank.questions.is_empty());
}

#[test]
fn shape_problems_are_all_reported() {
    let mut q = good();
    q["type"] = json!("singel");
    q["stem"] = json!("  ");
    q["difficulty"] = json!(4);
    q["source_url"] = json!("https://example.org/");
    let mut v = bank(vec![q, json!("not a mapping")]);
    v["bank"] = json!("youth-health");
    let (_, messages, _) = parse(&v);
    assert_eq!(
        messages,
        [
            "bank name `youth-health` does not match the file name `youth`",
            "question `y-1` has unknown type `singel`",
            "question `y-1` has an empty stem",
            "`difficulty` is 4, outside the range 1–3",
            "`source_url` must be a site-relative URL, found `https://example.org/`",
            "question 2 must be a mapping of keys, found the text `not a mapping`",
        ]
    );
}

#[test]
fn source_url_may_not_lead_to_another_host() {
    for url in ["//evil.example/", "/\\evil.example/", "evil.example/"] {
        let mut q = good();
        q["source_url"] = json!(url);
        let (_, messages, _) = parse(&bank(vec![q]));
        assert_eq!(
            messages,
            [format!(
                "`source_url` must be a site-relative URL, found `{url}`"
            )],
            "{url}"
        );
    }
}

#[test]
fn option_counts_and_repeats() {
    let mut few = good();
    few["options"] = json!(["甲"]);
    few["answer"] = json!("A");
    let mut many = good();
    many["options"] = json!(["1", "2", "3", "4", "5", "6", "7"]);
    let mut repeat = good();
    repeat["options"] = json!(["甲", "乙", "甲 "]);
    let (_, messages, _) = parse(&bank(vec![few, many, repeat]));
    assert_eq!(
        messages,
        [
            "question `y-1` has too few options (1); a single question needs 2–6",
            "question `y-1` has too many options (7); a single question needs 2–6",
            "option C repeats option A (`甲 `)",
        ]
    );
}
