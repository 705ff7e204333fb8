use crate::error::AppError;
use crate::planning::types::WeekPlan;
use leptos::prelude::*;

/// Coordinator: the week holding `date` (ISO, today when empty), each session
/// checked by the CLAS rules, and each group's findings for the week.
#[server(endpoint = "planning/week")]
pub async fn load_week(date: Option<String>) -> Result<WeekPlan, AppError> {
    use crate::db::planning as db;
    use crate::domain::calendar::{in_holidays, monday_of};
    use crate::domain::check::{check_group_week, check_session, PlanningContext};
    use crate::planning::types::CheckedSession;
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
    let ctx = PlanningContext {
        thresholds: db::thresholds(&pool, &org).await?,
        holidays: db::holidays(&pool, &org).await?,
        sessions: db::planned_sessions(
            &pool,
            &org,
            monday - Duration::days(1),
            sunday + Duration::days(1),
        )
        .await?,
        pupils: db::pupil_timetables(&pool, &org).await?,
    };
    let sessions = lines
        .into_iter()
        .map(|line| {
            let findings = ctx
                .sessions
                .iter()
                .find(|s| s.id == line.id)
                .map(|s| check_session(s, &ctx))
                .unwrap_or_default();
            CheckedSession {
                session: line,
                findings,
            }
        })
        .collect();
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
    let holiday = ctx
        .holidays
        .iter()
        .find(|h| (0..5).all(|i| in_holidays(monday + Duration::days(i), std::slice::from_ref(h))))
        .map(|h| h.name.clone());
    Ok(WeekPlan {
        monday,
        sessions,
        groups,
        holiday,
    })
}
