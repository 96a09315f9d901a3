//! What a hit shows (title, URL, section, date, tags, excerpt), one record a page in
//! `pages.store`, read by document id.
//!
//! tantivy's doc store finds a document through a skip index that its reader reads
//! whole when it opens: 42.5 KB at 10,000 pages, most of the first query's index
//! bytes (docs/decisions.md, "The pages' own store"). Here the lookup is a table of
//! record lengths, bit-packed, read at open (8.8 KB at the benchmark's 10,000 pages);
//! a hit then costs one range, its own record. A string is kept in UTF-16 when that
//! is shorter, as it is for Chinese text (two bytes a character, not three).
//!
//! Layout, little-endian: `n: u32`, `width: u8`, `base: u32`, then `n` lengths of
//! `width` bits each (a record is `base` + its length bytes), then the records. A
//! record is the title, URL, section, section title, date, excerpt (each a string)
//! and then the tags (a count, then strings); a string is a varint `bytes << 1 |
//! utf16` and its bytes.

use tantivy::directory::FileSlice;
use tantivy::HasLen;

use crate::SearchError;

/// The store's name in the index bundle.
pub(crate) const PAGES_FILE: &str = "pages.store";
const HEADER: usize = 9;

/// One page's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageRecord {
    pub title: String,
    pub url: String,
    pub section: String,
    pub section_title: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub excerpt: String,
    pub tags: Vec<String>,
}

/// Writes the store of `records`, in document order, to `out`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn write_store(
    records: &[Vec<u8>],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let lens: Vec<u32> = records
        .iter()
        .map(|r| u32::try_from(r.len()).expect("a page record under 4 GB"))
        .collect();
    let base = lens.iter().copied().min().unwrap_or(0);
    let spread = lens.iter().map(|len| len - base).max().unwrap_or(0);
    let width = (u32::BITS - spread.leading_zeros()) as u8;
    let mut head = Vec::with_capacity(HEADER + (records.len() * width as usize).div_ceil(8));
    head.extend_from_slice(&(records.len() as u32).to_le_bytes());
    head.push(width);
    head.extend_from_slice(&base.to_le_bytes());
    let (mut acc, mut bits) = (0u64, 0u32);
    for len in lens {
        acc |= u64::from(len - base) << bits;
        bits += u32::from(width);
        while bits >= 8 {
            head.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    }
    if bits > 0 {
        head.push(acc as u8);
    }
    out.write_all(&head)?;
    for record in records {
        out.write_all(record)?;
    }
    Ok(())
}

/// The record of one page, as [`write_store`] takes it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn encode_record(page: &PageRecord) -> Vec<u8> {
    let mut out = Vec::new();
    for text in [
        &page.title,
        &page.url,
        &page.section,
        &page.section_title,
        &page.date,
        &page.excerpt,
    ] {
        put_string(&mut out, text);
    }
    put_varint(&mut out, page.tags.len() as u64);
    for tag in &page.tags {
        put_string(&mut out, tag);
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn put_string(out: &mut Vec<u8>, text: &str) {
    let wide = text.encode_utf16().count() * 2;
    if wide < text.len() {
        put_varint(out, (wide as u64) << 1 | 1);
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
    } else {
        put_varint(out, (text.len() as u64) << 1);
        out.extend_from_slice(text.as_bytes());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The store opened for reading: the records' offsets, and the file.
pub(crate) struct PageStore {
    /// Where record `i` starts; `n + 1` entries, the last the end of the file.
    offsets: Vec<u64>,
    file: FileSlice,
}

fn corrupt(what: &str) -> SearchError {
    SearchError::Pages(what.to_string())
}

impl PageStore {
    /// Reads the header and the length table of `file`.
    pub(crate) fn open(file: FileSlice) -> Result<PageStore, SearchError> {
        let too_short = || corrupt("shorter than its header says");
        let io = |e: std::io::Error| corrupt(&e.to_string());
        if file.len() < HEADER {
            return Err(too_short());
        }
        let header = file.read_bytes_slice(0..HEADER).map_err(io)?;
        let n = u32::from_le_bytes(header[0..4].try_into().expect("four bytes")) as usize;
        let width = u32::from(header[4]);
        let base = u64::from(u32::from_le_bytes(header[5..9].try_into().expect("four")));
        if width > 32 {
            return Err(corrupt("lengths wider than 32 bits"));
        }
        // Every record is at least its six string heads and tag count: more records than
        // bytes is damage, found before the offsets are allocated.
        if n > file.len() {
            return Err(corrupt("more records than bytes"));
        }
        let table_len = n
            .checked_mul(width as usize)
            .map(|bits| bits.div_ceil(8))
            .filter(|&len| HEADER + len <= file.len())
            .ok_or_else(too_short)?;
        let table = file
            .read_bytes_slice(HEADER..HEADER + table_len)
            .map_err(io)?;
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = (HEADER + table_len) as u64;
        offsets.push(at);
        let mask = (1u64 << width) - 1;
        let (mut acc, mut bits, mut bytes) = (0u64, 0u32, table.as_slice().iter());
        for _ in 0..n {
            while bits < width {
                acc |= u64::from(*bytes.next().expect("the table holds n lengths")) << bits;
                bits += 8;
            }
            at += base + (acc & mask);
            acc >>= width;
            bits -= width;
            offsets.push(at);
        }
        if at != file.len() as u64 {
            return Err(corrupt("its records do not end where the file does"));
        }
        Ok(PageStore { offsets, file })
    }

    /// How many records the store holds.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn slice(&self, doc: usize) -> Result<FileSlice, SearchError> {
        let range = self
            .offsets
            .get(doc..doc + 2)
            .ok_or_else(|| corrupt(&format!("no record {doc}")))?;
        Ok(self.file.slice(range[0] as usize..range[1] as usize))
    }

    /// The record of document `doc`.
    pub(crate) fn get(&self, doc: usize) -> Result<PageRecord, SearchError> {
        let bytes = self.slice(doc)?.read_bytes().map_err(tantivy_io)?;
        decode(bytes.as_slice())
    }

    /// Fetches the record of `doc` through tantivy's async reads (see [`crate::warm`]).
    pub(crate) async fn warm(&self, doc: usize) -> tantivy::Result<()> {
        let slice = self
            .slice(doc)
            .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))?;
        slice.read_bytes_async().await?;
        Ok(())
    }
}

fn tantivy_io(error: std::io::Error) -> SearchError {
    SearchError::Index(error.into())
}

fn decode(mut bytes: &[u8]) -> Result<PageRecord, SearchError> {
    let mut strings = [(); 6].map(|()| String::new());
    for string in &mut strings {
        *string = take_string(&mut bytes)?;
    }
    let count = take_varint(&mut bytes)?;
    let mut tags = Vec::new();
    for _ in 0..count {
        tags.push(take_string(&mut bytes)?);
    }
    if !bytes.is_empty() {
        return Err(corrupt("a record longer than its fields"));
    }
    let [title, url, section, section_title, date, excerpt] = strings;
    Ok(PageRecord {
        title,
        url,
        section,
        section_title,
        date,
        excerpt,
        tags,
    })
}

fn take_varint(bytes: &mut &[u8]) -> Result<u64, SearchError> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first().ok_or_else(|| corrupt("a cut record"))?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
    }
    Err(corrupt("a length over 64 bits"))
}

fn take_string(bytes: &mut &[u8]) -> Result<String, SearchError> {
    let head = take_varint(bytes)?;
    let len = usize::try_from(head >> 1).map_err(|_| corrupt("a cut record"))?;
    if len > bytes.len() {
        return Err(corrupt("a cut record"));
    }
    let (text, rest) = bytes.split_at(len);
    *bytes = rest;
    let bad = || corrupt("a string that is not Unicode");
    if head & 1 == 0 {
        return String::from_utf8(text.to_vec()).map_err(|_| bad());
    }
    if len % 2 == 1 {
        return Err(bad());
    }
    let units = text
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| bad())
}

#[cfg(test)]
#[path = "page_store_tests.rs"]
mod tests;
