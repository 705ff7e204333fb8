//! What « Préparer l'année suivante » shows and sends, and the one check of
//! the next year's dates.

use crate::domain::ids::*;
use crate::error::{AppError, FieldProblem};
use crate::records::school_year::types::SchoolYear;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a child's line may say instead of a group: they leave at the end
/// of the year (« sorti »).
pub const LEAVES: &str = "sorti";

/// The next year's dates as the form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextYearForm {
    pub first_day: String,
    pub last_day: String,
}

/// The next year, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextYear {
    /// « 2027-2028 ».
    pub label: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl NextYearForm {
    /// The next year starts after `current` ends, ends after it starts, and
    /// lasts at most a year; its label is « first year-next year ».
    pub fn check(&self, current: &SchoolYear) -> Result<NextYear, AppError> {
        let first_day = crate::fields::date("next_first_day", &self.first_day)?;
        let last_day = crate::fields::date("next_last_day", &self.last_day)?;
        if first_day <= current.last_day {
            return Err(AppError::invalid("next_first_day", FieldProblem::Mismatch));
        }
        if last_day <= first_day || (last_day - first_day).num_days() > 366 {
            return Err(AppError::invalid("next_last_day", FieldProblem::Mismatch));
        }
        Ok(NextYear {
            label: format!("{}-{}", first_day.year(), first_day.year() + 1),
            first_day,
            last_day,
        })
    }
}

/// The usual dates of the year after `current`: the same days a year on.
pub fn proposed_dates(current: &SchoolYear) -> (NaiveDate, NaiveDate) {
    let on = |d: NaiveDate| {
        d.with_year(d.year() + 1)
            .unwrap_or(d + chrono::Duration::days(365))
    };
    (on(current.first_day), on(current.last_day))
}

/// A child of the year being left, with the group they would go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryLine {
    pub child: ChildId,
    /// « Benali Inès ».
    pub name: String,
    /// This year's groups.
    pub groups: Vec<String>,
    /// The next year's group they are in, once carried over.
    pub next_group: Option<GroupId>,
    /// The next year's group proposed: the one named like this year's.
    pub proposed: Option<GroupId>,
}

/// The page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextYearPage {
    /// The year being left.
    pub current: SchoolYear,
    /// The next year, once prepared.
    pub next: Option<SchoolYear>,
    /// Its dates as proposed, before it is.
    pub proposed: (NaiveDate, NaiveDate),
    /// The next year's groups (id, name).
    pub next_groups: Vec<(GroupId, String)>,
    /// How many holiday periods the next year has.
    pub next_holidays: usize,
    /// The current children of the year being left.
    pub children: Vec<CarryLine>,
    /// Children already marked to leave at the end of the year.
    pub leaving: usize,
}

/// One child's choice, as the carry-over form sends it: a next-year group's
/// id, `LEAVES`, or nothing (left as they are).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carry {
    pub child: String,
    pub to: String,
}

/// A child's choice, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Carried {
    Stays(ChildId, GroupId),
    Leaves(ChildId),
}

impl Carry {
    /// The choice, or None when the child is left as they are.
    pub fn read(&self) -> Result<Option<Carried>, AppError> {
        let child = ChildId(crate::fields::parse_id("child", &self.child)?);
        match self.to.trim() {
            LEAVES => Ok(Some(Carried::Leaves(child))),
            "" => Ok(None),
            group => Ok(Some(Carried::Stays(
                child,
                GroupId(crate::fields::parse_id("next_group", group)?),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year() -> SchoolYear {
        SchoolYear {
            id: SchoolYearId::new("y"),
            label: "2026-2027".into(),
            first_day: "2026-09-01".parse().unwrap(),
            last_day: "2027-07-03".parse().unwrap(),
            zone: "C".into(),
        }
    }

    #[test]
    fn the_next_year_follows_this_one() {
        let (first, last) = proposed_dates(&year());
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("2027-09-01".into(), "2028-07-03".into())
        );
        let form = NextYearForm {
            first_day: first.to_string(),
            last_day: last.to_string(),
        };
        let next = form.check(&year()).unwrap();
        assert_eq!(next.label, "2027-2028");
        let field = |first: &str, last: &str| match (NextYearForm {
            first_day: first.into(),
            last_day: last.into(),
        })
        .check(&year())
        {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field("2027-07-01", "2028-07-01"), "next_first_day");
        assert_eq!(field("", "2028-07-01"), "next_first_day");
        assert_eq!(field("2027-09-01", "2027-08-01"), "next_last_day");
        assert_eq!(field("2027-09-01", "2029-07-01"), "next_last_day");
    }

    #[test]
    fn a_choice_is_a_group_or_leaving() {
        let carry = |to: &str| Carry {
            child: "c1".into(),
            to: to.into(),
        };
        assert_eq!(
            carry("sorti").read().unwrap(),
            Some(Carried::Leaves(ChildId::new("c1")))
        );
        assert_eq!(
            carry("g2").read().unwrap(),
            Some(Carried::Stays(ChildId::new("c1"), GroupId::new("g2")))
        );
        assert_eq!(carry("").read().unwrap(), None);
        assert!(carry("<x>").read().is_err());
    }
}
