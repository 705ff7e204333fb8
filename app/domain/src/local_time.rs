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

/// The instant of a time on the organisations' clocks (the earlier one
/// when the clocks go back, the first after the gap when they go forward).
pub fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    match ZONE.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.with_timezone(&Utc)
        }
        chrono::LocalResult::None => utc(local + chrono::Duration::hours(1)),
    }
}

/// The organisations' day at `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    local(at).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_time_goes_back_to_the_same_instant() {
        let at = "2026-12-06T18:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(utc(local(at)), at);
        let summer = "2026-06-06T17:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(utc(local(summer)), summer);
        // 02:30 on the day the clocks go forward does not exist.
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(utc(gap).to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

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
