//! The report's server functions: an organisation's report (its
//! coordinator, or a funder of its territory), a territory's (funders), the
//! CSV file of either, and the children behind a figure (coordinators).

use crate::error::AppError;
use crate::reports::types::{ChildrenBehind, ReportView, TerritoryReport};
use leptos::prelude::*;

/// One organisation's report. `structure` is for funders (a coordinator
/// reads their own); `year` is a label such as `2026-2027`, the current
/// year when absent.
#[server(endpoint = "reports/organisation")]
pub async fn load_report(
    structure: Option<String>,
    year: Option<String>,
) -> Result<ReportView, AppError> {
    let org = server::organisation(structure.as_deref()).await?;
    let (user, db) =
        crate::authz::authorize(crate::authz::Access::Organisation(org.clone())).await?;
    let mut view = server::organisation_report(&db, &org, year.as_deref()).await?;
    view.drill_down = user.role == crate::domain::model::Role::Coordinator;
    if !view.drill_down {
        // A funder reads figures: an action's title is free text.
        for a in view.axes.iter_mut().flat_map(|l| l.actions.iter_mut()) {
            a.title.clear();
        }
    }
    Ok(view)
}

/// Funders: every organisation of their territory, and the sum.
#[server(endpoint = "reports/territory")]
pub async fn load_territory(year: Option<String>) -> Result<TerritoryReport, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Territory).await?;
    let territory = user.territory.ok_or(AppError::Forbidden)?;
    server::territory_report(&db, &territory, year.as_deref()).await
}

/// The report as a CSV file (`GET /api/reports/csv`, which the guard
/// serves as `bilan.csv`): an organisation's, or for a funder who names
/// none, the territory's sum followed by each organisation's headline.
#[server(endpoint = "reports/csv", input = server_fn::codec::GetUrl)]
pub async fn report_csv(
    structure: Option<String>,
    year: Option<String>,
) -> Result<String, AppError> {
    use crate::reports::{csv, figures};
    let funder_total = structure.is_none()
        && crate::auth::server::current_user()
            .await?
            .is_some_and(|u| u.role == crate::domain::model::Role::Funder);
    if funder_total {
        let (user, db) = crate::authz::authorize(crate::authz::Access::Territory).await?;
        let territory = user.territory.ok_or(AppError::Forbidden)?;
        let t = server::territory_report(&db, &territory, year.as_deref()).await?;
        let mut rows = figures::rows(&t.total);
        rows.extend(figures::organisation_rows(&t.organisations));
        let about = [
            (
                "Territoire",
                format!("{} ({})", t.territory_name, t.territory),
            ),
            ("Année scolaire", t.year.clone()),
            ("Structures", t.organisations.len().to_string()),
        ];
        return Ok(csv::write(&about, &rows));
    }
    let org = server::organisation(structure.as_deref()).await?;
    let (_, db) = crate::authz::authorize(crate::authz::Access::Organisation(org.clone())).await?;
    let view = server::organisation_report(&db, &org, year.as_deref()).await?;
    let mut about = vec![
        ("Structure", view.organisation_name.clone()),
        ("Année scolaire", view.year.clone()),
        ("Chiffres au", crate::format::short_date(view.report.until)),
    ];
    about.extend(crate::reports::dossier::types::fact_lines(&view.project));
    Ok(csv::write(&about, &figures::rows(&view.report)))
}

/// Coordinators: the children a figure of their report counts, by the
/// filter's code (`niveau-CM1`, `qpv`, `presence-0-24`…).
#[server(endpoint = "reports/children")]
pub async fn load_children_behind(
    year: Option<String>,
    filter: String,
) -> Result<ChildrenBehind, AppError> {
    use crate::domain::report::{children_behind, ChildFilter};
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let parsed = ChildFilter::parse(filter.trim())
        .ok_or_else(|| AppError::invalid("filtre", crate::error::FieldProblem::Unknown))?;
    let mut conn = db.pool.acquire().await?;
    let years = crate::reports::store::report::years(&mut conn, &org).await?;
    let (year, facts) = server::facts_of(&mut conn, &org, year.as_deref(), &years).await?;
    let names = crate::reports::store::report::child_names(&mut conn, &org).await?;
    let mut children: Vec<crate::reports::types::ChildBehind> = children_behind(&facts, &parsed)
        .into_iter()
        .map(|c| {
            let (first, last) = names.get(&c.id.0).cloned().unwrap_or_default();
            crate::reports::types::ChildBehind {
                id: c.id.clone(),
                name: format!("{first} {last}"),
                level: crate::records::children::pages::level_label(c.level).to_string(),
                marked: c.marked,
                attended: c.attended,
            }
        })
        .collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let report = crate::domain::report::compute(&facts, crate::state::today());
    let label = crate::reports::figures::rows(&report)
        .into_iter()
        .find(|r| r.children.as_ref() == Some(&parsed))
        .map(|r| format!("{} · {}", r.section, r.label))
        .unwrap_or_else(|| crate::reports::figures::CHILDREN.to_string());
    Ok(ChildrenBehind {
        year: year.label,
        filter: parsed.code(),
        label,
        children,
    })
}

#[cfg(feature = "ssr")]
pub mod server {
    use crate::db::Db;
    use crate::domain::ids::OrganisationId;
    use crate::domain::report::{compute, ReportFacts};
    use crate::error::{AppError, FieldProblem};
    use crate::records::school_year::types::SchoolYear;
    use crate::reports::store::report as store;
    use crate::reports::types::{OrgLine, ReportView, TerritoryReport};

    /// The organisation asked for, or the caller's own (coordinators).
    pub async fn organisation(structure: Option<&str>) -> Result<OrganisationId, AppError> {
        match structure.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Ok(OrganisationId(crate::fields::parse_id("structure", s)?)),
            None => {
                let (user, _) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
                user.organisation.ok_or(AppError::Forbidden)
            }
        }
    }

    /// The school year of that label among `years` (the current one when
    /// none), with its facts. An unknown label is refused by name.
    pub async fn facts_of(
        conn: &mut sqlx::AnyConnection,
        org: &OrganisationId,
        label: Option<&str>,
        years: &[SchoolYear],
    ) -> Result<(SchoolYear, ReportFacts), AppError> {
        let year = match label.map(str::trim).filter(|s| !s.is_empty()) {
            Some(label) => years
                .iter()
                .find(|y| y.label == label)
                .cloned()
                .ok_or_else(|| AppError::invalid("school_year", FieldProblem::Unknown))?,
            None => {
                crate::records::school_year::store::current(&mut *conn, org, crate::state::today())
                    .await?
                    .ok_or(AppError::NotFound)?
            }
        };
        let facts = store::facts(&mut *conn, org, &year).await?;
        Ok((year, facts))
    }

    pub async fn organisation_report(
        db: &Db,
        org: &OrganisationId,
        label: Option<&str>,
    ) -> Result<ReportView, AppError> {
        // Read before taking a connection: a request holding one while
        // it waits for a second would, with enough of them at once, leave
        // the pool empty and every one of them waiting.
        let organisation_name = crate::auth::store::directory::organisation_name(db, org).await?;
        let mut conn = db.pool.acquire().await?;
        let years = store::years(&mut conn, org).await?;
        let (year, facts) = facts_of(&mut conn, org, label, &years).await?;
        let (project, _) = crate::reports::store::dossier::facts(&mut conn, &year.id).await?;
        let report = compute(&facts, crate::state::today());
        let (actions, _) = crate::reports::store::dossier::actions(&mut conn, org, &year).await?;
        let (axes, _) = crate::domain::dossier::by_axis(&actions, report.first_day, report.until);
        Ok(ReportView {
            organisation: org.clone(),
            organisation_name,
            years: years.into_iter().map(|y| y.label).collect(),
            year: year.label,
            report,
            project,
            axes,
            drill_down: false,
        })
    }

    /// The label of the school year holding `today` (`2026-2027`).
    fn current_label() -> String {
        let start = crate::domain::calendar::school_year_start(crate::state::today());
        use chrono::Datelike;
        format!("{}-{}", start.year(), start.year() + 1)
    }

    pub async fn territory_report(
        db: &Db,
        territory: &str,
        label: Option<&str>,
    ) -> Result<TerritoryReport, AppError> {
        let mut conn = db.pool.acquire().await?;
        let years = store::territory_years(&mut conn, territory).await?;
        let label = match label.map(str::trim).filter(|s| !s.is_empty()) {
            Some(l) if years.iter().any(|y| y == l) => l.to_string(),
            Some(_) => return Err(AppError::invalid("school_year", FieldProblem::Unknown)),
            None => current_label(),
        };
        let territory_name = store::territory_name(&mut conn, territory).await?;
        let today = crate::state::today();
        let mut total = crate::domain::report::Report::default();
        let mut organisations = Vec::new();
        let mut years_of = store::territory_year_of(&mut conn, territory, &label).await?;
        for (org, name) in store::territory_organisations(&mut conn, territory).await? {
            let report = match years_of.remove(&org) {
                Some(y) => Some(compute(&store::facts(&mut conn, &org, &y).await?, today)),
                None => None,
            };
            if let Some(r) = &report {
                total.add(r);
            }
            organisations.push(OrgLine::of(org, name, report.as_ref()));
        }
        Ok(TerritoryReport {
            territory: territory.to_string(),
            territory_name,
            year: label,
            years,
            organisations,
            total,
        })
    }
}
