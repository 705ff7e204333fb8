//! What the dossier page shows, and its two forms (the project's facts, the
//! budget) with their one check each, run in the browser and the server.

use crate::domain::dossier::{
    AxisLine, Balance, Budget, Cents, ChargeKind, Column, EducationPlan, Premises, ProductKind,
    ProjectFacts, Reminder, Setting,
};
use crate::domain::findings::Finding;
use crate::domain::ids::OrganisationId;
use crate::error::{AppError, FieldProblem};
use crate::fields::{euros, line};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One organisation's dossier for one school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierView {
    pub organisation: OrganisationId,
    pub organisation_name: String,
    /// The organisation's school years, the newest first.
    pub years: Vec<String>,
    pub year: String,
    pub first_day: NaiveDate,
    /// The last day the figures cover (the year's end, or today).
    pub until: NaiveDate,
    pub facts: ProjectFacts,
    pub budget: Budget,
    pub balance: Balance,
    /// The four axes; for a funder, the actions carry no title (figures
    /// only: a title is free text and may name someone).
    pub axes: Vec<AxisLine>,
    /// AXIS_EMPTY and CAF_SHARE_OVER_CAP.
    pub findings: Vec<Finding>,
    pub reminders: Vec<Reminder>,
    /// Coordinators change the facts and the budget; funders read.
    pub editable: bool,
}

/// The project's facts as labelled lines, « non renseigné » where not set:
/// as the dossier's page, its PDF and workbook, and the report's page and
/// CSV show them.
pub fn fact_lines(f: &ProjectFacts) -> Vec<(&'static str, String)> {
    use crate::domain::dossier::FactField;
    use crate::i18n::dossier::*;
    const L: crate::locale::Locale = crate::locale::Locale::Fr;
    let text = |v: &str| (!v.trim().is_empty()).then(|| v.to_string());
    FactField::ALL
        .iter()
        .map(|field| {
            let value = match field {
                FactField::Commune => text(&f.commune),
                FactField::Neighbourhood => text(&f.neighbourhood),
                FactField::Setting => f.setting.map(|s| setting_label(s, L).to_string()),
                FactField::PriorityArea => f
                    .priority_area
                    .map(|q| if q { "Oui" } else { "Non" }.to_string()),
                FactField::EducationPlan => f
                    .education_plan
                    .map(|p| education_plan_label(p, L).to_string()),
                FactField::Premises => f.premises.map(|p| premises_label(p, L).to_string()),
            };
            (
                fact_label(*field, L),
                value.unwrap_or_else(|| "non renseigné".into()),
            )
        })
        .collect()
}

/// The project's facts as typed (`form[...]` fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsForm {
    pub year: String,
    pub commune: String,
    pub neighbourhood: String,
    pub setting: String,
    pub priority_area: String,
    pub education_plan: String,
    pub premises: String,
    pub call_for_projects: String,
    pub bilan_due: String,
    pub volunteer_rate: String,
}

/// A closed choice of a form: empty is « not said yet ».
fn choice<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match value.trim() {
        "" => Ok(None),
        v => parse(v)
            .map(Some)
            .ok_or_else(|| AppError::invalid(field, FieldProblem::Unknown)),
    }
}

/// An optional date (`2027-05-15`).
fn optional_date(field: &str, value: &str) -> Result<Option<NaiveDate>, AppError> {
    match value.trim() {
        "" => Ok(None),
        v => crate::fields::parse_date(field, v).map(Some),
    }
}

/// The highest hourly value of a volunteer's time the form takes.
pub const MAX_RATE: Cents = Cents(100_000);

impl FactsForm {
    /// The facts and the volunteers' hourly value. Blank fields are « not
    /// said yet », not refused: the dossier lists what is missing.
    pub fn check(&self) -> Result<(ProjectFacts, Cents), AppError> {
        let facts = ProjectFacts {
            commune: line("commune", &self.commune, 0, 80)?,
            neighbourhood: line("neighbourhood", &self.neighbourhood, 0, 80)?,
            setting: choice("setting", &self.setting, Setting::parse)?,
            priority_area: choice("priority_area", &self.priority_area, |v| match v {
                "oui" => Some(true),
                "non" => Some(false),
                _ => None,
            })?,
            education_plan: choice("education_plan", &self.education_plan, EducationPlan::parse)?,
            premises: choice("premises", &self.premises, Premises::parse)?,
            call_for_projects: optional_date("call_for_projects", &self.call_for_projects)?,
            bilan_due: optional_date("bilan_due", &self.bilan_due)?,
        };
        let rate = euros("volunteer_rate", &self.volunteer_rate)?;
        if rate > MAX_RATE {
            return Err(AppError::invalid("volunteer_rate", FieldProblem::TooLong));
        }
        Ok((facts, rate))
    }
}

/// A budget line's field name: `personnel_prevu`.
pub fn amount_field(kind: &str, column: Column) -> String {
    format!("{kind}_{}", column.as_str())
}

/// The budget as typed: one amount per line and column, by field name
/// (`form[amounts][personnel_prevu]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetForm {
    pub year: String,
    #[serde(default)]
    pub amounts: BTreeMap<String, String>,
}

impl BudgetForm {
    /// Every line of both columns (a blank is zero); a field that is no
    /// line of the budget is refused.
    pub fn check(&self) -> Result<Budget, AppError> {
        let known = ChargeKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain(ProductKind::ALL.iter().map(|k| k.as_str()));
        let mut fields: Vec<String> = Vec::new();
        for kind in known {
            for column in Column::ALL {
                fields.push(amount_field(kind, *column));
            }
        }
        if let Some(stray) = self.amounts.keys().find(|k| !fields.contains(k)) {
            return Err(AppError::invalid(
                &stray.chars().take(40).collect::<String>(),
                FieldProblem::Unknown,
            ));
        }
        let amount = |kind: &str, column: Column| -> Result<Cents, AppError> {
            let field = amount_field(kind, column);
            euros(&field, self.amounts.get(&field).map_or("", String::as_str))
        };
        let amounts = |kind: &str| -> Result<crate::domain::dossier::Amounts, AppError> {
            Ok(crate::domain::dossier::Amounts {
                expected: amount(kind, Column::Expected)?,
                actual: amount(kind, Column::Actual)?,
            })
        };
        Ok(Budget {
            charges: ChargeKind::ALL
                .iter()
                .map(|k| Ok((*k, amounts(k.as_str())?)))
                .collect::<Result<_, AppError>>()?,
            products: ProductKind::ALL
                .iter()
                .map(|k| Ok((*k, amounts(k.as_str())?)))
                .collect::<Result<_, AppError>>()?,
            volunteer_rate: Cents::ZERO,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_left_blank_are_not_said_and_bad_ones_are_refused_by_name() {
        let (facts, rate) = FactsForm::default().check().unwrap();
        assert_eq!(facts, ProjectFacts::default());
        assert_eq!(rate, Cents::ZERO);
        let form = FactsForm {
            commune: " Bobigny ".into(),
            setting: "urbain".into(),
            priority_area: "oui".into(),
            education_plan: "pedt".into(),
            premises: "centre_social".into(),
            bilan_due: "2027-07-10".into(),
            volunteer_rate: "12,50".into(),
            ..FactsForm::default()
        };
        let (facts, rate) = form.check().unwrap();
        assert_eq!(facts.commune, "Bobigny");
        assert_eq!(facts.priority_area, Some(true));
        assert_eq!(rate, Cents(1250));
        let refused = |f: FactsForm| match f.check() {
            Err(AppError::Invalid { field, problem }) => (field, problem),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(FactsForm {
                setting: "lunaire".into(),
                ..FactsForm::default()
            }),
            ("setting".into(), FieldProblem::Unknown)
        );
        assert_eq!(
            refused(FactsForm {
                bilan_due: "10/07/2027".into(),
                ..FactsForm::default()
            }),
            ("bilan_due".into(), FieldProblem::Malformed)
        );
        assert_eq!(
            refused(FactsForm {
                volunteer_rate: "1001".into(),
                ..FactsForm::default()
            }),
            ("volunteer_rate".into(), FieldProblem::TooLong)
        );
    }

    #[test]
    fn the_budget_reads_every_line_and_refuses_a_stray_field() {
        let mut form = BudgetForm::default();
        form.amounts.insert("caf_prevu".into(), "2 563".into());
        form.amounts
            .insert("personnel_realise".into(), "1234,56".into());
        let budget = form.check().unwrap();
        assert_eq!(budget.charges.len(), ChargeKind::ALL.len());
        assert_eq!(budget.product(ProductKind::Caf).expected, Cents(256_300));
        assert_eq!(budget.charge(ChargeKind::Staff).actual, Cents(123_456));
        form.amounts.insert("caf_prevu".into(), "-3".into());
        assert_eq!(
            form.check(),
            Err(AppError::invalid("caf_prevu", FieldProblem::Malformed))
        );
        let mut stray = BudgetForm::default();
        stray
            .amounts
            .insert("salaire_du_president".into(), "1".into());
        assert_eq!(
            stray.check(),
            Err(AppError::invalid(
                "salaire_du_president",
                FieldProblem::Unknown
            ))
        );
    }
}
