//! Dates and the site's time zone.
//!
//! A date keeps the offset it was written with; one written without an offset means that
//! wall-clock time in the site's time zone (`timezone` in site.toml). Every comparison is
//! between instants, so a build on a UTC machine publishes the same pages as one in
//! Beijing, and feeds print the true instant.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

/// A point in time with the offset it was written in.
pub type Moment = DateTime<FixedOffset>;

/// The zone a site gets when site.toml names none: the portal is a Chinese one.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// Parses `2022-05-29`, `2022-05-29 08:00:00`, `2022-05-29T08:00:00` or RFC 3339.
pub fn parse_date(value: &str, zone: Tz) -> Option<Moment> {
    let v = value.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(v) {
        return Some(d);
    }
    let naive = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .or_else(|| {
            ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|fmt| NaiveDateTime::parse_from_str(v, fmt).ok())
        })?;
    in_zone(naive, zone)
}

/// A wall-clock time in `zone`; in a gap of a daylight-saving change, the later side.
fn in_zone(naive: NaiveDateTime, zone: Tz) -> Option<Moment> {
    let local = zone.from_local_datetime(&naive);
    local
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|d| d.fixed_offset())
}

/// The present instant.
pub fn now() -> Moment {
    Utc::now().fixed_offset()
}

/// `2022-05-29T09:30:00+08:00`: the instant with its own offset, as Atom wants it.
pub fn rfc3339(d: &Moment) -> String {
    d.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The calendar date of `d` in the site's zone, where its readers live.
pub fn local_date(d: &Moment, zone: Tz) -> NaiveDate {
    d.with_timezone(&zone).date_naive()
}

/// Reads site.toml's `timezone`, an IANA name such as `Asia/Shanghai`.
pub fn deserialize_zone<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let name = String::deserialize(d)?;
    name.parse::<Tz>().map_err(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
        let hint = crate::diagnostic::did_you_mean(&name, &names).unwrap_or_default();
        let value = format!("{name}\u{1f}{hint}");
        serde::de::Error::custom(crate::config::coded("config-unknown-zone", &value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_without_offset_are_in_the_site_zone_and_offsets_are_kept() {
        let d = parse_date("2022-05-29", DEFAULT_ZONE).unwrap();
        assert_eq!(rfc3339(&d), "2022-05-29T00:00:00+08:00");
        let d = parse_date("2022-05-29 08:30", chrono_tz::UTC).unwrap();
        assert_eq!(rfc3339(&d), "2022-05-29T08:30:00+00:00");
        let z = parse_date("2022-05-29T20:00:00Z", DEFAULT_ZONE).unwrap();
        assert_eq!(rfc3339(&z), "2022-05-29T20:00:00+00:00");
        assert_eq!(local_date(&z, DEFAULT_ZONE).to_string(), "2022-05-30");
        let east = parse_date("2022-05-30T04:00:00+08:00", DEFAULT_ZONE).unwrap();
        assert_eq!(z, east, "the same instant compares equal");
        assert!(parse_date("2022-13-01", DEFAULT_ZONE).is_none());
        assert!(parse_date("五月", DEFAULT_ZONE).is_none());
    }

    #[test]
    fn a_time_in_a_daylight_saving_gap_moves_forward() {
        let d = parse_date("2022-03-13 02:30:00", chrono_tz::America::New_York).unwrap();
        assert_eq!(rfc3339(&d), "2022-03-13T03:30:00-04:00");
    }
}
