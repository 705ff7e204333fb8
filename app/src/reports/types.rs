//! What the report pages show: one organisation's report, a territory's,
//! and the children behind a figure.

use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::domain::report::Report;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One organisation's report for one school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub organisation: OrganisationId,
    pub organisation_name: String,
    /// The organisation's school years (`2026-2027`), the newest first.
    pub years: Vec<String>,
    pub year: String,
    pub report: Report,
    /// The project's facts of that year (commune, QPV, PEL/PEDT…), set in
    /// the CAF dossier.
    pub project: crate::domain::dossier::ProjectFacts,
    /// The four axes of the CAF dossier with the actions behind them (their
    /// titles left out for a funder).
    pub axes: Vec<crate::domain::dossier::AxisLine>,
    /// Whether the reader may open the records behind each figure
    /// (coordinators; a funder reads figures only).
    pub drill_down: bool,
}

/// A territory's report: each organisation's headline, and the sum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryReport {
    pub territory: String,
    pub territory_name: String,
    pub year: String,
    pub years: Vec<String>,
    pub organisations: Vec<OrgLine>,
    pub total: Report,
}

/// One organisation's headline figures (no child is named).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgLine {
    pub id: OrganisationId,
    pub name: String,
    /// False when the organisation has no school year of that label.
    pub has_year: bool,
    pub groups: u32,
    pub children: u32,
    pub sessions_held: u32,
    pub minutes_held: u32,
    pub attendance_percent: Option<u32>,
    pub regularity_percent: Option<u32>,
}

impl OrgLine {
    pub fn of(id: OrganisationId, name: String, report: Option<&Report>) -> OrgLine {
        let r = report.cloned().unwrap_or_default();
        OrgLine {
            id,
            name,
            has_year: report.is_some(),
            groups: r.groups,
            children: r.children,
            sessions_held: r.sessions_held,
            minutes_held: r.minutes_held,
            attendance_percent: r.attendance.percent(),
            regularity_percent: r.regularity_percent(),
        }
    }
}

/// The children a figure counts, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildrenBehind {
    pub year: String,
    pub filter: String,
    /// The figure, as the report names it: « Niveau scolaire · CM1 ».
    pub label: String,
    pub children: Vec<ChildBehind>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildBehind {
    pub id: ChildId,
    pub name: String,
    pub level: String,
    pub marked: u32,
    pub attended: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSession {
    pub id: SessionId,
    pub on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub venue: String,
    pub accompanists: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetChild {
    pub id: ChildId,
    /// « NOM Prénom » order, as on paper lists.
    pub name: String,
    pub level: String,
    /// One per session, in order: the mark taken, if any.
    pub marks: Vec<Option<AttendanceStatus>>,
}
