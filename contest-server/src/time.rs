//! The server's calendar: China Standard Time (UTC+8, no daylight saving) for the
//! days of `attempts_per_day` and for every time in answers and exports.

use chrono::{FixedOffset, SecondsFormat, TimeZone};

/// China Standard Time: days for `attempts_per_day`, times in answers.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The calendar day of `ms` in China Standard Time, `2022-05-29`.
pub fn day_of(ms: i64) -> String {
    match china().timestamp_millis_opt(ms).single() {
        Some(t) => t.format("%Y-%m-%d").to_string(),
        None => String::new(),
    }
}

/// `2022-05-29T08:00:00.000+08:00`.
pub fn rfc3339(ms: i64) -> String {
    match china().timestamp_millis_opt(ms).single() {
        Some(t) => t.to_rfc3339_opts(SecondsFormat::Millis, false),
        None => String::new(),
    }
}
