//! `Range: bytes=` requests: one range answers with its bytes, several with
//! a `multipart/byteranges` body (RFC 9110 §14.6), so that the search worker
//! can fetch all the blocks it needs from one index file in one request.
//!
//! A hostile header cannot make the answer large: ranges are merged when they
//! overlap or touch, so the parts never add up to more than the file, and a header
//! listing more than [`MAX_RANGES`] ranges is ignored (the whole file, 200).

use std::ops::RangeInclusive;

use axum::body::Bytes;

/// Separates the parts of a multipart answer. The reader finds the parts by
/// their `Content-Range` lengths, so the boundary only has to be unlikely.
pub const BOUNDARY: &str = "jiayuan-byteranges-5f0c7e2a9b41";

/// More ranges than this in one header and it is ignored. The search asks for a
/// handful at a time; nginx's `max_ranges` is unlimited by default, which is the
/// amplification this cap exists to refuse.
pub const MAX_RANGES: usize = 64;

/// What a `Range` header asks of a body of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Ask {
    /// No usable `bytes=` header, or too many ranges: the whole body, 200.
    Whole,
    /// Nothing can be satisfied: 416.
    Unsatisfiable,
    /// These ranges, sorted, merged and clamped: 206.
    Ranges(Vec<RangeInclusive<u64>>),
}

/// Reads a `Range` header against a body of `len` bytes.
pub fn parse_ranges(header: &str, len: u64) -> Ask {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Ask::Whole;
    };
    if spec.split(',').count() > MAX_RANGES {
        return Ask::Whole;
    }
    let mut ranges = Vec::new();
    for part in spec.split(',') {
        match parse_one(part, len) {
            Ok(Some(range)) => ranges.push(range),
            Ok(None) => {}
            Err(()) => return Ask::Whole,
        }
    }
    if ranges.is_empty() {
        return Ask::Unsatisfiable;
    }
    Ask::Ranges(merge(ranges))
}

/// One `first-last`, `first-` or `-suffix`: `Ok(None)` when it lies past the end,
/// `Err` when it is not a range at all (the whole header is then ignored).
fn parse_one(part: &str, len: u64) -> Result<Option<RangeInclusive<u64>>, ()> {
    let (a, b) = part.trim().split_once('-').ok_or(())?;
    let number = |s: &str| s.parse::<u64>().map_err(|_| ());
    Ok(match (a.trim(), b.trim()) {
        ("", "") => return Err(()),
        ("", suffix) => {
            let n = number(suffix)?;
            (n > 0 && len > 0).then(|| len.saturating_sub(n)..=len - 1)
        }
        (s, e) => {
            let start = number(s)?;
            let end = if e.is_empty() { u64::MAX } else { number(e)? };
            if end < start {
                return Err(());
            }
            (start < len).then(|| start..=end.min(len - 1))
        }
    })
}

/// Sorts `ranges` and joins those that overlap or touch.
fn merge(mut ranges: Vec<RangeInclusive<u64>>) -> Vec<RangeInclusive<u64>> {
    ranges.sort_by_key(|r| *r.start());
    let mut out: Vec<RangeInclusive<u64>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if *r.start() <= last.end().saturating_add(1) => {
                *last = *last.start()..=(*last.end()).max(*r.end());
            }
            _ => out.push(r),
        }
    }
    out
}

/// One piece of an answer's body: bytes already at hand, or `len` bytes of the
/// file from `start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Bytes(Bytes),
    Span { start: u64, len: u64 },
}

/// The body of a 206 answer for `ranges` of a `len`-byte body of type `mime`, as
/// pieces to stream in order, and the `Content-Type` to send with it.
pub fn layout(ranges: &[RangeInclusive<u64>], len: u64, mime: &str) -> (Vec<Piece>, String) {
    let span = |r: &RangeInclusive<u64>| Piece::Span {
        start: *r.start(),
        len: r.end() - r.start() + 1,
    };
    if let [one] = ranges {
        return (vec![span(one)], mime.to_string());
    }
    let mut pieces = Vec::with_capacity(ranges.len() * 2 + 1);
    for r in ranges {
        let head = format!(
            "\r\n--{BOUNDARY}\r\nContent-Type: {mime}\r\nContent-Range: bytes {}-{}/{len}\r\n\r\n",
            r.start(),
            r.end()
        );
        pieces.push(Piece::Bytes(Bytes::from(head)));
        pieces.push(span(r));
    }
    pieces.push(Piece::Bytes(Bytes::from(format!("\r\n--{BOUNDARY}--\r\n"))));
    (pieces, format!("multipart/byteranges; boundary={BOUNDARY}"))
}

/// How many bytes `pieces` add up to (the `Content-Length`).
pub fn total(pieces: &[Piece]) -> u64 {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => b.len() as u64,
            Piece::Span { len, .. } => *len,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(v: &[(u64, u64)]) -> Ask {
        Ask::Ranges(v.iter().map(|&(a, b)| a..=b).collect())
    }

    #[test]
    fn single_ranges() {
        assert_eq!(parse_ranges("bytes=0-9", 100), ranges(&[(0, 9)]));
        assert_eq!(parse_ranges("bytes=90-", 100), ranges(&[(90, 99)]));
        assert_eq!(parse_ranges("bytes=-10", 100), ranges(&[(90, 99)]));
        assert_eq!(parse_ranges("bytes=-200", 100), ranges(&[(0, 99)]));
        assert_eq!(parse_ranges("bytes=95-200", 100), ranges(&[(95, 99)]));
        assert_eq!(parse_ranges("bytes=100-", 100), Ask::Unsatisfiable);
        assert_eq!(parse_ranges("bytes=-5", 0), Ask::Unsatisfiable);
        assert_eq!(parse_ranges("bytes=5-2", 100), Ask::Whole);
        assert_eq!(parse_ranges("items=0-1", 100), Ask::Whole);
        assert_eq!(parse_ranges("bytes=-", 100), Ask::Whole);
    }

    #[test]
    fn several_ranges_keep_the_satisfiable_ones_merged() {
        assert_eq!(
            parse_ranges("bytes=0-1, 3-4,200-300", 100),
            ranges(&[(0, 1), (3, 4)])
        );
        assert_eq!(parse_ranges("bytes=0-1,x", 100), Ask::Whole);
        assert_eq!(
            parse_ranges("bytes=50-60,0-9,5-20,21-30,-1", 100),
            ranges(&[(0, 30), (50, 60), (99, 99)])
        );
        assert_eq!(parse_ranges("bytes=0-,0-,0-", 100), ranges(&[(0, 99)]));
    }

    #[test]
    fn too_many_ranges_are_ignored() {
        let ok = vec!["0-0"; MAX_RANGES].join(",");
        assert_eq!(parse_ranges(&format!("bytes={ok}"), 10), ranges(&[(0, 0)]));
        let many = vec!["0-"; MAX_RANGES + 1].join(",");
        assert_eq!(parse_ranges(&format!("bytes={many}"), 10), Ask::Whole);
    }

    #[test]
    fn multipart_parts_carry_their_ranges() {
        let (pieces, mime) = layout(&[1..=3, 250..=255], 256, "x/y");
        assert_eq!(mime, format!("multipart/byteranges; boundary={BOUNDARY}"));
        let head = |r: &str| {
            Piece::Bytes(Bytes::from(format!(
                "\r\n--{BOUNDARY}\r\nContent-Type: x/y\r\nContent-Range: bytes {r}/256\r\n\r\n"
            )))
        };
        let tail = Piece::Bytes(Bytes::from(format!("\r\n--{BOUNDARY}--\r\n")));
        assert_eq!(
            pieces,
            vec![
                head("1-3"),
                Piece::Span { start: 1, len: 3 },
                head("250-255"),
                Piece::Span { start: 250, len: 6 },
                tail
            ]
        );
        let text: usize = [&pieces[0], &pieces[2], &pieces[4]]
            .iter()
            .map(|p| match p {
                Piece::Bytes(b) => b.len(),
                Piece::Span { .. } => unreachable!(),
            })
            .sum();
        assert_eq!(total(&pieces), text as u64 + 3 + 6);
        let (one, mime) = layout(&[10..=12], 256, "x/y");
        assert_eq!(
            (one, mime.as_str()),
            (vec![Piece::Span { start: 10, len: 3 }], "x/y")
        );
    }
}
