//! Search at build time: every published page goes into a tantivy index under
//! `search/index/`, built by wasm-search, the same crate the browser's worker runs, so
//! both ends read one format.

use std::path::Path;

use jiayuan_content::model::Site;
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
use jiayuan_render::search_page::INDEX_PATH;

/// Where `serve` keeps the index's runs between edits (`wasm_search::ChunkCache`).
pub const CACHE: &str = ".jiayuan-cache/search";

/// The documents of every published page, as the index wants them.
pub fn documents(site: &Site) -> Vec<wasm_search::SearchDoc> {
    site.pages
        .values()
        .map(|p| wasm_search::SearchDoc {
            title: p.head.meta.title.value.clone(),
            section: p.head.section.clone(),
            section_title: site.sections[&p.head.section].head.title.clone(),
            tags: p
                .head
                .meta
                .tags
                .iter()
                .map(|t| t.trim().to_string())
                .collect(),
            date: p
                .head
                .date
                .map(|d| jiayuan_core::time::local_date(&d, site.config.timezone).to_string()),
            url: site.config.url(&p.head.path),
            body: p.body.text.clone(),
            // Its tags and categories as the page shows them: a reader who searches for a
            // tag finds the pages that carry it.
            terms: p
                .head
                .meta
                .tags
                .iter()
                .chain(&p.head.meta.categories)
                .map(|t| t.trim().to_string())
                .collect(),
        })
        .collect()
}

/// Indexes the runs of every published page's search document, on all cores; with a
/// `cache`, only the runs of pages that changed since the cache's last build.
/// [`merge_index`] then writes the index.
pub fn index_runs<'a>(
    site: &Site,
    out: &Staging,
    cache: Option<&'a wasm_search::ChunkCache>,
) -> Result<wasm_search::Runs<'a>, Diagnostic> {
    let dir = out.resolve(INDEX_PATH)?;
    out.claims.tree(
        INDEX_PATH,
        Owner::new(Kind::Generated, msg!("owner-search-index"), "search/index"),
    );
    wasm_search::Runs::index_all(&dir, documents(site), cache).map_err(failed)
}

/// Merges the runs of [`index_runs`] into the index under `search/index/`: one core's
/// work, which a build does beside its pages' rendering.
pub fn merge_index(runs: wasm_search::Runs<'_>) -> Result<(), Diagnostic> {
    runs.merge().map(|_| ()).map_err(failed)
}

fn failed(e: wasm_search::SearchError) -> Diagnostic {
    Diagnostic::error(
        "search/index",
        msg!("search-index-failed", reason = e.to_string()),
    )
    .help(msg!("search-index-failed-help"))
}

/// The index of `docs` in `dir`, drawing on `cache` when there is one, runs and merge
/// in one call: for `serve`'s search worker, which has nothing to do beside the merge.
pub fn build_into(
    dir: &Path,
    docs: Vec<wasm_search::SearchDoc>,
    cache: Option<&wasm_search::ChunkCache>,
) -> Result<wasm_search::Manifest, wasm_search::SearchError> {
    wasm_search::Runs::index_all(dir, docs, cache)?.merge()
}

/// `jiayuan search`: the browser's query code, run natively against a built site.
pub fn query(
    output: &Path,
    text: &str,
    limit: usize,
) -> Result<wasm_search::SearchResults, Diagnostic> {
    let dir = output.join(INDEX_PATH.trim_matches('/'));
    let index = wasm_search::open_index(&dir).map_err(|e| {
        Diagnostic::error(&dir, msg!("search-open-failed", reason = e.to_string()))
            .help(msg!("search-open-failed-help"))
    })?;
    let opts = wasm_search::SearchOptions {
        limit,
        ..Default::default()
    };
    wasm_search::search(&index, text, &opts).map_err(|e| {
        Diagnostic::error("search", msg!("search-bad-query", reason = e.to_string()))
            .help(msg!("search-bad-query-help"))
    })
}
