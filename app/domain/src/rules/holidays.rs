use crate::calendar::{self, Holiday, Slot};
use crate::findings::{Code, Finding, Subject};
use crate::ids::SessionId;

/// IN_HOLIDAYS (warning): a session planned during school holidays.
pub fn in_holidays(session: &SessionId, slot: &Slot, holidays: &[Holiday]) -> Vec<Finding> {
    if calendar::in_holidays(slot.date, holidays) {
        vec![Finding::new(
            Code::InHolidays,
            vec![Subject::Session(session.clone())],
        )]
    } else {
        Vec::new()
    }
}
