//! The planning's server functions: the week, and the changes to one
//! session. Each change is checked by the same rules as the calendar, inside
//! the transaction that saves it (see `change`).

use crate::domain::calendar::Slot;
use crate::domain::ids::{AccompanistId, GroupId, SessionId, VenueId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::fields::parse_date;
use crate::planning::types::{CheckedSession, WeekPlan};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Coordinator: the week holding `date` (ISO, today when empty), with what
/// the browser needs to check changes by the same rules as the server.
#[server(endpoint = "planning/week")]
pub async fn load_week(date: Option<String>) -> Result<WeekPlan, AppError> {
    use crate::domain::calendar::monday_of;
    use crate::planning::store as db;
    use chrono::Duration;

    let (user, pool) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let day = match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => crate::state::today(),
        Some(d) => parse_date("date", d)?,
    };
    let monday = monday_of(day);
    let sunday = monday + Duration::days(6);
    let mut conn = pool.pool.acquire().await?;
    let lines = db::sessions(&mut conn, db::Scope::Organisation(&org), monday, sunday).await?;
    let context = db::context(&mut conn, &org, monday, sunday).await?;
    let groups = db::groups(&mut conn, &org).await?;
    let venues = db::names(&mut conn, db::Owned::Venue, &org).await?;
    let accompanists = db::names(&mut conn, db::Owned::Accompanist, &org).await?;
    let year_end = db::school_year_end(&mut conn, &org, monday).await?;
    Ok(WeekPlan {
        monday,
        sessions: lines,
        groups,
        context,
        year_end,
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

/// Coordinator: moves a session to another day, time or venue. The server
/// checks the move with the same rules as the calendar; an error finding
/// refuses it with its code, and a session changed meanwhile is `Stale`.
#[server(endpoint = "planning/move")]
pub async fn move_session(
    id: SessionId,
    version: i64,
    slot: Slot,
    venue: VenueId,
) -> Result<CheckedSession, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::change::editable_session;
    let (mut change, mut editing) =
        editable_session(id, version, SessionStatus::is_plannable).await?;
    let findings = change.move_to(&mut editing, slot, venue).await?;
    change
        .commit_checked(&editing.session, slot.date, findings)
        .await
}

/// Coordinator: assigns an accompanist to a session (`assigned = true`) or
/// removes them. Assigning someone already busy at that time is refused
/// with ACCOMPANIST_CONFLICT; removing the last one with NO_ACCOMPANIST.
#[server(endpoint = "planning/staff")]
pub async fn set_accompanist(
    id: SessionId,
    version: i64,
    accompanist: AccompanistId,
    assigned: bool,
) -> Result<CheckedSession, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::change::editable_session;
    use crate::planning::store as db_planning;
    let (mut change, mut editing) =
        editable_session(id, version, SessionStatus::is_plannable).await?;
    change
        .require_owned(
            db_planning::Owned::Accompanist,
            &accompanist.0,
            "accompanist",
        )
        .await?;
    editing.candidate.accompanists.retain(|a| a != &accompanist);
    if assigned {
        editing.candidate.accompanists.push(accompanist.clone());
    }
    let findings = change.check(&editing.candidate).await?;
    db_planning::set_session_accompanist(
        &mut change.work,
        &editing.session,
        &accompanist,
        assigned,
        &change.now,
    )
    .await?;
    let action = if assigned {
        "session.staff.add"
    } else {
        "session.staff.remove"
    };
    change
        .audit(action, &editing.session, &accompanist.0)
        .await?;
    change
        .commit_checked(&editing.session, editing.candidate.slot.date, findings)
        .await
}

/// Reads a comma-separated list of activity codes (`echange,devoirs`).
pub fn parse_activities(
    codes: &str,
) -> Result<Vec<crate::domain::model::ActivityCategory>, AppError> {
    let mut out = Vec::new();
    for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let category = crate::domain::model::ActivityCategory::parse(code)
            .ok_or_else(|| AppError::invalid("activities", crate::error::FieldProblem::Unknown))?;
        if !out.contains(&category) {
            out.push(category);
        }
    }
    out.sort();
    Ok(out)
}

/// Coordinator: the session plan: the planned activities (comma-separated
/// codes), whether parents are welcome, whether it is shared with parents.
#[server(endpoint = "planning/plan")]
pub async fn set_plan(
    id: SessionId,
    version: i64,
    activities: String,
    parents_welcome: bool,
    shared_with_parents: bool,
) -> Result<CheckedSession, AppError> {
    use crate::domain::model::{SessionPlan, SessionStatus};
    use crate::planning::change::editable_session;
    use crate::planning::store as db_planning;
    let plan = SessionPlan {
        activities: parse_activities(&activities)?,
        parents_welcome,
        shared_with_parents,
    };
    let (mut change, editing) = editable_session(id, version, SessionStatus::is_plannable).await?;
    db_planning::set_plan(&mut change.work, &editing.session, &plan, &change.now).await?;
    let codes: Vec<&str> = plan.activities.iter().map(|a| a.as_str()).collect();
    change
        .audit("session.plan", &editing.session, &codes.join(","))
        .await?;
    let ctx = change
        .context(editing.candidate.slot.date, editing.candidate.slot.date)
        .await?;
    let findings = crate::domain::check::check_session(&editing.candidate, &ctx);
    change
        .commit_checked(&editing.session, editing.candidate.slot.date, findings)
        .await
}

/// Coordinator: creates a draft session of a group, with the group's
/// accompanists and planned activities. Refused like a move when the rules
/// find an error.
#[server(endpoint = "planning/create")]
pub async fn create_session(
    group: GroupId,
    slot: Slot,
    venue: VenueId,
) -> Result<CheckedSession, AppError> {
    use crate::domain::model::{PlannedSession, SessionPlan, SessionStatus};
    use crate::domain::rules;
    use crate::error::FieldProblem;
    use crate::planning::change::planning_change;
    use crate::planning::store as db_planning;
    let mut change = planning_change().await?;
    let line = db_planning::groups(&mut change.work, &change.org)
        .await?
        .into_iter()
        .find(|g| g.id == group)
        .ok_or_else(|| AppError::invalid("group", FieldProblem::Unknown))?;
    change
        .require_owned(db_planning::Owned::Venue, &venue.0, "venue")
        .await?;
    let id = SessionId(crate::db::new_id());
    let thresholds = db_planning::thresholds(&mut change.work, &change.org).await?;
    let findings = rules::invalid_slot(&id, &slot, &thresholds);
    if !findings.is_empty() {
        return Err(AppError::Rules { findings });
    }
    let members = db_planning::group_members(&mut change.work, &change.org).await?;
    let candidate = PlannedSession {
        id: id.clone(),
        group: group.clone(),
        venue: venue.clone(),
        slot,
        accompanists: line.accompanists.clone(),
        children: members.get(&group).cloned().unwrap_or_default(),
        status: SessionStatus::Draft,
    };
    let findings = change.check(&candidate).await?;
    let plan = SessionPlan {
        activities: line.planned.clone(),
        ..SessionPlan::default()
    };
    let new = db_planning::NewSession {
        id: &id,
        organisation: &change.org,
        group: &group,
        venue: &venue,
        series: None,
        batch: None,
        slot,
        status: SessionStatus::Draft,
        accompanists: &line.accompanists,
        plan: &plan,
    };
    db_planning::insert_session(&mut change.work, &new, &change.now).await?;
    change
        .audit(
            "session.create",
            &id,
            &format!("{} {}", slot.date, line.name),
        )
        .await?;
    change.commit_checked(&id, slot.date, findings).await
}

/// Coordinator: puts a cancelled session back in the planning (to undo a
/// cancellation), if the rules still allow it where it was.
#[server(endpoint = "planning/restore")]
pub async fn restore_session(id: SessionId, version: i64) -> Result<CheckedSession, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::change::editable_session;
    use crate::planning::store as db_planning;
    let (mut change, mut editing) =
        editable_session(id, version, |s| s == SessionStatus::Cancelled).await?;
    editing.candidate.status = SessionStatus::Planned;
    let findings = change.check(&editing.candidate).await?;
    db_planning::set_status(
        &mut change.work,
        &editing.session,
        SessionStatus::Planned,
        None,
        &change.now,
    )
    .await?;
    change
        .audit("session.restore", &editing.session, "")
        .await?;
    change
        .commit_checked(&editing.session, editing.candidate.slot.date, findings)
        .await
}

/// Coordinator: publishes the drafts of the week holding `date`: families
/// and accompanists see them from now on. Gives how many were published.
#[server(endpoint = "planning/publish")]
pub async fn publish_week(date: NaiveDate) -> Result<u32, AppError> {
    use crate::domain::calendar::monday_of;
    use crate::domain::model::SessionStatus;
    use crate::planning::change::planning_change;
    use crate::planning::store as db_planning;
    let monday = monday_of(date);
    let mut change = planning_change().await?;
    let drafts: Vec<_> = db_planning::sessions(
        &mut change.work,
        db_planning::Scope::Organisation(&change.org),
        monday,
        monday + chrono::Duration::days(6),
    )
    .await?
    .into_iter()
    .filter(|s| s.status == SessionStatus::Draft)
    .collect();
    for draft in &drafts {
        db_planning::set_status(
            &mut change.work,
            &draft.id,
            SessionStatus::Planned,
            None,
            &change.now,
        )
        .await?;
        change.audit("session.publish", &draft.id, "").await?;
    }
    change.work.commit().await?;
    Ok(drafts.len() as u32)
}
