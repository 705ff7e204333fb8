//! Changes that repeat a session over weeks, planned before anything is
//! written: copying a week up to a date, and moving the following sessions
//! of a series. Each occurrence is skipped in the holidays, skipped when
//! the rules find an error there, or kept; the server writes exactly the
//! occurrences kept, in order, and reports the skipped ones with their
//! reason. Each kept occurrence joins the context, so the next one is
//! checked against it (two copies of one week never collide unseen).

use crate::calendar::{holiday_on, monday_of, Slot, TimeRange};
use crate::check::{check_session, PlanningContext};
use crate::findings::{has_errors, Finding};
use crate::ids::{SessionId, VenueId};
use crate::model::{PlannedSession, SessionStatus};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// Why an occurrence is not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The day falls in these holidays.
    Holiday { name: String },
    /// The rules found an error there.
    Rules { findings: Vec<Finding> },
}

/// An occurrence left out: which source (its index), the day it would have
/// had, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub source: usize,
    pub date: NaiveDate,
    pub reason: Skip,
}

/// What to check an occurrence at `slot` for, and why it is skipped if so.
fn skip_at(candidate: &PlannedSession, ctx: &PlanningContext) -> Option<Skip> {
    if let Some(h) = holiday_on(candidate.slot.date, &ctx.holidays) {
        return Some(Skip::Holiday {
            name: h.name.clone(),
        });
    }
    let findings = check_session(candidate, ctx);
    has_errors(&findings).then_some(Skip::Rules { findings })
}

/// One session of the week copied, with the weeks its series already has.
#[derive(Clone, Debug)]
pub struct CopySource {
    /// As it is in the copied week, with its group's children.
    pub session: PlannedSession,
    /// The Mondays of the weeks where its series has a session.
    pub planned_weeks: BTreeSet<NaiveDate>,
}

/// What copying a week makes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyPlan {
    /// The sessions to create, each with its source's index, in the order
    /// they were checked.
    pub made: Vec<(usize, PlannedSession)>,
    /// The weeks left alone because the series has a session there.
    pub already_planned: u32,
    pub skipped: Vec<Skipped>,
}

/// Copies each source to the same weekday of every following week up to
/// `until`. A copy of a draft is a draft; of anything else, planned. Each
/// new session's id comes from `new_id`.
pub fn plan_copy(
    sources: &[CopySource],
    until: NaiveDate,
    ctx: &PlanningContext,
    mut new_id: impl FnMut() -> SessionId,
) -> CopyPlan {
    let mut ctx = ctx.clone();
    let mut plan = CopyPlan::default();
    for (index, source) in sources.iter().enumerate() {
        let status = match source.session.status {
            SessionStatus::Draft => SessionStatus::Draft,
            _ => SessionStatus::Planned,
        };
        let time = source.session.slot.time;
        let mut day = source.session.slot.date + Duration::days(7);
        while day <= until {
            if source.planned_weeks.contains(&monday_of(day)) {
                plan.already_planned += 1;
            } else {
                let candidate = PlannedSession {
                    id: new_id(),
                    slot: Slot::new(day, time.start, time.end),
                    status,
                    ..source.session.clone()
                };
                match skip_at(&candidate, &ctx) {
                    Some(reason) => plan.skipped.push(Skipped {
                        source: index,
                        date: day,
                        reason,
                    }),
                    None => {
                        ctx.sessions.push(candidate.clone());
                        plan.made.push((index, candidate));
                    }
                }
            }
            day += Duration::days(7);
        }
    }
    plan
}

/// What moving the following sessions of a series does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeriesMove {
    /// The sessions moved, as they will be.
    pub moved: Vec<PlannedSession>,
    /// The sessions left where they are (`source` is their index in the
    /// series' list), with the day they had.
    pub skipped: Vec<Skipped>,
}

/// Moves each of `following` (the series' sessions after the one moved,
/// with their days) by `shift` days, to `time` and `venue`. `ctx` holds
/// every session involved (the series' included, at their old places); a
/// session it does not hold is left out silently.
pub fn plan_series_move(
    following: &[(SessionId, NaiveDate)],
    shift: Duration,
    time: TimeRange,
    venue: &VenueId,
    ctx: &PlanningContext,
) -> SeriesMove {
    let mut ctx = ctx.clone();
    let mut plan = SeriesMove::default();
    for (index, (session, day)) in following.iter().enumerate() {
        let Some(place) = ctx.sessions.iter().position(|s| &s.id == session) else {
            continue;
        };
        let mut candidate = ctx.sessions[place].clone();
        candidate.slot = Slot::new(*day + shift, time.start, time.end);
        candidate.venue = venue.clone();
        match skip_at(&candidate, &ctx) {
            Some(reason) => plan.skipped.push(Skipped {
                source: index,
                date: *day,
                reason,
            }),
            None => {
                ctx.sessions[place] = candidate.clone();
                plan.moved.push(candidate);
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Holiday;
    use crate::findings::Code;
    use crate::ids::*;
    use crate::thresholds::Thresholds;
    use chrono::NaiveTime;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn session(id: &str, group: &str, date: &str, status: SessionStatus) -> PlannedSession {
        PlannedSession {
            id: SessionId(id.into()),
            group: GroupId(group.into()),
            venue: VenueId("v".into()),
            slot: Slot::new(d(date), hm(16, 45), hm(18, 0)),
            accompanists: vec![AccompanistId("a".into())],
            children: (0..8).map(|i| ChildId(format!("c{i}"))).collect(),
            status,
        }
    }
    fn context(holidays: Vec<Holiday>) -> PlanningContext {
        PlanningContext {
            thresholds: Thresholds::default(),
            holidays,
            sessions: Vec::new(),
            pupils: Vec::new(),
        }
    }
    fn ids() -> impl FnMut() -> SessionId {
        let mut n = 0;
        move || {
            n += 1;
            SessionId(format!("new{n}"))
        }
    }

    #[test]
    fn a_copy_skips_the_holidays_and_the_weeks_already_planned() {
        let holidays = vec![Holiday {
            name: "Noël".into(),
            first_day: d("2026-12-19"),
            last_day: d("2027-01-03"),
        }];
        let source = CopySource {
            session: session("s", "g", "2026-12-07", SessionStatus::Held),
            planned_weeks: [d("2027-01-04")].into(),
        };
        let plan = plan_copy(&[source], d("2027-01-11"), &context(holidays), ids());
        let made: Vec<_> = plan.made.iter().map(|(_, s)| s.slot.date).collect();
        assert_eq!(made, [d("2026-12-14"), d("2027-01-11")]);
        assert!(plan
            .made
            .iter()
            .all(|(_, s)| s.status == SessionStatus::Planned));
        assert_eq!(plan.already_planned, 1);
        let skipped: Vec<_> = plan
            .skipped
            .iter()
            .map(|s| (s.date, s.reason.clone()))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    d("2026-12-21"),
                    Skip::Holiday {
                        name: "Noël".into()
                    }
                ),
                (
                    d("2026-12-28"),
                    Skip::Holiday {
                        name: "Noël".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn two_copies_of_one_group_never_overlap_unseen() {
        // Two sessions of one group at the same time in the source week
        // (say, one a draft): the second copy meets the first.
        let a = session("a", "g", "2026-12-07", SessionStatus::Planned);
        let b = session("b", "g", "2026-12-07", SessionStatus::Draft);
        let sources = [a, b].map(|session| CopySource {
            session,
            planned_weeks: BTreeSet::new(),
        });
        let plan = plan_copy(&sources, d("2026-12-14"), &context(Vec::new()), ids());
        assert_eq!(plan.made.len(), 1);
        assert_eq!(plan.skipped.len(), 1);
        let Skip::Rules { findings } = &plan.skipped[0].reason else {
            panic!("a rule refuses the second copy");
        };
        assert!(
            findings.iter().any(|f| f.code == Code::AccompanistConflict),
            "{findings:?}"
        );
    }

    #[test]
    fn a_series_move_leaves_a_holiday_occurrence_where_it_is() {
        let holidays = vec![Holiday {
            name: "Noël".into(),
            first_day: d("2026-12-19"),
            last_day: d("2027-01-03"),
        }];
        let mut ctx = context(holidays);
        ctx.sessions = vec![
            session("x", "g", "2026-12-08", SessionStatus::Planned),
            session("y", "g", "2026-12-15", SessionStatus::Planned),
        ];
        let following = [
            (SessionId("x".into()), d("2026-12-08")),
            (SessionId("y".into()), d("2026-12-15")),
        ];
        let time = TimeRange::new(hm(17, 0), hm(18, 15));
        let plan = plan_series_move(
            &following,
            Duration::days(4),
            time,
            &VenueId("w".into()),
            &ctx,
        );
        assert_eq!(plan.moved.len(), 1);
        assert_eq!(
            plan.moved[0].slot,
            Slot::new(d("2026-12-12"), hm(17, 0), hm(18, 15))
        );
        assert_eq!(plan.moved[0].venue, VenueId("w".into()));
        assert_eq!(plan.skipped[0].source, 1);
        assert_eq!(plan.skipped[0].date, d("2026-12-15"));
    }
}
