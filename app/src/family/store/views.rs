//! The family portal's read models: a guardian's children and a child's page.

use crate::db::{date, time, Db};
use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::family::types::{AttendanceEntry, ChildCard, ChildPage};
use crate::planning::store::{sessions, Scope};
use chrono::{Duration, NaiveDate};
use sqlx::Row;

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

/// Who reads a child's page: what each may see of the child differs.
pub enum Viewer<'a> {
    /// One of the child's guardians: everything, the contract included.
    Guardian,
    /// A coordinator of the child's organisation: everything but the contract.
    Coordinator,
    /// An accompanist of one of the child's groups: what the sessions need
    /// (first name and initial, this school year's sessions of the groups
    /// they lead, that an absence was reported but not why).
    Accompanist(&'a AccompanistId),
}

/// A child's page: the next four weeks and the marked history.
pub async fn child_page(
    db: &Db,
    child: &ChildId,
    today: NaiveDate,
    viewer: Viewer<'_>,
) -> Result<Option<ChildPage>, sqlx::Error> {
    let guardian = matches!(viewer, Viewer::Guardian);
    let Some(r) = sqlx::query("SELECT first_name, last_name FROM children WHERE id = $1")
        .bind(&child.0)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    // An accompanist reads this school year's sessions of the groups they
    // lead; the others, the whole history ('' lifts both limits).
    let (since, accompanist) = match &viewer {
        Viewer::Accompanist(a) => (
            crate::domain::calendar::school_year_start(today).to_string(),
            a.0.as_str(),
        ),
        _ => (String::new(), ""),
    };
    let history_rows = sqlx::query(
        "SELECT s.id, s.on_date, s.starts_at, g.name AS group_name, a.status
         FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id
         WHERE a.child_id = $1 AND s.on_date >= $2
           AND ($3 = '' OR s.group_id IN (SELECT group_id FROM group_accompanists WHERE accompanist_id = $3))
         ORDER BY s.on_date DESC, s.starts_at DESC",
    )
    .bind(&child.0)
    .bind(since)
    .bind(accompanist)
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
                    .ok_or_else(|| crate::db::bad_column("status", &status))?,
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
    let mut notices = super::absences::of_child(conn, child, today).await?;
    let contract = match guardian {
        true => super::contracts::current(conn, child, today).await?,
        false => None,
    };
    let mut last_name: String = r.try_get("last_name")?;
    if let Viewer::Accompanist(_) = viewer {
        last_name = crate::format::initial(&last_name);
        for notice in &mut notices {
            notice.reason.clear();
        }
    }
    Ok(Some(ChildPage {
        id: child.clone(),
        first_name: r.try_get("first_name")?,
        last_name,
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
