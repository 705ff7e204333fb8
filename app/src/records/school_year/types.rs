//! The school year and its holidays: what the page shows and the one check
//! of a holiday entered by hand.

use crate::domain::calendar::Holiday;
use crate::domain::ids::*;
use crate::error::{AppError, FieldProblem};
use crate::fields::date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The organisation's current school year and its holidays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolYearPage {
    pub year: SchoolYear,
    pub holidays: Vec<HolidayLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolYear {
    pub id: SchoolYearId,
    /// `2026-2027`, as the ministry writes it.
    pub label: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The holiday zone: `A`, `B`, `C`, `Corse`…
    pub zone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayLine {
    pub id: HolidayId,
    pub holiday: Holiday,
}

/// A holiday entered by hand, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayForm {
    pub name: String,
    pub first_day: String,
    pub last_day: String,
}

impl HolidayForm {
    /// A name of 3 to 80 characters and a period inside the school year,
    /// first day included, last day included. The same check runs in the
    /// browser before sending and on the server.
    pub fn check(&self, year: &SchoolYear) -> Result<Holiday, AppError> {
        let name = crate::fields::plain("holiday_name", &self.name, false)?;
        match name.chars().count() {
            0..=2 => return Err(AppError::invalid("holiday_name", FieldProblem::TooShort)),
            81.. => return Err(AppError::invalid("holiday_name", FieldProblem::TooLong)),
            _ => {}
        }
        let first_day = date("holiday_first_day", &self.first_day)?;
        let last_day = date("holiday_last_day", &self.last_day)?;
        if last_day < first_day {
            return Err(AppError::invalid(
                "holiday_last_day",
                FieldProblem::Mismatch,
            ));
        }
        if first_day < year.first_day || last_day > year.last_day {
            return Err(AppError::invalid(
                "holiday_first_day",
                FieldProblem::Unknown,
            ));
        }
        Ok(Holiday {
            name: name.to_string(),
            first_day,
            last_day,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year() -> SchoolYear {
        SchoolYear {
            id: SchoolYearId("y".into()),
            label: "2026-2027".into(),
            first_day: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 7, 3).unwrap(),
            zone: "C".into(),
        }
    }

    fn form(name: &str, first: &str, last: &str) -> HolidayForm {
        HolidayForm {
            name: name.into(),
            first_day: first.into(),
            last_day: last.into(),
        }
    }

    #[test]
    fn a_holiday_needs_a_name_and_a_period_inside_the_year() {
        let ok = form(" Pont du 11 novembre ", "2026-11-11", "2026-11-11")
            .check(&year())
            .unwrap();
        assert_eq!(ok.name, "Pont du 11 novembre");
        let field = |f: HolidayForm| match f.check(&year()) {
            Err(AppError::Invalid { field, problem }) => (field, problem),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(form("", "2026-11-11", "2026-11-11")),
            ("holiday_name".into(), FieldProblem::TooShort)
        );
        assert_eq!(
            field(form("Pont", "11/11/2026", "2026-11-11")),
            ("holiday_first_day".into(), FieldProblem::Malformed)
        );
        assert_eq!(
            field(form("Pont", "2026-11-12", "2026-11-11")),
            ("holiday_last_day".into(), FieldProblem::Mismatch)
        );
        assert_eq!(
            field(form("Été", "2027-07-01", "2027-08-31")),
            ("holiday_first_day".into(), FieldProblem::Unknown)
        );
    }
}
