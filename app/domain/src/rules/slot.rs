use crate::calendar::Slot;
use crate::findings::{Code, Finding, Measure, Subject, Unit};
use crate::ids::SessionId;
use crate::thresholds::Thresholds;
use chrono::{NaiveDate, NaiveTime};

/// INVALID_SLOT: a session ends after it starts and lasts between the
/// thresholds' minimum and maximum (30 min and 4 h by default).
pub fn invalid_slot(session: &SessionId, slot: &Slot, t: &Thresholds) -> Vec<Finding> {
    let about = vec![Subject::Session(session.clone())];
    let minutes = slot.minutes();
    if slot.time.end <= slot.time.start {
        return vec![Finding::new(Code::InvalidSlot, about).measured(
            Measure::new(t.min_session_minutes as i64, Unit::Minutes),
            Measure::new(minutes, Unit::Minutes),
        )];
    }
    if minutes < t.min_session_minutes as i64 {
        return vec![Finding::new(Code::InvalidSlot, about).measured(
            Measure::new(t.min_session_minutes as i64, Unit::Minutes),
            Measure::new(minutes, Unit::Minutes),
        )];
    }
    if minutes > t.max_session_minutes as i64 {
        return vec![Finding::new(Code::InvalidSlot, about).measured(
            Measure::new(t.max_session_minutes as i64, Unit::Minutes),
            Measure::new(minutes, Unit::Minutes),
        )];
    }
    Vec::new()
}

/// Reads a slot typed by a person (`2026-11-30`, `16:45`, `18:15`): a date
/// that does not exist (30 February) or a malformed time is INVALID_SLOT.
pub fn parse_slot(
    session: &SessionId,
    date: &str,
    start: &str,
    end: &str,
    t: &Thresholds,
) -> Result<Slot, Finding> {
    let bad = || Finding::new(Code::InvalidSlot, vec![Subject::Session(session.clone())]);
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let start = NaiveTime::parse_from_str(start.trim(), "%H:%M").map_err(|_| bad())?;
    let end = NaiveTime::parse_from_str(end.trim(), "%H:%M").map_err(|_| bad())?;
    let slot = Slot::new(date, start, end);
    match invalid_slot(session, &slot, t).into_iter().next() {
        Some(finding) => Err(finding),
        None => Ok(slot),
    }
}
