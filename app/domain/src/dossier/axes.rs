//! The four axes a CLAS action is funded on, and which axis each recorded
//! action belongs to. The CAF funds an action only when it works on all four
//! in the same year: an axis with nothing recorded is a finding.

use crate::findings::{Code, Finding, Subject};
use crate::model::{vocabulary, FamilyEventKind, LiaisonKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The CLAS funding axes, in the order the CAF's bilan lists them.
    Axis {
        Children => "enfants",
        Parents => "parents",
        School => "ecole",
        Partners => "partenaires",
    }
);

/// What kind of action was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "kind", rename_all = "snake_case")]
pub enum ActionKind {
    /// A session held with the children.
    Session,
    /// A family event: welcome, information meeting, shared session, *temps
    /// fort*, or an individual meeting with a family.
    FamilyEvent(FamilyEventKind),
    /// A meeting with the school, about a child or a group.
    SchoolMeeting(LiaisonKind),
    /// A coordination meeting with local partners.
    PartnerMeeting,
}

impl ActionKind {
    /// The axis the action counts on.
    pub fn axis(self) -> Axis {
        match self {
            ActionKind::Session => Axis::Children,
            ActionKind::FamilyEvent(_) => Axis::Parents,
            ActionKind::SchoolMeeting(_) => Axis::School,
            ActionKind::PartnerMeeting => Axis::Partners,
        }
    }
}

/// One recorded action of the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub on: NaiveDate,
    pub kind: ActionKind,
    /// What the record calls it: the group of a session, an event's title,
    /// the school or the partners met. Never a child's name.
    pub title: String,
    /// Who came: children at a session, families at an event, children a
    /// school meeting was about (one, or the group's); none for partners.
    pub reached: u32,
    /// Its length, when the record has one (sessions, events).
    pub minutes: u32,
}

/// One axis of the bilan: its figures and the actions behind them, by date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisLine {
    pub axis: Axis,
    pub count: u32,
    pub reached: u32,
    pub minutes: u32,
    pub actions: Vec<Action>,
}

/// The four axes of the actions recorded between `from` and `until`
/// (inclusive), each in date order, with a finding for each empty axis.
pub fn by_axis(
    actions: &[Action],
    from: NaiveDate,
    until: NaiveDate,
) -> (Vec<AxisLine>, Vec<Finding>) {
    let mut lines: Vec<AxisLine> = Axis::ALL
        .iter()
        .map(|axis| AxisLine {
            axis: *axis,
            count: 0,
            reached: 0,
            minutes: 0,
            actions: Vec::new(),
        })
        .collect();
    for a in actions.iter().filter(|a| a.on >= from && a.on <= until) {
        let line = &mut lines[a.kind.axis() as usize];
        line.count += 1;
        line.reached += a.reached;
        line.minutes += a.minutes;
        line.actions.push(a.clone());
    }
    for line in &mut lines {
        line.actions
            .sort_by(|a, b| (a.on, a.kind, &a.title).cmp(&(b.on, b.kind, &b.title)));
    }
    let findings = lines
        .iter()
        .filter(|l| l.count == 0)
        .map(|l| {
            Finding::new(
                Code::AxisEmpty,
                vec![Subject::Axis(l.axis.as_str().to_string())],
            )
        })
        .collect();
    (lines, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    fn action(on: u32, kind: ActionKind, reached: u32) -> Action {
        Action {
            on: day(on),
            kind,
            title: "CM1-CM2".into(),
            reached,
            minutes: 90,
        }
    }

    #[test]
    fn every_kind_of_record_has_its_axis() {
        assert_eq!(ActionKind::Session.axis(), Axis::Children);
        for k in FamilyEventKind::ALL {
            assert_eq!(ActionKind::FamilyEvent(*k).axis(), Axis::Parents);
        }
        for k in LiaisonKind::ALL {
            assert_eq!(ActionKind::SchoolMeeting(*k).axis(), Axis::School);
        }
        assert_eq!(ActionKind::PartnerMeeting.axis(), Axis::Partners);
        // The axes' order is the index `by_axis` files them under.
        for (i, a) in Axis::ALL.iter().enumerate() {
            assert_eq!(*a as usize, i);
        }
    }

    #[test]
    fn actions_are_filed_by_axis_and_date_and_empty_axes_are_found() {
        let actions = vec![
            action(20, ActionKind::Session, 9),
            action(6, ActionKind::Session, 11),
            action(8, ActionKind::FamilyEvent(FamilyEventKind::Individual), 1),
            // Outside the period: not counted.
            action(31, ActionKind::PartnerMeeting, 0),
        ];
        let (lines, findings) = by_axis(&actions, day(1), day(30));
        let children = &lines[0];
        assert_eq!(
            (children.count, children.reached, children.minutes),
            (2, 20, 180)
        );
        assert_eq!(children.actions[0].on, day(6));
        assert_eq!(lines[1].count, 1);
        let empty: Vec<&Subject> = findings.iter().flat_map(|f| &f.about).collect();
        assert_eq!(
            empty,
            [
                &Subject::Axis("ecole".into()),
                &Subject::Axis("partenaires".into())
            ]
        );
        assert!(findings
            .iter()
            .all(|f| f.code == Code::AxisEmpty && !f.is_error()));
    }
}
