//! Writes the 1000-page test site's index to a folder, for trying the wasm
//! engine in a browser or in node: `cargo run -p wasm-search --example
//! demo_index -- OUT_DIR [long]`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: demo_index OUT_DIR [long]")?;
    let docs = match args.next().as_deref() {
        Some("long") => common::long_corpus(1000, 42),
        _ => common::corpus(1000, 42),
    };
    let manifest = wasm_search::build_index(std::path::Path::new(&out), docs.as_slice())?;
    println!("{} files, hash {}", manifest.files.len(), manifest.hash);
    Ok(())
}
