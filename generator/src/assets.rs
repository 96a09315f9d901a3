//! WebAssembly and glue embedded in the binary, so running the generator needs only the
//! binary (docs/decisions.md, "wasm artifacts are committed"), written to the output
//! under content-hashed names so hosts can cache them for good.

use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
use jiayuan_render::AssetUrls;

struct Embedded {
    stem: &'static str,
    js: &'static [u8],
    wasm: &'static [u8],
}

const QUIZ: Embedded = Embedded {
    stem: "quiz",
    js: include_bytes!("../assets/wasm/wasm_quiz.js"),
    wasm: include_bytes!("../assets/wasm/wasm_quiz_bg.wasm"),
};

const SEARCH: Embedded = Embedded {
    stem: "search",
    js: include_bytes!("../assets/wasm/wasm_search.js"),
    wasm: include_bytes!("../assets/wasm/wasm_search_bg.wasm"),
};

/// FNV-1a, 64 bit: stable across Rust versions and machines, unlike `DefaultHasher`.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")[..12].to_string()
}

fn paths(e: &Embedded) -> (String, String) {
    let hash = content_hash(&[e.js, e.wasm].concat());
    (
        format!("/wasm/{}-{hash}.js", e.stem),
        format!("/wasm/{}-{hash}.wasm", e.stem),
    )
}

/// The URLs assets get, without writing them (templates need them before rendering).
pub fn urls(url: impl Fn(&str) -> String) -> AssetUrls {
    let (quiz_js, quiz_wasm) = paths(&QUIZ);
    let (search_js, search_wasm) = paths(&SEARCH);
    AssetUrls {
        quiz_js: url(&quiz_js),
        quiz_wasm: url(&quiz_wasm),
        search_js: url(&search_js),
        search_wasm: url(&search_wasm),
    }
}

pub fn write(out: &Staging) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for e in [&QUIZ, &SEARCH] {
        let (js, wasm) = paths(e);
        for (path, bytes) in [(js, e.js), (wasm, e.wasm)] {
            let owner = Owner::new(
                Kind::Generated,
                msg!("owner-built-in", path = &path),
                "jiayuan",
            );
            if let Err(d) = out.write_file(&path, bytes, owner) {
                diags.push(d);
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    /// Published FNV-1a 64 values (offset basis for "", and "a"), so a change to the
    /// constants or the byte order fails here instead of renaming every asset.
    #[test]
    fn hash_matches_fnv1a_reference_values() {
        assert_eq!(super::content_hash(b""), "cbf29ce48422");
        assert_eq!(super::content_hash(b"a"), "af63dc4c8601");
        assert_eq!(super::content_hash("家园".as_bytes()), "c1845464ace0");
    }
}
