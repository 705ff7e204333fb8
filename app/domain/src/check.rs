//! The checks the planning runs: everything a session must satisfy, and the
//! week's findings per group. The calendar calls them in the browser while a
//! coordinator drags; the server calls the same functions before saving.

use crate::calendar::{monday_of, Holiday};
use crate::findings::Finding;
use crate::ids::GroupId;
use crate::model::{ActivityCategory, PlannedSession, PupilTimetable};
use crate::rules;
use crate::thresholds::Thresholds;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the session rules need to know about the rest of the organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningContext {
    pub thresholds: Thresholds,
    pub holidays: Vec<Holiday>,
    /// The other sessions that could overlap (same organisation, nearby dates).
    pub sessions: Vec<PlannedSession>,
    /// The school timetable of each child.
    pub pupils: Vec<PupilTimetable>,
}

/// Every finding about one session: its slot, its staffing, school time,
/// conflicts with the other sessions, holidays. Sorted, so two runs (browser
/// and server) compare equal.
pub fn check_session(session: &PlannedSession, ctx: &PlanningContext) -> Vec<Finding> {
    let mut findings = rules::invalid_slot(&session.id, &session.slot, &ctx.thresholds);
    if !session.is_active() {
        return findings;
    }
    findings.extend(rules::staffing(
        &session.id,
        session.children.len() as u32,
        session.accompanists.len() as u32,
        &ctx.thresholds,
    ));
    let pupils: Vec<PupilTimetable> = ctx
        .pupils
        .iter()
        .filter(|p| session.children.contains(&p.child))
        .cloned()
        .collect();
    findings.extend(rules::during_school_time(
        &session.id,
        &session.slot,
        &pupils,
        &ctx.holidays,
    ));
    findings.extend(rules::conflicts(session, &ctx.sessions));
    findings.extend(rules::in_holidays(
        &session.id,
        &session.slot,
        &ctx.holidays,
    ));
    findings.sort();
    findings.dedup();
    findings
}

/// A group's findings for the week holding `day`: size, weekly frequency and
/// the activity plan.
pub fn check_group_week(
    group: &GroupId,
    enrolled: u32,
    planned: &[ActivityCategory],
    day: NaiveDate,
    sessions: &[PlannedSession],
    holidays: &[Holiday],
    t: &Thresholds,
) -> Vec<Finding> {
    let monday = monday_of(day);
    let in_week = sessions
        .iter()
        .filter(|s| &s.group == group && s.is_active() && monday_of(s.slot.date) == monday)
        .count() as u32;
    let mut findings = rules::group_size(group, enrolled, t);
    findings.extend(rules::weekly_frequency(group, monday, in_week, holidays, t));
    findings.extend(rules::homework_only(group, planned));
    findings.sort();
    findings
}
