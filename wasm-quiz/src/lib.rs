//! Quiz engine (filled by the contest issue).
