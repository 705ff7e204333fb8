//! The next school year: the year, its groups copied from the year being
//! left, and the children carried over. Nothing of the year being left is
//! changed but the status of the children who leave at its end (their
//! group places stay, so its registers and report read as before).

use crate::db::new_id;
use crate::domain::ids::*;
use crate::records::next_year::types::*;
use crate::records::school_year::types::SchoolYear;
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// The organisation's first year starting after `current`, if prepared.
pub async fn next_year(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    current: &SchoolYear,
) -> Result<Option<SchoolYear>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, label, first_day, last_day, holiday_zone FROM school_years
         WHERE organisation_id = $1 AND first_day > $2 ORDER BY first_day LIMIT 1",
    )
    .bind(&org.0)
    .bind(current.last_day.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref()
        .map(crate::records::school_year::store::school_year)
        .transpose()
}

/// Creates the next year with the holiday zone of the year being left.
pub async fn create_year(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &NextYear,
    zone: &str,
) -> Result<SchoolYearId, sqlx::Error> {
    let id = SchoolYearId(new_id());
    sqlx::query(
        "INSERT INTO school_years (id, organisation_id, label, first_day, last_day, holiday_zone)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id.0)
    .bind(&org.0)
    .bind(&year.label)
    .bind(year.first_day.to_string())
    .bind(year.last_day.to_string())
    .bind(zone)
    .execute(conn)
    .await?;
    Ok(id)
}

/// Copies the groups of `from` into `to`: name, levels, usual venue,
/// planned activities and accompanists. Returns how many.
pub async fn copy_groups(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: &SchoolYearId,
    to: &SchoolYearId,
) -> Result<usize, sqlx::Error> {
    let groups = sqlx::query(
        "SELECT id, name, levels, default_venue_id, planned_activities FROM groups
         WHERE organisation_id = $1 AND school_year_id = $2 ORDER BY name",
    )
    .bind(&org.0)
    .bind(&from.0)
    .fetch_all(&mut *conn)
    .await?;
    for g in &groups {
        let (old, new): (String, String) = (g.try_get("id")?, new_id());
        sqlx::query(
            "INSERT INTO groups (id, organisation_id, school_year_id, name, levels, default_venue_id,
                 planned_activities)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&new)
        .bind(&org.0)
        .bind(&to.0)
        .bind(g.try_get::<String, _>("name")?)
        .bind(g.try_get::<String, _>("levels")?)
        .bind(g.try_get::<Option<String>, _>("default_venue_id")?)
        .bind(g.try_get::<String, _>("planned_activities")?)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO group_accompanists (group_id, accompanist_id)
             SELECT $1, accompanist_id FROM group_accompanists WHERE group_id = $2",
        )
        .bind(&new)
        .bind(&old)
        .execute(&mut *conn)
        .await?;
    }
    Ok(groups.len())
}

/// Carries the project's facts of `from` into `to` (where, in what setting
/// and premises, the volunteers' hourly value): the CAF's dates are the
/// next year's to set, and the budget starts empty.
pub async fn copy_dossier_facts(
    conn: &mut AnyConnection,
    from: &SchoolYearId,
    to: &SchoolYearId,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dossier_facts (school_year_id, commune, neighbourhood, setting, priority_area,
             education_plan, premises, volunteer_rate_cents, updated_at)
         SELECT $2, commune, neighbourhood, setting, priority_area, education_plan, premises,
             volunteer_rate_cents, $3
         FROM dossier_facts WHERE school_year_id = $1",
    )
    .bind(&from.0)
    .bind(&to.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The groups of a year (id, name).
pub async fn groups_of(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
) -> Result<Vec<(GroupId, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM groups WHERE school_year_id = $1 ORDER BY name")
        .bind(&year.0)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok((GroupId(r.try_get("id")?), r.try_get("name")?)))
        .collect()
}

/// The organisation's current children (not left, not anonymised), each
/// with their groups of `current` and of `next`.
pub async fn children(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    current: &SchoolYearId,
    next: Option<&SchoolYearId>,
) -> Result<Vec<CarryLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, g.id AS group_id, g.name AS group_name,
                g.school_year_id
         FROM children c
         LEFT JOIN group_members gm ON gm.child_id = c.id
         LEFT JOIN groups g ON g.id = gm.group_id AND g.school_year_id IN ($2, $3)
         WHERE c.organisation_id = $1 AND c.status <> 'sorti' AND c.anonymised_at IS NULL
         ORDER BY c.last_name, c.first_name, c.id, g.name",
    )
    .bind(&org.0)
    .bind(&current.0)
    .bind(next.map(|n| n.0.clone()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let next_groups = match next {
        Some(n) => groups_of(conn, n).await?,
        None => Vec::new(),
    };
    let mut lines: Vec<CarryLine> = Vec::new();
    for r in &rows {
        let child = ChildId(r.try_get("id")?);
        if lines.last().map(|l| &l.child) != Some(&child) {
            let (first, last): (String, String) =
                (r.try_get("first_name")?, r.try_get("last_name")?);
            lines.push(CarryLine {
                child,
                name: format!("{last} {first}"),
                groups: Vec::new(),
                next_group: None,
                proposed: None,
            });
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        let Some(group) = r.try_get::<Option<String>, _>("group_id")? else {
            continue;
        };
        let name: String = r.try_get("group_name")?;
        let year: String = r.try_get("school_year_id")?;
        if year == current.0 {
            if line.proposed.is_none() {
                line.proposed = next_groups
                    .iter()
                    .find(|(_, n)| n == &name)
                    .map(|(id, _)| id.clone());
            }
            line.groups.push(name);
        } else {
            line.next_group = Some(GroupId(group));
        }
    }
    Ok(lines)
}

/// How many children a group holds.
pub async fn members(conn: &mut AnyConnection, group: &GroupId) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM group_members WHERE group_id = $1")
        .bind(&group.0)
        .fetch_one(conn)
        .await?;
    Ok(n.max(0) as u32)
}

/// How many of the organisation's children leave at the end of the year
/// ending `last_day` (left on the day after).
pub async fn leaving(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    last_day: NaiveDate,
) -> Result<usize, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM children WHERE organisation_id = $1 AND status = 'sorti' AND left_on = $2",
    )
    .bind(&org.0)
    .bind((last_day + chrono::Duration::days(1)).to_string())
    .fetch_one(conn)
    .await?;
    Ok(n as usize)
}

/// Whether the child is one of the organisation's current children.
pub async fn is_current(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    child: &ChildId,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM children
         WHERE id = $1 AND organisation_id = $2 AND status <> 'sorti' AND anonymised_at IS NULL",
    )
    .bind(&child.0)
    .bind(&org.0)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Puts the child in `group` of the next year (`next`) from its first
/// day, out of any other of its groups, with their consent and contract to
/// renew from then.
pub async fn carry(
    conn: &mut AnyConnection,
    child: &ChildId,
    group: &GroupId,
    next: &SchoolYear,
) -> Result<(), sqlx::Error> {
    leave_next_groups(conn, child, &next.id).await?;
    sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, $3)")
        .bind(&group.0)
        .bind(&child.0)
        .bind(next.first_day.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE children SET renew_from = $2 WHERE id = $1")
        .bind(&child.0)
        .bind(next.first_day.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// The child leaves at the end of `current` (« sorti » the day after its
/// last day); their places in its groups stay, for its registers and its
/// report, and any place in the next year's goes.
pub async fn leave_at_year_end(
    conn: &mut AnyConnection,
    child: &ChildId,
    current: &SchoolYear,
    next: &SchoolYear,
) -> Result<(), sqlx::Error> {
    leave_next_groups(conn, child, &next.id).await?;
    let day = (current.last_day + chrono::Duration::days(1)).to_string();
    sqlx::query(
        "UPDATE children SET status = 'sorti', left_on = $2, left_reason = 'Fin de l''année scolaire',
             last_contact_on = $2, renew_from = NULL
         WHERE id = $1",
    )
    .bind(&child.0)
    .bind(day)
    .execute(conn)
    .await?;
    Ok(())
}

async fn leave_next_groups(
    conn: &mut AnyConnection,
    child: &ChildId,
    next: &SchoolYearId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM group_members WHERE child_id = $1
         AND group_id IN (SELECT id FROM groups WHERE school_year_id = $2)",
    )
    .bind(&child.0)
    .bind(&next.0)
    .execute(conn)
    .await?;
    Ok(())
}
