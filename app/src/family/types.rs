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

/// A child's page: what is coming and what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildPage {
    pub id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub groups: Vec<String>,
    pub upcoming: Vec<SessionLine>,
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
