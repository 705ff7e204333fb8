//! Sessions, the school calendar and what the planning rules read.

use crate::db::{bit, date, flag, time};
use crate::domain::calendar::{Holiday, SchoolTimetable, Slot, TimeRange};
use crate::domain::check::PlanningContext;
use crate::domain::ids::*;
use crate::domain::model::{
    ActivityCategory, PlannedSession, PupilTimetable, SessionPlan, SessionStatus,
};
use crate::domain::{Preset, Thresholds};
use crate::planning::types::{GroupLine, SessionLine};
use chrono::{NaiveDate, Weekday};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// Which sessions to load.
pub enum Scope<'a> {
    Organisation(&'a OrganisationId),
    Group(&'a GroupId),
    /// Sessions the accompanist is assigned to.
    Accompanist(&'a AccompanistId),
    /// Sessions of the groups the child is in.
    Child(&'a ChildId),
    /// One session, as a change leaves it.
    Session(&'a SessionId),
}

impl Scope<'_> {
    fn filter(&self) -> (&'static str, &str) {
        match self {
            Scope::Organisation(o) => ("s.organisation_id = $1", &o.0),
            Scope::Group(g) => ("s.group_id = $1", &g.0),
            // Why: a draft is the coordinator's work in progress; nobody
            // else sees it until it is published.
            Scope::Accompanist(a) => (
                "s.status <> 'draft' AND s.id IN (SELECT session_id FROM session_accompanists WHERE accompanist_id = $1)",
                &a.0,
            ),
            Scope::Child(c) => (
                "s.status <> 'draft' AND s.group_id IN (SELECT group_id FROM group_members WHERE child_id = $1)",
                &c.0,
            ),
            Scope::Session(s) => ("s.id = $1", &s.0),
        }
    }
}

fn status(row: &AnyRow) -> Result<SessionStatus, sqlx::Error> {
    let s: String = row.try_get("status")?;
    SessionStatus::parse(&s).ok_or_else(|| crate::db::bad_column("status", &s))
}

/// The sessions in scope from `from` to `to` (both included), by date and time.
pub async fn sessions(
    conn: &mut AnyConnection,
    scope: Scope<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SessionLine>, sqlx::Error> {
    let (filter, id) = scope.filter();
    let sql = format!(
        "SELECT s.id, s.group_id, g.name AS group_name, s.on_date, s.starts_at, s.ends_at, s.venue_id,
                v.name AS venue_name, s.status, s.cancel_reason, s.version, s.series_id,
                s.parents_welcome, s.shared_with_parents,
                (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = s.group_id) AS expected
         FROM sessions s JOIN groups g ON g.id = s.group_id JOIN venues v ON v.id = s.venue_id
         WHERE {filter} AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY s.on_date, s.starts_at, g.name"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut *conn)
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
        .fetch_all(&mut *conn)
        .await?;
    let activity_sql = format!(
        "SELECT sa.session_id, sa.category FROM session_activities sa JOIN sessions s ON s.id = sa.session_id
         WHERE {filter} AND s.on_date >= $2 AND s.on_date <= $3 AND sa.done = 0
         ORDER BY sa.category"
    );
    let activity_rows = sqlx::query(sqlx::AssertSqlSafe(activity_sql))
        .bind(id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let mut activities: BTreeMap<String, Vec<ActivityCategory>> = BTreeMap::new();
    for r in &activity_rows {
        let code: String = r.try_get("category")?;
        let category = ActivityCategory::parse(&code)
            .ok_or_else(|| crate::db::bad_column("category", &code))?;
        activities
            .entry(r.try_get("session_id")?)
            .or_default()
            .push(category);
    }
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
                plan: SessionPlan {
                    activities: {
                        let mut planned = activities.remove(&id).unwrap_or_default();
                        planned.sort();
                        planned
                    },
                    parents_welcome: flag(r, "parents_welcome")?,
                    shared_with_parents: flag(r, "shared_with_parents")?,
                },
                series: r.try_get("series_id")?,
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
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PlannedSession>, sqlx::Error> {
    let lines = sessions(&mut *conn, Scope::Organisation(org), from, to).await?;
    let members = group_members(&mut *conn, org).await?;
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
    conn: &mut AnyConnection,
    org: &OrganisationId,
    session: &SessionId,
) -> Result<Option<PlannedSession>, sqlx::Error> {
    let on: Option<String> =
        sqlx::query_scalar("SELECT on_date FROM sessions WHERE id = $1 AND organisation_id = $2")
            .bind(&session.0)
            .bind(&org.0)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(on) = on else { return Ok(None) };
    let day = date(&on, "on_date")?;
    Ok(planned_sessions(&mut *conn, org, day, day)
        .await?
        .into_iter()
        .find(|s| &s.id == session))
}

/// The enrolled children of every group of the organisation.
pub async fn group_members(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<BTreeMap<GroupId, Vec<ChildId>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT gm.group_id, gm.child_id FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE g.organisation_id = $1 ORDER BY gm.child_id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: BTreeMap<GroupId, Vec<ChildId>> = BTreeMap::new();
    for r in &rows {
        out.entry(GroupId(r.try_get("group_id")?))
            .or_default()
            .push(ChildId(r.try_get("child_id")?));
    }
    Ok(out)
}

/// The organisation's (`$1`) school year in effect on the day `$2`: the
/// one holding that day, else the next to start, else the last that ended.
/// Its groups are the ones the planning and the forms offer: once the next
/// year is prepared (« Préparer l'année suivante »), its groups appear when
/// the year being left has ended.
pub const YEAR_IN_EFFECT: &str = "(SELECT y.id FROM school_years y WHERE y.organisation_id = $1
     ORDER BY CASE WHEN y.first_day <= $2 AND y.last_day >= $2 THEN 0
                   WHEN y.first_day > $2 THEN 1 ELSE 2 END,
              CASE WHEN y.first_day > $2 THEN y.first_day END,
              y.last_day DESC
     LIMIT 1)";

/// The groups of the organisation's year in effect (`YEAR_IN_EFFECT`),
/// with what a new session of theirs starts with.
pub async fn groups(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<GroupLine>, sqlx::Error> {
    let sql = format!(
        "SELECT g.id, g.name, g.planned_activities, g.default_venue_id,
                (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS enrolled
         FROM groups g WHERE g.organisation_id = $1 AND g.school_year_id = {YEAR_IN_EFFECT}
         ORDER BY g.name"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&org.0)
        .bind(crate::state::today().to_string())
        .fetch_all(&mut *conn)
        .await?;
    let staff_rows = sqlx::query(
        "SELECT ga.group_id, ga.accompanist_id FROM group_accompanists ga JOIN groups g ON g.id = ga.group_id
         WHERE g.organisation_id = $1 ORDER BY ga.accompanist_id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut members = group_members(&mut *conn, org).await?;
    let mut staff: BTreeMap<String, Vec<AccompanistId>> = BTreeMap::new();
    for r in &staff_rows {
        staff
            .entry(r.try_get("group_id")?)
            .or_default()
            .push(AccompanistId(r.try_get("accompanist_id")?));
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let planned: String = r.try_get("planned_activities")?;
            let id = GroupId(id);
            Ok(GroupLine {
                accompanists: staff.remove(&id.0).unwrap_or_default(),
                members: members.remove(&id).unwrap_or_default(),
                id,
                name: r.try_get("name")?,
                enrolled: r.try_get::<i64, _>("enrolled")?.max(0) as u32,
                planned: planned
                    .split(',')
                    .filter_map(|c| ActivityCategory::parse(c.trim()))
                    .collect(),
                default_venue: r
                    .try_get::<Option<String>, _>("default_venue_id")?
                    .map(VenueId),
            })
        })
        .collect()
}

/// The holidays of the organisation's school years.
pub async fn holidays(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<Holiday>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT h.name, h.first_day, h.last_day FROM holidays h JOIN school_years y ON y.id = h.school_year_id
         WHERE y.organisation_id = $1 ORDER BY h.first_day",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(holiday).collect()
}

/// A holiday from a row with `name`, `first_day` and `last_day`.
pub fn holiday(r: &sqlx::any::AnyRow) -> Result<Holiday, sqlx::Error> {
    Ok(Holiday {
        name: r.try_get("name")?,
        first_day: date(&r.try_get::<String, _>("first_day")?, "first_day")?,
        last_day: date(&r.try_get::<String, _>("last_day")?, "last_day")?,
    })
}

/// The school timetable of each child of the organisation who has a school.
pub async fn pupil_timetables(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<PupilTimetable>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id AS child_id, t.weekday, t.starts_at, t.ends_at
         FROM children c JOIN school_timetables t ON t.school_id = c.school_id
         WHERE c.organisation_id = $1 ORDER BY c.id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
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
            _ => return Err(crate::db::bad_column("weekday", &weekday.to_string())),
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
pub async fn thresholds(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Thresholds, sqlx::Error> {
    let r = sqlx::query(
        "SELECT threshold_preset, group_min, group_max, max_children_per_adult, min_adults_per_session, sessions_per_week
         FROM organisations WHERE id = $1",
    )
    .bind(&org.0)
    .fetch_one(&mut *conn)
    .await?;
    let preset: String = r.try_get("threshold_preset")?;
    let preset =
        Preset::parse(&preset).ok_or_else(|| crate::db::bad_column("threshold_preset", &preset))?;
    let n = |c: &str| -> Result<u32, sqlx::Error> {
        let v: i64 = r.try_get(c)?;
        u32::try_from(v).map_err(|_| crate::db::bad_column(c, &v.to_string()))
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
    conn: &mut AnyConnection,
    table: Owned,
    org: &OrganisationId,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = match table {
        Owned::Venue => "SELECT id, name FROM venues WHERE organisation_id = $1 ORDER BY name",
        Owned::Accompanist => {
            "SELECT id, first_name || ' ' || SUBSTR(last_name, 1, 1) || '.' AS name FROM accompanists
             WHERE organisation_id = $1 ORDER BY first_name, last_name"
        }
        Owned::Group => {
            let sql = format!(
                "SELECT id, name FROM groups
                 WHERE organisation_id = $1 AND school_year_id = {YEAR_IN_EFFECT} ORDER BY name"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&org.0)
                .bind(crate::state::today().to_string())
                .fetch_all(&mut *conn)
                .await?;
            return rows
                .iter()
                .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
                .collect();
        }
        Owned::School => "SELECT id, name FROM schools WHERE organisation_id = $1 ORDER BY name",
        Owned::Child => {
            "SELECT id, first_name || ' ' || last_name AS name FROM children
             WHERE organisation_id = $1 AND anonymised_at IS NULL ORDER BY last_name, first_name"
        }
        Owned::Guardian => {
            "SELECT id, first_name || ' ' || last_name AS name FROM guardians
             WHERE organisation_id = $1 ORDER BY last_name, first_name"
        }
    };
    let rows = sqlx::query(sql).bind(&org.0).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
        .collect()
}

/// True when a venue, an accompanist, a group, a school or a (current, not
/// anonymised) child is the organisation's.
pub async fn owns(
    conn: &mut AnyConnection,
    table: Owned,
    id: &str,
    org: &OrganisationId,
) -> Result<bool, sqlx::Error> {
    let sql = match table {
        Owned::Venue => "SELECT COUNT(*) FROM venues WHERE id = $1 AND organisation_id = $2",
        Owned::Accompanist => {
            "SELECT COUNT(*) FROM accompanists WHERE id = $1 AND organisation_id = $2"
        }
        Owned::Group => "SELECT COUNT(*) FROM groups WHERE id = $1 AND organisation_id = $2",
        Owned::School => "SELECT COUNT(*) FROM schools WHERE id = $1 AND organisation_id = $2",
        Owned::Child => {
            "SELECT COUNT(*) FROM children WHERE id = $1 AND organisation_id = $2 AND anonymised_at IS NULL"
        }
        Owned::Guardian => "SELECT COUNT(*) FROM guardians WHERE id = $1 AND organisation_id = $2",
    };
    let n: i64 = sqlx::query_scalar(sql)
        .bind(id)
        .bind(&org.0)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// What [`owns`] can check.
#[derive(Clone, Copy, Debug)]
pub enum Owned {
    Venue,
    Accompanist,
    Group,
    School,
    Child,
    Guardian,
}

/// What the session rules need to know about the organisation around the
/// days `from`..`to` (the day before and after too, for sessions near
/// midnight).
pub async fn context(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PlanningContext, sqlx::Error> {
    Ok(PlanningContext {
        thresholds: thresholds(&mut *conn, org).await?,
        holidays: holidays(&mut *conn, org).await?,
        sessions: planned_sessions(
            &mut *conn,
            org,
            from - chrono::Duration::days(1),
            to + chrono::Duration::days(1),
        )
        .await?,
        pupils: pupil_timetables(&mut *conn, org).await?,
    })
}

/// The last day of the organisation's school year holding `day`, if any.
pub async fn school_year_end(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    day: NaiveDate,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let last: Option<String> = sqlx::query_scalar(
        "SELECT last_day FROM school_years WHERE organisation_id = $1 AND first_day <= $2 AND last_day >= $2
         ORDER BY first_day DESC LIMIT 1",
    )
    .bind(&org.0)
    .bind(day.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    last.map(|d| date(&d, "last_day")).transpose()
}

/// What a change must know of a session before touching it, read inside the
/// planning transaction.
pub struct SessionState {
    pub organisation: OrganisationId,
    pub status: SessionStatus,
    pub version: i64,
    pub series: Option<String>,
}

/// The session's owner, status, version and series.
pub async fn session_state(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<Option<SessionState>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT organisation_id, status, version, series_id FROM sessions WHERE id = $1",
    )
    .bind(&session.0)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(SessionState {
            organisation: OrganisationId(r.try_get("organisation_id")?),
            status: status(&r)?,
            version: r.try_get("version")?,
            series: r.try_get("series_id")?,
        })
    })
    .transpose()
}

/// Moves a session to `slot` in `venue`.
pub async fn set_slot(
    conn: &mut AnyConnection,
    session: &SessionId,
    slot: &Slot,
    venue: &VenueId,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET on_date = $2, starts_at = $3, ends_at = $4, venue_id = $5, version = version + 1, updated_at = $6
         WHERE id = $1",
    )
    .bind(&session.0)
    .bind(slot.date.to_string())
    .bind(slot.time.start.format("%H:%M").to_string())
    .bind(slot.time.end.format("%H:%M").to_string())
    .bind(&venue.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds (`assigned`) or removes an accompanist of a session.
pub async fn set_session_accompanist(
    conn: &mut AnyConnection,
    session: &SessionId,
    accompanist: &AccompanistId,
    assigned: bool,
    now: &str,
) -> Result<(), sqlx::Error> {
    let sql = if assigned {
        "INSERT INTO session_accompanists (session_id, accompanist_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM session_accompanists WHERE session_id = $1 AND accompanist_id = $2"
    };
    sqlx::query(sql)
        .bind(&session.0)
        .bind(&accompanist.0)
        .execute(&mut *conn)
        .await?;
    touch(conn, session, now).await
}

/// Bumps a session's version after a change to its rows.
async fn touch(
    conn: &mut AnyConnection,
    session: &SessionId,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(&session.0)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Changes a session's status; a cancellation carries its reason.
pub async fn set_status(
    conn: &mut AnyConnection,
    session: &SessionId,
    status: SessionStatus,
    reason: Option<&str>,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET status = $2, cancel_reason = $3, version = version + 1, updated_at = $4 WHERE id = $1",
    )
    .bind(&session.0)
    .bind(status.as_str())
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes a draft (a session nobody else has seen); false when it is not a draft.
pub async fn delete_draft(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND status = 'draft'")
        .bind(&session.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the session plan: the planned activities and the parents' place.
pub async fn set_plan(
    conn: &mut AnyConnection,
    session: &SessionId,
    plan: &SessionPlan,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM session_activities WHERE session_id = $1 AND done = 0")
        .bind(&session.0)
        .execute(&mut *conn)
        .await?;
    for category in &plan.activities {
        sqlx::query(
            "INSERT INTO session_activities (session_id, category, done) VALUES ($1, $2, 0)",
        )
        .bind(&session.0)
        .bind(category.as_str())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "UPDATE sessions SET parents_welcome = $2, shared_with_parents = $3, version = version + 1, updated_at = $4 WHERE id = $1",
    )
    .bind(&session.0)
    .bind(bit(plan.parents_welcome))
    .bind(bit(plan.shared_with_parents))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A session to create.
pub struct NewSession<'a> {
    pub id: &'a SessionId,
    pub organisation: &'a OrganisationId,
    pub group: &'a GroupId,
    pub venue: &'a VenueId,
    pub series: Option<&'a str>,
    /// The copy that creates it, if any.
    pub batch: Option<&'a str>,
    pub slot: Slot,
    pub status: SessionStatus,
    pub accompanists: &'a [AccompanistId],
    pub plan: &'a SessionPlan,
}

/// Creates a session with its accompanists and plan.
pub async fn insert_session(
    conn: &mut AnyConnection,
    new: &NewSession<'_>,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id, organisation_id, group_id, venue_id, series_id, on_date, starts_at, ends_at, status,
                               parents_welcome, shared_with_parents, created_at, updated_at, copy_batch)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)",
    )
    .bind(&new.id.0)
    .bind(&new.organisation.0)
    .bind(&new.group.0)
    .bind(&new.venue.0)
    .bind(new.series)
    .bind(new.slot.date.to_string())
    .bind(new.slot.time.start.format("%H:%M").to_string())
    .bind(new.slot.time.end.format("%H:%M").to_string())
    .bind(new.status.as_str())
    .bind(bit(new.plan.parents_welcome))
    .bind(bit(new.plan.shared_with_parents))
    .bind(now)
    .bind(new.batch)
    .execute(&mut *conn)
    .await?;
    for a in new.accompanists {
        sqlx::query(
            "INSERT INTO session_accompanists (session_id, accompanist_id) VALUES ($1, $2)",
        )
        .bind(&new.id.0)
        .bind(&a.0)
        .execute(&mut *conn)
        .await?;
    }
    for category in &new.plan.activities {
        sqlx::query(
            "INSERT INTO session_activities (session_id, category, done) VALUES ($1, $2, 0)",
        )
        .bind(&new.id.0)
        .bind(category.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Marks a session as the first of a series (when a week is copied).
pub async fn set_series(
    conn: &mut AnyConnection,
    session: &SessionId,
    series: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET series_id = $2 WHERE id = $1")
        .bind(&session.0)
        .bind(series)
        .execute(conn)
        .await?;
    Ok(())
}

/// The sessions of a series after `day` that can still change, by date.
pub async fn series_after(
    conn: &mut AnyConnection,
    series: &str,
    day: NaiveDate,
) -> Result<Vec<(SessionId, NaiveDate)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, on_date FROM sessions WHERE series_id = $1 AND on_date > $2 AND status IN ('draft', 'planned')
         ORDER BY on_date",
    )
    .bind(series)
    .bind(day.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                SessionId(r.try_get("id")?),
                date(&r.try_get::<String, _>("on_date")?, "on_date")?,
            ))
        })
        .collect()
}

/// The dates on which a series already has a session (any status).
pub async fn series_dates(
    conn: &mut AnyConnection,
    series: &str,
) -> Result<Vec<NaiveDate>, sqlx::Error> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT on_date FROM sessions WHERE series_id = $1")
        .bind(series)
        .fetch_all(conn)
        .await?;
    rows.iter().map(|d| date(d, "on_date")).collect()
}

/// Deletes the sessions a copy created, except those changed or marked
/// since (a later version, or attendance); gives how many were deleted.
pub async fn delete_copy(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    batch: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM sessions WHERE copy_batch = $1 AND organisation_id = $2 AND version = 1
           AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = sessions.id)",
    )
    .bind(batch)
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
