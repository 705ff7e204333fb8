//! When a session's register takes entries, and from whom. The server's
//! sync refuses an entry with these answers; the accompanist's pages list
//! the registers these functions open.

use crate::ids::{AccompanistId, OrganisationId};
use crate::model::{Role, SessionStatus};
use crate::register_merge::Refusal;
use chrono::NaiveDate;

/// Who asks to take a register.
#[derive(Clone, Copy, Debug)]
pub struct Taker<'a> {
    pub role: Role,
    pub organisation: Option<&'a OrganisationId>,
    pub accompanist: Option<&'a AccompanistId>,
}

/// What a register's openness depends on.
#[derive(Clone, Copy, Debug)]
pub struct RegisterSession<'a> {
    pub organisation: &'a OrganisationId,
    /// The accompanists who lead the group or are assigned to the session.
    pub staff: &'a [AccompanistId],
    pub status: SessionStatus,
    pub date: NaiveDate,
}

/// Whether `taker` takes this session's register: an accompanist who leads
/// the group or is assigned to the session, or a coordinator of its
/// organisation.
pub fn takes_register(taker: Taker<'_>, session: RegisterSession<'_>) -> bool {
    match taker.role {
        Role::Coordinator => taker.organisation == Some(session.organisation),
        Role::Accompanist => taker.accompanist.is_some_and(|a| session.staff.contains(a)),
        _ => false,
    }
}

/// Why the session takes no entries at all from `taker` on `today`, if so:
/// an unknown session, someone else's, a draft or cancelled one, or one
/// still to come.
pub fn register_refusal(
    taker: Taker<'_>,
    session: Option<RegisterSession<'_>>,
    today: NaiveDate,
) -> Option<Refusal> {
    let Some(session) = session else {
        return Some(Refusal::UnknownSession);
    };
    if !takes_register(taker, session) {
        return Some(Refusal::Forbidden);
    }
    if matches!(
        session.status,
        SessionStatus::Draft | SessionStatus::Cancelled
    ) {
        return Some(Refusal::NotOpen);
    }
    if session.date > today {
        return Some(Refusal::TooEarly);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn who_takes_which_register_and_when() {
        let (org, other) = (OrganisationId("o".into()), OrganisationId("p".into()));
        let (lead, stranger) = (AccompanistId("a".into()), AccompanistId("b".into()));
        let staff = [lead.clone()];
        let session = |status, date| RegisterSession {
            organisation: &org,
            staff: &staff,
            status,
            date,
        };
        let accompanist = |a| Taker {
            role: Role::Accompanist,
            organisation: Some(&org),
            accompanist: Some(a),
        };
        let coordinator = |o| Taker {
            role: Role::Coordinator,
            organisation: Some(o),
            accompanist: None,
        };
        let planned = session(SessionStatus::Planned, day(4));
        assert_eq!(
            register_refusal(accompanist(&lead), Some(planned), day(4)),
            None
        );
        assert_eq!(
            register_refusal(coordinator(&org), Some(planned), day(5)),
            None
        );
        let refused = |t, s, d| register_refusal(t, s, d);
        assert_eq!(
            refused(accompanist(&stranger), Some(planned), day(4)),
            Some(Refusal::Forbidden)
        );
        assert_eq!(
            refused(coordinator(&other), Some(planned), day(4)),
            Some(Refusal::Forbidden)
        );
        assert_eq!(
            refused(accompanist(&lead), None, day(4)),
            Some(Refusal::UnknownSession)
        );
        assert_eq!(
            refused(accompanist(&lead), Some(planned), day(3)),
            Some(Refusal::TooEarly)
        );
        for status in [SessionStatus::Draft, SessionStatus::Cancelled] {
            let s = session(status, day(4));
            assert_eq!(
                refused(accompanist(&lead), Some(s), day(4)),
                Some(Refusal::NotOpen)
            );
        }
        let parent = Taker {
            role: Role::Parent,
            organisation: Some(&org),
            accompanist: None,
        };
        assert!(!takes_register(parent, planned));
    }
}
