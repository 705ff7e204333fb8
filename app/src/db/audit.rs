//! The audit log: who did what, when, to which record.

use crate::db::new_id;
use crate::domain::ids::{OrganisationId, UserId};
use sqlx::{Any, Executor};

pub struct Entry<'a> {
    pub organisation: Option<&'a OrganisationId>,
    pub user: Option<&'a UserId>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub detail: &'a str,
}

pub async fn record<'c, E>(executor: E, entry: &Entry<'_>, now: &str) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (id, organisation_id, user_id, at, action, entity, entity_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(entry.organisation.map(|o| o.0.clone()))
    .bind(entry.user.map(|u| u.0.clone()))
    .bind(now)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}
