//! The organisations' local time: every French organisation's sessions,
//! days and deadlines are in Europe/Paris (overseas départements would
//! carry their own zone here). The one place that names the zone. Server
//! only (feature `local-time`): the browser reads the device's own clock.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The organisations' time zone.
pub const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// `at` on the organisations' clocks.
pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&ZONE).naive_local()
}

/// The organisations' day at `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    local(at).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_is_one_hour_ahead_in_winter_and_two_in_summer() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            local(at("2026-12-05T23:30:00Z")).to_string(),
            "2026-12-06 00:30:00"
        );
        assert_eq!(
            local(at("2026-07-01T10:00:00Z")).to_string(),
            "2026-07-01 12:00:00"
        );
        assert_eq!(
            local_date(at("2026-12-05T22:59:59Z")).to_string(),
            "2026-12-05"
        );
    }
}
