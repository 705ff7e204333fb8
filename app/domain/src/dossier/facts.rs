//! The project's facts the CAF's templates ask for and the report does not
//! hold (where, in what setting, in what premises), the structure's CAF
//! dates, and what is still missing for the dossier as a date comes near.

use super::axes::{Axis, AxisLine};
use super::budget::{Budget, Column};
use crate::model::vocabulary;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Urban or rural, as the templates ask.
    Setting { Urban => "urbain", Rural => "rural" }
);

vocabulary!(
    /// Whether the action belongs to a local education plan.
    EducationPlan {
        None => "aucun",
        Pel => "pel",
        Pedt => "pedt",
        Both => "pel_pedt",
    }
);

vocabulary!(
    /// The type of premises the sessions are held in.
    Premises {
        School => "ecole",
        SocialCentre => "centre_social",
        Association => "local_associatif",
        Municipal => "local_municipal",
        Library => "mediatheque",
        Other => "autre",
    }
);

vocabulary!(
    /// The facts of the project, one by one (what is missing names them).
    FactField {
        Commune => "commune",
        Neighbourhood => "quartier",
        Setting => "milieu",
        PriorityArea => "qpv",
        EducationPlan => "pel_pedt",
        Premises => "locaux",
    }
);

vocabulary!(
    /// The CAF's dates in the structure's year.
    Deadline { CallForProjects => "appel_a_projets", Bilan => "bilan" }
);

/// The project's facts for one structure and school year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFacts {
    pub commune: String,
    pub neighbourhood: String,
    pub setting: Option<Setting>,
    /// The action is in a priority neighbourhood (*quartier prioritaire de
    /// la politique de la ville*).
    pub priority_area: Option<bool>,
    pub education_plan: Option<EducationPlan>,
    pub premises: Option<Premises>,
    pub call_for_projects: Option<NaiveDate>,
    pub bilan_due: Option<NaiveDate>,
}

impl ProjectFacts {
    /// The facts not set yet.
    pub fn missing(&self) -> Vec<FactField> {
        FactField::ALL
            .iter()
            .copied()
            .filter(|f| match f {
                FactField::Commune => self.commune.trim().is_empty(),
                FactField::Neighbourhood => self.neighbourhood.trim().is_empty(),
                FactField::Setting => self.setting.is_none(),
                FactField::PriorityArea => self.priority_area.is_none(),
                FactField::EducationPlan => self.education_plan.is_none(),
                FactField::Premises => self.premises.is_none(),
            })
            .collect()
    }

    pub fn date(&self, deadline: Deadline) -> Option<NaiveDate> {
        match deadline {
            Deadline::CallForProjects => self.call_for_projects,
            Deadline::Bilan => self.bilan_due,
        }
    }
}

/// Something the dossier still lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "what", content = "which", rename_all = "snake_case")]
pub enum Missing {
    Fact(FactField),
    /// A budget column with nothing entered.
    Budget(Column),
    /// An axis with no action recorded.
    Axis(Axis),
}

/// How long before a date the coordinator's home starts to remind them.
pub const REMINDER_DAYS: i64 = 45;

/// A date coming near, and what the dossier lacks for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub deadline: Deadline,
    pub on: NaiveDate,
    /// Days left (0 on the day itself).
    pub days_left: i64,
    pub missing: Vec<Missing>,
}

/// What the dossier lacks for `deadline`: the project (call for projects)
/// needs its facts and its forecast; the bilan needs the facts, the actual
/// figures and an action on each axis.
pub fn missing_for(
    deadline: Deadline,
    facts: &ProjectFacts,
    budget: &Budget,
    axes: &[AxisLine],
) -> Vec<Missing> {
    let mut missing: Vec<Missing> = facts.missing().into_iter().map(Missing::Fact).collect();
    let column = match deadline {
        Deadline::CallForProjects => Column::Expected,
        Deadline::Bilan => Column::Actual,
    };
    let entered = budget
        .charges
        .iter()
        .map(|(_, a)| a)
        .chain(budget.products.iter().map(|(_, a)| a))
        .any(|a| a.get(column).0 != 0);
    if !entered {
        missing.push(Missing::Budget(column));
    }
    if deadline == Deadline::Bilan {
        missing.extend(
            axes.iter()
                .filter(|l| l.count == 0)
                .map(|l| Missing::Axis(l.axis)),
        );
    }
    missing
}

/// The reminders due on `today`: each date within `REMINDER_DAYS` (and not
/// past) for which the dossier lacks something, the nearest first.
pub fn reminders(
    today: NaiveDate,
    facts: &ProjectFacts,
    budget: &Budget,
    axes: &[AxisLine],
) -> Vec<Reminder> {
    let mut due: Vec<Reminder> = Deadline::ALL
        .iter()
        .filter_map(|d| {
            let on = facts.date(*d)?;
            let days_left = (on - today).num_days();
            if !(0..=REMINDER_DAYS).contains(&days_left) {
                return None;
            }
            let missing = missing_for(*d, facts, budget, axes);
            (!missing.is_empty()).then_some(Reminder {
                deadline: *d,
                on,
                days_left,
                missing,
            })
        })
        .collect();
    due.sort_by_key(|r| r.on);
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::budget::{Amounts, ProductKind};
    use crate::dossier::money::Cents;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn complete() -> ProjectFacts {
        ProjectFacts {
            commune: "Bobigny".into(),
            neighbourhood: "Étoile".into(),
            setting: Some(Setting::Urban),
            priority_area: Some(false),
            education_plan: Some(EducationPlan::Pedt),
            premises: Some(Premises::SocialCentre),
            call_for_projects: Some(day(5, 15)),
            bilan_due: Some(day(7, 10)),
        }
    }

    fn axes(counts: [u32; 4]) -> Vec<AxisLine> {
        Axis::ALL
            .iter()
            .zip(counts)
            .map(|(axis, count)| AxisLine {
                axis: *axis,
                count,
                reached: 0,
                minutes: 0,
                actions: vec![],
            })
            .collect()
    }

    #[test]
    fn a_fact_left_blank_is_missing() {
        assert!(complete().missing().is_empty());
        let mut f = complete();
        f.commune = "  ".into();
        f.priority_area = None;
        assert_eq!(f.missing(), [FactField::Commune, FactField::PriorityArea]);
    }

    #[test]
    fn reminders_come_within_the_window_with_what_each_date_needs() {
        let facts = complete();
        let mut budget = Budget::default();
        // Far from both dates: nothing.
        assert!(reminders(day(3, 1), &facts, &budget, &axes([0; 4])).is_empty());
        // 45 days before the call: the forecast is missing.
        let r = reminders(day(3, 31), &facts, &budget, &axes([0; 4]));
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].deadline, r[0].days_left),
            (Deadline::CallForProjects, 45)
        );
        assert_eq!(r[0].missing, [Missing::Budget(Column::Expected)]);
        // The forecast entered: no reminder for the call.
        budget.products.push((
            ProductKind::Caf,
            Amounts {
                expected: Cents(256_300),
                actual: Cents::ZERO,
            },
        ));
        assert!(reminders(day(3, 31), &facts, &budget, &axes([0; 4])).is_empty());
        // Near the bilan: the actual column and the empty axes.
        let r = reminders(day(7, 10), &facts, &budget, &axes([40, 3, 0, 1]));
        assert_eq!(r[0].days_left, 0);
        assert_eq!(
            r[0].missing,
            [Missing::Budget(Column::Actual), Missing::Axis(Axis::School)]
        );
        // Past the date: no reminder.
        assert!(reminders(day(7, 11), &facts, &budget, &axes([0; 4])).is_empty());
    }
}
