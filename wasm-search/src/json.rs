//! The JSON the browser engine returns ([`SearchResults`] and planned reads), written by
//! hand: serde_json's serializer was about 30 KB of the search wasm, and these two
//! shapes need only strings, integers and one float. The worker reads them with
//! `JSON.parse`; a test checks each parses to what serde_json writes natively.

use std::fmt::Write;

use crate::{SearchResults, Want};

/// `results` as a JSON object: `{"total","hits":[{"title",…,"snippet"}]}`.
pub fn results_json(results: &SearchResults) -> String {
    let mut out = String::with_capacity(256 + results.hits.len() * 512);
    out.push_str("{\"total\":");
    push_uint(&mut out, results.total as u64);
    out.push_str(",\"hits\":[");
    for (i, hit) in results.hits.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        for (j, (key, value)) in [
            ("title", &hit.title),
            ("title_html", &hit.title_html),
            ("url", &hit.url),
            ("section", &hit.section),
            ("section_title", &hit.section_title),
        ]
        .into_iter()
        .enumerate()
        {
            if j > 0 {
                out.push(',');
            }
            push_key(&mut out, key);
            push_str(&mut out, value);
        }
        out.push(',');
        push_key(&mut out, "date");
        match &hit.date {
            Some(date) => push_str(&mut out, date),
            None => out.push_str("null"),
        }
        out.push(',');
        push_key(&mut out, "tags");
        out.push('[');
        for (k, tag) in hit.tags.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_str(&mut out, tag);
        }
        out.push_str("],");
        push_key(&mut out, "score");
        push_score(&mut out, hit.score);
        out.push(',');
        push_key(&mut out, "snippet");
        push_str(&mut out, &hit.snippet);
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// `wants` as a JSON array: `[{"file","start","end"}, …]`.
pub fn wants_json(wants: &[Want]) -> String {
    let mut out = String::with_capacity(2 + wants.len() * 48);
    out.push('[');
    for (i, want) in wants.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"file\":");
        push_str(&mut out, &want.file);
        out.push_str(",\"start\":");
        push_uint(&mut out, want.start);
        out.push_str(",\"end\":");
        push_uint(&mut out, want.end);
        out.push('}');
    }
    out.push(']');
    out
}

fn push_key(out: &mut String, key: &str) {
    push_str(out, key);
    out.push(':');
}

/// A JSON string: `"` and `\` escaped, control characters as `\u00XX`.
fn push_str(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

/// A score: finite as Rust prints it (the shortest text that reads back as the same
/// `f32`), `null` otherwise, as serde_json does.
fn push_score(out: &mut String, score: f32) {
    if score.is_finite() {
        let _ = write!(out, "{score}");
    } else {
        out.push_str("null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Hit;

    fn hit(title: &str, date: Option<&str>, tags: &[&str], score: f32) -> Hit {
        Hit {
            title: title.to_string(),
            title_html: format!("<mark>{title}</mark>"),
            url: "/news/a/".to_string(),
            section: "news".to_string(),
            section_title: "新闻".to_string(),
            date: date.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            score,
            snippet: "…三孩政策 \"引号\" \\ 换行\n制表\t控制\u{1}\u{1f}…".to_string(),
        }
    }

    fn same_as_serde_json(ours: &str, theirs: String) {
        let ours: serde_json::Value = serde_json::from_str(ours).expect("ours is JSON");
        let theirs: serde_json::Value = serde_json::from_str(&theirs).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn results_parse_to_what_serde_json_writes() {
        for results in [
            SearchResults {
                total: 0,
                hits: vec![],
            },
            SearchResults {
                total: 12_345,
                hits: vec![
                    hit(
                        "三孩政策解读",
                        Some("2022-05-29"),
                        &["政策", "三孩"],
                        7.123_456_5,
                    ),
                    hit("无日期", None, &[], 0.000_012_3),
                    hit("大分", None, &["一"], 1.0e20),
                ],
            },
        ] {
            same_as_serde_json(
                &results_json(&results),
                serde_json::to_string(&results).unwrap(),
            );
        }
    }

    #[test]
    fn scores_read_back_bit_for_bit() {
        for score in [7.123_456_5f32, 0.1, 1.0 / 3.0, 3.4e38, 1.0e-40, 0.0] {
            let mut out = String::new();
            push_score(&mut out, score);
            assert_eq!(
                out.parse::<f32>().unwrap().to_bits(),
                score.to_bits(),
                "{out}"
            );
        }
        let mut out = String::new();
        push_score(&mut out, f32::NAN);
        assert_eq!(out, "null");
    }

    #[test]
    fn wants_parse_to_what_serde_json_writes() {
        let wants = vec![
            Want {
                file: "index.bin".to_string(),
                start: 0,
                end: 512,
            },
            Want {
                file: "index.bin".to_string(),
                start: 18_446_744_073_709_551_000,
                end: u64::MAX,
            },
        ];
        same_as_serde_json(&wants_json(&wants), serde_json::to_string(&wants).unwrap());
        assert_eq!(wants_json(&[]), "[]");
    }
}
