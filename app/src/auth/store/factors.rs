//! Second factors, recovery codes and sign-in challenges (the step between
//! a right password and a right code).

use crate::db::Db;
use crate::domain::ids::UserId;
use sqlx::{AnyConnection, Row};

/// An account's second factor as stored.
pub struct Factor {
    /// The confirmed secret, if a code from it was ever accepted.
    pub secret: Option<String>,
    pub last_step: i64,
    /// A new secret being set up, and its recovery codes' hashes.
    pub pending: Option<(String, Vec<String>)>,
}

pub async fn factor(db: &Db, user: &UserId) -> Result<Option<Factor>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT secret, confirmed_at, last_step, pending_secret, pending_codes
         FROM second_factors WHERE user_id = $1",
    )
    .bind(&user.0)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        let confirmed: Option<String> = r.try_get("confirmed_at")?;
        let secret: String = r.try_get("secret")?;
        let pending_secret: Option<String> = r.try_get("pending_secret")?;
        let pending_codes: Option<String> = r.try_get("pending_codes")?;
        Ok(Factor {
            secret: confirmed.map(|_| secret),
            last_step: r.try_get("last_step")?,
            pending: pending_secret.map(|s| {
                let codes = pending_codes.unwrap_or_default();
                (
                    s,
                    codes
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect(),
                )
            }),
        })
    })
    .transpose()
}

/// Whether the account has a confirmed second factor.
pub async fn has_factor(db: &Db, user: &UserId) -> Result<bool, sqlx::Error> {
    Ok(factor(db, user).await?.is_some_and(|f| f.secret.is_some()))
}

/// Keeps a new secret being set up (replacing one set up before and not
/// confirmed); a confirmed secret stays in use until this one is.
pub async fn set_pending(
    db: &Db,
    user: &UserId,
    secret: &str,
    code_hashes: &[String],
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO second_factors (user_id, secret, confirmed_at, last_step, pending_secret, pending_codes, pending_at)
         VALUES ($1, '', NULL, 0, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE
         SET pending_secret = $2, pending_codes = $3, pending_at = $4",
    )
    .bind(&user.0)
    .bind(secret)
    .bind(code_hashes.join(","))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Makes the pending secret the account's, with its recovery codes (the
/// old ones go), once a code from it was accepted at `step`. False when
/// the pending secret is no longer `secret` (set up again meanwhile).
pub async fn confirm_pending(
    tx: &mut AnyConnection,
    user: &UserId,
    secret: &str,
    code_hashes: &[String],
    step: i64,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE second_factors
         SET secret = pending_secret, confirmed_at = $3, last_step = $4,
             pending_secret = NULL, pending_codes = NULL, pending_at = NULL
         WHERE user_id = $1 AND pending_secret = $2",
    )
    .bind(&user.0)
    .bind(secret)
    .bind(now)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(&user.0)
        .execute(&mut *tx)
        .await?;
    for hash in code_hashes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, created_at, used_at) VALUES ($1, $2, $3, NULL)",
        )
        .bind(&user.0)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(true)
}

/// Records that a code of `step` was used, if no code of this step or a
/// later one was (compare and swap): false for a code used twice.
pub async fn use_step(db: &Db, user: &UserId, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE second_factors SET last_step = $2
         WHERE user_id = $1 AND last_step < $2 AND confirmed_at IS NOT NULL",
    )
    .bind(&user.0)
    .bind(step)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses a recovery code once: false when it is unknown or was used.
pub async fn use_recovery_code(
    db: &Db,
    user: &UserId,
    hash: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_at = $3
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(&user.0)
    .bind(hash)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many recovery codes the account has left.
pub async fn recovery_codes_left(db: &Db, user: &UserId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(&user.0)
        .fetch_one(&db.pool)
        .await
}

/// Removes the account's second factor and its recovery codes.
pub async fn remove(tx: &mut AnyConnection, user: &UserId) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM second_factors WHERE user_id = $1",
        "DELETE FROM recovery_codes WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(&user.0).execute(&mut *tx).await?;
    }
    Ok(())
}

pub async fn insert_challenge(
    db: &Db,
    token_hash: &str,
    user: &UserId,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_challenges (token_hash, user_id, expires_at, failures) VALUES ($1, $2, $3, 0)",
    )
    .bind(token_hash)
    .bind(&user.0)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The account behind a live challenge.
pub async fn challenge_user(
    db: &Db,
    token_hash: &str,
    now: &str,
) -> Result<Option<UserId>, sqlx::Error> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT user_id FROM login_challenges WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(id.map(UserId))
}

/// Counts a wrong code; the challenge ends at `max` of them. True when it
/// ended.
pub async fn fail_challenge(db: &Db, token_hash: &str, max: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE login_challenges SET failures = failures + 1 WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    let ended =
        sqlx::query("DELETE FROM login_challenges WHERE token_hash = $1 AND failures >= $2")
            .bind(token_hash)
            .bind(max)
            .execute(&db.pool)
            .await?;
    Ok(ended.rows_affected() > 0)
}

pub async fn delete_challenge(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_challenges WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The daily purge: challenges that ended, secrets set up and never
/// confirmed since `quiet_since`.
pub async fn purge(db: &Db, now: &str, quiet_since: &str) -> Result<u64, sqlx::Error> {
    let challenges = sqlx::query("DELETE FROM login_challenges WHERE expires_at <= $1")
        .bind(now)
        .execute(&db.pool)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM second_factors WHERE confirmed_at IS NULL AND pending_at < $1")
        .bind(quiet_since)
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "UPDATE second_factors SET pending_secret = NULL, pending_codes = NULL, pending_at = NULL
         WHERE pending_at < $1",
    )
    .bind(quiet_since)
    .execute(&db.pool)
    .await?;
    Ok(challenges)
}
