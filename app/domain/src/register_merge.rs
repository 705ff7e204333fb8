//! How the entries a device sends merge into a session's register as the
//! server holds it: which are new, which change what the register shows,
//! which are refused and why, and which disagree with what another device
//! recorded. Pure: the server runs it inside its write transaction, on what
//! it has just read under the session's lock.

use crate::ids::*;
use crate::model::AttendanceStatus;
use crate::register::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Why the server did not take an entry. The tablet keeps it and says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "refused", rename_all = "snake_case")]
pub enum Refusal {
    /// The caller does not take this group's registers.
    Forbidden,
    /// The session does not exist (any more).
    UnknownSession,
    /// The child is not expected at this session.
    NotExpected,
    /// Drafts and cancelled sessions have no register.
    NotOpen,
    /// The register is closed: it takes nothing until a coordinator
    /// reopens it.
    Closed,
    /// The session has not started yet.
    TooEarly,
    Invalid {
        problem: MarkProblem,
    },
}

/// What became of one entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored, and now what the register shows.
    Applied,
    /// Stored, but a newer mark of that child stays.
    Older,
    /// Already received: nothing changed.
    Duplicate,
    Refused(Refusal),
}

impl Outcome {
    /// The server has the entry (the tablet can forget it).
    pub fn delivered(&self) -> bool {
        !matches!(self, Outcome::Refused(_))
    }
}

/// A register as the server holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeldRegister {
    pub closed_at: Option<DateTime<Utc>>,
    pub reopened_at: Option<DateTime<Utc>>,
    pub notes_made_at: Option<DateTime<Utc>>,
    /// The newest mark of each child.
    pub marks: BTreeMap<ChildId, Mark>,
}

/// A mark that changed a register after it was closed once (the audit log
/// keeps it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub child: ChildId,
    pub before: Option<AttendanceStatus>,
    pub after: AttendanceStatus,
}

/// What merging entries decided. The register it was given now holds the
/// result.
#[derive(Debug, Default)]
pub struct Merged<'a> {
    /// One per entry, in the order given.
    pub outcomes: Vec<Outcome>,
    /// The entries to store (each new entry that was not refused).
    pub taken: Vec<&'a Entry>,
    /// The children whose row changed.
    pub changed: BTreeSet<ChildId>,
    /// Pairs of marks (the held one, the new one) that disagree.
    pub disagreements: Vec<(Mark, Mark)>,
    pub corrections: Vec<Correction>,
    /// The newest notes, if they replace the held ones.
    pub notes: Option<&'a SessionNotes>,
    /// The closing, if this merge closed the register.
    pub closing: Option<&'a Closing>,
}

/// Merges `entries` (of one session) into `held`. `known` holds the ids
/// the server has already stored; each id is taken once, so a replay
/// changes nothing.
pub fn merge<'a>(
    held: &mut HeldRegister,
    expected: &[ExpectedChild],
    known: &mut BTreeSet<EntryId>,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Merged<'a> {
    let parents: BTreeSet<&GuardianId> = expected.iter().flat_map(|e| &e.guardians).collect();
    let mut merged = Merged::default();
    for entry in entries {
        let outcome = if !known.insert(entry.id().clone()) {
            Outcome::Duplicate
        } else if held.closed_at.is_some() {
            // Why every entry, even one dated before the closing: a date is
            // the device's word, and a closed register is what the CAF's
            // figures count. The device keeps the entry and sends it again
            // once a coordinator reopens the register.
            Outcome::Refused(Refusal::Closed)
        } else {
            match entry {
                Entry::Mark(mark) => merge_mark(held, expected, mark, &mut merged),
                Entry::Notes(notes) => {
                    if notes.parents.iter().any(|p| !parents.contains(p)) {
                        Outcome::Refused(Refusal::NotExpected)
                    } else if held.notes_made_at.is_none_or(|at| notes.made_at > at) {
                        held.notes_made_at = Some(notes.made_at);
                        merged.notes = Some(notes);
                        Outcome::Applied
                    } else {
                        Outcome::Older
                    }
                }
                Entry::Close(closing) => {
                    let before_reopening = held.reopened_at.is_some_and(|r| closing.made_at <= r);
                    if held.closed_at.is_some() || before_reopening {
                        Outcome::Older
                    } else {
                        held.closed_at = Some(closing.made_at);
                        merged.closing = Some(closing);
                        Outcome::Applied
                    }
                }
            }
        };
        if !matches!(outcome, Outcome::Duplicate) && outcome.delivered() {
            merged.taken.push(entry);
        }
        merged.outcomes.push(outcome);
    }
    merged
}

fn merge_mark(
    held: &mut HeldRegister,
    expected: &[ExpectedChild],
    mark: &Mark,
    merged: &mut Merged,
) -> Outcome {
    let Some(child) = expected.iter().find(|e| e.child == mark.child) else {
        return Outcome::Refused(Refusal::NotExpected);
    };
    if let Err(problem) = check_mark(mark, child) {
        return Outcome::Refused(Refusal::Invalid { problem });
    }
    let before = held.marks.get(&mark.child);
    if let Some(b) = before.filter(|b| b.disagrees_with(mark)) {
        merged.disagreements.push((b.clone(), mark.clone()));
    }
    if before.is_some_and(|b| !mark.wins_over(b)) {
        return Outcome::Older;
    }
    if held.closed_at.is_some() || held.reopened_at.is_some() {
        merged.corrections.push(Correction {
            child: mark.child.clone(),
            before: before.map(|b| b.status),
            after: mark.status,
        });
    }
    held.marks.insert(mark.child.clone(), mark.clone());
    merged.changed.insert(mark.child.clone());
    Outcome::Applied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActivityCategory;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 16, minute, 0).unwrap()
    }

    fn mark(id: &str, child: &str, device: &str, status: AttendanceStatus, minute: u32) -> Entry {
        Entry::Mark(Mark {
            id: EntryId::new(id),
            session: SessionId::new("s"),
            child: ChildId::new(child),
            status,
            arrived_at: None,
            departure: None,
            device: DeviceId::new(device),
            made_at: at(minute),
            base: None,
        })
    }

    fn expected(children: &[&str]) -> Vec<ExpectedChild> {
        children
            .iter()
            .map(|c| ExpectedChild {
                child: ChildId::new(*c),
                may_leave_alone: false,
                guardians: vec![GuardianId::new(format!("parent-{c}"))],
                adults: vec![],
            })
            .collect()
    }

    fn close(id: &str, minute: u32) -> Entry {
        Entry::Close(Closing {
            id: EntryId::new(id),
            session: SessionId::new("s"),
            device: DeviceId::new("t1"),
            made_at: at(minute),
        })
    }

    use AttendanceStatus::*;

    #[test]
    fn new_marks_apply_and_a_replay_changes_nothing() {
        let mut held = HeldRegister::default();
        let mut known = BTreeSet::new();
        let batch = [
            mark("e1", "a", "t1", Present, 1),
            mark("e2", "b", "t1", Absent, 1),
        ];
        let kids = expected(&["a", "b"]);
        let first = merge(&mut held, &kids, &mut known, &batch);
        assert_eq!(first.outcomes, vec![Outcome::Applied, Outcome::Applied]);
        assert_eq!(first.taken.len(), 2);
        assert_eq!(first.changed.len(), 2);
        let before = held.clone();
        let again = merge(&mut held, &kids, &mut known, &batch);
        assert_eq!(again.outcomes, vec![Outcome::Duplicate, Outcome::Duplicate]);
        assert!(again.taken.is_empty() && again.changed.is_empty());
        assert_eq!(held, before);
    }

    #[test]
    fn the_same_final_state_in_either_order_and_the_disagreement_is_seen() {
        let kids = expected(&["a"]);
        let one = mark("e1", "a", "t1", Present, 1);
        let two = mark("e2", "a", "t2", Absent, 2);
        let mut results = Vec::new();
        for order in [[&one, &two], [&two, &one]] {
            let mut held = HeldRegister::default();
            let merged = merge(&mut held, &kids, &mut BTreeSet::new(), order);
            assert_eq!(merged.disagreements.len(), 1);
            results.push(held.marks);
        }
        assert_eq!(results[0], results[1]);
        assert_eq!(results[0][&ChildId::new("a")].status, Absent);
    }

    #[test]
    fn an_older_mark_is_stored_but_does_not_show() {
        let kids = expected(&["a"]);
        let mut held = HeldRegister::default();
        let newer = mark("e2", "a", "t1", Absent, 5);
        let older = mark("e1", "a", "t1", Present, 1);
        let merged = merge(&mut held, &kids, &mut BTreeSet::new(), [&newer, &older]);
        assert_eq!(merged.outcomes, vec![Outcome::Applied, Outcome::Older]);
        assert_eq!(merged.taken.len(), 2, "both are kept in the entries");
        assert!(merged.disagreements.is_empty(), "same device");
    }

    #[test]
    fn refusals_are_not_taken() {
        let kids = expected(&["a"]);
        let mut held = HeldRegister::default();
        let stranger = mark("e1", "z", "t1", Present, 1);
        let late_without_time = mark("e2", "a", "t1", Late, 1);
        let merged = merge(
            &mut held,
            &kids,
            &mut BTreeSet::new(),
            [&stranger, &late_without_time],
        );
        assert_eq!(
            merged.outcomes,
            vec![
                Outcome::Refused(Refusal::NotExpected),
                Outcome::Refused(Refusal::Invalid {
                    problem: MarkProblem::ArrivalMissing
                })
            ]
        );
        assert!(merged.taken.is_empty() && held.marks.is_empty());
    }

    #[test]
    fn a_closed_register_refuses_everything_until_reopened() {
        let kids = expected(&["a", "b"]);
        let mut held = HeldRegister::default();
        let first = [mark("e1", "a", "t1", Present, 1), close("c1", 10)];
        merge(&mut held, &kids, &mut BTreeSet::new(), &first);
        assert_eq!(held.closed_at, Some(at(10)));
        // Dated before the closing (an offline tablet, or a back-dated
        // entry: the server cannot tell) or after: both refused.
        let offline = mark("e2", "b", "t2", Absent, 5);
        let after = mark("e3", "a", "t1", Absent, 20);
        let second_close = close("c2", 25);
        let mut known = BTreeSet::new();
        let merged = merge(
            &mut held,
            &kids,
            &mut known,
            [&offline, &after, &second_close],
        );
        assert_eq!(merged.outcomes, vec![Outcome::Refused(Refusal::Closed); 3]);
        assert!(merged.taken.is_empty() && merged.corrections.is_empty());
        // Reopened: the kept entry is taken, as a correction.
        held.closed_at = None;
        held.reopened_at = Some(at(30));
        let again = merge(&mut held, &kids, &mut BTreeSet::new(), [&offline]);
        assert_eq!(again.outcomes, vec![Outcome::Applied]);
        assert_eq!(
            again.corrections,
            vec![Correction {
                child: ChildId::new("b"),
                before: None,
                after: Absent
            }]
        );
    }

    #[test]
    fn newest_notes_win_and_strangers_are_refused() {
        let kids = expected(&["a"]);
        let notes = |id: &str, minute: u32, parent: &str| {
            Entry::Notes(SessionNotes {
                id: EntryId::new(id),
                session: SessionId::new("s"),
                device: DeviceId::new("t1"),
                made_at: at(minute),
                activities: vec![ActivityCategory::Homework],
                parents: vec![GuardianId::new(parent)],
            })
        };
        let mut held = HeldRegister::default();
        let (newer, older, stranger) = (
            notes("n2", 5, "parent-a"),
            notes("n1", 1, "parent-a"),
            notes("n3", 9, "parent-z"),
        );
        let merged = merge(
            &mut held,
            &kids,
            &mut BTreeSet::new(),
            [&newer, &older, &stranger],
        );
        assert_eq!(
            merged.outcomes,
            vec![
                Outcome::Applied,
                Outcome::Older,
                Outcome::Refused(Refusal::NotExpected)
            ]
        );
        assert_eq!(merged.notes.map(|n| n.id.0.as_str()), Some("n2"));
        assert_eq!(held.notes_made_at, Some(at(5)));
    }
}
