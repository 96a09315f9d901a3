//! The `cjk` tokenizer: every character of a CJK run starts one token, the
//! bigram of it and the next character, or its unigram if it ends the run;
//! other letters and digits become lowercased words.
//!
//! Positions: every word takes one position, every character of a CJK run
//! takes one position, and one empty position separates consecutive words and
//! runs. At the position of character `i` of a run sits the bigram of
//! characters `i, i+1`, or the unigram of `i` if it is the run's last. Two
//! characters at consecutive positions are therefore adjacent in one run, and
//! a Chinese query of `n ≥ 2` characters is an exact phrase over bigrams at
//! their positions (the query side covers the run with as few bigrams as it
//! can). One character is found as every term that starts with it (see
//! `crate::char_postings`): each of its occurrences starts exactly one token.
//! Why no unigram stands beside every bigram: `docs/decisions.md`.

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

/// True for characters indexed as bigrams (and unigrams): CJK ideographs
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
    let mut stream = CjkTokenStream::new(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.current.clone());
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

/// The tantivy tokenizer; register it with [`crate::schema::register_tokenizer`].
#[derive(Clone, Debug, Default)]
pub struct CjkTokenizer;

/// The token stream of [`CjkTokenizer`]: the tokens [`segments`] describes, produced
/// one at a time into one reused [`Token`], so indexing a body allocates nothing per
/// token (the indexing thread is the longest task of a build with search).
pub struct CjkTokenStream<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text_len: usize,
    /// The position of the next segment, or of the current CJK character.
    position: usize,
    /// The second character of the last token, a bigram: the next token starts with it.
    pending: Option<(char, usize, usize)>,
    current: Token,
}

impl<'a> CjkTokenStream<'a> {
    fn new(text: &'a str) -> CjkTokenStream<'a> {
        CjkTokenStream {
            chars: text.char_indices().peekable(),
            text_len: text.len(),
            position: 0,
            pending: None,
            current: Token::default(),
        }
    }

    /// The next character folded, with its byte range, if it is CJK.
    fn peek_cjk(&mut self) -> Option<(char, usize, usize)> {
        let &(from, original) = self.chars.peek()?;
        let c = fold(original);
        is_cjk(c).then(|| (c, from, from + original.len_utf8()))
    }

    fn set(&mut self, from: usize, to: usize, position_length: usize) {
        self.current.offset_from = from;
        self.current.offset_to = to;
        self.current.position = self.position;
        self.current.position_length = position_length;
    }

    /// A word of letters and digits starting with `first` (folded) at `from`.
    fn word(&mut self, first: char, from: usize) {
        self.current.text.clear();
        self.current.text.extend(first.to_lowercase());
        let mut to = self.text_len;
        while let Some(&(at, original)) = self.chars.peek() {
            let c = fold(original);
            if is_cjk(c) || !c.is_alphanumeric() {
                to = at;
                break;
            }
            self.current.text.extend(c.to_lowercase());
            self.chars.next();
        }
        self.set(from, to, 1);
        self.position += 1 + SEGMENT_GAP;
    }
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkTokenStream<'a> {
        CjkTokenStream::new(text)
    }
}

impl TokenStream for CjkTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let (c, from, to) = match self.pending.take() {
            Some(pending) => pending,
            None => loop {
                let Some((from, original)) = self.chars.next() else {
                    return false;
                };
                let c = fold(original);
                if is_cjk(c) {
                    break (c, from, from + original.len_utf8());
                }
                if c.is_alphanumeric() {
                    self.word(c, from);
                    return true;
                }
            },
        };
        self.current.text.clear();
        self.current.text.push(c);
        match self.peek_cjk() {
            Some(next) => {
                self.chars.next();
                self.current.text.push(next.0);
                self.set(from, next.2, 2);
                self.position += 1;
                self.pending = Some(next);
            }
            None => {
                self.set(from, to, 1);
                self.position += 1 + SEGMENT_GAP;
            }
        }
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
#[path = "tokenizer_tests.rs"]
mod tests;
