//! What the pages show about sessions (shared by several features).

use crate::domain::check::PlanningContext;
use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, SessionPlan, SessionStatus};
use crate::domain::Finding;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One session, as listed on a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: SessionId,
    pub group: GroupId,
    pub group_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: VenueId,
    pub venue_name: String,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub accompanists: Vec<(AccompanistId, String)>,
    pub expected_children: u32,
    /// Bumped by every change: a change made from an older version is refused.
    pub version: i64,
    /// Sessions copied from one week share it.
    pub series: Option<String>,
    pub plan: SessionPlan,
}

/// A group as the planning shows it, with what a new session of theirs
/// starts with (its venue and accompanists).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub id: GroupId,
    pub name: String,
    pub enrolled: u32,
    /// The enrolled children (what the rules check a new session against).
    pub members: Vec<ChildId>,
    pub planned: Vec<ActivityCategory>,
    pub default_venue: Option<VenueId>,
    pub accompanists: Vec<AccompanistId>,
}

/// A session with what the rules say about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedSession {
    pub session: SessionLine,
    pub findings: Vec<Finding>,
}

/// The coordinator's week, with what the browser needs to check changes
/// with the very rules the server applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekPlan {
    pub monday: NaiveDate,
    pub sessions: Vec<SessionLine>,
    /// The organisation's groups; their week's findings are computed from
    /// `context` by the same functions on both sides.
    pub groups: Vec<GroupLine>,
    /// The last day of the school year holding the week, if one is set:
    /// where copying a week stops by default.
    pub year_end: Option<NaiveDate>,
    pub context: PlanningContext,
    pub venues: Vec<(VenueId, String)>,
    pub accompanists: Vec<(AccompanistId, String)>,
}

/// Why an occurrence of a series, or a copy, was left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// The day falls in the school holidays.
    Holiday { name: String },
    /// The rules found an error there.
    Rules { findings: Vec<Finding> },
}

/// One occurrence left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub group_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub reason: SkipReason,
}

/// What a change of "this session and the following ones" did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesChange {
    /// The session asked for, as saved (none when it was deleted).
    pub session: Option<CheckedSession>,
    /// The following occurrences changed too.
    pub following: u32,
    pub skipped: Vec<Skipped>,
}

/// What copying a week did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyReport {
    pub until: NaiveDate,
    pub created: u32,
    /// Occurrences left alone because the series already has a session that week.
    pub already_planned: u32,
    pub skipped: Vec<Skipped>,
    /// Names this copy, to undo it.
    pub batch: String,
}
