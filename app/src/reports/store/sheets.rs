//! What the attendance sheets (*feuilles d'émargement*) print: a group's
//! sessions of one day or one month, its children and the marks taken.

use crate::db::{date, time};
use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::reports::types::{SheetChild, SheetSession};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The group of a session.
pub async fn session_group(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<Option<GroupId>, sqlx::Error> {
    let id: Option<String> = sqlx::query_scalar("SELECT group_id FROM sessions WHERE id = $1")
        .bind(&session.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(id.map(GroupId))
}

/// The group's name and its organisation's.
pub async fn group_heading(
    conn: &mut AnyConnection,
    group: &GroupId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT g.name, o.name AS organisation FROM groups g JOIN organisations o ON o.id = g.organisation_id
         WHERE g.id = $1",
    )
    .bind(&group.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| Ok((r.try_get("name")?, r.try_get("organisation")?)))
        .transpose()
}

/// The group's sessions from `first` to `last` (both included) that take
/// place (neither drafts nor cancelled), or the one session `only`.
pub async fn sessions(
    conn: &mut AnyConnection,
    group: &GroupId,
    first: &str,
    last: &str,
    only: Option<&SessionId>,
) -> Result<Vec<SheetSession>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.id, s.on_date, s.starts_at, s.ends_at, v.name AS venue FROM sessions s
         JOIN venues v ON v.id = s.venue_id
         WHERE s.group_id = $1 AND s.on_date >= $2 AND s.on_date <= $3
           AND s.status IN ('planned', 'held') AND ($4 = '' OR s.id = $4)
         ORDER BY s.on_date, s.starts_at",
    )
    .bind(&group.0)
    .bind(first)
    .bind(last)
    .bind(only.map(|s| s.0.clone()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let staff = sqlx::query(
        "SELECT sa.session_id, a.first_name, a.last_name FROM session_accompanists sa
         JOIN accompanists a ON a.id = sa.accompanist_id JOIN sessions s ON s.id = sa.session_id
         WHERE s.group_id = $1 AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY a.last_name, a.first_name",
    )
    .bind(&group.0)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let mut staff_of: HashMap<String, Vec<String>> = HashMap::new();
    for r in &staff {
        let name = format!(
            "{} {}",
            r.try_get::<String, _>("first_name")?,
            r.try_get::<String, _>("last_name")?
        );
        staff_of
            .entry(r.try_get("session_id")?)
            .or_default()
            .push(name);
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            Ok(SheetSession {
                accompanists: staff_of.remove(&id).unwrap_or_default(),
                id: SessionId(id),
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                starts_at: time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
                ends_at: time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
                venue: r.try_get("venue")?,
            })
        })
        .collect()
}

/// The group's members and anyone marked in `sessions`, by name, with their
/// marks in those sessions (in the sessions' order).
pub async fn children(
    conn: &mut AnyConnection,
    group: &GroupId,
    sessions: &[SheetSession],
) -> Result<Vec<SheetChild>, sqlx::Error> {
    let ids: Vec<String> = sessions.iter().map(|s| s.id.0.clone()).collect();
    let mut marks: HashMap<(String, String), AttendanceStatus> = HashMap::new();
    let mut marked_children: Vec<String> = Vec::new();
    if !ids.is_empty() {
        let list = crate::db::placeholders(conn, 1, ids.len()).join(", ");
        // Why: `list` is placeholders only; the ids are bound.
        let sql = format!(
            "SELECT session_id, child_id, status FROM attendance WHERE session_id IN ({list})"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in &ids {
            q = q.bind(id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            let child: String = r.try_get("child_id")?;
            let status: String = r.try_get("status")?;
            if let Some(s) = AttendanceStatus::parse(&status) {
                marks.insert((r.try_get("session_id")?, child.clone()), s);
            }
            marked_children.push(child);
        }
    }
    let rows = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.school_level FROM children c
         WHERE c.id IN (SELECT child_id FROM group_members WHERE group_id = $1)
         ORDER BY c.last_name, c.first_name",
    )
    .bind(&group.0)
    .fetch_all(&mut *conn)
    .await?;
    let name = |r: &sqlx::any::AnyRow| -> Result<(String, String, String), sqlx::Error> {
        Ok((
            r.try_get("id")?,
            format!(
                "{} {}",
                r.try_get::<String, _>("last_name")?,
                r.try_get::<String, _>("first_name")?
            ),
            r.try_get("school_level")?,
        ))
    };
    let mut people = rows
        .iter()
        .map(name)
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // Children marked who are no longer members (they left) stay on the
    // sheet of the sessions they came to.
    marked_children.sort();
    marked_children.dedup();
    for child in marked_children {
        if people.iter().all(|(id, _, _)| *id != child) {
            let r = sqlx::query(
                "SELECT id, first_name, last_name, school_level FROM children WHERE id = $1",
            )
            .bind(&child)
            .fetch_one(&mut *conn)
            .await?;
            people.push(name(&r)?);
        }
    }
    Ok(people
        .into_iter()
        .map(|(id, name, level)| SheetChild {
            marks: ids
                .iter()
                .map(|s| marks.get(&(s.clone(), id.clone())).copied())
                .collect(),
            id: ChildId(id),
            name,
            level,
        })
        .collect())
}

/// The organisation's groups, by name.
pub async fn groups(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<(GroupId, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM groups WHERE organisation_id = $1 ORDER BY name")
        .bind(&org.0)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((GroupId(r.try_get("id")?), r.try_get("name")?)))
        .collect()
}
