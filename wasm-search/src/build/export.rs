//! The merged index under its final names, and the order in which segments merge.

use std::fs::File;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tantivy::index::Segment;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, ReloadPolicy, TantivyDocument};

use super::io_error;
use crate::manifest::hex;
use crate::schema::Fields;
use crate::SearchError;

pub(super) const META_FILE: &str = "meta.json";

/// The segments of `index` ordered by the URL of their first document. One indexing
/// thread fills segments with consecutive documents, so merging in this order keeps
/// the documents in URL order.
pub(super) fn segments_in_url_order(
    index: &Index,
    fields: &Fields,
) -> Result<Vec<Segment>, SearchError> {
    // A manual reader: the default one watches meta.json on a thread of its own.
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut keyed = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        if reader.max_doc() == 0 {
            continue;
        }
        let first: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, 0))?;
        let url = first
            .get_first(fields.url)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        keyed.push((url, reader.segment_id()));
    }
    keyed.sort();
    let segments = index.searchable_segments()?;
    Ok(keyed
        .into_iter()
        .filter_map(|(_, id)| segments.iter().find(|s| s.id() == id).cloned())
        .collect())
}

/// The committed index in `work` under its final names: each segment named by a hash
/// of its files, and `meta.json` rewritten to match, without the merge's note of the
/// (random) ids it merged. Returns (final name, path in `work`) for every file.
pub(super) fn export(index: &Index, work: &Path) -> Result<Vec<(String, PathBuf)>, SearchError> {
    let metas = index.searchable_segment_metas()?;
    let meta_path = work.join(META_FILE);
    let meta_bytes = std::fs::read(&meta_path).map_err(io_error(&meta_path))?;
    let mut meta: serde_json::Value = serde_json::from_slice(&meta_bytes).map_err(|e| {
        SearchError::Manifest(format!("tantivy wrote an unreadable meta.json: {e}"))
    })?;
    meta["payload"] = serde_json::Value::Null;
    let mut files = Vec::new();
    for (i, segment) in metas.iter().enumerate() {
        let old_id = segment.id().uuid_string();
        let mut parts = Vec::new();
        for path in segment.list_files() {
            let full = work.join(&path);
            if full.exists() {
                let name = path.to_string_lossy().into_owned();
                parts.push((name.replacen(&old_id, "", 1), full));
            }
        }
        parts.sort();
        let mut hasher = Sha256::new();
        for (suffix, full) in &parts {
            hasher.update(suffix.as_bytes());
            let mut file = File::open(full).map_err(io_error(full))?;
            std::io::copy(&mut file, &mut hasher).map_err(io_error(full))?;
        }
        let new_id = hex(&hasher.finalize()[..16]);
        meta["segments"][i]["segment_id"] = serde_json::Value::String(hyphenated(&new_id));
        files.extend(
            parts
                .into_iter()
                .map(|(suffix, full)| (format!("{new_id}{suffix}"), full)),
        );
    }
    let mut meta_json = serde_json::to_string_pretty(&meta).expect("JSON values serialize");
    meta_json.push('\n');
    let path = work.join("meta.final.json");
    std::fs::write(&path, meta_json).map_err(io_error(&path))?;
    files.push((META_FILE.to_string(), path));
    Ok(files)
}

/// `0123…` (32 hex digits) as a UUID string, the form meta.json uses.
fn hyphenated(id: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &id[0..8],
        &id[8..12],
        &id[12..16],
        &id[16..20],
        &id[20..32]
    )
}
