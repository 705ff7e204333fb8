//! Users, login sessions, login throttling and invitations.

use crate::auth::CurrentUser;
use crate::db::{bit, flag, new_id, Db};
use crate::domain::ids::*;
use crate::domain::model::Role;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// What login needs to know about an account.
pub struct Credentials {
    pub user_id: UserId,
    pub password_hash: String,
    pub disabled: bool,
}

pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row = sqlx::query("SELECT id, password_hash, disabled FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| {
        Ok(Credentials {
            user_id: UserId(r.try_get("id")?),
            password_hash: r.try_get("password_hash")?,
            disabled: flag(&r, "disabled")?,
        })
    })
    .transpose()
}

/// A new account. `email` must already be normalised (trimmed, lower-case).
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub display_name: &'a str,
    pub organisation: Option<&'a OrganisationId>,
    pub territory: Option<&'a str>,
}

pub async fn insert_user(
    tx: &mut AnyConnection,
    user: &NewUser<'_>,
    now: &str,
) -> Result<UserId, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO users (id, organisation_id, territory_code, email, password_hash, role, display_name, disabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(user.organisation.map(|o| o.0.clone()))
    .bind(user.territory.map(str::to_string))
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.display_name)
    .bind(bit(false))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(UserId(id))
}

pub async fn email_taken(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

/// A new login session: when it ends if unused (`idle_until`, moved on by
/// each request) and at the latest (`expires_at`), and on which device.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user: &'a UserId,
    pub now: &'a str,
    pub idle_until: &'a str,
    pub expires_at: &'a str,
    pub device: &'a str,
}

pub async fn insert_login_session(db: &Db, s: &NewSession<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_sessions (token_hash, user_id, created_at, last_seen_at, idle_until, expires_at, device)
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(s.token_hash)
    .bind(&s.user.0)
    .bind(s.now)
    .bind(s.idle_until)
    .bind(s.expires_at)
    .bind(s.device)
    .execute(&db.pool)
    .await?;
    Ok(())
}

const CURRENT_USER_SELECT: &str = "
    SELECT u.id, u.role, u.display_name, u.organisation_id, u.territory_code,
           o.name AS organisation_name, g.id AS guardian_id, a.id AS accompanist_id
    FROM users u
    LEFT JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN guardians g ON g.user_id = u.id
    LEFT JOIN accompanists a ON a.user_id = u.id";

fn current_user(row: &AnyRow) -> Result<CurrentUser, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(CurrentUser {
        id: UserId(row.try_get("id")?),
        role: Role::parse(&role).ok_or_else(|| crate::db::bad_column("role", &role))?,
        display_name: row.try_get("display_name")?,
        organisation: row
            .try_get::<Option<String>, _>("organisation_id")?
            .map(OrganisationId),
        organisation_name: row.try_get("organisation_name")?,
        territory: row.try_get("territory_code")?,
        guardian: row
            .try_get::<Option<String>, _>("guardian_id")?
            .map(GuardianId),
        accompanist: row
            .try_get::<Option<String>, _>("accompanist_id")?
            .map(AccompanistId),
    })
}

/// The user behind a live login session and when it was last seen, or
/// `None` when the session is unknown or ended (past its expiry, or unused
/// past its idle limit).
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    now: &str,
) -> Result<Option<(CurrentUser, String)>, sqlx::Error> {
    let sql = CURRENT_USER_SELECT.replacen(
        "FROM users u",
        ", s.last_seen_at AS last_seen FROM users u",
        1,
    ) + "
         JOIN login_sessions s ON s.user_id = u.id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.idle_until > $2 AND u.disabled = 0";
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some((current_user(&row)?, row.try_get("last_seen")?)))
}

/// Moves a session's idle limit on (it was used at `now`).
pub async fn touch_session(
    db: &Db,
    token_hash: &str,
    now: &str,
    idle_until: &str,
) -> Result<(), sqlx::Error> {
    // A connection, then this process's turn to write (SQLite, `Db::writer`):
    // tablets whose minute passed together would otherwise meet the
    // register's shared write in SQLite's busy handler, which sleeps in
    // steps of up to 100 ms.
    let mut conn = db.pool.acquire().await?;
    let _turn = db.writer().await;
    sqlx::query(
        "UPDATE login_sessions SET last_seen_at = $2, idle_until = $3 WHERE token_hash = $1",
    )
    .bind(token_hash)
    .bind(now)
    .bind(idle_until)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A login session as its owner sees it in their account.
pub struct SessionRow {
    pub token_hash: String,
    pub device: String,
    pub created_at: String,
    pub last_seen_at: String,
}

/// The account's live sessions, the most recently used first.
pub async fn sessions_of(
    db: &Db,
    user: &UserId,
    now: &str,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT token_hash, device, created_at, last_seen_at FROM login_sessions
         WHERE user_id = $1 AND expires_at > $2 AND idle_until > $2
         ORDER BY last_seen_at DESC, created_at DESC",
    )
    .bind(&user.0)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SessionRow {
                token_hash: r.try_get("token_hash")?,
                device: r.try_get("device")?,
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
            })
        })
        .collect()
}

/// Ends every session of the account but `keep` (the one asking): how many
/// ended.
pub async fn end_other_sessions(
    tx: &mut AnyConnection,
    user: &UserId,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(&user.0)
        .bind(keep.unwrap_or(""))
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected())
}

/// The stored password hash and e-mail address of an account.
pub async fn password_of(db: &Db, user: &UserId) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query("SELECT password_hash, email FROM users WHERE id = $1")
        .bind(&user.0)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| Ok((r.try_get("password_hash")?, r.try_get("email")?)))
        .transpose()
}

pub async fn set_password(
    tx: &mut AnyConnection,
    user: &UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(&user.0)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn user_by_id(db: &Db, id: &UserId) -> Result<Option<CurrentUser>, sqlx::Error> {
    let sql = format!("{CURRENT_USER_SELECT} WHERE u.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&id.0)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(current_user).transpose()
}

pub async fn delete_login_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The failures recorded for a throttle key: `(failures, blocked_until)`.
pub async fn throttle(db: &Db, key: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    let row =
        sqlx::query("SELECT failures, blocked_until FROM login_throttle WHERE throttle_key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    row.map(|r| Ok((r.try_get("failures")?, r.try_get("blocked_until")?)))
        .transpose()
}

/// Makes the row of a throttle key if it has none (no failure yet).
pub async fn ensure_throttle(db: &Db, key: &str, now: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until)
         VALUES ($1, 0, $2, $2)
         ON CONFLICT (throttle_key) DO NOTHING",
    )
    .bind(key)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Counts an attempt if the key's count is still `seen` (compare and swap):
/// false when another attempt counted first.
pub async fn count_throttle(
    db: &Db,
    key: &str,
    seen: i64,
    failures: i64,
    now: &str,
    blocked_until: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE login_throttle SET failures = $3, last_failure_at = $4, blocked_until = $5
         WHERE throttle_key = $1 AND failures = $2",
    )
    .bind(key)
    .bind(seen)
    .bind(failures)
    .bind(now)
    .bind(blocked_until)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the sessions that ended (expired, or unused past their idle
/// limit) and the throttle rows untouched since `quiet_since` (they name
/// e-mail addresses): `(sessions, throttle rows)` deleted.
pub async fn purge(db: &Db, now: &str, quiet_since: &str) -> Result<(u64, u64), sqlx::Error> {
    let sessions =
        sqlx::query("DELETE FROM login_sessions WHERE expires_at <= $1 OR idle_until <= $1")
            .bind(now)
            .execute(&db.pool)
            .await?
            .rows_affected();
    let throttle =
        sqlx::query("DELETE FROM login_throttle WHERE last_failure_at < $1 AND blocked_until < $1")
            .bind(quiet_since)
            .execute(&db.pool)
            .await?
            .rows_affected();
    Ok((sessions, throttle))
}

pub async fn clear_throttle(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// An invitation as stored.
pub struct Invitation {
    pub organisation: OrganisationId,
    pub role: Role,
    pub guardian: Option<GuardianId>,
    pub accompanist: Option<AccompanistId>,
    pub email: String,
    pub display_name: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub organisation: &'a OrganisationId,
    pub role: Role,
    pub guardian: Option<&'a GuardianId>,
    pub accompanist: Option<&'a AccompanistId>,
    pub email: &'a str,
    pub created_by: &'a UserId,
    pub now: &'a str,
    pub expires_at: &'a str,
}

pub async fn insert_invitation(
    conn: &mut sqlx::AnyConnection,
    inv: &NewInvitation<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invitations (token_hash, organisation_id, role, guardian_id, accompanist_id, email, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(inv.token_hash)
    .bind(&inv.organisation.0)
    .bind(inv.role.as_str())
    .bind(inv.guardian.map(|g| g.0.clone()))
    .bind(inv.accompanist.map(|a| a.0.clone()))
    .bind(inv.email)
    .bind(&inv.created_by.0)
    .bind(inv.now)
    .bind(inv.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn invitation(db: &Db, token_hash: &str) -> Result<Option<Invitation>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT i.organisation_id, i.role, i.guardian_id, i.accompanist_id, i.email, i.expires_at, i.used_at,
                COALESCE(g.first_name || ' ' || g.last_name, a.first_name || ' ' || a.last_name, i.email) AS display_name
         FROM invitations i
         LEFT JOIN guardians g ON g.id = i.guardian_id
         LEFT JOIN accompanists a ON a.id = i.accompanist_id
         WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        Ok(Invitation {
            organisation: OrganisationId(r.try_get("organisation_id")?),
            role: Role::parse(&role).ok_or_else(|| crate::db::bad_column("role", &role))?,
            guardian: r
                .try_get::<Option<String>, _>("guardian_id")?
                .map(GuardianId),
            accompanist: r
                .try_get::<Option<String>, _>("accompanist_id")?
                .map(AccompanistId),
            email: r.try_get("email")?,
            display_name: r.try_get("display_name")?,
            expires_at: r.try_get("expires_at")?,
            used_at: r.try_get("used_at")?,
        })
    })
    .transpose()
}

/// Marks the invitation used, once: false when it was already used or has
/// expired (two concurrent acceptances cannot both win).
pub async fn consume_invitation(
    tx: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Links a person record (guardian or accompanist) to their new account.
pub async fn link_person(
    tx: &mut AnyConnection,
    role: Role,
    person_id: &str,
    user: &UserId,
) -> Result<(), sqlx::Error> {
    let sql = match role {
        Role::Parent => "UPDATE guardians SET user_id = $1 WHERE id = $2",
        _ => "UPDATE accompanists SET user_id = $1 WHERE id = $2",
    };
    sqlx::query(sql)
        .bind(&user.0)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
