//! The platform overview's read model (server only).

use crate::admin::types::{AdminOverview, OrganisationLine};
use crate::db::Db;
use sqlx::Row;
use std::collections::BTreeMap;

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
