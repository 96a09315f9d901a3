//! `Range: bytes=` requests: one range answers with its bytes, several with
//! a `multipart/byteranges` body (RFC 9110 §14.6), so that the search worker
//! can fetch all the blocks it needs from one index file in one request.

use std::io::{self, Read, Seek, SeekFrom};

/// Separates the parts of a multipart answer. The reader finds the parts by
/// their `Content-Range` lengths, so the boundary only has to be unlikely.
pub const BOUNDARY: &str = "jiayuan-byteranges-5f0c7e2a9b41";

/// The ranges of a `Range` header, clamped to a body of `len` bytes:
/// `None` if it is not a valid `bytes=` header (serve the whole body), an
/// empty list if no range can be satisfied (416).
pub fn parse_ranges(header: &str, len: u64) -> Option<Vec<(u64, u64)>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let mut ranges = Vec::new();
    for part in spec.split(',') {
        let (a, b) = part.trim().split_once('-')?;
        let range = match (a.trim(), b.trim()) {
            ("", "") => return None,
            ("", suffix) => {
                let n: u64 = suffix.parse().ok()?;
                (n > 0 && len > 0).then(|| (len.saturating_sub(n), len - 1))
            }
            (s, e) => {
                let start: u64 = s.parse().ok()?;
                let end = if e.is_empty() {
                    u64::MAX
                } else {
                    e.parse().ok()?
                };
                if end < start {
                    return None;
                }
                (start < len).then(|| (start, end.min(len - 1)))
            }
        };
        ranges.extend(range);
    }
    Some(ranges)
}

/// The body of a 206 answer for `ranges` of a `len`-byte body of type
/// `mime`, read through `source`; and the `Content-Type` to send with it.
pub fn partial_body<R: Read + Seek>(
    source: &mut R,
    ranges: &[(u64, u64)],
    len: u64,
    mime: &str,
) -> io::Result<(Vec<u8>, String)> {
    let mut read = |start: u64, end: u64| -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; (end - start + 1) as usize];
        source.seek(SeekFrom::Start(start))?;
        source.read_exact(&mut bytes)?;
        Ok(bytes)
    };
    if let [(start, end)] = ranges {
        return Ok((read(*start, *end)?, mime.to_string()));
    }
    let mut body = Vec::new();
    for &(start, end) in ranges {
        body.extend_from_slice(
            format!(
                "\r\n--{BOUNDARY}\r\nContent-Type: {mime}\r\nContent-Range: bytes {start}-{end}/{len}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(read(start, end)?);
    }
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Ok((body, format!("multipart/byteranges; boundary={BOUNDARY}")))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    #[test]
    fn single_ranges() {
        assert_eq!(parse_ranges("bytes=0-9", 100), Some(vec![(0, 9)]));
        assert_eq!(parse_ranges("bytes=90-", 100), Some(vec![(90, 99)]));
        assert_eq!(parse_ranges("bytes=-10", 100), Some(vec![(90, 99)]));
        assert_eq!(parse_ranges("bytes=95-200", 100), Some(vec![(95, 99)]));
        assert_eq!(parse_ranges("bytes=100-", 100), Some(vec![]));
        assert_eq!(parse_ranges("bytes=5-2", 100), None);
        assert_eq!(parse_ranges("items=0-1", 100), None);
        assert_eq!(parse_ranges("bytes=-", 100), None);
    }

    #[test]
    fn several_ranges_keep_the_satisfiable_ones() {
        assert_eq!(
            parse_ranges("bytes=0-1, 3-4,200-300", 100),
            Some(vec![(0, 1), (3, 4)])
        );
        assert_eq!(parse_ranges("bytes=0-1,x", 100), None);
    }

    #[test]
    fn multipart_parts_carry_their_ranges() {
        let data: Vec<u8> = (0..=255).collect();
        let (body, mime) =
            partial_body(&mut Cursor::new(&data), &[(1, 3), (250, 255)], 256, "x/y").unwrap();
        assert_eq!(mime, format!("multipart/byteranges; boundary={BOUNDARY}"));
        let head = format!(
            "\r\n--{BOUNDARY}\r\nContent-Type: x/y\r\nContent-Range: bytes 1-3/256\r\n\r\n"
        );
        assert!(body.starts_with(head.as_bytes()));
        assert_eq!(&body[head.len()..head.len() + 3], &[1, 2, 3]);
        assert!(body.ends_with(format!("\r\n--{BOUNDARY}--\r\n").as_bytes()));
        let (one, mime) = partial_body(&mut Cursor::new(&data), &[(10, 12)], 256, "x/y").unwrap();
        assert_eq!((one, mime.as_str()), (vec![10, 11, 12], "x/y"));
    }
}
