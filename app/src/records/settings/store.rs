//! The organisation's settings: thresholds and retention, accompanists,
//! venues, schools and their timetables.

use crate::db::{bit, flag, new_id, time};
use crate::domain::ids::*;
use crate::domain::Thresholds;
use crate::planning::store::{owns, Owned};
use crate::records::settings::types::*;
use chrono::Weekday;
use sqlx::{AnyConnection, Row};

pub async fn anonymise_after_months(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<u32, sqlx::Error> {
    let months: i64 =
        sqlx::query_scalar("SELECT anonymise_after_months FROM organisations WHERE id = $1")
            .bind(&org.0)
            .fetch_one(conn)
            .await?;
    Ok(u32::try_from(months).unwrap_or(24))
}

pub async fn set_thresholds(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    t: &Thresholds,
    months: u32,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE organisations SET threshold_preset = $1, group_min = $2, group_max = $3,
            max_children_per_adult = $4, min_adults_per_session = $5, sessions_per_week = $6,
            anonymise_after_months = $7
         WHERE id = $8",
    )
    .bind(t.preset.as_str())
    .bind(i64::from(t.group_min))
    .bind(i64::from(t.group_max))
    .bind(i64::from(t.max_children_per_adult))
    .bind(i64::from(t.min_adults_per_session))
    .bind(i64::from(t.sessions_per_week))
    .bind(i64::from(months))
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn accompanists(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<AccompanistLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, first_name || ' ' || last_name AS name, paid, email, phone, availability,
                CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS has_account
         FROM accompanists WHERE organisation_id = $1 ORDER BY last_name, first_name, id",
    )
    .bind(&org.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AccompanistLine {
                id: AccompanistId(r.try_get("id")?),
                name: r.try_get("name")?,
                paid: flag(r, "paid")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
                availability: r.try_get("availability")?,
                has_account: flag(r, "has_account")?,
            })
        })
        .collect()
}

pub async fn add_accompanist(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    a: &NewAccompanist,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO accompanists (id, organisation_id, first_name, last_name, email, phone, paid, availability)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(&a.first_name)
    .bind(&a.last_name)
    .bind(a.email.clone())
    .bind(a.phone.clone())
    .bind(bit(a.paid))
    .bind(&a.availability)
    .execute(conn)
    .await?;
    Ok(id)
}

pub async fn venues(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<VenueLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, name, address, kind FROM venues WHERE organisation_id = $1 ORDER BY name",
    )
    .bind(&org.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(VenueLine {
                id: VenueId(r.try_get("id")?),
                name: r.try_get("name")?,
                address: r.try_get("address")?,
                kind: r.try_get("kind")?,
            })
        })
        .collect()
}

/// Adds a venue; false when the organisation already has one by that name.
pub async fn add_venue(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    v: &VenueLine,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO venues (id, organisation_id, name, address, kind) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, name) DO NOTHING",
    )
    .bind(new_id())
    .bind(&org.0)
    .bind(&v.name)
    .bind(&v.address)
    .bind(&v.kind)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn schools(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<SchoolLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.uai, s.stage, t.id AS period, t.weekday, t.starts_at, t.ends_at
         FROM schools s LEFT JOIN school_timetables t ON t.school_id = s.id
         WHERE s.organisation_id = $1 ORDER BY s.name, s.id, t.weekday, t.starts_at",
    )
    .bind(&org.0)
    .fetch_all(conn)
    .await?;
    let mut schools: Vec<SchoolLine> = Vec::new();
    for r in rows {
        let id = SchoolId(r.try_get("id")?);
        if schools.last().is_none_or(|s| s.id != id) {
            schools.push(SchoolLine {
                id,
                name: r.try_get("name")?,
                uai: r.try_get("uai")?,
                stage: r.try_get("stage")?,
                timetable: Vec::new(),
            });
        }
        let Some(period) = r.try_get::<Option<String>, _>("period")? else {
            continue;
        };
        let weekday: i64 = r.try_get("weekday")?;
        let day = u8::try_from(weekday)
            .ok()
            .and_then(|d| Weekday::try_from(d.wrapping_sub(1)).ok())
            .ok_or_else(|| crate::db::bad_column("weekday", &weekday.to_string()))?;
        if let Some(school) = schools.last_mut() {
            school.timetable.push(TimetableLine {
                id: period,
                weekday: day,
                start: time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
                end: time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
            });
        }
    }
    Ok(schools)
}

/// Adds a school, with the usual primary timetable when asked.
pub async fn add_school(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    s: &NewSchool,
) -> Result<SchoolId, sqlx::Error> {
    let id = SchoolId(new_id());
    sqlx::query(
        "INSERT INTO schools (id, organisation_id, name, uai, stage) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id.0)
    .bind(&org.0)
    .bind(&s.name)
    .bind(s.uai.clone())
    .bind(&s.stage)
    .execute(&mut *conn)
    .await?;
    if s.usual_timetable {
        for (day, range) in crate::domain::SchoolTimetable::primary_default().periods {
            let period = NewPeriod {
                school: id.clone(),
                weekday: day.number_from_monday(),
                start: range.start,
                end: range.end,
            };
            add_period(conn, &period).await?;
        }
    }
    Ok(id)
}

pub async fn add_period(conn: &mut AnyConnection, p: &NewPeriod) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO school_timetables (id, school_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(&p.school.0)
    .bind(i64::from(p.weekday))
    .bind(p.start.format("%H:%M").to_string())
    .bind(p.end.format("%H:%M").to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes one period of a school of the organisation; false if none.
pub async fn delete_period(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    period: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM school_timetables WHERE id = $1
         AND school_id IN (SELECT id FROM schools WHERE organisation_id = $2)",
    )
    .bind(period)
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Changes an accompanist of the organisation; false when there is none
/// by that id.
pub async fn update_accompanist(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
    a: &NewAccompanist,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE accompanists SET first_name = $1, last_name = $2, email = $3, phone = $4, paid = $5,
                availability = $6
         WHERE id = $7 AND organisation_id = $8",
    )
    .bind(&a.first_name)
    .bind(&a.last_name)
    .bind(a.email.clone())
    .bind(a.phone.clone())
    .bind(bit(a.paid))
    .bind(&a.availability)
    .bind(id)
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// What removing a record of the settings found.
#[derive(Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    NotFound,
    /// Sessions, children or meetings refer to it: it stays, for the
    /// history and the report.
    InUse,
}

/// Removes the organisation's record `id` of kind `owned` when `in_use`
/// (a count of what refers to it, `$1` its id) finds nothing: runs
/// `removal`'s statements (`$1` its id) in order.
async fn remove_unused(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    owned: Owned,
    id: &str,
    in_use: &'static str,
    removal: &[&'static str],
) -> Result<Removal, sqlx::Error> {
    if !owns(conn, owned, id, org).await? {
        return Ok(Removal::NotFound);
    }
    let used: i64 = sqlx::query_scalar(in_use)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if used > 0 {
        return Ok(Removal::InUse);
    }
    for &sql in removal {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    Ok(Removal::Removed)
}

/// Removes an accompanist who never staffed a session (their groups
/// forget them, their login is disabled); one who did stays in the history.
pub async fn remove_accompanist(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
) -> Result<Removal, sqlx::Error> {
    remove_unused(
        conn,
        org,
        Owned::Accompanist,
        id,
        "SELECT COUNT(*) FROM session_accompanists WHERE accompanist_id = $1",
        &[
            "UPDATE users SET disabled = 1 WHERE id = (SELECT user_id FROM accompanists WHERE id = $1)",
            "DELETE FROM invitations WHERE accompanist_id = $1",
            "DELETE FROM accompanists WHERE id = $1",
        ],
    )
    .await
}

/// Changes a venue; false when another venue of the organisation has that
/// name. The caller checked that the venue is the organisation's.
pub async fn update_venue(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
    v: &VenueLine,
) -> Result<bool, sqlx::Error> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM venues WHERE organisation_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(&org.0)
    .bind(&v.name)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if taken > 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE venues SET name = $1, address = $2, kind = $3 WHERE id = $4 AND organisation_id = $5")
        .bind(&v.name)
        .bind(&v.address)
        .bind(&v.kind)
        .bind(id)
        .bind(&org.0)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Removes a venue no session uses (groups and events that named it as
/// their usual place forget it).
pub async fn remove_venue(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
) -> Result<Removal, sqlx::Error> {
    remove_unused(
        conn,
        org,
        Owned::Venue,
        id,
        "SELECT COUNT(*) FROM sessions WHERE venue_id = $1",
        &[
            "UPDATE groups SET default_venue_id = NULL WHERE default_venue_id = $1",
            "UPDATE family_events SET venue_id = NULL WHERE venue_id = $1",
            "DELETE FROM venues WHERE id = $1",
        ],
    )
    .await
}

/// Changes a school's name, UAI and stage; false when there is none by
/// that id in the organisation.
pub async fn update_school(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
    s: &NewSchool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE schools SET name = $1, uai = $2, stage = $3 WHERE id = $4 AND organisation_id = $5",
    )
    .bind(&s.name)
    .bind(s.uai.clone())
    .bind(&s.stage)
    .bind(id)
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes a school no child, contract or meeting refers to (its
/// timetable goes with it).
pub async fn remove_school(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &str,
) -> Result<Removal, sqlx::Error> {
    remove_unused(
        conn,
        org,
        Owned::School,
        id,
        "SELECT (SELECT COUNT(*) FROM children WHERE school_id = $1)
              + (SELECT COUNT(*) FROM contracts WHERE school_id = $1)
              + (SELECT COUNT(*) FROM school_liaisons WHERE school_id = $1)",
        &["DELETE FROM schools WHERE id = $1"],
    )
    .await
}
