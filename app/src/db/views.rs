//! Read models of the home pages: a guardian's children, a child's page, a
//! group's page, the platform overview.

use crate::admin::types::{AdminOverview, OrganisationLine};
use crate::db::planning::{sessions, Scope};
use crate::db::{date, time, Db};
use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::family::types::{AttendanceEntry, ChildCard, ChildPage};
use crate::groups::types::{GroupLine, GroupPage};
use chrono::{Duration, NaiveDate};
use sqlx::Row;
use std::collections::BTreeMap;

async fn child_groups(db: &Db, child: &ChildId) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.child_id = $1 ORDER BY g.name",
    )
    .bind(&child.0)
    .fetch_all(&db.pool)
    .await
}

/// The children of a guardian, each with their next session.
pub async fn children_of_guardian(
    db: &Db,
    guardian: &GuardianId,
    today: NaiveDate,
) -> Result<Vec<ChildCard>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name FROM children c JOIN child_guardians cg ON cg.child_id = c.id
         WHERE cg.guardian_id = $1 AND c.anonymised_at IS NULL ORDER BY c.first_name",
    )
    .bind(&guardian.0)
    .fetch_all(&db.pool)
    .await?;
    let mut cards = Vec::new();
    for r in &rows {
        let id = ChildId(r.try_get("id")?);
        let next = sessions(
            &mut *db.pool.acquire().await?,
            Scope::Child(&id),
            today,
            today + Duration::days(60),
        )
        .await?
        .into_iter()
        .find(|s| s.status != crate::domain::model::SessionStatus::Cancelled);
        cards.push(ChildCard {
            groups: child_groups(db, &id).await?,
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            id,
            next,
        });
    }
    Ok(cards)
}

/// A child's page: the next four weeks and the marked history.
pub async fn child_page(
    db: &Db,
    child: &ChildId,
    today: NaiveDate,
    guardian: bool,
) -> Result<Option<ChildPage>, sqlx::Error> {
    let Some(r) = sqlx::query("SELECT first_name, last_name FROM children WHERE id = $1")
        .bind(&child.0)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let history_rows = sqlx::query(
        "SELECT s.id, s.on_date, s.starts_at, g.name AS group_name, a.status
         FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id
         WHERE a.child_id = $1 ORDER BY s.on_date DESC, s.starts_at DESC",
    )
    .bind(&child.0)
    .fetch_all(&db.pool)
    .await?;
    let history = history_rows
        .iter()
        .map(|h| {
            let status: String = h.try_get("status")?;
            Ok(AttendanceEntry {
                session: SessionId(h.try_get("id")?),
                date: date(&h.try_get::<String, _>("on_date")?, "on_date")?,
                start: time(&h.try_get::<String, _>("starts_at")?, "starts_at")?,
                group_name: h.try_get("group_name")?,
                status: AttendanceStatus::parse(&status)
                    .ok_or_else(|| super::bad_column("status", &status))?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // One connection for the rest. Why not one per read: the temporaries
    // of a struct literal live to its end, so each read held its own
    // connection until the last one, and a few parents at once could leave
    // the pool empty with every request waiting for one more.
    let groups = child_groups(db, child).await?;
    let conn = &mut *db.pool.acquire().await?;
    let upcoming = sessions(conn, Scope::Child(child), today, today + Duration::days(28)).await?;
    let notices = super::absences::of_child(conn, child, today).await?;
    let contract = match guardian {
        true => super::contracts::current(conn, child, today).await?,
        false => None,
    };
    Ok(Some(ChildPage {
        id: child.clone(),
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
        groups,
        upcoming,
        notices,
        guardian,
        takes_notices: Vec::new(),
        history,
        contract,
        today,
    }))
}

/// The groups an accompanist leads.
pub async fn groups_of_accompanist(
    db: &Db,
    accompanist: &AccompanistId,
) -> Result<Vec<GroupLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, g.levels, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS enrolled
         FROM groups g JOIN group_accompanists ga ON ga.group_id = g.id
         WHERE ga.accompanist_id = $1 ORDER BY g.name",
    )
    .bind(&accompanist.0)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(GroupLine {
                id: GroupId(r.try_get("id")?),
                name: r.try_get("name")?,
                levels: r.try_get("levels")?,
                enrolled: r.try_get::<i64, _>("enrolled")?.max(0) as u32,
            })
        })
        .collect()
}

/// A group's page. `full_names` shows last names (coordinators); otherwise
/// the first name and an initial.
pub async fn group_page(
    db: &Db,
    group: &GroupId,
    today: NaiveDate,
    full_names: bool,
) -> Result<Option<GroupPage>, sqlx::Error> {
    let Some(r) = sqlx::query("SELECT name, levels FROM groups WHERE id = $1")
        .bind(&group.0)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let members = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name FROM group_members gm JOIN children c ON c.id = gm.child_id
         WHERE gm.group_id = $1 ORDER BY c.first_name, c.last_name",
    )
    .bind(&group.0)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|m| {
        let first: String = m.try_get("first_name")?;
        let last: String = m.try_get("last_name")?;
        let name = if full_names {
            format!("{first} {last}")
        } else {
            format!("{first} {}.", last.chars().next().unwrap_or(' '))
        };
        Ok((ChildId(m.try_get("id")?), name))
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let accompanists = sqlx::query_scalar(
        "SELECT a.first_name || ' ' || a.last_name FROM group_accompanists ga JOIN accompanists a ON a.id = ga.accompanist_id
         WHERE ga.group_id = $1 ORDER BY a.first_name",
    )
    .bind(&group.0)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(GroupPage {
        id: group.clone(),
        name: r.try_get("name")?,
        levels: r.try_get("levels")?,
        members,
        accompanists,
        upcoming: sessions(
            &mut *db.pool.acquire().await?,
            Scope::Group(group),
            today,
            today + Duration::days(14),
        )
        .await?,
    }))
}

/// The organisations and their accounts per role.
pub async fn admin_overview(db: &Db) -> Result<AdminOverview, sqlx::Error> {
    let orgs = sqlx::query("SELECT id, name, territory_code FROM organisations ORDER BY name")
        .fetch_all(&db.pool)
        .await?;
    let counts = sqlx::query(
        "SELECT organisation_id, role, COUNT(*) AS n FROM users WHERE organisation_id IS NOT NULL GROUP BY organisation_id, role",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut by_org: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for c in &counts {
        by_org
            .entry(c.try_get("organisation_id")?)
            .or_default()
            .push((c.try_get("role")?, c.try_get::<i64, _>("n")?.max(0) as u32));
    }
    let organisations = orgs
        .iter()
        .map(|o| {
            let id: String = o.try_get("id")?;
            Ok(OrganisationLine {
                name: o.try_get("name")?,
                territory: o.try_get("territory_code")?,
                accounts: by_org.remove(&id).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let platform_accounts = sqlx::query(
        "SELECT email, role FROM users WHERE organisation_id IS NULL ORDER BY role, email",
    )
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("email")?, r.try_get("role")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(AdminOverview {
        organisations,
        platform_accounts,
    })
}
