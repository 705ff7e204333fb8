use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::planning::types::SessionLine;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

/// The child's contract for this school year: its objectives, the
/// engagements of each party, and whether a guardian accepted it online.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    /// « 2026-2027 ».
    pub school_year: String,
    pub objectives: String,
    pub engagements: String,
    /// Who accepted it, and when (the organisation's local time).
    pub accepted: Option<(String, NaiveDateTime)>,
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
    /// This school year's contract, for the child's guardians.
    pub contract: Option<Contract>,
    /// The server's today, so that the page reads the same rendered
    /// anywhere.
    pub today: NaiveDate,
}

/// A month of a child's attendance, for the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthAttendance {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Sessions attended (present or late).
    pub came: u32,
    /// Sessions with a mark.
    pub marked: u32,
}

impl ChildPage {
    /// From `from` on: the sessions attended, and those marked.
    pub fn attendance_since(&self, from: NaiveDate) -> (u32, u32) {
        let since: Vec<&AttendanceEntry> = self.history.iter().filter(|e| e.date >= from).collect();
        let attended = since.iter().filter(|e| e.status.came()).count() as u32;
        (attended, since.len() as u32)
    }

    /// Each month from the one of `from` to the one of `today`, with its
    /// sessions attended and marked (months with none included, so that
    /// gaps show).
    pub fn by_month(&self, from: NaiveDate) -> Vec<MonthAttendance> {
        use chrono::Datelike;
        let first = |d: NaiveDate| d.with_day(1).unwrap_or(d);
        let mut months = Vec::new();
        let mut month = first(from);
        while month <= self.today {
            let next = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
            let of_month: Vec<&AttendanceEntry> = self
                .history
                .iter()
                .filter(|e| e.date >= month && e.date < next)
                .collect();
            months.push(MonthAttendance {
                month,
                came: of_month.iter().filter(|e| e.status.came()).count() as u32,
                marked: of_month.len() as u32,
            });
            month = next;
        }
        months
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str, status: AttendanceStatus) -> AttendanceEntry {
        AttendanceEntry {
            session: SessionId::new(date),
            date: date.parse().unwrap(),
            start: NaiveTime::from_hms_opt(16, 45, 0).unwrap(),
            group_name: "CP".into(),
            status,
        }
    }

    #[test]
    fn rates_since_a_day_and_by_month() {
        use AttendanceStatus::*;
        let page = ChildPage {
            id: ChildId::new("c"),
            first_name: "Inès".into(),
            last_name: "B".into(),
            groups: vec![],
            upcoming: vec![],
            notices: vec![],
            guardian: true,
            takes_notices: vec![],
            history: vec![
                entry("2027-01-12", Late),
                entry("2027-01-05", Absent),
                entry("2026-11-10", Present),
                entry("2026-11-03", Excused),
                entry("2026-09-15", Present),
            ],
            contract: None,
            today: "2027-01-20".parse().unwrap(),
        };
        assert_eq!(page.attendance_since(NaiveDate::MIN), (3, 5));
        assert_eq!(page.attendance_since("2027-01-01".parse().unwrap()), (1, 2));
        assert_eq!(page.attendance_since("2027-02-01".parse().unwrap()), (0, 0));
        let months = page.by_month("2026-09-01".parse().unwrap());
        let counts: Vec<(u32, u32)> = months.iter().map(|m| (m.came, m.marked)).collect();
        assert_eq!(counts, vec![(1, 1), (0, 0), (1, 2), (0, 0), (1, 2)]);
        assert_eq!(months[4].month, "2027-01-01".parse::<NaiveDate>().unwrap());
    }
}
