//! Changes that reach beyond one session: "this session and the following
//! ones" of a series, and copying a week up to a date (the end of the school
//! year by default), skipping the holidays. Each occurrence is checked by
//! the rules; the ones with an error are left out and reported.

use crate::domain::calendar::Slot;
use crate::domain::ids::{SessionId, VenueId};
use crate::error::AppError;
use crate::planning::types::{CopyReport, SeriesChange};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::planning::change::Change;

/// The longest span a copy may cover: a school year and a little more.
#[cfg(feature = "ssr")]
const MAX_COPY_DAYS: i64 = 400;

/// The group's name, for the reports.
#[cfg(feature = "ssr")]
async fn group_name(
    change: &mut Change,
    group: &crate::domain::GroupId,
) -> Result<String, AppError> {
    Ok(
        crate::planning::store::groups(&mut change.work, &change.org)
            .await?
            .into_iter()
            .find(|g| &g.id == group)
            .map(|g| g.name)
            .unwrap_or_default(),
    )
}

/// Coordinator: moves a session as `move_session` does, and every following
/// session of its series by the same number of days, to the same times and
/// venue. A following occurrence that would land in the holidays or break a
/// rule stays where it is and is reported.
#[server(endpoint = "planning/move-following")]
pub async fn move_following(
    id: SessionId,
    version: i64,
    slot: Slot,
    venue: VenueId,
) -> Result<SeriesChange, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::domain::repeat::plan_series_move;
    use crate::planning::change::{checked, editable_session};
    use crate::planning::store as db_planning;

    let (mut change, mut editing) =
        editable_session(id, version, SessionStatus::is_plannable).await?;
    let old_date = editing.candidate.slot.date;
    let findings = change.move_to(&mut editing, slot, venue.clone()).await?;
    let shift = slot.date - old_date;

    let mut following = 0;
    let mut skipped = Vec::new();
    let rest = match &editing.series {
        Some(series) => db_planning::series_after(&mut change.work, series, old_date).await?,
        None => Vec::new(),
    };
    if let Some(last) = rest.iter().map(|(_, d)| *d).max() {
        let name = group_name(&mut change, &editing.candidate.group).await?;
        let ctx = change
            .context(old_date.min(slot.date), last.max(last + shift))
            .await?;
        let rest: Vec<_> = rest
            .into_iter()
            .filter(|(s, _)| s != &editing.session)
            .collect();
        // The rules decide which occurrences move; this only writes them.
        let plan = plan_series_move(&rest, shift, slot.time, &venue, &ctx);
        for moved in &plan.moved {
            db_planning::set_slot(
                &mut change.work,
                &moved.id,
                &moved.slot,
                &venue,
                &change.now,
            )
            .await?;
            change.audit("session.move", &moved.id, "series").await?;
            following += 1;
        }
        skipped = plan
            .skipped
            .into_iter()
            .map(|s| {
                let start = ctx
                    .sessions
                    .iter()
                    .find(|c| c.id == rest[s.source].0)
                    .map_or(slot.time.start, |c| c.slot.time.start);
                skipped_line(name.clone(), s, start)
            })
            .collect();
    }
    let db = change.db.clone();
    change.work.commit().await?;
    Ok(SeriesChange {
        session: Some(checked(&db, &editing.session, slot.date, findings).await?),
        following,
        skipped,
    })
}

/// A skipped occurrence as the coordinator reads it.
#[cfg(feature = "ssr")]
fn skipped_line(
    group_name: String,
    skipped: crate::domain::repeat::Skipped,
    start: chrono::NaiveTime,
) -> crate::planning::types::Skipped {
    use crate::domain::repeat::Skip;
    use crate::planning::types::SkipReason;
    crate::planning::types::Skipped {
        group_name,
        date: skipped.date,
        start,
        reason: match skipped.reason {
            Skip::Holiday { name } => SkipReason::Holiday { name },
            Skip::Rules { findings } => SkipReason::Rules { findings },
        },
    }
}

/// Reads a cancellation reason: parents see it, so it must say something.
pub fn parse_reason(reason: &str) -> Result<String, AppError> {
    parse_reason_of("reason", reason)
}

/// A reason given in the form's `field`: 3 to 300 characters once trimmed
/// (a cancellation's, a family's absence).
pub fn parse_reason_of(field: &str, reason: &str) -> Result<String, AppError> {
    use crate::error::FieldProblem;
    let reason = crate::fields::plain(field, reason, true)?;
    if reason.chars().count() < 3 {
        return Err(AppError::invalid(field, FieldProblem::Missing));
    }
    if reason.chars().count() > 300 {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    Ok(reason)
}

/// Coordinator: cancels a planned session with a reason the families see;
/// with `following`, the following sessions of its series too (their
/// drafts are deleted).
#[server(endpoint = "planning/cancel")]
pub async fn cancel_session(
    id: SessionId,
    version: i64,
    reason: String,
    following: bool,
) -> Result<SeriesChange, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::change::{checked, editable_session};
    use crate::planning::store as db_planning;
    let reason = parse_reason(&reason)?;
    let (mut change, editing) = editable_session(id, version, SessionStatus::is_plannable).await?;
    if editing.candidate.status == SessionStatus::Draft {
        return Err(AppError::invalid(
            "draft",
            crate::error::FieldProblem::Unknown,
        ));
    }
    let cancelled = SessionStatus::Cancelled;
    db_planning::set_status(
        &mut change.work,
        &editing.session,
        cancelled,
        Some(&reason),
        &change.now,
    )
    .await?;
    change
        .audit("session.cancel", &editing.session, &reason)
        .await?;
    let mut count = 0;
    if following {
        if let Some(series) = &editing.series {
            let date = editing.candidate.slot.date;
            for (session, _) in db_planning::series_after(&mut change.work, series, date).await? {
                if !db_planning::delete_draft(&mut change.work, &session).await? {
                    db_planning::set_status(
                        &mut change.work,
                        &session,
                        cancelled,
                        Some(&reason),
                        &change.now,
                    )
                    .await?;
                }
                change.audit("session.cancel", &session, &reason).await?;
                count += 1;
            }
        }
    }
    let db = change.db.clone();
    change.work.commit().await?;
    let date = editing.candidate.slot.date;
    Ok(SeriesChange {
        session: Some(checked(&db, &editing.session, date, Vec::new()).await?),
        following: count,
        skipped: Vec::new(),
    })
}

/// Coordinator: deletes a draft (nobody else has seen it); with
/// `following`, the following drafts of its series too.
#[server(endpoint = "planning/delete")]
pub async fn delete_draft(
    id: SessionId,
    version: i64,
    following: bool,
) -> Result<SeriesChange, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::change::editable_session;
    use crate::planning::store as db_planning;
    let (mut change, editing) = editable_session(id, version, SessionStatus::is_plannable).await?;
    if editing.candidate.status != SessionStatus::Draft {
        return Err(AppError::invalid(
            "published",
            crate::error::FieldProblem::Unknown,
        ));
    }
    db_planning::delete_draft(&mut change.work, &editing.session).await?;
    change.audit("session.delete", &editing.session, "").await?;
    let mut count = 0;
    if following {
        if let Some(series) = &editing.series {
            let date = editing.candidate.slot.date;
            for (session, _) in db_planning::series_after(&mut change.work, series, date).await? {
                if db_planning::delete_draft(&mut change.work, &session).await? {
                    change.audit("session.delete", &session, "").await?;
                    count += 1;
                }
            }
        }
    }
    change.work.commit().await?;
    Ok(SeriesChange {
        session: None,
        following: count,
        skipped: Vec::new(),
    })
}

/// Coordinator: copies the sessions of the week holding `date` to the same
/// weekday of every following week up to `until` (the end of the school
/// year when empty). Each copy joins its source's series; a day in the
/// holidays is skipped, a week where the series already has a session is
/// left alone, and a copy that breaks a rule is not made: all reported.
#[server(endpoint = "planning/copy")]
pub async fn copy_week(date: String, until: String) -> Result<CopyReport, AppError> {
    use crate::domain::calendar::{monday_of, Slot};
    use crate::domain::model::{PlannedSession, SessionStatus};
    use crate::domain::repeat::{plan_copy, CopySource};
    use crate::domain::SessionId;
    use crate::error::FieldProblem;
    use crate::fields::parse_date;
    use crate::planning::change::planning_change;
    use crate::planning::store as db_planning;
    use chrono::Duration;

    let monday = monday_of(parse_date("date", &date)?);
    let mut change = planning_change().await?;
    let until = match until.trim() {
        "" => db_planning::school_year_end(&mut change.work, &change.org, monday)
            .await?
            .ok_or_else(|| AppError::invalid("until", FieldProblem::Missing))?,
        day => parse_date("until", day)?,
    };
    let first = monday + Duration::days(7);
    if until < first {
        return Err(AppError::invalid("until", FieldProblem::TooShort));
    }
    if (until - monday).num_days() > MAX_COPY_DAYS {
        return Err(AppError::invalid("until", FieldProblem::TooLong));
    }
    let sources: Vec<_> = db_planning::sessions(
        &mut change.work,
        db_planning::Scope::Organisation(&change.org),
        monday,
        monday + Duration::days(6),
    )
    .await?
    .into_iter()
    .filter(|s| s.status != SessionStatus::Cancelled)
    .collect();
    let members = db_planning::group_members(&mut change.work, &change.org).await?;
    let ctx = change.context(first, until).await?;
    let mut report = CopyReport {
        until,
        created: 0,
        already_planned: 0,
        skipped: Vec::new(),
        batch: crate::db::new_id(),
    };
    // Each source joins a series (its own, or a new one) with the weeks
    // the series already has.
    let mut series_of = Vec::new();
    let mut copies = Vec::new();
    for source in &sources {
        let series = match &source.series {
            Some(series) => series.clone(),
            None => {
                let series = crate::db::new_id();
                db_planning::set_series(&mut change.work, &source.id, &series).await?;
                series
            }
        };
        let planned_weeks = db_planning::series_dates(&mut change.work, &series)
            .await?
            .into_iter()
            .map(monday_of)
            .collect();
        copies.push(CopySource {
            session: PlannedSession {
                id: source.id.clone(),
                group: source.group.clone(),
                venue: source.venue.clone(),
                slot: Slot::new(source.date, source.start, source.end),
                accompanists: source
                    .accompanists
                    .iter()
                    .map(|(id, _)| id.clone())
                    .collect(),
                children: members.get(&source.group).cloned().unwrap_or_default(),
                status: source.status,
            },
            planned_weeks,
        });
        series_of.push(series);
    }
    // The rules decide which copies are made; this only writes them.
    let plan = plan_copy(&copies, until, &ctx, || SessionId(crate::db::new_id()));
    for (index, copy) in &plan.made {
        let source = &sources[*index];
        let new = db_planning::NewSession {
            id: &copy.id,
            organisation: &change.org,
            group: &copy.group,
            venue: &copy.venue,
            series: Some(&series_of[*index]),
            batch: Some(&report.batch),
            slot: copy.slot,
            status: copy.status,
            accompanists: &copy.accompanists,
            plan: &source.plan,
        };
        db_planning::insert_session(&mut change.work, &new, &change.now).await?;
        report.created += 1;
    }
    report.already_planned = plan.already_planned;
    report.skipped = plan
        .skipped
        .into_iter()
        .map(|s| {
            let source = &sources[s.source];
            skipped_line(source.group_name.clone(), s, source.start)
        })
        .collect();
    report.skipped.sort_by_key(|s| (s.date, s.start));
    let detail = format!("{monday} → {until}: {} créées", report.created);
    let week = SessionId(format!("week:{monday}"));
    change.audit("planning.copy", &week, &detail).await?;
    change.work.commit().await?;
    Ok(report)
}

/// Coordinator: undoes a copy: deletes the sessions it created (`batch`,
/// from its report), except the ones changed or marked since. Gives how many
/// were deleted.
#[server(endpoint = "planning/uncopy")]
pub async fn undo_copy(batch: String) -> Result<u32, AppError> {
    use crate::planning::change::planning_change;
    use crate::planning::store as db_planning;
    let mut change = planning_change().await?;
    let deleted = db_planning::delete_copy(&mut change.work, &change.org, batch.trim()).await?;
    let entry = crate::domain::SessionId(format!("copy:{}", batch.trim()));
    change
        .audit("planning.uncopy", &entry, &format!("{deleted} supprimées"))
        .await?;
    change.work.commit().await?;
    Ok(deleted as u32)
}
