//! Dates and times of the organisation's local calendar: session slots,
//! school holidays, school timetables and school weeks. Everything is in the
//! organisation's local time (naive dates and times); no clock is read here.

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// A span of time within one day, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeRange {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimeRange {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        Self { start, end }
    }

    /// Two ranges overlap when they share at least one minute; ranges that
    /// only touch (one ends when the other starts) do not.
    pub fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// When a session takes place: a date and a time range on that date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub date: NaiveDate,
    pub time: TimeRange,
}

impl Slot {
    pub fn new(date: NaiveDate, start: NaiveTime, end: NaiveTime) -> Self {
        Self {
            date,
            time: TimeRange::new(start, end),
        }
    }

    pub fn overlaps(&self, other: &Slot) -> bool {
        self.date == other.date && self.time.overlaps(&other.time)
    }

    pub fn minutes(&self) -> i64 {
        self.time.minutes()
    }

    /// The same times, moved to another date and start, keeping the length.
    pub fn moved_to(&self, date: NaiveDate, start: NaiveTime) -> Slot {
        let length = self.time.end - self.time.start;
        let (end, wrapped) = start.overflowing_add_signed(length);
        // Why: a session may not cross midnight; clamp so INVALID_SLOT reports it.
        let end = if wrapped == 0 { end } else { NaiveTime::MIN };
        Slot::new(date, start, end)
    }
}

/// A school holiday period, first and last day included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl Holiday {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }
}

/// The holiday `date` falls in, if any.
pub fn holiday_on(date: NaiveDate, holidays: &[Holiday]) -> Option<&Holiday> {
    holidays.iter().find(|h| h.contains(date))
}

/// True when `date` falls in one of the holidays.
pub fn in_holidays(date: NaiveDate, holidays: &[Holiday]) -> bool {
    holiday_on(date, holidays).is_some()
}

/// The hours pupils spend at school, per weekday. A holiday has no school.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolTimetable {
    /// `(weekday, range)` pairs; a weekday may have several (morning, afternoon).
    pub periods: Vec<(Weekday, TimeRange)>,
}

impl SchoolTimetable {
    /// The common French primary timetable: 8:30-11:30 and 13:30-16:30 on
    /// Monday, Tuesday, Thursday and Friday; no school on Wednesday.
    pub fn primary_default() -> Self {
        let mut periods = Vec::new();
        for day in [Weekday::Mon, Weekday::Tue, Weekday::Thu, Weekday::Fri] {
            periods.push((day, TimeRange::new(hm(8, 30), hm(11, 30))));
            periods.push((day, TimeRange::new(hm(13, 30), hm(16, 30))));
        }
        Self { periods }
    }

    /// A common collège timetable: 8:00-12:00 and 13:30-17:00, Wednesday
    /// morning only.
    pub fn secondary_default() -> Self {
        let mut periods = Vec::new();
        for day in [Weekday::Mon, Weekday::Tue, Weekday::Thu, Weekday::Fri] {
            periods.push((day, TimeRange::new(hm(8, 0), hm(12, 0))));
            periods.push((day, TimeRange::new(hm(13, 30), hm(17, 0))));
        }
        periods.push((Weekday::Wed, TimeRange::new(hm(8, 0), hm(12, 0))));
        Self { periods }
    }

    /// The school periods a slot overlaps (none on a holiday).
    pub fn overlapping(&self, slot: &Slot, holidays: &[Holiday]) -> Vec<TimeRange> {
        if in_holidays(slot.date, holidays) {
            return Vec::new();
        }
        let day = slot.date.weekday();
        self.periods
            .iter()
            .filter(|(d, r)| *d == day && r.overlaps(&slot.time))
            .map(|(_, r)| *r)
            .collect()
    }
}

/// A time of day from hours and minutes (valid by construction in callers).
pub fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

/// The Monday of the ISO week holding `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// The ISO week label, as `2026-W49`.
pub fn week_label(week: IsoWeek) -> String {
    format!("{}-W{:02}", week.year(), week.week())
}

/// A school week is a Monday-to-Friday week with at least three days outside
/// the holidays. Why: French holidays start on a Saturday and end on a Sunday,
/// so whole weeks are holiday weeks; a week cut by a holiday for one or two
/// days (a rare local calendar) still counts.
pub fn is_school_week(monday: NaiveDate, holidays: &[Holiday]) -> bool {
    let school_days = (0..5)
        .map(|i| monday + Duration::days(i))
        .filter(|d| !in_holidays(*d, holidays))
        .count();
    school_days >= 3
}

/// The holiday that makes the week starting `monday` a holiday week (not a
/// school week), if any.
pub fn holiday_of_week(monday: NaiveDate, holidays: &[Holiday]) -> Option<&Holiday> {
    if is_school_week(monday, holidays) {
        return None;
    }
    holidays
        .iter()
        .find(|h| (0..5).any(|i| h.contains(monday + Duration::days(i))))
}

/// A share in whole percent, rounded to the nearest; `None` of nothing.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((part as u64 * 100 + whole as u64 / 2) / whole as u64) as u32)
}

/// The first day of the school year `day` falls in (1 September).
pub fn school_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(day)
}

/// The first day of the term `day` falls in, terms being the school year's
/// three quarters as families count them: September to December, January
/// to March, April to the summer.
pub fn term_start(day: NaiveDate) -> NaiveDate {
    let (year, month) = match day.month() {
        9..=12 => (day.year(), 9),
        1..=3 => (day.year(), 1),
        _ => (day.year(), 4),
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

/// The Mondays of every school week from `from` to `until`, both included.
pub fn school_weeks(from: NaiveDate, until: NaiveDate, holidays: &[Holiday]) -> Vec<NaiveDate> {
    let mut weeks = Vec::new();
    let mut monday = monday_of(from);
    while monday <= until {
        if is_school_week(monday, holidays) {
            weeks.push(monday);
        }
        monday += Duration::days(7);
    }
    weeks
}
