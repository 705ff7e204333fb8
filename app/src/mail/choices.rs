//! What each person asked to receive: a row per kind they changed; the
//! kind's default otherwise (`MailKind::wanted_by_default`).

use super::MailKind;
use crate::db::{bit, flag, Db};
use crate::domain::ids::UserId;
use sqlx::{AnyConnection, Row};

/// Whether `user` receives mails of `kind`.
pub async fn wanted(
    conn: &mut AnyConnection,
    user: &UserId,
    kind: MailKind,
) -> Result<bool, sqlx::Error> {
    if !kind.chosen() {
        return Ok(true);
    }
    let row = sqlx::query("SELECT wanted FROM mail_choices WHERE user_id = $1 AND kind = $2")
        .bind(&user.0)
        .bind(kind.code())
        .fetch_optional(conn)
        .await?;
    match row {
        Some(r) => flag(&r, "wanted"),
        None => Ok(kind.wanted_by_default()),
    }
}

/// The kinds `user` may choose, each with whether they receive it.
pub async fn of_user(
    db: &Db,
    user: &UserId,
    kinds: &[MailKind],
) -> Result<Vec<(MailKind, bool)>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    let mut out = Vec::with_capacity(kinds.len());
    for kind in kinds {
        out.push((*kind, wanted(&mut conn, user, *kind).await?));
    }
    Ok(out)
}

/// Records that `user` does (or does not) want `kind`.
pub async fn set(
    conn: &mut AnyConnection,
    user: &UserId,
    kind: MailKind,
    want: bool,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_choices (user_id, kind, wanted, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, kind) DO UPDATE SET wanted = excluded.wanted, changed_at = excluded.changed_at",
    )
    .bind(&user.0)
    .bind(kind.code())
    .bind(bit(want))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The language `user`'s mails are written in.
pub async fn locale_of(
    conn: &mut AnyConnection,
    user: &UserId,
) -> Result<crate::locale::Locale, sqlx::Error> {
    let code: Option<String> = sqlx::query("SELECT locale FROM users WHERE id = $1")
        .bind(&user.0)
        .fetch_optional(conn)
        .await?
        .map(|r| r.try_get("locale"))
        .transpose()?;
    Ok(crate::locale::Locale::from_code(
        code.as_deref().unwrap_or("fr"),
    ))
}
