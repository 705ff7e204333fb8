//! The bounds on a child's record in time: the school age CLAS serves, and
//! how long the record of a child who left is kept before anonymisation.

use chrono::{Datelike, Months, NaiveDate};

/// The ages (in years this calendar year) a pupil may have: CLAS serves
/// pupils from CP (about 6) to Terminale (about 18); the bounds leave room
/// for a child ahead or behind.
pub const SCHOOL_AGES: std::ops::RangeInclusive<i32> = 4..=21;

/// Whether a child born on `birth_date` is of school age on `today`.
pub fn of_school_age(birth_date: NaiveDate, today: NaiveDate) -> bool {
    SCHOOL_AGES.contains(&(today.year() - birth_date.year()))
}

/// The most months an organisation may keep a departed child's record
/// (100 years: a setting out of this range is clamped).
pub const MOST_RETENTION_MONTHS: i64 = 1200;

/// The last day a departed child's record is kept: `months` after they
/// were last seen. The record is anonymised once this day is reached.
pub fn kept_until(last_seen: NaiveDate, months: i64) -> NaiveDate {
    let months = months.clamp(0, MOST_RETENTION_MONTHS) as u32;
    last_seen
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a child last seen on `last_seen` is due for anonymisation on
/// `today`, when the organisation keeps records `months`.
pub fn due_for_anonymisation(last_seen: NaiveDate, months: i64, today: NaiveDate) -> bool {
    kept_until(last_seen, months) <= today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn school_age_is_four_to_twenty_one_this_year() {
        let today = d("2026-12-05");
        assert!(of_school_age(d("2022-12-31"), today));
        assert!(!of_school_age(d("2023-01-01"), today));
        assert!(of_school_age(d("2005-01-01"), today));
        assert!(!of_school_age(d("2004-12-31"), today));
    }

    #[test]
    fn a_record_is_kept_its_months_then_anonymised() {
        let seen = d("2025-06-30");
        assert_eq!(kept_until(seen, 12), d("2026-06-30"));
        assert!(!due_for_anonymisation(seen, 12, d("2026-06-29")));
        assert!(due_for_anonymisation(seen, 12, d("2026-06-30")));
        assert!(
            due_for_anonymisation(seen, -5, seen),
            "a negative setting keeps nothing"
        );
        assert_eq!(kept_until(seen, i64::MAX), d("2125-06-30"));
    }
}
