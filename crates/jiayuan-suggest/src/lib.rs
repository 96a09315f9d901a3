//! The one "did you mean" of jiayuan, for misspelt keys, kinds, bank names and time zones.
//!
//! A leaf crate with no dependency of ours, so both the generator's stages and the quiz
//! engine (a leaf itself; it uses this only when it reads YAML natively, never in wasm)
//! can share it.

/// How alike two names must be (Jaro–Winkler, 0–1) before one is offered for the other:
/// `titel`/`title` score 0.95, `sort`/`sort_by` 0.91, unrelated words under 0.6.
pub const THRESHOLD: f64 = 0.8;

/// The candidate closest to `name`, if it is close enough.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_close_names_only() {
        assert_eq!(closest("titel", ["title", "date"]), Some("title"));
        assert_eq!(closest("sort", ["sort_by", "slug"]), Some("sort_by"));
        assert_eq!(closest("zzz", ["title", "date"]), None);
        assert_eq!(closest("x", []), None);
    }
}
