//! A guardian's own data (`guardians`: phone, e-mail, address, the
//! requests to check them) and the pick-up adults they propose
//! (`authorised_adults.pending`).

use crate::db::{new_id, parse_timestamp};
use crate::domain::ids::*;
use crate::domain::local_time::local;
use crate::family::details::types::*;
use crate::records::child::types::NewAdult;
use sqlx::{AnyConnection, Row};

/// The guardian's data and each of their current children's adults.
pub async fn of_guardian(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
) -> Result<Option<MyDetails>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT first_name, last_name, phone, email, address,
                CAST(CASE WHEN check_asked_at IS NOT NULL
                          AND (checked_at IS NULL OR checked_at < check_asked_at)
                     THEN 1 ELSE 0 END AS BIGINT) AS asked
         FROM guardians WHERE id = $1",
    )
    .bind(&guardian.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT c.id AS child_id, c.first_name AS child_first, a.id, a.name, a.relationship,
                a.phone, a.pending
         FROM child_guardians cg JOIN children c ON c.id = cg.child_id
         LEFT JOIN authorised_adults a ON a.child_id = c.id
         WHERE cg.guardian_id = $1 AND c.status <> 'sorti' AND c.anonymised_at IS NULL
         ORDER BY c.first_name, c.id, a.name, a.id",
    )
    .bind(&guardian.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut children: Vec<ChildAdults> = Vec::new();
    for row in &rows {
        let child = ChildId(row.try_get("child_id")?);
        if children.last().map(|c| &c.child) != Some(&child) {
            children.push(ChildAdults {
                child: child.clone(),
                first_name: row.try_get("child_first")?,
                adults: Vec::new(),
            });
        }
        if let Some(id) = row.try_get::<Option<String>, _>("id")? {
            let pending: i64 = row.try_get("pending")?;
            if let Some(last) = children.last_mut() {
                last.adults.push(PickUpAdult {
                    id: AdultId(id),
                    name: row.try_get("name")?,
                    relationship: row.try_get("relationship")?,
                    phone: row.try_get("phone")?,
                    pending: pending == 1,
                });
            }
        }
    }
    Ok(Some(MyDetails {
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        address: r
            .try_get::<Option<String>, _>("address")?
            .unwrap_or_default(),
        check_asked: r.try_get::<i64, _>("asked")? == 1,
        children,
    }))
}

/// Writes the guardian's data, checked at `at`.
pub async fn update(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
    details: &NewDetails,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE guardians SET phone = $2, email = $3, address = $4, checked_at = $5 WHERE id = $1",
    )
    .bind(&guardian.0)
    .bind(details.phone.clone())
    .bind(details.email.clone())
    .bind((!details.address.is_empty()).then(|| details.address.clone()))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that the guardian checked their data at `at` (nothing changed).
pub async fn confirm(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE guardians SET checked_at = $2 WHERE id = $1")
        .bind(&guardian.0)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// The guardian's current children (their ids), whose history records
/// the guardian's changes.
pub async fn children_of(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
) -> Result<Vec<ChildId>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id FROM child_guardians cg JOIN children c ON c.id = cg.child_id
         WHERE cg.guardian_id = $1 AND c.anonymised_at IS NULL ORDER BY c.id",
    )
    .bind(&guardian.0)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|r| r.try_get("id").map(ChildId)).collect()
}

/// A pick-up adult proposed by `guardian` for `child` at `at`: pending
/// until a coordinator approves them.
pub async fn propose(
    conn: &mut AnyConnection,
    child: &ChildId,
    guardian: &GuardianId,
    adult: &NewAdult,
    at: &str,
) -> Result<AdultId, sqlx::Error> {
    let id = AdultId(new_id());
    sqlx::query(
        "INSERT INTO authorised_adults (id, child_id, name, relationship, phone, proposed_by,
             proposed_at, pending)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
    )
    .bind(&id.0)
    .bind(&child.0)
    .bind(&adult.name)
    .bind(&adult.relationship)
    .bind(adult.phone.clone())
    .bind(&guardian.0)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(id)
}

/// Asks every guardian of the organisation's current children to check
/// their data, at `at`; returns how many were asked.
pub async fn ask_to_check(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    at: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE guardians SET check_asked_at = $2
         WHERE organisation_id = $1 AND id IN (
            SELECT cg.guardian_id FROM child_guardians cg JOIN children c ON c.id = cg.child_id
            WHERE c.status <> 'sorti' AND c.anonymised_at IS NULL)",
    )
    .bind(&org.0)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The last request to check, how many guardians checked since, and the
/// proposals waiting.
pub async fn checks(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<FamilyChecks, sqlx::Error> {
    let r = sqlx::query(
        "SELECT MAX(g.check_asked_at) AS asked_at, CAST(COUNT(*) AS BIGINT) AS guardians,
                CAST(SUM(CASE WHEN g.check_asked_at IS NOT NULL AND g.checked_at >= g.check_asked_at
                         THEN 1 ELSE 0 END) AS BIGINT) AS checked
         FROM guardians g
         WHERE g.organisation_id = $1 AND g.id IN (
            SELECT cg.guardian_id FROM child_guardians cg JOIN children c ON c.id = cg.child_id
            WHERE c.status <> 'sorti' AND c.anonymised_at IS NULL)",
    )
    .bind(&org.0)
    .fetch_one(&mut *conn)
    .await?;
    let asked: Option<String> = r.try_get("asked_at")?;
    let pending = sqlx::query(
        "SELECT c.id AS child_id, c.first_name, c.last_name, a.id, a.name, a.relationship,
                a.proposed_at, g.first_name AS by_first, g.last_name AS by_last
         FROM authorised_adults a JOIN children c ON c.id = a.child_id
         LEFT JOIN guardians g ON g.id = a.proposed_by
         WHERE c.organisation_id = $1 AND a.pending = 1 AND c.anonymised_at IS NULL
         ORDER BY a.proposed_at, a.id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|p| {
        let (first, last): (String, String) = (p.try_get("first_name")?, p.try_get("last_name")?);
        let by_first: Option<String> = p.try_get("by_first")?;
        let by_last: Option<String> = p.try_get("by_last")?;
        let at: Option<String> = p.try_get("proposed_at")?;
        Ok(PendingAdult {
            child: ChildId(p.try_get("child_id")?),
            child_name: format!("{first} {last}"),
            adult: AdultId(p.try_get("id")?),
            name: p.try_get("name")?,
            relationship: p.try_get("relationship")?,
            proposed_by: format!(
                "{} {}",
                by_first.unwrap_or_default(),
                by_last.unwrap_or_default()
            )
            .trim()
            .to_string(),
            proposed_at: at.as_deref().and_then(parse_timestamp).map(local),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(FamilyChecks {
        asked_at: asked.as_deref().and_then(parse_timestamp).map(local),
        guardians: r.try_get::<i64, _>("guardians")? as usize,
        checked: r.try_get::<Option<i64>, _>("checked")?.unwrap_or_default() as usize,
        pending,
    })
}
