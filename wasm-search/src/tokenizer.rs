//! The `cjk` tokenizer: CJK runs become unigrams plus overlapping bigrams that
//! share positions; other letters and digits become lowercased words.
//!
//! Positions: every word takes one position, every character of a CJK run
//! takes one position, and one empty position separates consecutive words and
//! runs. At the position of character `i` of a run sit its unigram and (except
//! for the last character) the bigram of characters `i, i+1`. Two characters
//! at consecutive positions are therefore adjacent in one run, and a Chinese
//! query of `n ≥ 2` characters is an exact phrase over bigrams at their
//! positions (the query side covers the run with as few bigrams as it can).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name under which [`CjkTokenizer`] is registered on an index.
pub const TOKENIZER_NAME: &str = "cjk";

/// Appended to every title token, so one field holds title and body terms.
pub const TITLE_MARK: char = '\u{1}';

/// Empty positions between consecutive segments, so that no phrase matches
/// across punctuation or a change of script.
pub(crate) const SEGMENT_GAP: usize = 1;

/// A maximal run of characters that tokenize the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A lowercased word of letters and digits.
    Word {
        text: String,
        from: usize,
        to: usize,
    },
    /// A run of CJK characters, each with its byte range in the source.
    Cjk { chars: Vec<(char, usize, usize)> },
}

impl Segment {
    /// How many positions the segment takes.
    pub(crate) fn width(&self) -> usize {
        match self {
            Segment::Word { .. } => 1,
            Segment::Cjk { chars } => chars.len(),
        }
    }
}

/// True for characters indexed as unigrams and bigrams: CJK ideographs
/// (incl. Ext A, compatibility and the supplementary planes), kana and hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007          // 々 〆 〇
        | 0x3040..=0x30FF        // hiragana, katakana
        | 0x3100..=0x312F        // bopomofo
        | 0x3130..=0x318F        // hangul compatibility jamo
        | 0x31F0..=0x31FF        // katakana phonetic extensions
        | 0x3400..=0x4DBF        // CJK Ext A
        | 0x4E00..=0x9FFF        // CJK Unified Ideographs
        | 0x1100..=0x11FF        // hangul jamo
        | 0xAC00..=0xD7AF        // hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width katakana
        | 0x20000..=0x3FFFF      // CJK Ext B and later
    )
}

/// Folds full-width ASCII to half-width and the ideographic space to a space.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Splits `text` into words and CJK runs; punctuation and spaces separate them.
pub(crate) fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut word_from = 0;
    let mut run: Vec<(char, usize, usize)> = Vec::new();
    for (from, original) in text.char_indices() {
        let to = from + original.len_utf8();
        let c = fold(original);
        if is_cjk(c) {
            flush_word(&mut out, &mut word, word_from, from);
            run.push((c, from, to));
        } else if c.is_alphanumeric() {
            flush_run(&mut out, &mut run);
            if word.is_empty() {
                word_from = from;
            }
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut out, &mut word, word_from, from);
            flush_run(&mut out, &mut run);
        }
    }
    flush_word(&mut out, &mut word, word_from, text.len());
    flush_run(&mut out, &mut run);
    out
}

fn flush_word(out: &mut Vec<Segment>, word: &mut String, from: usize, to: usize) {
    if !word.is_empty() {
        out.push(Segment::Word {
            text: std::mem::take(word),
            from,
            to,
        });
    }
}

fn flush_run(out: &mut Vec<Segment>, run: &mut Vec<(char, usize, usize)>) {
    if !run.is_empty() {
        out.push(Segment::Cjk {
            chars: std::mem::take(run),
        });
    }
}

/// All tokens of `text`, in the order tantivy indexes them.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut position = 0;
    for segment in segments(text) {
        push_tokens(&segment, position, &mut tokens);
        position += segment.width() + SEGMENT_GAP;
    }
    tokens
}

/// Tokens of a title: those of [`tokenize`], each followed by [`TITLE_MARK`].
pub fn title_tokens(text: &str) -> Vec<Token> {
    let mut tokens = tokenize(text);
    for token in &mut tokens {
        token.text.push(TITLE_MARK);
    }
    tokens
}

fn push_tokens(segment: &Segment, position: usize, tokens: &mut Vec<Token>) {
    match segment {
        Segment::Word { text, from, to } => tokens.push(Token {
            offset_from: *from,
            offset_to: *to,
            position,
            text: text.clone(),
            position_length: 1,
        }),
        Segment::Cjk { chars } => {
            for (i, &(c, from, to)) in chars.iter().enumerate() {
                tokens.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position: position + i,
                    text: c.to_string(),
                    position_length: 1,
                });
                if let Some(&(next, _, next_to)) = chars.get(i + 1) {
                    tokens.push(Token {
                        offset_from: from,
                        offset_to: next_to,
                        position: position + i,
                        text: [c, next].iter().collect(),
                        position_length: 2,
                    });
                }
            }
        }
    }
}

/// The tantivy tokenizer; register it with [`crate::schema::register_tokenizer`].
#[derive(Clone, Debug, Default)]
pub struct CjkTokenizer;

/// The token stream of [`CjkTokenizer`].
pub struct CjkTokenStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkTokenStream {
        CjkTokenStream {
            tokens: tokenize(text).into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for CjkTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn cjk_run_gives_unigrams_and_bigrams_at_shared_positions() {
        assert_eq!(
            triples("计生协"),
            vec![
                t("计", 0, 1),
                t("计生", 0, 2),
                t("生", 1, 1),
                t("生协", 1, 2),
                t("协", 2, 1),
            ]
        );
    }

    #[test]
    fn mixed_year_and_chinese() {
        assert_eq!(
            triples("2022年三孩政策"),
            vec![
                t("2022", 0, 1),
                t("年", 2, 1),
                t("年三", 2, 2),
                t("三", 3, 1),
                t("三孩", 3, 2),
                t("孩", 4, 1),
                t("孩政", 4, 2),
                t("政", 5, 1),
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
                t("优", 0, 1),
                t("优生", 0, 2),
                t("生", 1, 1),
                t("优", 3, 1),
                t("优育", 3, 2),
                t("育", 4, 1),
            ]
        );
    }

    #[test]
    fn full_width_ascii_is_folded_and_lowercased() {
        let tokens = tokenize("ＨＩＶ　检测ＡＢＣ１２３");
        let texts: Vec<_> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["hiv", "检", "检测", "测", "abc123"]);
        // Offsets point into the original (full-width) text.
        assert_eq!((tokens[0].offset_from, tokens[0].offset_to), (0, 9));
        assert_eq!(
            &"ＨＩＶ　检测ＡＢＣ１２３"[tokens[4].offset_from..],
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
                t("ひ", 0, 1),
                t("ひら", 0, 2),
                t("ら", 1, 1),
                t("한", 3, 1),
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
}
