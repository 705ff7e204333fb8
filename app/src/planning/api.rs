use crate::error::AppError;
use crate::planning::types::{CheckedSession, WeekPlan};
use leptos::prelude::*;

/// What the session rules need, read for the days around `from`..`to`.
#[cfg(feature = "ssr")]
async fn planning_context(
    db: &crate::db::Db,
    org: &crate::domain::OrganisationId,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<crate::domain::check::PlanningContext, AppError> {
    use crate::db::planning as db_planning;
    use chrono::Duration;
    Ok(crate::domain::check::PlanningContext {
        thresholds: db_planning::thresholds(db, org).await?,
        holidays: db_planning::holidays(db, org).await?,
        sessions: db_planning::planned_sessions(
            db,
            org,
            from - Duration::days(1),
            to + Duration::days(1),
        )
        .await?,
        pupils: db_planning::pupil_timetables(db, org).await?,
    })
}

/// Coordinator: the week holding `date` (ISO, today when empty), each session
/// checked by the CLAS rules, and each group's findings for the week.
#[server(endpoint = "planning/week")]
pub async fn load_week(date: Option<String>) -> Result<WeekPlan, AppError> {
    use crate::db::planning as db;
    use crate::domain::calendar::{holiday_of_week, monday_of};
    use crate::domain::check::check_group_week;
    use chrono::{Duration, NaiveDate};

    let (user, pool) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let day = match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => crate::state::today(),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| AppError::invalid("date", crate::error::FieldProblem::Malformed))?,
    };
    let monday = monday_of(day);
    let sunday = monday + Duration::days(6);
    let lines = db::sessions(&pool, db::Scope::Organisation(&org), monday, sunday).await?;
    let ctx = planning_context(&pool, &org, monday, sunday).await?;
    let groups = db::groups(&pool, &org)
        .await?
        .into_iter()
        .map(|(id, name, enrolled, planned)| {
            let findings = check_group_week(
                &id,
                enrolled,
                &planned,
                monday,
                &ctx.sessions,
                &ctx.holidays,
                &ctx.thresholds,
            );
            (id, name, findings)
        })
        .collect();
    let holiday = holiday_of_week(monday, &ctx.holidays).map(|h| h.name.clone());
    let venues = db::names(&pool, db::Owned::Venue, &org).await?;
    let accompanists = db::names(&pool, db::Owned::Accompanist, &org).await?;
    Ok(WeekPlan {
        monday,
        sessions: lines,
        groups,
        holiday,
        context: ctx,
        venues: venues
            .into_iter()
            .map(|(id, n)| (crate::domain::VenueId(id), n))
            .collect(),
        accompanists: accompanists
            .into_iter()
            .map(|(id, n)| (crate::domain::AccompanistId(id), n))
            .collect(),
    })
}

/// The saved session as the page shows it, with the findings the rules gave
/// the change before it was saved (the same session in the same context).
#[cfg(feature = "ssr")]
async fn checked(
    db: &crate::db::Db,
    org: &crate::domain::OrganisationId,
    session: &crate::domain::SessionId,
    date: chrono::NaiveDate,
    findings: Vec<crate::domain::Finding>,
) -> Result<CheckedSession, AppError> {
    use crate::db::planning as db_planning;
    let line = db_planning::sessions(db, db_planning::Scope::Organisation(org), date, date)
        .await?
        .into_iter()
        .find(|s| &s.id == session)
        .ok_or(AppError::NotFound)?;
    Ok(CheckedSession {
        session: line,
        findings,
    })
}

/// The caller's session to change: it must be their organisation's, and
/// still at the version they saw.
#[cfg(feature = "ssr")]
async fn editable_session(
    id: &str,
    version: i64,
) -> Result<
    (
        crate::db::Db,
        crate::domain::OrganisationId,
        crate::domain::SessionId,
        crate::domain::model::PlannedSession,
    ),
    AppError,
> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let session = crate::domain::SessionId(id.to_string());
    let (owner, current) = crate::db::planning::session_owner(&db, &session)
        .await?
        .ok_or(AppError::NotFound)?;
    if owner != org {
        return Err(AppError::Forbidden);
    }
    if current != version {
        return Err(AppError::Stale);
    }
    let candidate = crate::db::planning::planned_session(&db, &org, &session)
        .await?
        .ok_or(AppError::NotFound)?;
    if !candidate.status.is_plannable() {
        return Err(AppError::invalid(
            "status",
            crate::error::FieldProblem::Unknown,
        ));
    }
    Ok((db, org, session, candidate))
}

/// Coordinator: moves a session to another day, time or venue. The server
/// checks the move with the same rules as the calendar; an error finding
/// refuses it with its code, and a session changed meanwhile is `Stale`.
#[server(endpoint = "planning/move")]
pub async fn move_session(
    id: String,
    version: i64,
    date: String,
    start: String,
    end: String,
    venue: String,
) -> Result<CheckedSession, AppError> {
    use crate::db::planning as db_planning;
    use crate::domain::{check::check_session, findings::has_errors, rules, VenueId};
    let (db, org, session, mut candidate) = editable_session(&id, version).await?;
    let venue = VenueId(venue);
    if !db_planning::owns(&db, db_planning::Owned::Venue, &venue.0, &org).await? {
        return Err(AppError::invalid(
            "venue",
            crate::error::FieldProblem::Unknown,
        ));
    }
    let thresholds = db_planning::thresholds(&db, &org).await?;
    let slot =
        rules::parse_slot(&session, &date, &start, &end, &thresholds).map_err(|finding| {
            AppError::Rules {
                findings: vec![finding],
            }
        })?;
    let ctx = planning_context(&db, &org, slot.date, slot.date).await?;
    candidate.slot = slot;
    candidate.venue = venue.clone();
    let findings = check_session(&candidate, &ctx);
    if has_errors(&findings) {
        return Err(AppError::Rules { findings });
    }
    let now = crate::db::timestamp(crate::state::now());
    if !db_planning::move_session(&db, &session, version, &slot, &venue, &now).await? {
        return Err(AppError::Stale);
    }
    checked(&db, &org, &session, slot.date, findings).await
}

/// Coordinator: assigns an accompanist to a session (`assigned = true`) or
/// removes them. Assigning someone already busy at that time is refused
/// with ACCOMPANIST_CONFLICT; removing the last one with NO_ACCOMPANIST.
#[server(endpoint = "planning/staff")]
pub async fn set_accompanist(
    id: String,
    version: i64,
    accompanist: String,
    assigned: bool,
) -> Result<CheckedSession, AppError> {
    use crate::db::planning as db_planning;
    use crate::domain::{check::check_session, findings::has_errors, AccompanistId};
    let (db, org, session, mut candidate) = editable_session(&id, version).await?;
    let accompanist = AccompanistId(accompanist);
    if !db_planning::owns(&db, db_planning::Owned::Accompanist, &accompanist.0, &org).await? {
        return Err(AppError::invalid(
            "accompanist",
            crate::error::FieldProblem::Unknown,
        ));
    }
    candidate.accompanists.retain(|a| a != &accompanist);
    if assigned {
        candidate.accompanists.push(accompanist.clone());
    }
    let ctx = planning_context(&db, &org, candidate.slot.date, candidate.slot.date).await?;
    let findings = check_session(&candidate, &ctx);
    if has_errors(&findings) {
        return Err(AppError::Rules { findings });
    }
    let now = crate::db::timestamp(crate::state::now());
    if !db_planning::set_session_accompanist(&db, &session, version, &accompanist, assigned, &now)
        .await?
    {
        return Err(AppError::Stale);
    }
    checked(&db, &org, &session, candidate.slot.date, findings).await
}
