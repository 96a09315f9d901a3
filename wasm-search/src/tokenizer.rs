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
    /// The CJK character whose unigram was the last token: its bigram with the next
    /// character (if that one is CJK too) comes next.
    pending: Option<(char, usize)>,
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

    /// The bigram of the pending character and the next one, if the run goes on;
    /// otherwise moves past the run's end.
    fn bigram(&mut self, c: char, from: usize) -> bool {
        match self.peek_cjk() {
            Some((next, _, next_to)) => {
                self.current.text.clear();
                self.current.text.push(c);
                self.current.text.push(next);
                self.set(from, next_to, 2);
                self.position += 1;
                true
            }
            None => {
                self.position += 1 + SEGMENT_GAP;
                false
            }
        }
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
        if let Some((c, from)) = self.pending.take() {
            if self.bigram(c, from) {
                return true;
            }
        }
        while let Some((from, original)) = self.chars.next() {
            let c = fold(original);
            if is_cjk(c) {
                self.current.text.clear();
                self.current.text.push(c);
                self.set(from, from + original.len_utf8(), 1);
                self.pending = Some((c, from));
                return true;
            }
            if c.is_alphanumeric() {
                self.word(c, from);
                return true;
            }
        }
        false
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
