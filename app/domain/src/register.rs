//! The register (*émargement*): what a device records for a child, which of
//! two marks for the same child wins, when two devices disagree, and who may
//! take a child home. Pure: the tablet runs it to show its register while
//! offline, the server runs it to store what the tablet sends.

use crate::ids::*;
use crate::model::{ActivityCategory, AttendanceStatus, SessionStatus};
use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// Who took the child home at the end of the session.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum PickUp {
    /// One of the child's parents (legal guardians).
    Guardian(GuardianId),
    /// An adult the family listed as allowed to take the child.
    Adult(AdultId),
    /// The child goes home alone (only where the parents allowed it).
    Alone,
}

impl PickUp {
    /// The stable code stored: `guardian:<id>`, `adult:<id>` or `seul`.
    pub fn code(&self) -> String {
        match self {
            PickUp::Guardian(g) => format!("guardian:{g}"),
            PickUp::Adult(a) => format!("adult:{a}"),
            PickUp::Alone => "seul".to_string(),
        }
    }

    pub fn parse(code: &str) -> Option<PickUp> {
        match code.split_once(':') {
            Some(("guardian", id)) if !id.is_empty() => Some(PickUp::Guardian(GuardianId::new(id))),
            Some(("adult", id)) if !id.is_empty() => Some(PickUp::Adult(AdultId::new(id))),
            None if code == "seul" => Some(PickUp::Alone),
            _ => None,
        }
    }
}

/// When the child left, and with whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Departure {
    pub at: NaiveTime,
    pub by: PickUp,
}

/// One child's row of the register as a device shows it right after a tap:
/// each tap sends the whole row, so the newest mark is the whole truth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub id: EntryId,
    pub session: SessionId,
    pub child: ChildId,
    pub status: AttendanceStatus,
    /// The arrival time of a late child.
    pub arrived_at: Option<NaiveTime>,
    pub departure: Option<Departure>,
    pub device: DeviceId,
    /// When the device made the mark (its own clock).
    pub made_at: DateTime<Utc>,
    /// The mark the device showed for this child when this one was made
    /// (`None`: the row was unmarked). A mark that did not see another one
    /// was made concurrently with it.
    pub base: Option<EntryId>,
}

/// What happened at the session, as the accompanist notes it at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNotes {
    pub id: EntryId,
    pub session: SessionId,
    /// The activities actually done.
    pub activities: Vec<ActivityCategory>,
    /// The parents who came.
    pub parents: Vec<GuardianId>,
    pub device: DeviceId,
    pub made_at: DateTime<Utc>,
}

/// The accompanist closes the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub id: EntryId,
    pub session: SessionId,
    pub device: DeviceId,
    pub made_at: DateTime<Utc>,
}

/// One thing a device records and sends, in the order it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Mark(Mark),
    Notes(SessionNotes),
    Close(Closing),
}

impl Entry {
    /// Whether checking this entry reads the child's family
    /// (`ExpectedChild::guardians` and `adults`): a departure with a parent
    /// or an authorised adult (`check_mark`), or notes naming the parents
    /// who came (`register_merge::merge`). Most syncs carry neither: the
    /// server then leaves the families unread.
    pub fn needs_family(&self) -> bool {
        match self {
            Entry::Mark(m) => m
                .departure
                .as_ref()
                .is_some_and(|d| !matches!(d.by, PickUp::Alone)),
            Entry::Notes(n) => !n.parents.is_empty(),
            Entry::Close(_) => false,
        }
    }

    pub fn id(&self) -> &EntryId {
        match self {
            Entry::Mark(m) => &m.id,
            Entry::Notes(n) => &n.id,
            Entry::Close(c) => &c.id,
        }
    }
    pub fn session(&self) -> &SessionId {
        match self {
            Entry::Mark(m) => &m.session,
            Entry::Notes(n) => &n.session,
            Entry::Close(c) => &c.session,
        }
    }
    pub fn made_at(&self) -> DateTime<Utc> {
        match self {
            Entry::Mark(m) => m.made_at,
            Entry::Notes(n) => n.made_at,
            Entry::Close(c) => c.made_at,
        }
    }
    pub fn device(&self) -> &DeviceId {
        match self {
            Entry::Mark(m) => &m.device,
            Entry::Notes(n) => &n.device,
            Entry::Close(c) => &c.device,
        }
    }
    /// The entry with the time the server gives it (`server_time`).
    pub fn at_server_time(
        mut self,
        device_clock: Option<DateTime<Utc>>,
        received_at: DateTime<Utc>,
    ) -> Entry {
        let made_at = match &mut self {
            Entry::Mark(m) => &mut m.made_at,
            Entry::Notes(n) => &mut n.made_at,
            Entry::Close(c) => &mut c.made_at,
        };
        *made_at = server_time(*made_at, device_clock, received_at);
        self
    }
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Mark(_) => "mark",
            Entry::Notes(_) => "notes",
            Entry::Close(_) => "close",
        }
    }
}

impl Mark {
    /// The order of the marks of one child: the one made last wins, and the
    /// id breaks a tie, so that every server and device pick the same one
    /// whatever order the marks arrive in.
    pub fn wins_over(&self, other: &Mark) -> bool {
        (self.made_at, &self.id) > (other.made_at, &other.id)
    }

    /// The same row (status, times, pick-up), whoever made it.
    pub fn same_row(&self, other: &Mark) -> bool {
        self.status == other.status
            && self.arrived_at == other.arrived_at
            && self.departure == other.departure
    }

    /// Whether this mark and `other` disagree: two devices marked the child
    /// differently, neither having seen the other's mark.
    pub fn disagrees_with(&self, other: &Mark) -> bool {
        self.device != other.device
            && self.base.as_ref() != Some(&other.id)
            && other.base.as_ref() != Some(&self.id)
            && !self.same_row(other)
    }
}

/// The newest of `marks` (what the register shows for that child).
pub fn winner<'a>(marks: impl IntoIterator<Item = &'a Mark>) -> Option<&'a Mark> {
    marks
        .into_iter()
        .fold(None, |best: Option<&Mark>, m| match best {
            Some(b) if !m.wins_over(b) => Some(b),
            _ => Some(m),
        })
}

/// What the register knows of a child to check a mark about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedChild {
    pub child: ChildId,
    pub may_leave_alone: bool,
    pub guardians: Vec<GuardianId>,
    pub adults: Vec<AdultId>,
}

/// Why a mark cannot be recorded as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkProblem {
    /// A late child needs their arrival time.
    ArrivalMissing,
    /// An arrival time for a child who is not late.
    ArrivalNotLate,
    /// Only a child who came can leave.
    DepartureWithoutPresence,
    /// Left before arriving.
    DepartureBeforeArrival,
    /// The person is not one the family allowed.
    PickUpNotAuthorised,
    /// The parents did not allow this child to go home alone.
    AloneNotAllowed,
}

/// Checks a mark against what the family allowed.
pub fn check_mark(mark: &Mark, child: &ExpectedChild) -> Result<(), MarkProblem> {
    let came = mark.status.came();
    match (mark.status, mark.arrived_at) {
        (AttendanceStatus::Late, None) => return Err(MarkProblem::ArrivalMissing),
        (AttendanceStatus::Late, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(MarkProblem::ArrivalNotLate),
    }
    if let Some(departure) = &mark.departure {
        if !came {
            return Err(MarkProblem::DepartureWithoutPresence);
        }
        if mark.arrived_at.is_some_and(|a| departure.at < a) {
            return Err(MarkProblem::DepartureBeforeArrival);
        }
        match &departure.by {
            PickUp::Alone if !child.may_leave_alone => return Err(MarkProblem::AloneNotAllowed),
            PickUp::Alone => {}
            PickUp::Guardian(g) if child.guardians.contains(g) => {}
            PickUp::Adult(a) if child.adults.contains(a) => {}
            PickUp::Guardian(_) | PickUp::Adult(_) => return Err(MarkProblem::PickUpNotAuthorised),
        }
    }
    Ok(())
}

/// How far a device's clock may be from the server's before the server
/// corrects the device's times.
pub const CLOCK_MARGIN: Duration = Duration::seconds(30);

/// The time the server gives an entry the device says it made at
/// `made_at`. The server decides time, not the tablet: when the device's
/// clock (`device_clock`, read as it sent the batch) is off by more than
/// the margin, the entry's time moves by the same error; and no entry is
/// ever later than its receipt, so a tablet stamped 2030 cannot outrank a
/// correction made now.
pub fn server_time(
    made_at: DateTime<Utc>,
    device_clock: Option<DateTime<Utc>>,
    received_at: DateTime<Utc>,
) -> DateTime<Utc> {
    let error = device_clock
        .map(|clock| received_at.signed_duration_since(clock))
        .filter(|error| error.abs() > CLOCK_MARGIN)
        .unwrap_or_default();
    made_at
        .checked_add_signed(error)
        .unwrap_or(received_at)
        .min(received_at)
}

/// Whether a family can still report (or withdraw) an absence for a
/// session starting at `starts`: it is planned, its register is not closed,
/// and it has not started (`now` in the same local time).
pub fn takes_notices(
    status: SessionStatus,
    closed: bool,
    starts: NaiveDateTime,
    now: NaiveDateTime,
) -> bool {
    status == SessionStatus::Planned && !closed && now < starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 16, minute, 0).unwrap()
    }

    fn mark(id: &str, device: &str, status: AttendanceStatus, minute: u32) -> Mark {
        Mark {
            id: EntryId::new(id),
            session: SessionId::new("s"),
            child: ChildId::new("c"),
            status,
            arrived_at: None,
            departure: None,
            device: DeviceId::new(device),
            made_at: at(minute),
            base: None,
        }
    }

    fn child() -> ExpectedChild {
        ExpectedChild {
            child: ChildId::new("c"),
            may_leave_alone: false,
            guardians: vec![GuardianId::new("mum")],
            adults: vec![AdultId::new("granny")],
        }
    }

    #[test]
    fn only_a_departure_with_someone_or_notes_with_parents_need_the_family() {
        let present = mark("a", "t", AttendanceStatus::Present, 1);
        assert!(!Entry::Mark(present.clone()).needs_family());
        let leaving = |by| Mark {
            departure: Some(Departure {
                at: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
                by,
            }),
            ..present.clone()
        };
        assert!(!Entry::Mark(leaving(PickUp::Alone)).needs_family());
        assert!(Entry::Mark(leaving(PickUp::Guardian(GuardianId::new("mum")))).needs_family());
        assert!(Entry::Mark(leaving(PickUp::Adult(AdultId::new("granny")))).needs_family());
        let notes = |parents| {
            Entry::Notes(SessionNotes {
                id: EntryId::new("n"),
                session: SessionId::new("s"),
                activities: Vec::new(),
                parents,
                device: DeviceId::new("t"),
                made_at: at(2),
            })
        };
        assert!(!notes(Vec::new()).needs_family());
        assert!(notes(vec![GuardianId::new("mum")]).needs_family());
    }

    #[test]
    fn the_last_mark_wins_whatever_the_order() {
        let a = mark("a", "tablet-1", AttendanceStatus::Present, 1);
        let b = mark("b", "tablet-2", AttendanceStatus::Absent, 2);
        assert_eq!(winner([&a, &b]).unwrap().id, b.id);
        assert_eq!(winner([&b, &a]).unwrap().id, b.id);
        // Same instant: the id decides, the same way on both sides.
        let c = mark("c", "tablet-3", AttendanceStatus::Excused, 2);
        assert_eq!(winner([&b, &c]).unwrap().id, c.id);
        assert_eq!(winner([&c, &b]).unwrap().id, c.id);
        assert!(winner(std::iter::empty()).is_none());
    }

    #[test]
    fn concurrent_marks_of_two_devices_disagree() {
        let a = mark("a", "tablet-1", AttendanceStatus::Present, 1);
        let b = mark("b", "tablet-2", AttendanceStatus::Absent, 2);
        assert!(a.disagrees_with(&b) && b.disagrees_with(&a));
        // A correction made after seeing the other mark is not a disagreement.
        let seen = Mark {
            base: Some(a.id.clone()),
            ..b.clone()
        };
        assert!(!seen.disagrees_with(&a));
        // One device changing its mind neither.
        let again = mark("a2", "tablet-1", AttendanceStatus::Absent, 3);
        assert!(!again.disagrees_with(&a));
        // Nor two devices saying the same thing.
        let same = mark("c", "tablet-3", AttendanceStatus::Present, 4);
        assert!(!same.disagrees_with(&a));
    }

    #[test]
    fn a_late_child_has_an_arrival_time() {
        let mut late = mark("a", "t", AttendanceStatus::Late, 1);
        assert_eq!(
            check_mark(&late, &child()),
            Err(MarkProblem::ArrivalMissing)
        );
        late.arrived_at = NaiveTime::from_hms_opt(17, 5, 0);
        assert_eq!(check_mark(&late, &child()), Ok(()));
        let mut present = mark("b", "t", AttendanceStatus::Present, 1);
        present.arrived_at = NaiveTime::from_hms_opt(17, 5, 0);
        assert_eq!(
            check_mark(&present, &child()),
            Err(MarkProblem::ArrivalNotLate)
        );
    }

    #[test]
    fn only_an_authorised_adult_takes_the_child_home() {
        let leave = |by: PickUp| Mark {
            departure: Some(Departure {
                at: NaiveTime::from_hms_opt(18, 15, 0).unwrap(),
                by,
            }),
            ..mark("a", "t", AttendanceStatus::Present, 1)
        };
        assert_eq!(
            check_mark(&leave(PickUp::Guardian(GuardianId::new("mum"))), &child()),
            Ok(())
        );
        assert_eq!(
            check_mark(&leave(PickUp::Adult(AdultId::new("granny"))), &child()),
            Ok(())
        );
        assert_eq!(
            check_mark(&leave(PickUp::Adult(AdultId::new("stranger"))), &child()),
            Err(MarkProblem::PickUpNotAuthorised)
        );
        assert_eq!(
            check_mark(&leave(PickUp::Guardian(GuardianId::new("other"))), &child()),
            Err(MarkProblem::PickUpNotAuthorised)
        );
        assert_eq!(
            check_mark(&leave(PickUp::Alone), &child()),
            Err(MarkProblem::AloneNotAllowed)
        );
        let allowed = ExpectedChild {
            may_leave_alone: true,
            ..child()
        };
        assert_eq!(check_mark(&leave(PickUp::Alone), &allowed), Ok(()));
        let absent = Mark {
            status: AttendanceStatus::Absent,
            ..leave(PickUp::Alone)
        };
        assert_eq!(
            check_mark(&absent, &allowed),
            Err(MarkProblem::DepartureWithoutPresence)
        );
    }

    #[test]
    fn pick_up_codes_round_trip() {
        for p in [
            PickUp::Guardian(GuardianId::new("g1")),
            PickUp::Adult(AdultId::new("a1")),
            PickUp::Alone,
        ] {
            assert_eq!(PickUp::parse(&p.code()), Some(p));
        }
        assert_eq!(PickUp::parse("parent"), None);
        assert_eq!(PickUp::parse("adult:"), None);
    }

    #[test]
    fn the_server_decides_an_entrys_time() {
        // A tablet five years ahead, its clock read as it sends.
        let now = at(30);
        let ahead = now + Duration::days(5 * 365);
        assert_eq!(server_time(ahead, Some(ahead), now), now);
        // Without its clock, its time is capped at the receipt.
        assert_eq!(server_time(ahead, None, now), now);
        // Two days behind: a mark made 10 minutes before sending.
        let behind = now - Duration::days(2);
        assert_eq!(
            server_time(behind - Duration::minutes(10), Some(behind), now),
            now - Duration::minutes(10)
        );
        // A clock within the margin is believed as it is.
        assert_eq!(
            server_time(at(20), Some(now - Duration::seconds(10)), now),
            at(20)
        );
        // Absurd clocks do not overflow.
        let far = DateTime::<Utc>::MAX_UTC;
        assert_eq!(server_time(far, Some(DateTime::<Utc>::MIN_UTC), now), now);
    }

    #[test]
    fn families_report_absences_until_the_session_starts() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let starts = day.and_hms_opt(16, 45, 0).unwrap();
        let before = day.and_hms_opt(16, 44, 0).unwrap();
        assert!(takes_notices(SessionStatus::Planned, false, starts, before));
        assert!(!takes_notices(
            SessionStatus::Planned,
            false,
            starts,
            starts
        ));
        assert!(!takes_notices(SessionStatus::Planned, true, starts, before));
        for status in [
            SessionStatus::Draft,
            SessionStatus::Cancelled,
            SessionStatus::Held,
        ] {
            assert!(!takes_notices(status, false, starts, before));
        }
    }
}
