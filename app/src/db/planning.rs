//! Sessions, the school calendar and what the planning rules read.

use crate::db::{date, time, Db};
use crate::domain::calendar::{Holiday, SchoolTimetable, Slot, TimeRange};
use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, PlannedSession, PupilTimetable, SessionStatus};
use crate::domain::{Preset, Thresholds};
use crate::planning::types::SessionLine;
use chrono::{NaiveDate, Weekday};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;

/// Which sessions to load.
pub enum Scope<'a> {
    Organisation(&'a OrganisationId),
    Group(&'a GroupId),
    /// Sessions the accompanist is assigned to.
    Accompanist(&'a AccompanistId),
    /// Sessions of the groups the child is in.
    Child(&'a ChildId),
}

impl Scope<'_> {
    fn filter(&self) -> (&'static str, &str) {
        match self {
            Scope::Organisation(o) => ("s.organisation_id = $1", &o.0),
            Scope::Group(g) => ("s.group_id = $1", &g.0),
            Scope::Accompanist(a) => (
                "s.id IN (SELECT session_id FROM session_accompanists WHERE accompanist_id = $1)",
                &a.0,
            ),
            Scope::Child(c) => (
                "s.group_id IN (SELECT group_id FROM group_members WHERE child_id = $1)",
                &c.0,
            ),
        }
    }
}

fn status(row: &AnyRow) -> Result<SessionStatus, sqlx::Error> {
    let s: String = row.try_get("status")?;
    SessionStatus::parse(&s).ok_or_else(|| super::bad_column("status", &s))
}

/// The sessions in scope from `from` to `to` (both included), by date and time.
pub async fn sessions(
    db: &Db,
    scope: Scope<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SessionLine>, sqlx::Error> {
    let (filter, id) = scope.filter();
    let sql = format!(
        "SELECT s.id, s.group_id, g.name AS group_name, s.on_date, s.starts_at, s.ends_at, s.venue_id,
                v.name AS venue_name, s.status, s.cancel_reason, s.version,
                (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = s.group_id) AS expected
         FROM sessions s JOIN groups g ON g.id = s.group_id JOIN venues v ON v.id = s.venue_id
         WHERE {filter} AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY s.on_date, s.starts_at, g.name"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&db.pool)
        .await?;
    let staff_sql = format!(
        "SELECT sa.session_id, a.id, a.first_name || ' ' || SUBSTR(a.last_name, 1, 1) || '.' AS name
         FROM session_accompanists sa JOIN accompanists a ON a.id = sa.accompanist_id
         JOIN sessions s ON s.id = sa.session_id
         WHERE {filter} AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY a.first_name"
    );
    let staff_rows = sqlx::query(sqlx::AssertSqlSafe(staff_sql))
        .bind(id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&db.pool)
        .await?;
    let mut staff: BTreeMap<String, Vec<(AccompanistId, String)>> = BTreeMap::new();
    for r in &staff_rows {
        staff
            .entry(r.try_get("session_id")?)
            .or_default()
            .push((AccompanistId(r.try_get("id")?), r.try_get("name")?));
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            Ok(SessionLine {
                accompanists: staff.remove(&id).unwrap_or_default(),
                id: SessionId(id),
                group: GroupId(r.try_get("group_id")?),
                group_name: r.try_get("group_name")?,
                date: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                start: time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
                end: time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
                venue: VenueId(r.try_get("venue_id")?),
                venue_name: r.try_get("venue_name")?,
                status: status(r)?,
                cancel_reason: r.try_get("cancel_reason")?,
                expected_children: r.try_get::<i64, _>("expected")?.max(0) as u32,
                version: r.try_get("version")?,
            })
        })
        .collect()
}

/// The organisation's sessions between two dates, as the rules see them.
pub async fn planned_sessions(
    db: &Db,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PlannedSession>, sqlx::Error> {
    let lines = sessions(db, Scope::Organisation(org), from, to).await?;
    let members = group_members(db, org).await?;
    Ok(lines
        .into_iter()
        .map(|l| PlannedSession {
            children: members.get(&l.group).cloned().unwrap_or_default(),
            accompanists: l.accompanists.iter().map(|(id, _)| id.clone()).collect(),
            slot: Slot::new(l.date, l.start, l.end),
            id: l.id,
            group: l.group,
            venue: l.venue,
            status: l.status,
        })
        .collect())
}

/// One session of the organisation, as the rules see it.
pub async fn planned_session(
    db: &Db,
    org: &OrganisationId,
    session: &SessionId,
) -> Result<Option<PlannedSession>, sqlx::Error> {
    let on: Option<String> =
        sqlx::query_scalar("SELECT on_date FROM sessions WHERE id = $1 AND organisation_id = $2")
            .bind(&session.0)
            .bind(&org.0)
            .fetch_optional(&db.pool)
            .await?;
    let Some(on) = on else { return Ok(None) };
    let day = date(&on, "on_date")?;
    Ok(planned_sessions(db, org, day, day)
        .await?
        .into_iter()
        .find(|s| &s.id == session))
}

/// The enrolled children of every group of the organisation.
pub async fn group_members(
    db: &Db,
    org: &OrganisationId,
) -> Result<BTreeMap<GroupId, Vec<ChildId>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT gm.group_id, gm.child_id FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE g.organisation_id = $1 ORDER BY gm.child_id",
    )
    .bind(&org.0)
    .fetch_all(&db.pool)
    .await?;
    let mut out: BTreeMap<GroupId, Vec<ChildId>> = BTreeMap::new();
    for r in &rows {
        out.entry(GroupId(r.try_get("group_id")?))
            .or_default()
            .push(ChildId(r.try_get("child_id")?));
    }
    Ok(out)
}

/// The groups of the organisation: id, name, enrolled count, planned activities.
pub async fn groups(
    db: &Db,
    org: &OrganisationId,
) -> Result<Vec<(GroupId, String, u32, Vec<ActivityCategory>)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, g.planned_activities,
                (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS enrolled
         FROM groups g WHERE g.organisation_id = $1 ORDER BY g.name",
    )
    .bind(&org.0)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let planned: String = r.try_get("planned_activities")?;
            Ok((
                GroupId(r.try_get("id")?),
                r.try_get("name")?,
                r.try_get::<i64, _>("enrolled")?.max(0) as u32,
                planned
                    .split(',')
                    .filter_map(|c| ActivityCategory::parse(c.trim()))
                    .collect(),
            ))
        })
        .collect()
}

/// The holidays of the organisation's school years.
pub async fn holidays(db: &Db, org: &OrganisationId) -> Result<Vec<Holiday>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT h.name, h.first_day, h.last_day FROM holidays h JOIN school_years y ON y.id = h.school_year_id
         WHERE y.organisation_id = $1 ORDER BY h.first_day",
    )
    .bind(&org.0)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Holiday {
                name: r.try_get("name")?,
                first_day: date(&r.try_get::<String, _>("first_day")?, "first_day")?,
                last_day: date(&r.try_get::<String, _>("last_day")?, "last_day")?,
            })
        })
        .collect()
}

/// The school timetable of each child of the organisation who has a school.
pub async fn pupil_timetables(
    db: &Db,
    org: &OrganisationId,
) -> Result<Vec<PupilTimetable>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id AS child_id, t.weekday, t.starts_at, t.ends_at
         FROM children c JOIN school_timetables t ON t.school_id = c.school_id
         WHERE c.organisation_id = $1 ORDER BY c.id",
    )
    .bind(&org.0)
    .fetch_all(&db.pool)
    .await?;
    let mut by_child: BTreeMap<String, SchoolTimetable> = BTreeMap::new();
    for r in &rows {
        let weekday: i64 = r.try_get("weekday")?;
        let day = match weekday {
            1 => Weekday::Mon,
            2 => Weekday::Tue,
            3 => Weekday::Wed,
            4 => Weekday::Thu,
            5 => Weekday::Fri,
            6 => Weekday::Sat,
            7 => Weekday::Sun,
            _ => return Err(super::bad_column("weekday", &weekday.to_string())),
        };
        let range = TimeRange::new(
            time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
            time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
        );
        by_child
            .entry(r.try_get("child_id")?)
            .or_default()
            .periods
            .push((day, range));
    }
    Ok(by_child
        .into_iter()
        .map(|(child, timetable)| PupilTimetable {
            child: ChildId(child),
            timetable,
        })
        .collect())
}

/// The organisation's thresholds.
pub async fn thresholds(db: &Db, org: &OrganisationId) -> Result<Thresholds, sqlx::Error> {
    let r = sqlx::query(
        "SELECT threshold_preset, group_min, group_max, max_children_per_adult, min_adults_per_session, sessions_per_week
         FROM organisations WHERE id = $1",
    )
    .bind(&org.0)
    .fetch_one(&db.pool)
    .await?;
    let preset: String = r.try_get("threshold_preset")?;
    let preset =
        Preset::parse(&preset).ok_or_else(|| super::bad_column("threshold_preset", &preset))?;
    let n = |c: &str| -> Result<u32, sqlx::Error> {
        let v: i64 = r.try_get(c)?;
        u32::try_from(v).map_err(|_| super::bad_column(c, &v.to_string()))
    };
    Ok(Thresholds {
        preset,
        group_min: n("group_min")?,
        group_max: n("group_max")?,
        max_children_per_adult: n("max_children_per_adult")?,
        min_adults_per_session: n("min_adults_per_session")?,
        sessions_per_week: n("sessions_per_week")?,
        ..Thresholds::for_preset(preset)
    })
}

/// The organisation's venues, or its accompanists, as (id, name), by name.
pub async fn names(
    db: &Db,
    table: Owned,
    org: &OrganisationId,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = match table {
        Owned::Venue => "SELECT id, name FROM venues WHERE organisation_id = $1 ORDER BY name",
        Owned::Accompanist => {
            "SELECT id, first_name || ' ' || SUBSTR(last_name, 1, 1) || '.' AS name FROM accompanists
             WHERE organisation_id = $1 ORDER BY first_name, last_name"
        }
    };
    let rows = sqlx::query(sql).bind(&org.0).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
        .collect()
}

/// Which organisation a session belongs to, and its version.
pub async fn session_owner(
    db: &Db,
    session: &SessionId,
) -> Result<Option<(OrganisationId, i64)>, sqlx::Error> {
    let row = sqlx::query("SELECT organisation_id, version FROM sessions WHERE id = $1")
        .bind(&session.0)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| {
        Ok((
            OrganisationId(r.try_get("organisation_id")?),
            r.try_get("version")?,
        ))
    })
    .transpose()
}

/// True when a venue, or an accompanist, is the organisation's.
pub async fn owns(
    db: &Db,
    table: Owned,
    id: &str,
    org: &OrganisationId,
) -> Result<bool, sqlx::Error> {
    let sql = match table {
        Owned::Venue => "SELECT COUNT(*) FROM venues WHERE id = $1 AND organisation_id = $2",
        Owned::Accompanist => {
            "SELECT COUNT(*) FROM accompanists WHERE id = $1 AND organisation_id = $2"
        }
    };
    let n: i64 = sqlx::query_scalar(sql)
        .bind(id)
        .bind(&org.0)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

/// What [`owns`] can check.
#[derive(Clone, Copy, Debug)]
pub enum Owned {
    Venue,
    Accompanist,
}

/// Moves a session if nobody changed it since `version`; false otherwise.
pub async fn move_session(
    db: &Db,
    session: &SessionId,
    version: i64,
    slot: &Slot,
    venue: &VenueId,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sessions SET on_date = $3, starts_at = $4, ends_at = $5, venue_id = $6, version = version + 1, updated_at = $7
         WHERE id = $1 AND version = $2",
    )
    .bind(&session.0)
    .bind(version)
    .bind(slot.date.to_string())
    .bind(slot.time.start.format("%H:%M").to_string())
    .bind(slot.time.end.format("%H:%M").to_string())
    .bind(&venue.0)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds or removes an accompanist of a session if nobody changed the session
/// since `version`; false otherwise. One transaction.
pub async fn set_session_accompanist(
    db: &Db,
    session: &SessionId,
    version: i64,
    accompanist: &AccompanistId,
    assigned: bool,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let bumped = sqlx::query(
        "UPDATE sessions SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2",
    )
    .bind(&session.0)
    .bind(version)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if bumped.rows_affected() != 1 {
        return Ok(false);
    }
    let sql = if assigned {
        "INSERT INTO session_accompanists (session_id, accompanist_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM session_accompanists WHERE session_id = $1 AND accompanist_id = $2"
    };
    sqlx::query(sql)
        .bind(&session.0)
        .bind(&accompanist.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
