//! Tests of the `cjk` tokenizer (`tokenizer.rs`).

use super::*;

/// The tokens as [`segments`] describes them, built the straightforward way: the
/// reference the streaming tokenizer must match token for token.
fn reference_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut position = 0;
    for segment in segments(text) {
        match &segment {
            Segment::Word { text, from, to } => tokens.push(Token {
                offset_from: *from,
                offset_to: *to,
                position,
                text: text.clone(),
                position_length: 1,
            }),
            Segment::Cjk { chars } => {
                for (i, &(c, from, to)) in chars.iter().enumerate() {
                    tokens.push(match chars.get(i + 1) {
                        Some(&(next, _, next_to)) => Token {
                            offset_from: from,
                            offset_to: next_to,
                            position: position + i,
                            text: [c, next].iter().collect(),
                            position_length: 2,
                        },
                        None => Token {
                            offset_from: from,
                            offset_to: to,
                            position: position + i,
                            text: c.to_string(),
                            position_length: 1,
                        },
                    });
                }
            }
        }
        position += segment.width() + SEGMENT_GAP;
    }
    tokens
}

fn same_tokens(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            (
                x.offset_from,
                x.offset_to,
                x.position,
                x.position_length,
                &x.text,
            ) == (
                y.offset_from,
                y.offset_to,
                y.position,
                y.position_length,
                &y.text,
            )
        })
}

#[test]
fn the_stream_matches_the_segments_token_for_token() {
    let texts = [
        "",
        "计",
        "计生协",
        "2022年三孩政策，ＨＩＶ　检测ＡＢＣ１２３。",
        "COVID-19 Vaccine, e.g. HPV 疫苗",
        "ひら 한국 İstanbul ß 㐀𠀀 ab中cd",
        "一，二。三 四\n五\t\tx",
        "  前后有空格  ",
        "末尾是字母abc",
        "ΑΒΓ 大写希腊文",
    ];
    for text in texts {
        assert!(
            same_tokens(&tokenize(text), &reference_tokens(text)),
            "{text:?}: {:?} != {:?}",
            tokenize(text).iter().map(|t| &t.text).collect::<Vec<_>>(),
            reference_tokens(text)
                .iter()
                .map(|t| &t.text)
                .collect::<Vec<_>>()
        );
    }
}

fn triples(text: &str) -> Vec<(String, usize, usize)> {
    tokenize(text)
        .into_iter()
        .map(|t| (t.text, t.position, t.position_length))
        .collect()
}

fn t(text: &str, position: usize, len: usize) -> (String, usize, usize) {
    (text.to_string(), position, len)
}

#[test]
fn cjk_run_gives_a_bigram_per_character_and_a_unigram_at_its_end() {
    assert_eq!(
        triples("计生协"),
        vec![t("计生", 0, 2), t("生协", 1, 2), t("协", 2, 1)]
    );
    assert_eq!(triples("计"), vec![t("计", 0, 1)]);
}

#[test]
fn mixed_year_and_chinese() {
    assert_eq!(
        triples("2022年三孩政策"),
        vec![
            t("2022", 0, 1),
            t("年三", 2, 2),
            t("三孩", 3, 2),
            t("孩政", 4, 2),
            t("政策", 5, 2),
            t("策", 6, 1),
        ]
    );
}

#[test]
fn punctuation_breaks_runs_and_leaves_a_gap() {
    assert_eq!(
        triples("优生，优育。"),
        vec![
            t("优生", 0, 2),
            t("生", 1, 1),
            t("优育", 3, 2),
            t("育", 4, 1),
        ]
    );
}

#[test]
fn full_width_ascii_is_folded_and_lowercased() {
    let tokens = tokenize("ＨＩＶ　检测ＡＢＣ１２３");
    let texts: Vec<_> = tokens.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["hiv", "检测", "测", "abc123"]);
    // Offsets point into the original (full-width) text.
    assert_eq!((tokens[0].offset_from, tokens[0].offset_to), (0, 9));
    assert_eq!(
        &"ＨＩＶ　检测ＡＢＣ１２３"[tokens[3].offset_from..],
        "ＡＢＣ１２３"
    );
}

#[test]
fn ascii_words_are_lowercased_and_split_on_punctuation() {
    let texts: Vec<_> = tokenize("COVID-19 Vaccine, e.g. HPV")
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(texts, ["covid", "19", "vaccine", "e", "g", "hpv"]);
}

#[test]
fn ext_a_kana_and_hangul_are_cjk() {
    assert!(is_cjk('㐀')); // U+3400, Ext A
    assert!(is_cjk('𠀀')); // U+20000, Ext B
    assert!(is_cjk('ひ') && is_cjk('カ') && is_cjk('한'));
    assert!(!is_cjk('a') && !is_cjk('，') && !is_cjk('１'));
    assert_eq!(
        triples("ひら 한국"),
        vec![
            t("ひら", 0, 2),
            t("ら", 1, 1),
            t("한국", 3, 2),
            t("국", 4, 1),
        ]
    );
}

#[test]
fn offsets_cover_the_source_text() {
    let text = "家庭健康";
    for token in tokenize(text) {
        assert_eq!(&text[token.offset_from..token.offset_to], token.text);
    }
}
