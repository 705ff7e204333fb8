//! Calendar subscriptions (`calendar_feeds`): one private address per
//! guardian, and the sessions it lists.

use crate::domain::ids::*;
use crate::domain::model::SessionStatus;
use chrono::{NaiveDate, NaiveTime};
use sqlx::{AnyConnection, Row};

/// The guardian's current address token, if they made one.
pub async fn token_of(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT token FROM calendar_feeds WHERE guardian_id = $1")
        .bind(&guardian.0)
        .fetch_optional(conn)
        .await
}

/// Gives the guardian a new address; the previous one stops working.
pub async fn replace(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
    token: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feeds (token, guardian_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (guardian_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
    )
    .bind(token)
    .bind(&guardian.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes the guardian's address; false if they had none.
pub async fn revoke(conn: &mut AnyConnection, guardian: &GuardianId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM calendar_feeds WHERE guardian_id = $1")
        .bind(&guardian.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// What the address `token` lists from `from` to `to`: the published
/// sessions of the groups of the guardian's children, one event per child
/// and session. `None` for an address that does not exist (or no longer).
pub async fn events(
    conn: &mut AnyConnection,
    token: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<Vec<FeedEvent>>, sqlx::Error> {
    let known: Option<String> =
        sqlx::query_scalar("SELECT guardian_id FROM calendar_feeds WHERE token = $1")
            .bind(token)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(guardian) = known else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT s.id, c.id AS child_id, c.first_name, g.name AS group_name, s.on_date, s.starts_at,
                s.ends_at, s.status, s.cancel_reason, v.name AS venue_name, v.address AS venue_address
         FROM child_guardians cg
         JOIN children c ON c.id = cg.child_id AND c.anonymised_at IS NULL
         JOIN group_members gm ON gm.child_id = c.id
         JOIN sessions s ON s.group_id = gm.group_id AND s.status <> 'draft'
         JOIN groups g ON g.id = s.group_id
         JOIN venues v ON v.id = s.venue_id
         WHERE cg.guardian_id = $1 AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY s.on_date, s.starts_at, c.first_name",
    )
    .bind(&guardian)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(conn)
    .await?;
    let events = rows
        .iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            let status = SessionStatus::parse(&status)
                .ok_or_else(|| crate::db::bad_column("status", &status))?;
            Ok(FeedEvent {
                session: SessionId(r.try_get("id")?),
                child: ChildId(r.try_get("child_id")?),
                first_name: r.try_get("first_name")?,
                group_name: r.try_get("group_name")?,
                date: crate::db::date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                start: crate::db::time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
                end: crate::db::time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
                venue: r.try_get("venue_name")?,
                address: r.try_get("venue_address")?,
                cancelled: match status {
                    SessionStatus::Cancelled => Some(
                        r.try_get::<Option<String>, _>("cancel_reason")?
                            .unwrap_or_default(),
                    ),
                    _ => None,
                },
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Some(events))
}

/// One child's session, as the subscription lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedEvent {
    pub session: SessionId,
    pub child: ChildId,
    pub first_name: String,
    pub group_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub address: String,
    /// The reason, when the session is cancelled.
    pub cancelled: Option<String>,
}
