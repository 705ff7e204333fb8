//! The child's contract (*contrat d'accompagnement*) for a school year, and
//! its acceptance by a guardian online.

use crate::domain::ids::*;
use crate::family::types::Contract;
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// The child's contract for the school year holding `today`.
pub async fn current(
    conn: &mut AnyConnection,
    child: &ChildId,
    today: NaiveDate,
) -> Result<Option<Contract>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT k.id, y.label, k.objectives, k.engagements, k.accepted_at,
                gu.first_name || ' ' || gu.last_name AS accepted_by
         FROM contracts k JOIN school_years y ON y.id = k.school_year_id
         LEFT JOIN guardians gu ON gu.id = k.accepted_by_guardian_id
         WHERE k.child_id = $1 AND y.first_day <= $2 AND y.last_day >= $2",
    )
    .bind(&child.0)
    .bind(today.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let accepted_at: Option<String> = r.try_get("accepted_at")?;
        let accepted_by: Option<String> = r.try_get("accepted_by")?;
        Ok(Contract {
            id: r.try_get("id")?,
            school_year: r.try_get("label")?,
            objectives: r.try_get("objectives")?,
            engagements: r.try_get("engagements")?,
            accepted: match (
                accepted_by,
                accepted_at.as_deref().and_then(crate::db::parse_timestamp),
            ) {
                (Some(by), Some(at)) => Some((by, crate::domain::local_time::local(at))),
                _ => None,
            },
        })
    })
    .transpose()
}

/// Records that `guardian` read and accepted the contract `id` at `now`;
/// false if it had already been accepted (the first acceptance stays).
pub async fn accept(
    conn: &mut AnyConnection,
    id: &str,
    guardian: &GuardianId,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE contracts SET accepted_by_guardian_id = $1, accepted_at = $2
         WHERE id = $3 AND accepted_at IS NULL",
    )
    .bind(&guardian.0)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
