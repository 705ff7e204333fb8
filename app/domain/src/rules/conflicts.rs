use crate::findings::{Code, Finding, Subject};
use crate::model::PlannedSession;

/// ACCOMPANIST_CONFLICT, VENUE_CONFLICT and CHILD_CONFLICT (errors): nobody
/// and no room is in two overlapping sessions. `others` may contain the
/// candidate itself (it is skipped) and cancelled sessions (they take nothing).
/// One finding per person or room and per other session.
pub fn conflicts(candidate: &PlannedSession, others: &[PlannedSession]) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !candidate.is_active() {
        return findings;
    }
    for other in others {
        if other.id == candidate.id || !other.is_active() || !candidate.slot.overlaps(&other.slot) {
            continue;
        }
        let session = |s: Subject| {
            vec![
                Subject::Session(candidate.id.clone()),
                s,
                Subject::Session(other.id.clone()),
            ]
        };
        if other.venue == candidate.venue {
            findings.push(Finding::new(
                Code::VenueConflict,
                session(Subject::Venue(candidate.venue.clone())),
            ));
        }
        for a in candidate
            .accompanists
            .iter()
            .filter(|a| other.accompanists.contains(a))
        {
            findings.push(Finding::new(
                Code::AccompanistConflict,
                session(Subject::Accompanist(a.clone())),
            ));
        }
        for c in candidate
            .children
            .iter()
            .filter(|c| other.children.contains(c))
        {
            findings.push(Finding::new(
                Code::ChildConflict,
                session(Subject::Child(c.clone())),
            ));
        }
    }
    findings
}
