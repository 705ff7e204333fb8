//! The dossier's server functions: read it (the coordinator's own
//! organisation, or a funder's organisation of their territory), and the
//! coordinator's two forms.

use crate::error::AppError;
use crate::reports::dossier::types::{BudgetForm, DossierView, FactsForm};
use leptos::prelude::*;

/// One organisation's dossier. `structure` is for funders; `year` a label
/// such as `2026-2027`, the current year when absent.
#[server(endpoint = "reports/dossier")]
pub async fn load_dossier(
    structure: Option<String>,
    year: Option<String>,
) -> Result<DossierView, AppError> {
    let org = crate::reports::api::server::organisation(structure.as_deref()).await?;
    let (user, db) =
        crate::authz::authorize(crate::authz::Access::Organisation(org.clone())).await?;
    let editable = user.role == crate::domain::model::Role::Coordinator;
    Ok(server::dossier(&db, &org, year.as_deref(), editable)
        .await?
        .0)
}

/// The whole dossier as a PDF (`GET /api/reports/dossier-pdf`, which the
/// guard serves as `dossier-caf.pdf`): the coordinator's, or for a funder
/// an organisation of their territory, figures only. Sent to the guard in
/// base64.
#[server(endpoint = "reports/dossier-pdf", input = server_fn::codec::GetUrl)]
pub async fn dossier_pdf(
    structure: Option<String>,
    year: Option<String>,
) -> Result<String, AppError> {
    let doc = server::dossier_document(structure, year).await?;
    Ok(server::base64(&crate::reports::dossier::pdf::pdf(&doc)))
}

/// The dossier as a spreadsheet (`GET /api/reports/dossier-xlsx`, served
/// as `dossier-caf.xlsx`), in base64 for the guard.
#[server(endpoint = "reports/dossier-xlsx", input = server_fn::codec::GetUrl)]
pub async fn dossier_xlsx(
    structure: Option<String>,
    year: Option<String>,
) -> Result<String, AppError> {
    let doc = server::dossier_document(structure, year).await?;
    let bytes = crate::reports::dossier::sheet::xlsx(&doc).map_err(|e| {
        tracing::error!(error = %e, "dossier spreadsheet");
        AppError::Internal
    })?;
    Ok(server::base64(&bytes))
}

/// Coordinators: the CAF dates of the current school year coming near, and
/// what the dossier lacks for each (the planning, their home, shows them).
#[server(endpoint = "reports/dossier-reminders")]
pub async fn load_reminders() -> Result<Vec<crate::domain::dossier::Reminder>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    server::reminders(&db, &org).await
}

/// Coordinators: the project's facts, the CAF's dates and the volunteers'
/// hourly value for a school year.
#[server(endpoint = "reports/dossier-facts")]
pub async fn save_facts(form: FactsForm) -> Result<(), AppError> {
    let (facts, rate) = form.check()?;
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let year = server::year_of(&mut work, &org, &form.year).await?;
    let now = crate::db::timestamp(crate::state::now());
    crate::reports::store::dossier::set_facts(&mut work, &year.id, &facts, rate, &now).await?;
    work.audit("dossier.facts", ("school_year", &year.id.0), &year.label)
        .await?;
    work.commit().await?;
    Ok(())
}

/// Coordinators: the budget of a school year, both columns.
#[server(endpoint = "reports/dossier-budget")]
pub async fn save_budget(form: BudgetForm) -> Result<(), AppError> {
    let budget = form.check()?;
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let year = server::year_of(&mut work, &org, &form.year).await?;
    crate::reports::store::dossier::set_budget(&mut work, &year.id, &budget).await?;
    let balance = crate::domain::dossier::balance(&budget, 0, 0);
    work.audit(
        "dossier.budget",
        ("school_year", &year.id.0),
        &format!(
            "{} : charges {} / {} ; produits {} / {} (prévu / réalisé, centimes)",
            year.label,
            balance.charges.expected.0,
            balance.charges.actual.0,
            balance.products.expected.0,
            balance.products.actual.0
        ),
    )
    .await?;
    work.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server {
    use crate::db::Db;
    use crate::domain::dossier::{balance, by_axis, facts::reminders as due};
    use crate::domain::ids::OrganisationId;
    use crate::error::{AppError, FieldProblem};
    use crate::records::school_year::types::SchoolYear;
    use crate::reports::dossier::types::DossierView;
    use crate::reports::store::{dossier as store, report};

    /// The organisation's school year of that label (refused by name when
    /// it is not one of theirs).
    pub async fn year_of(
        conn: &mut sqlx::AnyConnection,
        org: &OrganisationId,
        label: &str,
    ) -> Result<SchoolYear, AppError> {
        report::years(conn, org)
            .await?
            .into_iter()
            .find(|y| y.label == label.trim())
            .ok_or_else(|| AppError::invalid("school_year", FieldProblem::Unknown))
    }

    /// The reminders of the current school year; the year's actions are
    /// read only when a date is near.
    pub async fn reminders(
        db: &Db,
        org: &OrganisationId,
    ) -> Result<Vec<crate::domain::dossier::Reminder>, AppError> {
        use crate::domain::dossier::{facts::REMINDER_DAYS, Deadline};
        let today = crate::state::today();
        let mut conn = db.pool.acquire().await?;
        let Some(year) = crate::records::school_year::store::current(&mut conn, org, today).await?
        else {
            return Ok(Vec::new());
        };
        let (facts, _) = store::facts(&mut conn, &year.id).await?;
        let near = Deadline::ALL
            .iter()
            .filter_map(|d| facts.date(*d))
            .any(|on| (0..=REMINDER_DAYS).contains(&(on - today).num_days()));
        if !near {
            return Ok(Vec::new());
        }
        let budget = store::budget(&mut conn, &year.id).await?;
        let (actions, _) = store::actions(&mut conn, org, &year).await?;
        let until = crate::domain::report::covered_until(year.first_day, year.last_day, today);
        let (axes, _) = by_axis(&actions, year.first_day, until);
        Ok(due(today, &facts, &budget, &axes))
    }

    pub fn base64(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// The document of the organisation asked for (a funder's, of their
    /// territory) or the caller's own, for one school year, once the caller
    /// is authorised for it: a funder gets figures only.
    pub async fn dossier_document(
        structure: Option<String>,
        year: Option<String>,
    ) -> Result<crate::reports::dossier::document::Document, AppError> {
        let org = crate::reports::api::server::organisation(structure.as_deref()).await?;
        let (user, db) =
            crate::authz::authorize(crate::authz::Access::Organisation(org.clone())).await?;
        let editable = user.role == crate::domain::model::Role::Coordinator;
        let (view, report) = dossier(&db, &org, year.as_deref(), editable).await?;
        Ok(crate::reports::dossier::document::document(&view, &report))
    }

    /// The dossier of one organisation's school year, and the year's report
    /// (`editable`: a coordinator's own; otherwise titles are left out).
    pub async fn dossier(
        db: &Db,
        org: &OrganisationId,
        label: Option<&str>,
        editable: bool,
    ) -> Result<(DossierView, crate::domain::report::Report), AppError> {
        let organisation_name = crate::auth::store::directory::organisation_name(db, org).await?;
        let mut conn = db.pool.acquire().await?;
        let years = report::years(&mut conn, org).await?;
        let (year, facts_of_report) =
            crate::reports::api::server::facts_of(&mut conn, org, label, &years).await?;
        let today = crate::state::today();
        let until = crate::domain::report::covered_until(year.first_day, year.last_day, today);
        let (facts, _) = store::facts(&mut conn, &year.id).await?;
        let budget = store::budget(&mut conn, &year.id).await?;
        let (actions, volunteer_minutes) = store::actions(&mut conn, org, &year).await?;
        let (mut axes, mut findings) = by_axis(&actions, year.first_day, until);
        let balance = balance(
            &budget,
            facts_of_report.groups.len() as u32,
            volunteer_minutes,
        );
        findings.extend(balance.findings.iter().cloned());
        let reminders = due(today, &facts, &budget, &axes);
        if !editable {
            // A funder reads figures: a title is free text.
            for a in axes.iter_mut().flat_map(|l| l.actions.iter_mut()) {
                a.title.clear();
            }
        }
        let report = crate::domain::report::compute(&facts_of_report, today);
        let view = DossierView {
            organisation: org.clone(),
            organisation_name,
            years: years.into_iter().map(|y| y.label).collect(),
            year: year.label,
            first_day: year.first_day,
            until,
            facts,
            budget,
            balance,
            axes,
            findings,
            reminders,
            editable,
        };
        Ok((view, report))
    }
}
