//! What the dossier reads and writes: the project's facts and the budget of
//! one school year, and the year's actions on the four axes.

use super::report::{came_list, count, parsed};
use crate::db::{bit, date, flag, time};
use crate::domain::dossier::{
    Action, ActionKind, Amounts, Budget, Cents, ChargeKind, EducationPlan, Premises, ProductKind,
    ProjectFacts, Setting,
};
use crate::domain::ids::*;
use crate::domain::model::{FamilyEventKind, LiaisonKind};
use crate::records::school_year::types::SchoolYear;
use sqlx::{AnyConnection, Row};

fn optional<T>(
    r: &sqlx::any::AnyRow,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, sqlx::Error> {
    match r.try_get::<Option<String>, _>(column)? {
        Some(raw) => parsed(parse(&raw), column, &raw).map(Some),
        None => Ok(None),
    }
}

/// The minutes from a row's `starts_at` to its `ends_at`.
fn length(r: &sqlx::any::AnyRow) -> Result<u32, sqlx::Error> {
    let start = time(&r.try_get::<String, _>("starts_at")?, "starts_at")?;
    let end = time(&r.try_get::<String, _>("ends_at")?, "ends_at")?;
    Ok((end - start).num_minutes().max(0) as u32)
}

/// The project's facts and the volunteers' hourly value (nothing set yet:
/// the defaults).
pub async fn facts(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
) -> Result<(ProjectFacts, Cents), sqlx::Error> {
    let row = sqlx::query(
        "SELECT commune, neighbourhood, setting, priority_area, education_plan, premises,
                call_for_projects, bilan_due, volunteer_rate_cents
         FROM dossier_facts WHERE school_year_id = $1",
    )
    .bind(&year.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok((ProjectFacts::default(), Cents::ZERO));
    };
    let day = |column: &str| -> Result<Option<chrono::NaiveDate>, sqlx::Error> {
        r.try_get::<Option<String>, _>(column)?
            .map(|d| date(&d, column))
            .transpose()
    };
    let facts = ProjectFacts {
        commune: r.try_get("commune")?,
        neighbourhood: r.try_get("neighbourhood")?,
        setting: optional(&r, "setting", Setting::parse)?,
        priority_area: match r.try_get::<Option<i64>, _>("priority_area")? {
            Some(_) => Some(flag(&r, "priority_area")?),
            None => None,
        },
        education_plan: optional(&r, "education_plan", EducationPlan::parse)?,
        premises: optional(&r, "premises", Premises::parse)?,
        call_for_projects: day("call_for_projects")?,
        bilan_due: day("bilan_due")?,
    };
    Ok((facts, Cents(r.try_get("volunteer_rate_cents")?)))
}

/// Writes the project's facts and the volunteers' hourly value.
pub async fn set_facts(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
    facts: &ProjectFacts,
    rate: Cents,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dossier_facts (school_year_id, commune, neighbourhood, setting, priority_area,
                education_plan, premises, call_for_projects, bilan_due, volunteer_rate_cents, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (school_year_id) DO UPDATE SET
             commune = excluded.commune, neighbourhood = excluded.neighbourhood,
             setting = excluded.setting, priority_area = excluded.priority_area,
             education_plan = excluded.education_plan, premises = excluded.premises,
             call_for_projects = excluded.call_for_projects, bilan_due = excluded.bilan_due,
             volunteer_rate_cents = excluded.volunteer_rate_cents, updated_at = excluded.updated_at",
    )
    .bind(&year.0)
    .bind(&facts.commune)
    .bind(&facts.neighbourhood)
    .bind(facts.setting.map(Setting::as_str))
    .bind(facts.priority_area.map(bit))
    .bind(facts.education_plan.map(EducationPlan::as_str))
    .bind(facts.premises.map(Premises::as_str))
    .bind(facts.call_for_projects.map(|d| d.to_string()))
    .bind(facts.bilan_due.map(|d| d.to_string()))
    .bind(rate.0)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The year's budget, every line of both kinds (a line not entered is
/// zero), with the volunteers' hourly value.
pub async fn budget(conn: &mut AnyConnection, year: &SchoolYearId) -> Result<Budget, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT kind, expected_cents, actual_cents FROM budget_lines WHERE school_year_id = $1",
    )
    .bind(&year.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut entered: Vec<(String, Amounts)> = Vec::new();
    for r in &rows {
        entered.push((
            r.try_get("kind")?,
            Amounts {
                expected: Cents(r.try_get("expected_cents")?),
                actual: Cents(r.try_get("actual_cents")?),
            },
        ));
    }
    let of = |code: &str| {
        entered
            .iter()
            .find(|(k, _)| k == code)
            .map_or(Amounts::default(), |(_, a)| *a)
    };
    let (_, rate) = facts(conn, year).await?;
    Ok(Budget {
        charges: ChargeKind::ALL
            .iter()
            .map(|k| (*k, of(k.as_str())))
            .collect(),
        products: ProductKind::ALL
            .iter()
            .map(|k| (*k, of(k.as_str())))
            .collect(),
        volunteer_rate: rate,
    })
}

/// Replaces the year's budget lines (a zero line is not kept).
pub async fn set_budget(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
    budget: &Budget,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM budget_lines WHERE school_year_id = $1")
        .bind(&year.0)
        .execute(&mut *conn)
        .await?;
    let lines = budget
        .charges
        .iter()
        .map(|(k, a)| (k.as_str(), a))
        .chain(budget.products.iter().map(|(k, a)| (k.as_str(), a)));
    for (kind, amounts) in lines.filter(|(_, a)| **a != Amounts::default()) {
        sqlx::query(
            "INSERT INTO budget_lines (school_year_id, kind, expected_cents, actual_cents)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&year.0)
        .bind(kind)
        .bind(amounts.expected.0)
        .bind(amounts.actual.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The year's actions on the four axes, and the minutes volunteers gave
/// in the sessions held (each volunteer staffing a held session gives its
/// length).
pub async fn actions(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYear,
) -> Result<(Vec<Action>, u64), sqlx::Error> {
    let (first, last) = (year.first_day.to_string(), year.last_day.to_string());
    let mut actions = Vec::new();
    let mut volunteer_minutes: u64 = 0;

    let came = came_list();
    // Why: `came` is made from the domain's codes, never input.
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT s.on_date, s.starts_at, s.ends_at, g.name,
                (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id
                   AND a.status IN ({came})) AS attended,
                (SELECT COUNT(*) FROM session_accompanists sa
                   JOIN accompanists ac ON ac.id = sa.accompanist_id
                   WHERE sa.session_id = s.id AND ac.paid = 0) AS volunteers
         FROM sessions s JOIN groups g ON g.id = s.group_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2 AND s.status = 'held'"
    )))
    .bind(&org.0)
    .bind(&year.id.0)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let minutes = length(r)?;
        volunteer_minutes += minutes as u64 * count(r, "volunteers")? as u64;
        actions.push(Action {
            on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
            kind: ActionKind::Session,
            title: r.try_get("name")?,
            reached: count(r, "attended")?,
            minutes,
        });
    }

    let rows = sqlx::query(
        "SELECT e.kind, e.title, e.on_date, e.starts_at, e.ends_at,
                (SELECT COUNT(*) FROM family_event_guests x WHERE x.event_id = e.id AND x.attended = 1) AS came
         FROM family_events e WHERE e.organisation_id = $1 AND e.on_date >= $2 AND e.on_date <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let kind: String = r.try_get("kind")?;
        actions.push(Action {
            on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
            kind: ActionKind::FamilyEvent(parsed(FamilyEventKind::parse(&kind), "kind", &kind)?),
            title: r.try_get("title")?,
            reached: count(r, "came")?,
            minutes: length(r)?,
        });
    }

    // A meeting about a child is titled by the school, never the child.
    let rows = sqlx::query(
        "SELECT l.kind, l.met_on, l.child_id, sc.name AS school, g.name AS group_name,
                (SELECT COUNT(*) FROM group_members m WHERE m.group_id = l.group_id) AS members
         FROM school_liaisons l
         LEFT JOIN schools sc ON sc.id = l.school_id
         LEFT JOIN groups g ON g.id = l.group_id
         WHERE l.organisation_id = $1 AND l.met_on >= $2 AND l.met_on <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let kind: String = r.try_get("kind")?;
        let about_child = r.try_get::<Option<String>, _>("child_id")?.is_some();
        let title = [
            r.try_get::<Option<String>, _>("school")?,
            r.try_get::<Option<String>, _>("group_name")?,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        actions.push(Action {
            on: date(&r.try_get::<String, _>("met_on")?, "met_on")?,
            kind: ActionKind::SchoolMeeting(parsed(LiaisonKind::parse(&kind), "kind", &kind)?),
            title,
            reached: if about_child { 1 } else { count(r, "members")? },
            minutes: 0,
        });
    }

    let rows = sqlx::query(
        "SELECT met_on, partners FROM partner_meetings
         WHERE organisation_id = $1 AND met_on >= $2 AND met_on <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        actions.push(Action {
            on: date(&r.try_get::<String, _>("met_on")?, "met_on")?,
            kind: ActionKind::PartnerMeeting,
            title: r.try_get("partners")?,
            reached: 0,
            minutes: 0,
        });
    }
    Ok((actions, volunteer_minutes))
}
