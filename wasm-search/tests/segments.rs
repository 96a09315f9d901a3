//! The browser opens an index without tantivy's reader ([`Segments::open`]): the
//! schema comes from code and the segment list from `meta.json`.

mod common;

use common::corpus;
use wasm_search::{
    build_index, open_index, search, search_with, MemorySource, RangeDirectory, SearchOptions,
    Segments, DEFAULT_BLOCK_SIZE,
};

#[test]
fn segments_open_with_the_schema_and_segments_the_index_was_built_with() {
    for docs in [corpus(60, 5), Vec::new()] {
        let dir = tempfile::tempdir().unwrap();
        let manifest = build_index(dir.path(), docs.as_slice()).unwrap();
        let index = open_index(dir.path()).unwrap();
        assert_eq!(index.schema(), wasm_search::schema().0);

        let source = MemorySource::load(dir.path(), &manifest).unwrap();
        let opened = Segments::open(RangeDirectory::new(source, DEFAULT_BLOCK_SIZE)).unwrap();
        let plain = Segments::of_index(&index).unwrap();
        let describe = |s: &Segments| -> Vec<_> {
            s.readers()
                .iter()
                .map(|r| (r.segment_id(), r.max_doc(), r.num_docs()))
                .collect()
        };
        assert_eq!(describe(&opened), describe(&plain));
        assert_eq!(opened.readers().len(), usize::from(!docs.is_empty()));
        for query in ["计划生育", "健康", "\"家庭健康\""] {
            let opts = SearchOptions::default();
            assert_eq!(
                search_with(&opened, query, &opts).unwrap(),
                search(&index, query, &opts).unwrap(),
                "{query}"
            );
        }
    }
}

#[test]
fn a_meta_json_without_segments_is_a_clear_error() {
    let source = MemorySource::new([("meta.json".to_string(), b"{\"segments\": 3}".to_vec())]);
    let error = Segments::open(RangeDirectory::new(source, DEFAULT_BLOCK_SIZE))
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "search manifest: cannot parse meta.json: invalid type: integer `3`, expected a sequence at line 1 column 14"
    );
}
