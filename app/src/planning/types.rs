//! What the pages show about sessions (shared by several features).

use crate::domain::check::PlanningContext;
use crate::domain::ids::*;
use crate::domain::model::SessionStatus;
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
    /// Per group: its name and the week's group findings.
    pub groups: Vec<(GroupId, String, Vec<Finding>)>,
    pub holiday: Option<String>,
    pub context: PlanningContext,
    pub venues: Vec<(VenueId, String)>,
    pub accompanists: Vec<(AccompanistId, String)>,
}
