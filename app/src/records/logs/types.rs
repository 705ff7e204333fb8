//! The logs kept for the CAF's funding axes: meetings with the school
//! (diagnostic, start of activity, follow-up, end-of-year evaluation) about
//! a child or a group, and meetings with partners. What the page shows, and
//! the one check of each form (run in the browser and on the server).

use crate::domain::ids::*;
use crate::domain::model::LiaisonKind;
use crate::error::{AppError, FieldProblem};
use crate::fields::parse_optional_id;
use crate::fields::{date, text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A school meeting as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiaisonForm {
    pub kind: String,
    /// A child, or empty.
    pub child: String,
    /// A group, or empty.
    pub group: String,
    pub met_on: String,
    pub participants: String,
    pub notes: String,
    pub objectives_reviewed: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLiaison {
    pub kind: LiaisonKind,
    pub child: Option<ChildId>,
    pub group: Option<GroupId>,
    pub met_on: NaiveDate,
    pub participants: String,
    pub notes: String,
    pub objectives_reviewed: String,
}

impl LiaisonForm {
    /// A kind, a child or a group, a day not after today, who took part.
    pub fn check(&self, today: NaiveDate) -> Result<NewLiaison, AppError> {
        let kind = LiaisonKind::parse(self.kind.trim())
            .ok_or_else(|| AppError::invalid("liaison_kind", FieldProblem::Missing))?;
        let child = parse_optional_id("liaison_about", &self.child)?.map(ChildId);
        let group = parse_optional_id("liaison_about", &self.group)?.map(GroupId);
        if child.is_none() && group.is_none() {
            return Err(AppError::invalid("liaison_about", FieldProblem::Missing));
        }
        let met_on = date("met_on", &self.met_on)?;
        if met_on > today {
            return Err(AppError::invalid("met_on", FieldProblem::Unknown));
        }
        let participants = text("participants", &self.participants, 300)?;
        if participants.is_empty() {
            return Err(AppError::invalid("participants", FieldProblem::Missing));
        }
        Ok(NewLiaison {
            kind,
            child,
            group,
            met_on,
            participants,
            notes: text("notes", &self.notes, 2000)?,
            objectives_reviewed: text("objectives_reviewed", &self.objectives_reviewed, 1000)?,
        })
    }
}

/// A partner meeting as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerForm {
    pub met_on: String,
    pub partners: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPartnerMeeting {
    pub met_on: NaiveDate,
    pub partners: String,
    pub notes: String,
}

impl PartnerForm {
    pub fn check(&self, today: NaiveDate) -> Result<NewPartnerMeeting, AppError> {
        let met_on = date("met_on", &self.met_on)?;
        if met_on > today {
            return Err(AppError::invalid("met_on", FieldProblem::Unknown));
        }
        let partners = text("partners", &self.partners, 300)?;
        if partners.is_empty() {
            return Err(AppError::invalid("partners", FieldProblem::Missing));
        }
        Ok(NewPartnerMeeting {
            met_on,
            partners,
            notes: text("notes", &self.notes, 2000)?,
        })
    }
}

/// A school meeting in the year's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiaisonLine {
    pub kind: LiaisonKind,
    /// The child's or the group's name.
    pub about: String,
    pub child: Option<ChildId>,
    pub met_on: NaiveDate,
    pub participants: String,
    pub notes: String,
    pub objectives_reviewed: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerMeetingLine {
    pub met_on: NaiveDate,
    pub partners: String,
    pub notes: String,
}

/// The « Suivi » page: the year's meetings, and what the forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogsPage {
    pub today: NaiveDate,
    pub year: String,
    pub liaisons: Vec<LiaisonLine>,
    pub partner_meetings: Vec<PartnerMeetingLine>,
    pub children: Vec<(ChildId, String)>,
    pub groups: Vec<(GroupId, String)>,
}

impl LogsPage {
    /// How many school meetings of each kind the year has, in the CAF's order.
    pub fn counts(&self) -> Vec<(LiaisonKind, usize)> {
        LiaisonKind::ALL
            .iter()
            .map(|k| (*k, self.liaisons.iter().filter(|l| l.kind == *k).count()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn refused(e: AppError) -> (String, FieldProblem) {
        match e {
            AppError::Invalid { field, problem } => (field, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_school_meeting_is_about_a_child_or_a_group() {
        let form = LiaisonForm {
            kind: "diagnostic".into(),
            child: "enfant-1".into(),
            met_on: "2026-09-20".into(),
            participants: "Mme Robert (CE2), la coordinatrice".into(),
            ..LiaisonForm::default()
        };
        assert_eq!(form.check(today()).unwrap().kind, LiaisonKind::Diagnostic);
        let nobody = LiaisonForm {
            child: "".into(),
            ..form.clone()
        };
        assert_eq!(
            refused(nobody.check(today()).unwrap_err()),
            ("liaison_about".into(), FieldProblem::Missing)
        );
        let later = LiaisonForm {
            met_on: "2026-12-20".into(),
            ..form.clone()
        };
        assert_eq!(
            refused(later.check(today()).unwrap_err()),
            ("met_on".into(), FieldProblem::Unknown)
        );
        let alone = LiaisonForm {
            participants: " ".into(),
            ..form
        };
        assert_eq!(
            refused(alone.check(today()).unwrap_err()),
            ("participants".into(), FieldProblem::Missing)
        );
    }

    #[test]
    fn a_partner_meeting_names_its_partners() {
        let form = PartnerForm {
            met_on: "2026-11-02".into(),
            partners: "PRE, médiathèque".into(),
            notes: "".into(),
        };
        assert!(form.check(today()).is_ok());
        let none = PartnerForm {
            partners: "".into(),
            ..form
        };
        assert_eq!(
            refused(none.check(today()).unwrap_err()),
            ("partners".into(), FieldProblem::Missing)
        );
    }
}
