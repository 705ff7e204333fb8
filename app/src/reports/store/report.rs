//! What the report reads: one organisation's school year as facts
//! (`domain::report::ReportFacts`), counted per child and per session in SQL
//! so that a year of registers comes back as a few hundred rows.

use crate::db::{date, flag, time};
use crate::domain::calendar::Holiday;
use crate::domain::ids::*;
use crate::domain::model::{
    ActivityCategory, ChildStatus, FamilyEventKind, LiaisonKind, ReferralSource, SchoolLevel,
    SessionStatus, Sex,
};
use crate::domain::report::*;
use crate::records::school_year::types::SchoolYear;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The organisation's school years, the newest first.
pub async fn years(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<SchoolYear>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, label, first_day, last_day, holiday_zone FROM school_years
         WHERE organisation_id = $1 ORDER BY first_day DESC",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(crate::records::school_year::store::school_year)
        .collect()
}

pub(crate) fn parsed<T>(value: Option<T>, column: &str, raw: &str) -> Result<T, sqlx::Error> {
    value.ok_or_else(|| crate::db::bad_column(column, raw))
}

/// The marks where the child came, as an SQL list (`'present', 'late'`):
/// the domain's rule (`AttendanceStatus::came`), written once.
pub(crate) fn came_list() -> String {
    crate::domain::model::AttendanceStatus::ALL
        .iter()
        .filter(|s| s.came())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn count(r: &sqlx::any::AnyRow, column: &str) -> Result<u32, sqlx::Error> {
    // Why: SUM over no row is NULL.
    Ok(r.try_get::<Option<i64>, _>(column)?.unwrap_or(0).max(0) as u32)
}

/// Everything the report of `year` reads.
pub async fn facts(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYear,
) -> Result<ReportFacts, sqlx::Error> {
    let y = &year.id.0;
    let (first, last) = (year.first_day.to_string(), year.last_day.to_string());
    let holidays: Vec<Holiday> = crate::records::school_year::store::holidays(&mut *conn, &year.id)
        .await?
        .into_iter()
        .map(|h| h.holiday)
        .collect();
    let thresholds = crate::planning::store::thresholds(&mut *conn, org).await?;

    let rows = sqlx::query(
        "SELECT g.id, g.name, g.planned_activities,
                (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS members
         FROM groups g WHERE g.organisation_id = $1 AND g.school_year_id = $2 ORDER BY g.name",
    )
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let groups = rows
        .iter()
        .map(|r| {
            let planned: String = r.try_get("planned_activities")?;
            Ok(GroupFacts {
                id: GroupId(r.try_get("id")?),
                name: r.try_get("name")?,
                members: count(r, "members")?,
                planned: planned
                    .split(',')
                    .filter_map(|c| ActivityCategory::parse(c.trim()))
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let came = came_list();
    // Why: `came` is made above from the domain's codes, never input.
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT s.id, s.group_id, s.on_date, s.starts_at, s.ends_at, s.status,
                (SELECT COUNT(*) FROM session_accompanists sa WHERE sa.session_id = s.id) AS adults,
                (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id) AS marked,
                (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id
                   AND a.status IN ({came})) AS attended
         FROM sessions s JOIN groups g ON g.id = s.group_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2 AND s.status <> 'draft'
         ORDER BY s.on_date, s.starts_at"
    )))
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let sessions = rows
        .iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            let start = time(&r.try_get::<String, _>("starts_at")?, "starts_at")?;
            let end = time(&r.try_get::<String, _>("ends_at")?, "ends_at")?;
            Ok(SessionFacts {
                id: SessionId(r.try_get("id")?),
                group: GroupId(r.try_get("group_id")?),
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                minutes: (end - start).num_minutes().max(0) as u32,
                status: parsed(SessionStatus::parse(&status), "status", &status)?,
                adults: count(r, "adults")?,
                marked: count(r, "marked")?,
                attended: count(r, "attended")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    // The children reached: members of the year's groups, and anyone
    // marked in one of its sessions (a child who left keeps their marks).
    // Their status is the one at the year's end: a child who leaves after
    // it (carried out of it by « Préparer l'année suivante ») was enrolled
    // all year.
    let rows = sqlx::query(
        "SELECT c.id, c.school_level, c.birth_year, c.sex, c.priority_area,
                CASE WHEN c.status = 'sorti'
                          AND c.left_on > (SELECT y.last_day FROM school_years y WHERE y.id = $2)
                     THEN 'inscrit' ELSE c.status END AS status,
                (SELECT r.source FROM referrals r WHERE r.child_id = c.id
                 ORDER BY r.referred_on, r.id LIMIT 1) AS referral
         FROM children c
         WHERE c.organisation_id = $1 AND (
           EXISTS (SELECT 1 FROM group_members m JOIN groups g ON g.id = m.group_id
                   WHERE m.child_id = c.id AND g.school_year_id = $2)
           OR EXISTS (SELECT 1 FROM attendance a JOIN sessions s ON s.id = a.session_id
                      JOIN groups g ON g.id = s.group_id
                      WHERE a.child_id = c.id AND g.school_year_id = $2))
         ORDER BY c.id",
    )
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let marks = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT a.child_id, COUNT(*) AS marked,
                SUM(CASE WHEN a.status IN ({came}) THEN 1 ELSE 0 END) AS attended
         FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2 AND s.status = 'held'
         GROUP BY a.child_id"
    )))
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let mut marks_of: HashMap<String, (u32, u32)> = HashMap::new();
    for r in &marks {
        marks_of.insert(
            r.try_get("child_id")?,
            (count(r, "marked")?, count(r, "attended")?),
        );
    }
    let links = sqlx::query(
        "SELECT cg.child_id, cg.guardian_id FROM child_guardians cg
         JOIN children c ON c.id = cg.child_id WHERE c.organisation_id = $1
         ORDER BY cg.child_id, cg.guardian_id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut guardians_of: HashMap<String, Vec<GuardianId>> = HashMap::new();
    for r in &links {
        guardians_of
            .entry(r.try_get("child_id")?)
            .or_default()
            .push(GuardianId(r.try_get("guardian_id")?));
    }
    let members = sqlx::query(
        "SELECT m.child_id, m.group_id FROM group_members m JOIN groups g ON g.id = m.group_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2",
    )
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let mut groups_of: HashMap<String, Vec<GroupId>> = HashMap::new();
    for r in &members {
        groups_of
            .entry(r.try_get("child_id")?)
            .or_default()
            .push(GroupId(r.try_get("group_id")?));
    }
    let children = rows
        .iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let level: String = r.try_get("school_level")?;
            let sex: String = r.try_get("sex")?;
            let status: String = r.try_get("status")?;
            let referral: Option<String> = r.try_get("referral")?;
            let (marked, attended) = marks_of.get(&id).copied().unwrap_or((0, 0));
            Ok(ChildFacts {
                level: parsed(SchoolLevel::parse(&level), "school_level", &level)?,
                birth_year: r.try_get::<i64, _>("birth_year")? as i32,
                sex: parsed(Sex::parse(&sex), "sex", &sex)?,
                priority_area: flag(r, "priority_area")?,
                status: parsed(ChildStatus::parse(&status), "status", &status)?,
                referral: referral.as_deref().and_then(ReferralSource::parse),
                guardians: guardians_of.remove(&id).unwrap_or_default(),
                groups: groups_of.remove(&id).unwrap_or_default(),
                marked,
                attended,
                id: ChildId(id),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let rows = sqlx::query(
        "SELECT a.id, a.paid FROM accompanists a WHERE a.organisation_id = $1 AND EXISTS (
           SELECT 1 FROM session_accompanists sa JOIN sessions s ON s.id = sa.session_id
           JOIN groups g ON g.id = s.group_id
           WHERE sa.accompanist_id = a.id AND g.school_year_id = $2 AND s.status = 'held')",
    )
    .bind(&org.0)
    .bind(y)
    .fetch_all(&mut *conn)
    .await?;
    let accompanists = rows
        .iter()
        .map(|r| {
            Ok(AccompanistFacts {
                paid: flag(r, "paid")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let rows = sqlx::query(
        "SELECT e.kind, e.on_date,
                (SELECT COUNT(*) FROM family_event_guests x WHERE x.event_id = e.id AND x.attended = 1) AS came
         FROM family_events e WHERE e.organisation_id = $1 AND e.on_date >= $2 AND e.on_date <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_all(&mut *conn)
    .await?;
    let family_events = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(FamilyEventFacts {
                kind: parsed(FamilyEventKind::parse(&kind), "kind", &kind)?,
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                came: count(r, "came")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let rows = sqlx::query(
        "SELECT kind, child_id, group_id FROM school_liaisons
         WHERE organisation_id = $1 AND met_on >= $2 AND met_on <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_all(&mut *conn)
    .await?;
    let liaisons = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(LiaisonFacts {
                kind: parsed(LiaisonKind::parse(&kind), "kind", &kind)?,
                child: r.try_get::<Option<String>, _>("child_id")?.map(ChildId),
                group: r.try_get::<Option<String>, _>("group_id")?.map(GroupId),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let partner_meetings: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM partner_meetings
         WHERE organisation_id = $1 AND met_on >= $2 AND met_on <= $3",
    )
    .bind(&org.0)
    .bind(&first)
    .bind(&last)
    .fetch_one(&mut *conn)
    .await?;

    Ok(ReportFacts {
        first_day: year.first_day,
        last_day: year.last_day,
        holidays,
        thresholds,
        groups,
        children,
        sessions,
        accompanists,
        family_events,
        liaisons,
        partner_meetings: partner_meetings.max(0) as u32,
    })
}

/// The organisation's children's names by id, for the coordinator's
/// drill-down.
pub async fn child_names(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<HashMap<String, (String, String)>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, first_name, last_name FROM children WHERE organisation_id = $1")
            .bind(&org.0)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                (r.try_get("first_name")?, r.try_get("last_name")?),
            ))
        })
        .collect()
}

/// The organisations of a territory, by name.
pub async fn territory_organisations(
    conn: &mut AnyConnection,
    territory: &str,
) -> Result<Vec<(OrganisationId, String)>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, name FROM organisations WHERE territory_code = $1 ORDER BY name")
            .bind(territory)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter()
        .map(|r| Ok((OrganisationId(r.try_get("id")?), r.try_get("name")?)))
        .collect()
}

/// A territory's name (its code when unknown).
pub async fn territory_name(
    conn: &mut AnyConnection,
    territory: &str,
) -> Result<String, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM territories WHERE code = $1")
        .bind(territory)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(name.unwrap_or_else(|| territory.to_string()))
}

/// The school year of that label of each of a territory's organisations
/// that has one (one statement for the whole territory).
pub async fn territory_year_of(
    conn: &mut AnyConnection,
    territory: &str,
    label: &str,
) -> Result<HashMap<OrganisationId, SchoolYear>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT y.organisation_id, y.id, y.label, y.first_day, y.last_day, y.holiday_zone
         FROM school_years y JOIN organisations o ON o.id = y.organisation_id
         WHERE o.territory_code = $1 AND y.label = $2 ORDER BY y.first_day DESC",
    )
    .bind(territory)
    .bind(label)
    .fetch_all(&mut *conn)
    .await?;
    let mut years = HashMap::new();
    for r in &rows {
        let org = OrganisationId(r.try_get("organisation_id")?);
        if let std::collections::hash_map::Entry::Vacant(slot) = years.entry(org) {
            slot.insert(crate::records::school_year::store::school_year(r)?);
        }
    }
    Ok(years)
}

/// The school years (labels) of a territory's organisations, the newest first.
pub async fn territory_years(
    conn: &mut AnyConnection,
    territory: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT y.label FROM school_years y JOIN organisations o ON o.id = y.organisation_id
         WHERE o.territory_code = $1 ORDER BY y.label DESC",
    )
    .bind(territory)
    .fetch_all(&mut *conn)
    .await
}
