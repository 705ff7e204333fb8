use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::planning::types::SessionLine;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A child on their guardian's home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildCard {
    pub id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub groups: Vec<String>,
    pub next: Option<SessionLine>,
}

/// One past session of a child and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub session: SessionId,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub group_name: String,
    pub status: AttendanceStatus,
}

/// An absence a guardian reported in advance for a coming session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceNotice {
    pub session: SessionId,
    pub reason: String,
}

/// A child's page: what is coming and what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildPage {
    pub id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub groups: Vec<String>,
    pub upcoming: Vec<SessionLine>,
    /// The absences reported for the coming sessions.
    pub notices: Vec<AbsenceNotice>,
    /// The caller is one of the child's guardians (who may report absences).
    pub guardian: bool,
    /// The coming sessions that still take an absence notice (not started).
    pub takes_notices: Vec<SessionId>,
    pub history: Vec<AttendanceEntry>,
}

impl ChildPage {
    /// Share of marked sessions the child attended (present or late), in %.
    pub fn attendance_percent(&self) -> Option<u32> {
        let marked = self.history.len() as u32;
        let came = self
            .history
            .iter()
            .filter(|e| matches!(e.status, AttendanceStatus::Present | AttendanceStatus::Late))
            .count() as u32;
        crate::domain::calendar::percent(came, marked)
    }
}
