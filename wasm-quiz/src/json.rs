//! A small JSON tree, reader and writer for the browser boundary.
//!
//! With serde_json at the boundary the wasm module plus glue came to 70 KB
//! gzipped (serde_json and the core float formatting it pulls in were over
//! half of it); with this, 39 KB (opt-level "z", LTO, wasm-bindgen 0.2.130,
//! name section stripped). Numbers are what a quiz needs: integers below
//! 2^53 exactly, other values to six decimals.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    /// Keys in document order; lookups take the first match.
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn write(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out);
        out
    }
}

/// Parse a whole document; trailing non-space text is an error.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    if p.at != p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// Deeper nesting than any quiz document needs is refused, not recursed.
const MAX_DEPTH: u32 = 64;

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.at)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let hit = self.peek() == Some(b);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.space();
        match self.peek() {
            Some(b'{') => self
                .nested(b'}', |p| {
                    let key = p.string()?;
                    if !p.eat(b':') {
                        return Err(p.error("expected `:`"));
                    }
                    Ok((key, p.value()?))
                })
                .map(Json::Obj),
            Some(b'[') => self.nested(b']', Parser::value).map(Json::Arr),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Num),
            _ => Err(self.error("expected a value")),
        }
    }

    /// The items of an object or array, after its opening bracket.
    fn nested<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.at += 1;
        let mut items = Vec::new();
        if !self.eat(close) {
            loop {
                items.push(item(self)?);
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return Err(self.error("expected `,`"));
                }
            }
        }
        self.depth -= 1;
        Ok(items)
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat(b'"') {
            return Err(self.error("expected a string"));
        }
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("unterminated string"));
            };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => self.escape(&mut out)?,
                _ => out.push(b),
            }
        }
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8"))
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let b = self
            .peek()
            .ok_or_else(|| self.error("unterminated string"))?;
        self.at += 1;
        let c = match b {
            b'"' | b'\\' | b'/' => b as char,
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi)
                    && self.bytes[self.at..].starts_with(b"\\u")
                {
                    self.at += 2;
                    let lo = self.hex4()?;
                    0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    hi
                };
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            _ => return Err(self.error("invalid escape")),
        };
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("short \\u escape"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error("bad \\u escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// Decimal mantissa and power of ten; exact for integers below 2^53 and
    /// for short decimals such as points and timestamps.
    fn number(&mut self) -> Result<f64, String> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exp: i32 = 0;
        let mut digits = 0;
        let mut fraction = false;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    if mantissa < 1_000_000_000_000_000_000 {
                        mantissa = mantissa * 10 + u64::from(b - b'0');
                        exp -= i32::from(fraction);
                    } else {
                        exp += i32::from(!fraction);
                    }
                    digits += 1;
                }
                b'.' if !fraction => fraction = true,
                _ => break,
            }
            self.at += 1;
        }
        if digits == 0 {
            return Err(self.error("invalid number"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            self.at += usize::from(sign != 0);
            let mut e: i32 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                e = e.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.at += 1;
            }
            exp = exp.saturating_add(if sign < 0 { -e } else { e });
        }
        let m = mantissa as f64;
        let value = if exp >= 0 {
            m * 10f64.powi(exp)
        } else {
            m / 10f64.powi(-exp)
        };
        Ok(if negative { -value } else { value })
    }
}

fn write_value(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => write_number(*n, out),
        Json::Str(s) => write_string(s, out),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Json::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

/// Integers as integers; other numbers to six decimals, trailing zeros
/// dropped; non-finite numbers as `null`.
fn write_number(n: f64, out: &mut String) {
    const MICRO: f64 = 1_000_000.0;
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    let scaled = (n.abs() * MICRO).round();
    if n.fract() == 0.0 || scaled >= 9.0e18 {
        let _ = write!(out, "{}", n.trunc() as i64);
        return;
    }
    let scaled = scaled as u64;
    if n < 0.0 && scaled > 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", scaled / 1_000_000);
    let frac = scaled % 1_000_000;
    if frac > 0 {
        let digits = format!("{frac:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_documents() {
        let text =
            r#"{"a":[1,-2.5,3.333333,true,false,null],"b":{"c":"计生协\n\"引号\"\\"},"d":[]}"#;
        let value = parse(text).unwrap();
        assert_eq!(value.write(), text);
        assert_eq!(value.get("d"), Some(&Json::Arr(vec![])));
    }

    #[test]
    fn reads_what_serde_json_writes() {
        let text = " { \"x\" : 5.0 , \"t\": 1700000000123, \"e\": 1.5e3, \"u\": \"\\u8ba1\\ud83d\\ude00\" } ";
        let v = parse(text).unwrap();
        assert_eq!(v.get("x"), Some(&Json::Num(5.0)));
        assert_eq!(v.get("t"), Some(&Json::Num(1_700_000_000_123.0)));
        assert_eq!(v.get("e"), Some(&Json::Num(1500.0)));
        assert_eq!(v.get("u"), Some(&Json::Str("计😀".into())));
        assert_eq!(parse("0.1").unwrap(), Json::Num(0.1));
        assert_eq!(parse("3.33").unwrap(), Json::Num(3.33));
    }

    #[test]
    fn numbers_are_written_plainly() {
        let w = |n: f64| Json::Num(n).write();
        assert_eq!(w(5.0), "5");
        assert_eq!(w(-0.5), "-0.5");
        assert_eq!(w(1.0 / 3.0), "0.333333");
        assert_eq!(w(9_007_199_254_740_991.0), "9007199254740991");
        assert_eq!(w(f64::NAN), "null");
        assert_eq!(w(1e-9), "0");
    }

    #[test]
    fn bad_documents_are_errors() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "tru",
            "\"abc",
            "1 2",
            "-",
            "\"\\x\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&deep).unwrap_err().contains("deep"));
    }
}
