//! « Mot de passe oublié » links: stored as their token's hash, valid one
//! hour, used once.

use crate::db::Db;
use crate::domain::ids::{OrganisationId, UserId};
use sqlx::{AnyConnection, Row};

/// The account a reset may be sent to.
pub struct ResetAccount {
    pub user: UserId,
    pub display_name: String,
    pub organisation: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub locale: String,
}

/// The active account behind an address, if any.
pub async fn account(db: &Db, email: &str) -> Result<Option<ResetAccount>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT u.id, u.display_name, u.organisation_id, o.name AS organisation_name, u.locale
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE u.email = $1 AND u.disabled = 0",
    )
    .bind(email)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(ResetAccount {
            user: UserId(r.try_get("id")?),
            display_name: r.try_get("display_name")?,
            organisation: r
                .try_get::<Option<String>, _>("organisation_id")?
                .map(OrganisationId),
            organisation_name: r.try_get("organisation_name")?,
            locale: r.try_get("locale")?,
        })
    })
    .transpose()
}

/// How many links were made for `user` since `since`.
pub async fn made_since(db: &Db, user: &UserId, since: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM password_resets WHERE user_id = $1 AND created_at >= $2")
        .bind(&user.0)
        .bind(since)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

pub async fn insert(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: &UserId,
    at: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(&user.0)
    .bind(at)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A link as found: its account, when it ends, whether it was used.
pub struct Reset {
    pub user: UserId,
    pub email: String,
    pub display_name: String,
    pub expires_at: String,
    pub used: bool,
}

pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Reset>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT r.user_id, u.email, u.display_name, r.expires_at, r.used_at
         FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Reset {
            user: UserId(r.try_get("user_id")?),
            email: r.try_get("email")?,
            display_name: r.try_get("display_name")?,
            expires_at: r.try_get("expires_at")?,
            used: r.try_get::<Option<String>, _>("used_at")?.is_some(),
        })
    })
    .transpose()
}

/// Uses the link (once, before it ends): `false` when it was used or ended
/// meanwhile. Every other link of the account ends with it.
pub async fn consume(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: &UserId,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE password_resets SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(at)
    .bind(token_hash)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(at)
        .bind(&user.0)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Ends every session of the account.
pub async fn end_every_session(
    conn: &mut AnyConnection,
    user: &UserId,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_sessions WHERE user_id = $1")
        .bind(&user.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Remembers the language `user` reads (their mails are written in it);
/// written only when it changed.
pub async fn set_locale(db: &Db, user: &UserId, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2 AND locale <> $1")
        .bind(locale)
        .bind(&user.0)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Deletes the links that ended a day ago.
pub async fn purge(db: &Db, before: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}
