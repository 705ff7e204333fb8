//! The organisation's settings: the thresholds the rules use (a preset or
//! custom values) and how long a child who left is kept, the accompanists,
//! the venues, the schools with their UAI code and timetable (read by
//! DURING_SCHOOL_TIME). What the page shows, and each form's one check, run
//! in the browser and on the server.

use crate::domain::ids::*;
use crate::domain::{Preset, Thresholds};
use crate::error::{AppError, FieldProblem};
use crate::fields::{name, phone, text, ticked};
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccompanistLine {
    pub id: AccompanistId,
    pub name: String,
    /// Salaried (true) or volunteer.
    pub paid: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub availability: String,
    pub has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueLine {
    pub id: VenueId,
    pub name: String,
    pub address: String,
    /// `associatif`, `municipal` or `autre`.
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimetableLine {
    pub id: String,
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolLine {
    pub id: SchoolId,
    pub name: String,
    pub uai: Option<String>,
    /// `primaire` or `secondaire`.
    pub stage: String,
    pub timetable: Vec<TimetableLine>,
}

/// The « Structure » page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsPage {
    pub organisation: String,
    pub thresholds: Thresholds,
    pub anonymise_after_months: u32,
    pub accompanists: Vec<AccompanistLine>,
    pub venues: Vec<VenueLine>,
    pub schools: Vec<SchoolLine>,
}

/// The thresholds form: a preset, or custom values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdsForm {
    pub preset: String,
    pub group_min: String,
    pub group_max: String,
    pub max_children_per_adult: String,
    pub min_adults_per_session: String,
    pub sessions_per_week: String,
    pub anonymise_after_months: String,
}

impl ThresholdsForm {
    /// A named preset takes its own values; custom ones are read and must
    /// make sense together (`Thresholds::validate`). The retention is 6 to
    /// 120 months.
    pub fn check(&self) -> Result<(Thresholds, u32), AppError> {
        let preset = Preset::parse(self.preset.trim())
            .ok_or_else(|| AppError::invalid("preset", FieldProblem::Unknown))?;
        let number = |field: &str, value: &str| -> Result<u32, AppError> {
            value
                .trim()
                .parse::<u32>()
                .map_err(|_| AppError::invalid(field, FieldProblem::Malformed))
        };
        let thresholds = match preset {
            Preset::Custom => {
                let t = Thresholds {
                    preset,
                    group_min: number("group_min", &self.group_min)?,
                    group_max: number("group_max", &self.group_max)?,
                    max_children_per_adult: number(
                        "max_children_per_adult",
                        &self.max_children_per_adult,
                    )?,
                    min_adults_per_session: number(
                        "min_adults_per_session",
                        &self.min_adults_per_session,
                    )?,
                    sessions_per_week: number("sessions_per_week", &self.sessions_per_week)?,
                    ..Thresholds::guide()
                };
                t.validate()
                    .map_err(|field| AppError::invalid(field, FieldProblem::Unknown))?;
                t
            }
            named => Thresholds::for_preset(named),
        };
        let months = number("anonymise_after_months", &self.anonymise_after_months)?;
        if !(6..=120).contains(&months) {
            return Err(AppError::invalid(
                "anonymise_after_months",
                FieldProblem::Unknown,
            ));
        }
        Ok((thresholds, months))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccompanistForm {
    pub first_name: String,
    pub last_name: String,
    /// `1` salaried, `0` volunteer.
    pub paid: String,
    pub email: String,
    pub phone: String,
    pub availability: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccompanist {
    pub first_name: String,
    pub last_name: String,
    pub paid: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub availability: String,
}

impl AccompanistForm {
    pub fn check(&self) -> Result<NewAccompanist, AppError> {
        let paid = match self.paid.trim() {
            "1" => true,
            "0" => false,
            _ => return Err(AppError::invalid("paid", FieldProblem::Missing)),
        };
        let email = match self.email.trim() {
            "" => None,
            raw => Some(
                crate::auth::policy::normalise_email(raw)
                    .map_err(|_| AppError::invalid("email", FieldProblem::Malformed))?,
            ),
        };
        Ok(NewAccompanist {
            first_name: name("accompanist_first_name", &self.first_name)?,
            last_name: name("accompanist_last_name", &self.last_name)?,
            paid,
            email,
            phone: phone("phone", &self.phone)?,
            availability: text("availability", &self.availability, 300)?,
        })
    }
}

/// The kinds of venue.
pub const VENUE_KINDS: [&str; 3] = ["associatif", "municipal", "autre"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueForm {
    pub name: String,
    pub address: String,
    pub kind: String,
}

impl VenueForm {
    pub fn check(&self) -> Result<VenueLine, AppError> {
        let kind = self.kind.trim();
        if !VENUE_KINDS.contains(&kind) {
            return Err(AppError::invalid("venue_kind", FieldProblem::Missing));
        }
        Ok(VenueLine {
            id: VenueId(String::new()),
            name: name("venue_name", &self.name)?,
            address: text("address", &self.address, 200)?,
            kind: kind.to_string(),
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolForm {
    pub name: String,
    pub uai: String,
    pub stage: String,
    /// Ticked: the usual primary timetable is added with the school.
    #[serde(default)]
    pub usual_timetable: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSchool {
    pub name: String,
    pub uai: Option<String>,
    pub stage: String,
    pub usual_timetable: bool,
}

impl SchoolForm {
    pub fn check(&self) -> Result<NewSchool, AppError> {
        let stage = self.stage.trim();
        if !["primaire", "secondaire"].contains(&stage) {
            return Err(AppError::invalid("stage", FieldProblem::Missing));
        }
        let uai = match self.uai.trim() {
            "" => None,
            raw => Some(uai(raw).ok_or_else(|| AppError::invalid("uai", FieldProblem::Malformed))?),
        };
        Ok(NewSchool {
            name: name("school_name", &self.name)?,
            uai,
            stage: stage.to_string(),
            usual_timetable: ticked(&self.usual_timetable),
        })
    }
}

/// A school's UAI (*unité administrative immatriculée*): seven digits and a
/// check letter, the remainder of the number divided by 23 in the alphabet
/// without I, O and Q. Upper-cased; None when it is not one.
pub fn uai(raw: &str) -> Option<String> {
    const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let code = raw.trim().to_ascii_uppercase();
    let (digits, letter) = code.split_at_checked(7)?;
    if !digits.chars().all(|c| c.is_ascii_digit()) || letter.len() != 1 {
        return None;
    }
    let number: usize = digits.parse().ok()?;
    (letter.as_bytes()[0] == LETTERS[number % 23]).then_some(code)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimetableForm {
    pub school: String,
    /// 1 (Monday) to 6 (Saturday).
    pub weekday: String,
    pub start: String,
    pub end: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPeriod {
    pub school: SchoolId,
    /// ISO: 1 = Monday.
    pub weekday: u32,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimetableForm {
    pub fn check(&self) -> Result<NewPeriod, AppError> {
        let school = SchoolId(crate::fields::parse_id("school", &self.school)?);
        let weekday = self
            .weekday
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=6).contains(d))
            .ok_or_else(|| AppError::invalid("weekday", FieldProblem::Missing))?;
        let time = |field: &str, value: &str| {
            NaiveTime::parse_from_str(value.trim(), "%H:%M")
                .map_err(|_| AppError::invalid(field, FieldProblem::Malformed))
        };
        let start = time("period_start", &self.start)?;
        let end = time("period_end", &self.end)?;
        if end <= start {
            return Err(AppError::invalid("period_end", FieldProblem::Mismatch));
        }
        Ok(NewPeriod {
            school,
            weekday,
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(e: AppError) -> (String, FieldProblem) {
        match e {
            AppError::Invalid { field, problem } => (field, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_uai_has_seven_digits_and_its_check_letter() {
        // 931234 = 23 × 40488 + 10, and the 11th letter (no I, O, Q) is L.
        assert_eq!(uai(" 0931234l "), Some("0931234L".to_string()));
        assert_eq!(uai("0931234K"), None, "wrong check letter");
        assert_eq!(uai("093123A"), None);
        assert_eq!(uai("0931234"), None);
        assert_eq!(uai("é931234L"), None);
    }

    #[test]
    fn a_preset_brings_its_values_and_custom_ones_must_hold_together() {
        let form = ThresholdsForm {
            preset: "caf_national".into(),
            anonymise_after_months: "24".into(),
            ..ThresholdsForm::default()
        };
        let (t, months) = form.check().unwrap();
        assert_eq!((t.group_min, t.group_max, months), (8, 12, 24));
        let custom = ThresholdsForm {
            preset: "custom".into(),
            group_min: "10".into(),
            group_max: "8".into(),
            max_children_per_adult: "6".into(),
            min_adults_per_session: "1".into(),
            sessions_per_week: "2".into(),
            anonymise_after_months: "24".into(),
        };
        assert_eq!(
            refused(custom.check().unwrap_err()),
            ("group_min".into(), FieldProblem::Unknown)
        );
        let short = ThresholdsForm {
            anonymise_after_months: "2".into(),
            ..form
        };
        assert_eq!(
            refused(short.check().unwrap_err()),
            ("anonymise_after_months".into(), FieldProblem::Unknown)
        );
    }

    #[test]
    fn a_timetable_period_ends_after_it_starts() {
        let form = TimetableForm {
            school: "ecole-1".into(),
            weekday: "3".into(),
            start: "08:30".into(),
            end: "11:30".into(),
        };
        assert_eq!(form.check().unwrap().weekday, 3);
        let backwards = TimetableForm {
            end: "08:00".into(),
            ..form.clone()
        };
        assert_eq!(
            refused(backwards.check().unwrap_err()),
            ("period_end".into(), FieldProblem::Mismatch)
        );
        let sunday = TimetableForm {
            weekday: "7".into(),
            ..form
        };
        assert_eq!(refused(sunday.check().unwrap_err()).0, "weekday");
    }
}
