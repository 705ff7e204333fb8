//! A child's enrolment: the form the coordinator fills in, its one check
//! (fields first, then the CLAS rules NO_REFERRAL, NO_CONSENT and
//! GROUP_OVER_MAX from `domain::rules`), and the list of the structure's
//! children.

use crate::domain::ids::*;
use crate::domain::model::{ChildStatus, ReferralSource, SchoolLevel, Sex};
use crate::domain::rules::{enrolment_capacity, enrolment_prerequisites};
use crate::domain::{Finding, Thresholds};
use crate::error::{AppError, FieldProblem};
use crate::fields::{date, name, parse_id, parse_optional_id, phone, text, ticked};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The enrolment form as the browser sends it (every field a string; the
/// check turns it into a `NewChild`). Guardian 2 is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildForm {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub sex: String,
    pub school: String,
    pub level: String,
    #[serde(default)]
    pub priority_area: Option<String>,
    /// Empty when nobody has referred the child yet.
    pub referral_source: String,
    pub referral_date: String,
    pub referral_need: String,
    pub guardian1_first_name: String,
    pub guardian1_last_name: String,
    pub guardian1_phone: String,
    pub guardian1_email: String,
    pub guardian2_first_name: String,
    pub guardian2_last_name: String,
    pub guardian2_phone: String,
    pub guardian2_email: String,
    /// `1` or `2`: which guardian agreed; empty when no one has yet.
    pub consent_by: String,
    pub consent_date: String,
    pub consent_method: String,
    #[serde(default)]
    pub may_leave_alone: Option<String>,
    #[serde(default)]
    pub photo_consent: Option<String>,
    pub group: String,
    /// Ticked: when the group is full, the child goes on its waiting list.
    #[serde(default)]
    pub waiting_list: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGuardian {
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReferral {
    pub source: ReferralSource,
    pub on: NaiveDate,
    pub need: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsent {
    /// Index into `NewChild::guardians`.
    pub guardian: usize,
    pub on: NaiveDate,
    /// `papier`, `en_ligne` or `oral`.
    pub method: String,
}

/// A checked enrolment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewChild {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub school: Option<SchoolId>,
    pub level: SchoolLevel,
    pub priority_area: bool,
    pub referral: Option<NewReferral>,
    pub guardians: Vec<NewGuardian>,
    pub consent: Option<NewConsent>,
    pub may_leave_alone: bool,
    pub photo_consent: bool,
    pub group: GroupId,
    /// Whether a full group puts the child on its waiting list.
    pub wait_if_full: bool,
}

/// Where an enrolment puts the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// In the group.
    Member,
    /// On the group's waiting list (status « orienté »).
    Waiting,
}

/// The ways a consent is given.
pub const CONSENT_METHODS: [&str; 3] = ["papier", "en_ligne", "oral"];

/// What the group holds before the child joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupRoom {
    pub enrolled: u32,
}

impl ChildForm {
    /// The fields, one by one: the first problem is reported with its field.
    pub fn check_fields(&self, today: NaiveDate) -> Result<NewChild, AppError> {
        self.check_every_field(today).map_err(first_problem)
    }

    /// Every field, each problem with its field, in the form's order (the
    /// import shows them all at once).
    pub fn check_every_field(
        &self,
        today: NaiveDate,
    ) -> Result<NewChild, Vec<(String, FieldProblem)>> {
        let mut problems = Vec::new();
        let mut keep = Problems(&mut problems);
        let first_name = keep.ok(name("child_first_name", &self.first_name));
        let last_name = keep.ok(name("child_last_name", &self.last_name));
        let birth_date = keep.ok(pupil_birth_date(&self.birth_date, today));
        let sex = keep.ok(pupil_sex(&self.sex));
        let level = keep.ok(pupil_level(&self.level));
        let school = keep.ok(parse_optional_id("school", &self.school).map(|s| s.map(SchoolId)));
        let referral = match self.referral_source.trim() {
            "" => Some(None),
            code => {
                let source = keep.ok(ReferralSource::parse(code)
                    .ok_or_else(|| AppError::invalid("referral_source", FieldProblem::Unknown)));
                let on = keep.ok(date("referral_date", &self.referral_date));
                let need = keep.ok(text("referral_need", &self.referral_need, 500));
                match (source, on, need) {
                    (Some(source), Some(on), Some(need)) => {
                        Some(Some(NewReferral { source, on, need }))
                    }
                    _ => None,
                }
            }
        };
        let first = guardian_fields(
            "guardian1",
            [
                &self.guardian1_first_name,
                &self.guardian1_last_name,
                &self.guardian1_phone,
                &self.guardian1_email,
            ],
            &mut keep,
        );
        let second = [
            &self.guardian2_first_name,
            &self.guardian2_last_name,
            &self.guardian2_phone,
            &self.guardian2_email,
        ];
        let second = if second.iter().any(|f| !f.trim().is_empty()) {
            guardian_fields(
                "guardian2",
                [
                    &self.guardian2_first_name,
                    &self.guardian2_last_name,
                    &self.guardian2_phone,
                    &self.guardian2_email,
                ],
                &mut keep,
            )
            .map(Some)
        } else {
            Some(None)
        };
        let has_second = !matches!(second, Some(None));
        let consent = match self.consent_by.trim() {
            "" => Some(None),
            by => {
                let guardian = keep.ok(match by {
                    "1" => Ok(0),
                    "2" if has_second => Ok(1),
                    _ => Err(AppError::invalid("consent_by", FieldProblem::Unknown)),
                });
                let terms = keep.ok(consent_terms(
                    &self.consent_date,
                    &self.consent_method,
                    today,
                ));
                match (guardian, terms) {
                    (Some(guardian), Some((on, method))) => Some(Some(NewConsent {
                        guardian,
                        on,
                        method,
                    })),
                    _ => None,
                }
            }
        };
        let group = keep.ok(parse_id("group", &self.group).map(GroupId));
        match (
            first_name, last_name, birth_date, sex, level, school, referral, first, second,
            consent, group,
        ) {
            (
                Some(first_name),
                Some(last_name),
                Some(birth_date),
                Some(sex),
                Some(level),
                Some(school),
                Some(referral),
                Some(first),
                Some(second),
                Some(consent),
                Some(group),
            ) if problems.is_empty() => Ok(NewChild {
                first_name,
                last_name,
                birth_date,
                sex,
                school,
                level,
                priority_area: ticked(&self.priority_area),
                referral,
                guardians: std::iter::once(first).chain(second).collect(),
                consent,
                may_leave_alone: ticked(&self.may_leave_alone),
                photo_consent: ticked(&self.photo_consent),
                group,
                wait_if_full: ticked(&self.waiting_list),
            }),
            _ => Err(problems),
        }
    }
}

/// The first of `problems`, as the form shows it.
fn first_problem(problems: Vec<(String, FieldProblem)>) -> AppError {
    let (field, problem) = problems
        .into_iter()
        .next()
        .unwrap_or_else(|| (String::new(), FieldProblem::Malformed));
    AppError::invalid(&field, problem)
}

/// The problems met while checking fields one after the other.
struct Problems<'a>(&'a mut Vec<(String, FieldProblem)>);

impl Problems<'_> {
    /// The value, or `None` with its field's problem kept.
    fn ok<T>(&mut self, checked: Result<T, AppError>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err(AppError::Invalid { field, problem }) => {
                self.0.push((field, problem));
                None
            }
            Err(_) => {
                self.0.push((String::new(), FieldProblem::Malformed));
                None
            }
        }
    }
}

impl NewChild {
    /// Where the child goes: a full group puts them on its waiting list
    /// when the form asked for it.
    pub fn placement(&self, room: GroupRoom, t: &Thresholds) -> Placement {
        if self.wait_if_full && !enrolment_capacity(&self.group, room.enrolled, t).is_empty() {
            Placement::Waiting
        } else {
            Placement::Member
        }
    }

    /// The CLAS rules of enrolment: the findings that refuse it (NO_REFERRAL,
    /// NO_CONSENT, GROUP_OVER_MAX unless the child waits). Empty when the
    /// child may join.
    pub fn refusals(&self, child: &ChildId, room: GroupRoom, t: &Thresholds) -> Vec<Finding> {
        let mut findings = enrolment_prerequisites(
            child,
            &self.group,
            self.referral.is_some(),
            self.consent.is_some(),
        );
        if self.placement(room, t) == Placement::Member {
            findings.extend(enrolment_capacity(&self.group, room.enrolled, t));
        }
        findings
    }
}

/// A child in the structure's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLine {
    pub id: ChildId,
    pub name: String,
    pub level: SchoolLevel,
    pub status: ChildStatus,
    pub groups: Vec<String>,
}

/// A group the form offers, with how full it is. (Not `groups::types::
/// GroupLine`: with that type shared by two lazy pages, the main WASM file
/// that the parents' phones download grew by 16 KB.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub id: GroupId,
    pub name: String,
    pub enrolled: u32,
}

/// The « Enfants » page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildrenPage {
    pub today: NaiveDate,
    pub children: Vec<ChildLine>,
    pub groups: Vec<GroupChoice>,
    pub schools: Vec<(SchoolId, String)>,
    pub group_max: u32,
    pub group_min: u32,
    /// Every group's waiting list, in order.
    pub waiting: Vec<WaitingLine>,
}

/// What an enrolment did: the child, and the warnings that remain (a group
/// still under its minimum).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    pub child: ChildId,
    pub warnings: Vec<Finding>,
    /// The child's place on the waiting list, when the group was full.
    pub waiting: Option<u32>,
}

/// A pupil's birth date (of school age), sex, class and school, each
/// checked with its field's name.
pub(crate) fn pupil(
    birth_date: &str,
    sex: &str,
    level: &str,
    school: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, Sex, SchoolLevel, Option<SchoolId>), AppError> {
    let birth_date = pupil_birth_date(birth_date, today)?;
    let sex = pupil_sex(sex)?;
    let level = pupil_level(level)?;
    let school = parse_optional_id("school", school)?.map(SchoolId);
    Ok((birth_date, sex, level, school))
}

/// A birth date of a child of school age.
fn pupil_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let birth_date = date("birth_date", raw)?;
    if !crate::domain::rules::of_school_age(birth_date, today) {
        return Err(AppError::invalid("birth_date", FieldProblem::Unknown));
    }
    Ok(birth_date)
}

fn pupil_sex(raw: &str) -> Result<Sex, AppError> {
    Sex::parse(raw.trim()).ok_or_else(|| AppError::invalid("sex", FieldProblem::Missing))
}

fn pupil_level(raw: &str) -> Result<SchoolLevel, AppError> {
    SchoolLevel::parse(raw.trim()).ok_or_else(|| AppError::invalid("level", FieldProblem::Missing))
}

/// When and how the parents agreed: a day not after today, and one of
/// `CONSENT_METHODS`.
pub(crate) fn consent_terms(
    on: &str,
    method: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, String), AppError> {
    let on = date("consent_date", on)?;
    if on > today {
        return Err(AppError::invalid("consent_date", FieldProblem::Unknown));
    }
    let method = method.trim();
    if !CONSENT_METHODS.contains(&method) {
        return Err(AppError::invalid("consent_method", FieldProblem::Missing));
    }
    Ok((on, method.to_string()))
}

pub(crate) fn guardian(
    prefix: &str,
    first: &str,
    last: &str,
    phone: &str,
    email: &str,
) -> Result<NewGuardian, AppError> {
    let mut problems = Vec::new();
    guardian_fields(
        prefix,
        [first, last, phone, email],
        &mut Problems(&mut problems),
    )
    .ok_or_else(|| first_problem(problems))
}

/// A guardian's four fields (first name, last name, phone, e-mail), each
/// problem kept with its field.
fn guardian_fields(
    prefix: &str,
    [first, last, phone, email]: [&str; 4],
    keep: &mut Problems,
) -> Option<NewGuardian> {
    let field = |f: &str| format!("{prefix}_{f}");
    let first_name = keep.ok(name(&field("first_name"), first));
    let last_name = keep.ok(name(&field("last_name"), last));
    let phone = keep.ok(self::phone(&field("phone"), phone));
    let email = keep.ok(match email.trim() {
        "" => Ok(None),
        raw => crate::auth::policy::normalise_email(raw)
            .map(Some)
            .map_err(|_| AppError::invalid(&field("email"), FieldProblem::Malformed)),
    });
    Some(NewGuardian {
        first_name: first_name?,
        last_name: last_name?,
        phone: phone?,
        email: email?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::findings::Code;
    use crate::domain::Preset;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn form() -> ChildForm {
        ChildForm {
            first_name: "Lou".into(),
            last_name: "Martin".into(),
            birth_date: "2017-04-02".into(),
            sex: "F".into(),
            level: "CE2".into(),
            referral_source: "enseignant".into(),
            referral_date: "2026-10-01".into(),
            referral_need: "Lecture".into(),
            guardian1_first_name: "Claire".into(),
            guardian1_last_name: "Martin".into(),
            guardian1_phone: "06 12 34 56 78".into(),
            guardian2_first_name: "Paul".into(),
            guardian2_last_name: "Martin".into(),
            guardian2_email: "paul.martin@exemple.fr".into(),
            consent_by: "2".into(),
            consent_date: "2026-10-05".into(),
            consent_method: "papier".into(),
            group: "groupe-1".into(),
            ..ChildForm::default()
        }
    }

    fn codes(child: &NewChild, enrolled: u32) -> Vec<Code> {
        child
            .refusals(
                &ChildId("c".into()),
                GroupRoom { enrolled },
                &Thresholds::for_preset(Preset::Guide),
            )
            .iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn a_complete_enrolment_passes_the_rules() {
        let child = form().check_fields(today()).unwrap();
        assert_eq!(child.guardians.len(), 2);
        assert_eq!(child.consent.as_ref().map(|c| c.guardian), Some(1));
        assert_eq!(codes(&child, 14), vec![]);
    }

    #[test]
    fn no_referral_no_consent_and_a_full_group_are_refused() {
        let mut f = form();
        f.referral_source.clear();
        f.consent_by.clear();
        let child = f.check_fields(today()).unwrap();
        assert_eq!(
            codes(&child, 15),
            vec![Code::NoReferral, Code::NoConsent, Code::GroupOverMax]
        );
    }

    #[test]
    fn a_full_group_takes_the_child_on_its_waiting_list_when_asked() {
        let t = Thresholds::for_preset(Preset::Guide);
        let mut f = form();
        f.waiting_list = Some("on".into());
        let child = f.check_fields(today()).unwrap();
        assert_eq!(
            child.placement(GroupRoom { enrolled: 14 }, &t),
            Placement::Member
        );
        assert_eq!(
            child.placement(GroupRoom { enrolled: 15 }, &t),
            Placement::Waiting
        );
        assert_eq!(codes(&child, 15), vec![], "waiting is no refusal");
        f.consent_by.clear();
        let child = f.check_fields(today()).unwrap();
        assert_eq!(
            codes(&child, 15),
            vec![Code::NoConsent],
            "the consent still counts"
        );
    }

    #[test]
    fn each_field_is_checked_with_its_name() {
        let field = |f: ChildForm| match f.check_fields(today()) {
            Err(AppError::Invalid { field, problem }) => (field, problem),
            other => panic!("{other:?}"),
        };
        let mut f = form();
        f.first_name = "  ".into();
        assert_eq!(field(f), ("child_first_name".into(), FieldProblem::Missing));
        let mut f = form();
        f.birth_date = "02/04/2017".into();
        assert_eq!(field(f), ("birth_date".into(), FieldProblem::Malformed));
        let mut f = form();
        f.birth_date = "2024-01-01".into();
        assert_eq!(field(f), ("birth_date".into(), FieldProblem::Unknown));
        let mut f = form();
        f.guardian1_phone = "06 12".into();
        assert_eq!(
            field(f),
            ("guardian1_phone".into(), FieldProblem::Malformed)
        );
        let mut f = form();
        f.guardian2_first_name.clear();
        assert_eq!(
            field(f),
            ("guardian2_first_name".into(), FieldProblem::Missing)
        );
        let mut f = form();
        f.guardian2_first_name.clear();
        f.guardian2_last_name.clear();
        f.guardian2_email.clear();
        assert_eq!(
            field(f),
            ("consent_by".into(), FieldProblem::Unknown),
            "guardian 2 is gone"
        );
        let mut f = form();
        f.consent_method = "pigeon".into();
        assert_eq!(field(f), ("consent_method".into(), FieldProblem::Missing));
        let mut f = form();
        f.group.clear();
        assert_eq!(field(f), ("group".into(), FieldProblem::Missing));
    }
}

/// A group's waiting list, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingLine {
    pub group: GroupId,
    pub group_name: String,
    pub child: ChildId,
    pub child_name: String,
    pub since: NaiveDate,
    /// 1 for the first child to be offered a place.
    pub position: u32,
}
