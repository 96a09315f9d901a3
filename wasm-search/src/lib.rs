//! Search (filled by the search issue).
