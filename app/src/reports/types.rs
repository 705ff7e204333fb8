use serde::{Deserialize, Serialize};

/// One organisation's headline figures (no child is named).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgFigures {
    pub name: String,
    pub groups: u32,
    pub children: u32,
    pub sessions_held: u32,
    pub minutes_held: u32,
    pub marks: u32,
    pub attended: u32,
}

impl OrgFigures {
    pub fn attendance_percent(&self) -> Option<u32> {
        crate::domain::calendar::percent(self.attended, self.marks)
    }

    pub fn add(&mut self, other: &OrgFigures) {
        self.groups += other.groups;
        self.children += other.children;
        self.sessions_held += other.sessions_held;
        self.minutes_held += other.minutes_held;
        self.marks += other.marks;
        self.attended += other.attended;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerritoryFigures {
    pub territory: String,
    pub territory_name: String,
    pub organisations: Vec<OrgFigures>,
    pub total: OrgFigures,
}
