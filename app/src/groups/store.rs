//! A group's read models: an accompanist's groups and a group's page.

use crate::db::Db;
use crate::domain::ids::*;
use crate::groups::types::{GroupLine, GroupPage};
use crate::planning::store::{sessions, Scope};
use chrono::{Duration, NaiveDate};
use sqlx::Row;

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

/// A group's page. A `coordinator` sees last names and draft sessions; an
/// accompanist the first name and an initial, and only published sessions
/// (drafts are the coordinator's work in progress).
pub async fn group_page(
    db: &Db,
    group: &GroupId,
    today: NaiveDate,
    coordinator: bool,
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
        let name = if coordinator {
            format!("{first} {last}")
        } else {
            crate::format::short_name(&first, &last)
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
        .await?
        .into_iter()
        .filter(|s| coordinator || s.status != crate::domain::model::SessionStatus::Draft)
        .collect(),
    }))
}
