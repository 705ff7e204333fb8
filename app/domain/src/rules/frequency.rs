use crate::calendar::{is_school_week, week_label, Holiday};
use crate::findings::{Code, Finding, Measure, Subject, Unit};
use crate::ids::GroupId;
use crate::thresholds::Thresholds;
use chrono::{Datelike, NaiveDate};

/// WEEKLY_FREQUENCY_LOW: a group has the threshold's number of sessions in
/// every school week; holiday weeks do not count. `sessions` is how many
/// sessions (not cancelled) the group has in the week starting `monday`.
pub fn weekly_frequency(
    group: &GroupId,
    monday: NaiveDate,
    sessions: u32,
    holidays: &[Holiday],
    t: &Thresholds,
) -> Vec<Finding> {
    if !is_school_week(monday, holidays) || sessions >= t.sessions_per_week {
        return Vec::new();
    }
    vec![Finding::new(
        Code::WeeklyFrequencyLow,
        vec![
            Subject::Group(group.clone()),
            Subject::Week(week_label(monday.iso_week())),
        ],
    )
    .measured(
        Measure::new(t.sessions_per_week as i64, Unit::SessionsPerWeek),
        Measure::new(sessions as i64, Unit::SessionsPerWeek),
    )]
}
