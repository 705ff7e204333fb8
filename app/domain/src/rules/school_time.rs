use crate::calendar::{Holiday, Slot};
use crate::findings::{Code, Finding, Subject};
use crate::ids::SessionId;
use crate::model::PupilTimetable;

/// DURING_SCHOOL_TIME (error): a session overlaps the school timetable of at
/// least one of its pupils. A session ending exactly when school starts, or
/// starting when it ends, does not overlap. The finding names the pupils.
pub fn during_school_time(
    session: &SessionId,
    slot: &Slot,
    pupils: &[PupilTimetable],
    holidays: &[Holiday],
) -> Vec<Finding> {
    let mut clashing: Vec<_> = pupils
        .iter()
        .filter(|p| !p.timetable.overlapping(slot, holidays).is_empty())
        .map(|p| Subject::Child(p.child.clone()))
        .collect();
    if clashing.is_empty() {
        return Vec::new();
    }
    clashing.sort();
    let mut about = vec![Subject::Session(session.clone())];
    about.extend(clashing);
    vec![Finding::new(Code::DuringSchoolTime, about)]
}
