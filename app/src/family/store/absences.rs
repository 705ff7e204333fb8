//! Absences the families report in advance (`absence_notices`, one per
//! child and session): the register shows them as excused before anyone
//! marks the child.

use crate::domain::ids::*;
use crate::family::types::AbsenceNotice;
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// Records the notice, or replaces the reason of the one already there.
pub async fn save(
    conn: &mut AnyConnection,
    session: &SessionId,
    child: &ChildId,
    guardian: &GuardianId,
    reason: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO absence_notices (id, session_id, child_id, guardian_id, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (session_id, child_id) DO UPDATE SET guardian_id = excluded.guardian_id,
            reason = excluded.reason, created_at = excluded.created_at",
    )
    .bind(crate::db::new_id())
    .bind(&session.0)
    .bind(&child.0)
    .bind(&guardian.0)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Withdraws the notice; false if there was none.
pub async fn withdraw(
    conn: &mut AnyConnection,
    session: &SessionId,
    child: &ChildId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM absence_notices WHERE session_id = $1 AND child_id = $2")
        .bind(&session.0)
        .bind(&child.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A child's notices for the sessions from `from` on.
pub async fn of_child(
    conn: &mut AnyConnection,
    child: &ChildId,
    from: NaiveDate,
) -> Result<Vec<AbsenceNotice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT n.session_id, n.reason FROM absence_notices n JOIN sessions s ON s.id = n.session_id
         WHERE n.child_id = $1 AND s.on_date >= $2 ORDER BY s.on_date, s.starts_at",
    )
    .bind(&child.0)
    .bind(from.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AbsenceNotice {
                session: SessionId(r.try_get("session_id")?),
                reason: r.try_get("reason")?,
            })
        })
        .collect()
}
