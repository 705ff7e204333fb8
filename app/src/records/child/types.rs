//! One child's record as the coordinator keeps it during the year: what the
//! record page shows, and the one check of each of its forms (follow-up,
//! leaving, authorised adults, the contract). The same checks run in the
//! browser before sending and on the server before writing.

use crate::domain::ids::*;
use crate::domain::model::{ChildStatus, ReferralSource, SchoolLevel, Sex};
use crate::error::{AppError, FieldProblem};
use crate::fields::{date, name, phone, text, ticked};
use crate::records::children::types::{pupil, GroupChoice, WaitingLine};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianLine {
    pub id: GuardianId,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Their postal address, as they keep it (« Mes coordonnées »).
    pub address: Option<String>,
    /// Whether they have a login to the family portal.
    pub has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralLine {
    pub source: ReferralSource,
    pub on: NaiveDate,
    pub need: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentLine {
    pub by: String,
    pub on: NaiveDate,
    pub method: String,
}

/// An adult the family allows to take the child home.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdultLine {
    pub id: AdultId,
    pub name: String,
    pub relationship: String,
    pub phone: Option<String>,
    /// Proposed by this guardian (their name) and not yet approved: the
    /// register does not show them.
    pub proposed_by: Option<String>,
}

/// The contract of the current school year, as the coordinator writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDraft {
    pub objectives: String,
    pub engagements: String,
    /// Who accepted it online, and when (local time).
    pub accepted: Option<(String, NaiveDateTime)>,
}

/// One change to the record, from the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub at: NaiveDateTime,
    pub who: String,
    pub action: String,
    pub detail: String,
}

/// The « Fiche de l'enfant » page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRecord {
    pub id: ChildId,
    pub today: NaiveDate,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub level: SchoolLevel,
    pub school: Option<String>,
    pub school_id: Option<SchoolId>,
    /// The structure's schools, for the identity form.
    pub schools: Vec<(SchoolId, String)>,
    pub priority_area: bool,
    pub status: ChildStatus,
    /// When and why the child left.
    pub left: Option<(NaiveDate, String)>,
    pub may_leave_alone: bool,
    pub photo_consent: bool,
    /// Seen by coordinators and the child's accompanists only.
    pub needs_note: String,
    /// Carried over into a school year starting that day: the consent and
    /// the contract are to renew from then.
    pub renew_from: Option<NaiveDate>,
    pub guardians: Vec<GuardianLine>,
    pub referral: Option<ReferralLine>,
    pub consent: Option<ConsentLine>,
    pub adults: Vec<AdultLine>,
    /// The groups the child is in.
    pub groups: Vec<GroupChoice>,
    /// The waiting lists the child is on, with their place.
    pub waiting: Vec<WaitingLine>,
    /// The year's groups the child could wait for.
    pub other_groups: Vec<GroupChoice>,
    pub group_max: u32,
    pub contract: Option<ContractDraft>,
    /// The year's meetings with the school about the child.
    pub liaisons: Vec<crate::records::logs::types::LiaisonLine>,
    pub history: Vec<HistoryLine>,
}

impl ChildRecord {
    /// The day from which the family's consent is to renew, while the
    /// consent on record was given before it.
    pub fn consent_to_renew(&self) -> Option<NaiveDate> {
        let from = self.renew_from?;
        match &self.consent {
            Some(c) if c.on >= from => None,
            _ => Some(from),
        }
    }
}

/// A session the child was marked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMark {
    pub on: NaiveDate,
    pub group: String,
    pub status: crate::domain::model::AttendanceStatus,
}

/// An absence the family announced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedNotice {
    pub on: NaiveDate,
    pub reason: String,
}

/// A guardian's answer to a family event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedReply {
    pub guardian: String,
    pub on: NaiveDate,
    pub title: String,
    pub reply: Option<String>,
    pub attended: bool,
}

/// A message the structure sent a guardian about a child, with when they
/// read it and what they answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMessage {
    pub guardian: String,
    pub child: String,
    pub sent_at: chrono::NaiveDateTime,
    pub subject: String,
    pub body: String,
    pub read_at: Option<chrono::NaiveDateTime>,
    /// `ack`, `yes` or `no`.
    pub reply: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedChild {
    pub record: ChildRecord,
    pub attendance: Vec<ExportedMark>,
    pub absence_notices: Vec<ExportedNotice>,
}

/// Everything held about a family, for an access request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyExport {
    pub organisation: String,
    pub exported_on: NaiveDate,
    pub guardians: Vec<GuardianLine>,
    pub children: Vec<ExportedChild>,
    pub event_replies: Vec<ExportedReply>,
    pub messages: Vec<ExportedMessage>,
}

/// One child's contract as printed: the four parties (the child, the
/// guardians, the operator, the school) and what they agree on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractSheet {
    pub child: ChildId,
    pub child_name: String,
    pub birth_date: Option<NaiveDate>,
    pub level: SchoolLevel,
    pub school: Option<String>,
    pub guardians: Vec<String>,
    pub groups: Vec<String>,
    pub contract: ContractDraft,
}

/// The « Contrats » print page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractsPrint {
    pub organisation: String,
    pub year: String,
    pub sheets: Vec<ContractSheet>,
}

/// A place free in a group, and the first child waiting for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub group: GroupId,
    pub group_name: String,
    pub child: ChildId,
    pub child_name: String,
}

/// The places the waiting lists may fill: for each group with room, its
/// first waiting child. `waiting` is in list order.
/// (`domain::rules::offers`).
pub fn offers(groups: &[GroupChoice], waiting: &[WaitingLine], group_max: u32) -> Vec<Offer> {
    use crate::domain::rules::InLine;
    let sizes: Vec<(&GroupId, u32)> = groups.iter().map(|g| (&g.id, g.enrolled)).collect();
    let in_line: Vec<InLine> = waiting
        .iter()
        .map(|w| InLine {
            group: &w.group,
            child: &w.child,
            position: w.position,
        })
        .collect();
    crate::domain::rules::offers(&sizes, &in_line, group_max)
        .into_iter()
        .filter_map(|(group, child)| {
            let g = groups.iter().find(|g| &g.id == group)?;
            let w = waiting
                .iter()
                .find(|w| &w.group == group && &w.child == child)?;
            Some(Offer {
                group: g.id.clone(),
                group_name: g.name.clone(),
                child: w.child.clone(),
                child_name: w.child_name.clone(),
            })
        })
        .collect()
}

/// What the « Identité » form sends, to correct a child's identity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityForm {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub sex: String,
    pub school: String,
    pub level: String,
    #[serde(default)]
    pub priority_area: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub school: Option<SchoolId>,
    pub level: SchoolLevel,
    pub priority_area: bool,
}

impl IdentityForm {
    /// The same checks as at enrolment.
    pub fn check(&self, today: NaiveDate) -> Result<Identity, AppError> {
        let first_name = name("child_first_name", &self.first_name)?;
        let last_name = name("child_last_name", &self.last_name)?;
        let (birth_date, sex, level, school) = pupil(
            &self.birth_date,
            &self.sex,
            &self.level,
            &self.school,
            today,
        )?;
        Ok(Identity {
            first_name,
            last_name,
            birth_date,
            sex,
            school,
            level,
            priority_area: ticked(&self.priority_area),
        })
    }
}

/// A referral recorded after enrolment (the newest one is shown).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralForm {
    pub source: String,
    pub on: String,
    pub need: String,
}

impl ReferralForm {
    pub fn check(&self, today: NaiveDate) -> Result<ReferralLine, AppError> {
        let source = ReferralSource::parse(self.source.trim())
            .ok_or_else(|| AppError::invalid("referral_source", FieldProblem::Missing))?;
        let on = date("referral_date", &self.on)?;
        if on > today {
            return Err(AppError::invalid("referral_date", FieldProblem::Unknown));
        }
        Ok(ReferralLine {
            source,
            on,
            need: text("referral_need", &self.need, 500)?,
        })
    }
}

/// The parents' consent recorded after enrolment: which guardian, when, how.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentForm {
    pub guardian: String,
    pub on: String,
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsent {
    pub guardian: GuardianId,
    pub on: NaiveDate,
    pub method: String,
}

impl ConsentForm {
    pub fn check(&self, today: NaiveDate) -> Result<NewConsent, AppError> {
        let guardian = GuardianId(crate::fields::parse_id("consent_by", &self.guardian)?);
        let (on, method) =
            crate::records::children::types::consent_terms(&self.on, &self.method, today)?;
        Ok(NewConsent {
            guardian,
            on,
            method,
        })
    }
}

/// What the follow-up form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    pub may_leave_alone: Option<String>,
    #[serde(default)]
    pub photo_consent: Option<String>,
    pub needs_note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub may_leave_alone: bool,
    pub photo_consent: bool,
    pub needs_note: String,
}

impl FollowUpForm {
    pub fn check(&self) -> Result<FollowUp, AppError> {
        Ok(FollowUp {
            may_leave_alone: ticked(&self.may_leave_alone),
            photo_consent: ticked(&self.photo_consent),
            needs_note: text("needs_note", &self.needs_note, 2000)?,
        })
    }
}

/// What the « L'enfant quitte l'accompagnement » form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveForm {
    pub on: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaving {
    pub on: NaiveDate,
    pub reason: String,
}

impl LeaveForm {
    /// A day not after today, and a reason of 3 to 300 characters.
    pub fn check(&self, today: NaiveDate) -> Result<Leaving, AppError> {
        let on = date("left_on", &self.on)?;
        if on > today {
            return Err(AppError::invalid("left_on", FieldProblem::Unknown));
        }
        let reason = text("left_reason", &self.reason, 300)?;
        if reason.chars().count() < 3 {
            return Err(AppError::invalid("left_reason", FieldProblem::Missing));
        }
        Ok(Leaving { on, reason })
    }
}

/// What the « Adulte autorisé » form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdultForm {
    pub name: String,
    pub relationship: String,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAdult {
    pub name: String,
    pub relationship: String,
    pub phone: Option<String>,
}

impl AdultForm {
    pub fn check(&self) -> Result<NewAdult, AppError> {
        let relationship = text("adult_relationship", &self.relationship, 40)?;
        if relationship.is_empty() {
            return Err(AppError::invalid(
                "adult_relationship",
                FieldProblem::Missing,
            ));
        }
        Ok(NewAdult {
            name: name("adult_name", &self.name)?,
            relationship,
            phone: phone("adult_phone", &self.phone)?,
        })
    }
}

/// Another guardian of the child, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianForm {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
}

impl GuardianForm {
    pub fn check(&self) -> Result<crate::records::children::types::NewGuardian, AppError> {
        crate::records::children::types::guardian(
            "guardian",
            &self.first_name,
            &self.last_name,
            &self.phone,
            &self.email,
        )
    }
}

/// What the contract form sends: one objective or engagement per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractForm {
    pub objectives: String,
    pub engagements: String,
}

impl ContractForm {
    /// At least one objective (the diagnostic sets them); blank lines go.
    pub fn check(&self) -> Result<ContractDraft, AppError> {
        let objectives = lines("objectives", &self.objectives)?;
        if objectives.is_empty() {
            return Err(AppError::invalid("objectives", FieldProblem::Missing));
        }
        Ok(ContractDraft {
            objectives,
            engagements: lines("engagements", &self.engagements)?,
            accepted: None,
        })
    }
}

/// The text's non-blank lines, trimmed, at most 2 000 characters in all.
fn lines(field: &str, value: &str) -> Result<String, AppError> {
    let kept: Vec<&str> = value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    text(field, &kept.join("\n"), 2000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn field(e: AppError) -> (String, FieldProblem) {
        match e {
            AppError::Invalid { field, problem } => (field, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn leaving_needs_a_past_day_and_a_reason() {
        let today = day("2026-11-29");
        let ok = LeaveForm {
            on: "2026-11-27".into(),
            reason: " Déménagement ".into(),
        };
        assert_eq!(ok.check(today).unwrap().reason, "Déménagement");
        let future = LeaveForm {
            on: "2026-12-01".into(),
            ..ok.clone()
        };
        assert_eq!(
            field(future.check(today).unwrap_err()),
            ("left_on".into(), FieldProblem::Unknown)
        );
        let short = LeaveForm {
            reason: "ok".into(),
            ..ok
        };
        assert_eq!(
            field(short.check(today).unwrap_err()),
            ("left_reason".into(), FieldProblem::Missing)
        );
    }

    #[test]
    fn an_adult_has_a_name_a_link_and_maybe_a_phone() {
        let adult = AdultForm {
            name: "Mme Diallo".into(),
            relationship: "voisine".into(),
            phone: "".into(),
        };
        assert_eq!(adult.check().unwrap().phone, None);
        let bad = AdultForm {
            phone: "12".into(),
            ..adult.clone()
        };
        assert_eq!(
            field(bad.check().unwrap_err()),
            ("adult_phone".into(), FieldProblem::Malformed)
        );
        let nobody = AdultForm {
            relationship: " ".into(),
            ..adult
        };
        assert_eq!(
            field(nobody.check().unwrap_err()),
            ("adult_relationship".into(), FieldProblem::Missing)
        );
    }

    #[test]
    fn a_contract_keeps_its_lines_and_needs_an_objective() {
        let form = ContractForm {
            objectives: " Lire seul un album \n\n Faire ses devoirs avec méthode ".into(),
            engagements: "".into(),
        };
        assert_eq!(
            form.check().unwrap().objectives,
            "Lire seul un album\nFaire ses devoirs avec méthode"
        );
        let empty = ContractForm {
            objectives: "\n  \n".into(),
            ..form
        };
        assert_eq!(
            field(empty.check().unwrap_err()),
            ("objectives".into(), FieldProblem::Missing)
        );
    }

    #[test]
    fn a_free_place_is_offered_to_the_first_child_waiting() {
        let group = |id: &str, enrolled| GroupChoice {
            id: GroupId(id.into()),
            name: id.to_uppercase(),
            enrolled,
        };
        let waiting = |g: &str, child: &str, position| WaitingLine {
            group: GroupId(g.into()),
            group_name: g.to_uppercase(),
            child: ChildId(child.into()),
            child_name: child.into(),
            since: day("2026-10-01"),
            position,
        };
        let groups = [group("a", 14), group("b", 15), group("c", 3)];
        let list = [
            waiting("a", "second", 2),
            waiting("a", "first", 1),
            waiting("b", "full", 1),
        ];
        let offers = offers(&groups, &list, 15);
        assert_eq!(offers.len(), 1, "b is full and nobody waits for c");
        assert_eq!(offers[0].child, ChildId("first".into()));
    }
}
