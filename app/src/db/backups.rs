//! The backups this database knows of: the daily backups record
//! themselves here, and `/readyz` and `/metrics` read the last one's age.

use super::{bit, new_id, Db};
use sqlx::Row;

pub async fn record(
    db: &Db,
    file_name: &str,
    bytes: u64,
    encrypted: bool,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO backups (id, file_name, bytes, encrypted, finished_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(file_name)
    .bind(bytes as i64)
    .bind(bit(encrypted))
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// When the last backup finished, if any.
pub async fn last(db: &Db) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT MAX(finished_at) AS at FROM backups")
        .fetch_one(&db.pool)
        .await?
        .try_get("at")
}

/// Forgets the backups older than `before` (their files were deleted).
pub async fn forget_before(db: &Db, before: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM backups WHERE finished_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}
