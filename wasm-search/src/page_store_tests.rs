use super::*;
use crate::{MemorySource, RangeDirectory};
use tantivy::Directory;

fn record(i: usize) -> PageRecord {
    PageRecord {
        title: format!("第{i}条 家庭健康"),
        url: format!("/news/{i:03}/"),
        section: "news".into(),
        section_title: "新闻".into(),
        date: if i.is_multiple_of(2) {
            "2022-05-01".into()
        } else {
            String::new()
        },
        excerpt: "青春健康教育进校园，HPV 疫苗。".repeat(i % 4),
        tags: (0..i % 3).map(|t| format!("标签{t}")).collect(),
    }
}

fn store_bytes(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    write_store(records, &mut out).unwrap();
    out
}

fn open(bytes: Vec<u8>) -> Result<PageStore, SearchError> {
    let source = MemorySource::new([(PAGES_FILE.to_string(), bytes)]);
    let directory = RangeDirectory::new(source, 64);
    PageStore::open(directory.open_read(PAGES_FILE.as_ref()).unwrap())
}

#[test]
fn every_record_reads_back_as_written() {
    for n in [0, 1, 7, 300] {
        let records: Vec<PageRecord> = (0..n).map(record).collect();
        let encoded: Vec<Vec<u8>> = records.iter().map(encode_record).collect();
        let store = open(store_bytes(&encoded)).unwrap();
        assert_eq!(store.len(), n);
        for (i, expected) in records.iter().enumerate() {
            assert_eq!(&store.get(i).unwrap(), expected, "record {i} of {n}");
        }
        assert_eq!(
            store.get(n).unwrap_err().to_string(),
            format!("search index pages.store: no record {n}")
        );
    }
}

#[test]
fn chinese_is_kept_in_utf16_and_latin_in_utf8() {
    let chinese = encode_record(&PageRecord {
        title: "优生优育".into(),
        ..PageRecord::default()
    });
    // The title's head says 8 bytes of UTF-16, then five empty strings and no tags.
    assert_eq!(chinese[0], 8 << 1 | 1);
    assert_eq!(chinese.len(), 1 + 8 + 5 + 1);
    let latin = encode_record(&PageRecord {
        url: "/a/".into(),
        ..PageRecord::default()
    });
    assert_eq!(latin, [0, 3 << 1, b'/', b'a', b'/', 0, 0, 0, 0, 0]);
}

#[test]
fn a_damaged_store_is_an_error_naming_the_damage() {
    let encoded: Vec<Vec<u8>> = (0..5).map(record).map(|r| encode_record(&r)).collect();
    let good = store_bytes(&encoded);
    let message = |bytes: Vec<u8>| open(bytes).err().map(|e| e.to_string());
    assert_eq!(
        message(good[..5].to_vec()).unwrap(),
        "search index pages.store: shorter than its header says"
    );
    assert_eq!(
        message(good[..good.len() - 1].to_vec()).unwrap(),
        "search index pages.store: its records do not end where the file does"
    );
    let mut wide = good.clone();
    wide[4] = 40;
    assert_eq!(
        message(wide).unwrap(),
        "search index pages.store: lengths wider than 32 bits"
    );
    let mut many = good.clone();
    many[0..4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(
        message(many).unwrap(),
        "search index pages.store: more records than bytes"
    );
    // Lengths of no bits say every record is `base` long: a count that a short file
    // cannot hold is refused before anything is allocated for it.
    let mut flat = good.clone();
    flat[0..4].copy_from_slice(&(good.len() as u32 - 1).to_le_bytes());
    flat[4] = 0;
    assert_eq!(
        message(flat).unwrap(),
        "search index pages.store: its records do not end where the file does"
    );

    // A record cut short, and one whose UTF-16 is not text: both written as the only
    // record, so that the table is right and the record itself is wrong.
    let store = open(store_bytes(&[vec![9 << 1, b'a']])).unwrap();
    assert_eq!(
        store.get(0).unwrap_err().to_string(),
        "search index pages.store: a cut record"
    );
    let store = open(store_bytes(&[vec![
        2 << 1 | 1,
        0x00,
        0xd8,
        0,
        0,
        0,
        0,
        0,
        0,
    ]]))
    .unwrap();
    assert_eq!(
        store.get(0).unwrap_err().to_string(),
        "search index pages.store: a string that is not Unicode"
    );
    let mut long = encode_record(&record(1));
    long.push(0);
    let store = open(store_bytes(&[long])).unwrap();
    assert_eq!(
        store.get(0).unwrap_err().to_string(),
        "search index pages.store: a record longer than its fields"
    );
}
