//! The outbox: mails queued in the transaction of the change that causes
//! them, and their states (see the migration `20261206000001_mail.sql`).
//!
//! Exactly once when the SMTP server is down: a mail leaves the queue only
//! once the server accepted it, and an attempt that could not reach the
//! server is retried later. At most once across a crash: a mail found
//! `sending` after its lease is `interrupted` and never sent again on its
//! own (it may have left), unless an admin asks. Several instances share
//! the queue: a mail is claimed by compare-and-swap, so one sends it.

use super::letter::Letter;
use super::states::{MailState, OutboxLine};
use super::MailKind;
use crate::db::{ids, new_id, timestamp, Db};
use crate::domain::ids::{OrganisationId, UserId};
use crate::locale::Locale;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A mail to queue.
pub struct NewMail<'a> {
    pub organisation: Option<&'a OrganisationId>,
    /// The account it is written to (for its choices and its stop link).
    pub user: Option<&'a UserId>,
    pub recipient: &'a str,
    pub locale: Locale,
    pub kind: MailKind,
    pub letter: &'a Letter,
    /// Makes the same mail queued once, whoever computes it again.
    pub dedupe_key: String,
}

/// What `queue` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    Queued,
    /// The person stopped this kind of mail.
    NotWanted,
    /// The same mail was queued before.
    AlreadyQueued,
}

/// Queues `mail` on `conn` (the change's transaction) at `at` (as stored),
/// with a stop link under `base_url` when the kind can be stopped.
pub async fn queue(
    conn: &mut AnyConnection,
    mail: &NewMail<'_>,
    base_url: &str,
    at: &str,
) -> Result<Queued, sqlx::Error> {
    let stop = match (mail.user, mail.kind.chosen()) {
        (Some(user), true) => {
            if !super::choices::wanted(conn, user, mail.kind).await? {
                return Ok(Queued::NotWanted);
            }
            let (token, hash) = ids::new_token();
            Some((format!("{base_url}/courriels/arret/{token}"), hash))
        }
        _ => None,
    };
    let bodies = mail
        .letter
        .bodies(mail.locale, stop.as_ref().map(|(url, _)| url.as_str()));
    let done = sqlx::query(
        "INSERT INTO outbox (id, organisation_id, user_id, recipient, locale, kind, subject,
             text_body, html_body, dedupe_key, stop_token_hash, stop_url, state, attempts,
             next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'queued', 0, $13, $13)
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(new_id())
    .bind(mail.organisation.map(|o| o.0.clone()))
    .bind(mail.user.map(|u| u.0.clone()))
    .bind(mail.recipient)
    .bind(mail.locale.code())
    .bind(mail.kind.code())
    .bind(&mail.letter.subject)
    .bind(&bodies.text)
    .bind(&bodies.html)
    .bind(&mail.dedupe_key)
    .bind(stop.as_ref().map(|(_, hash)| hash.clone()))
    .bind(stop.as_ref().map(|(url, _)| url.clone()))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(if done.rows_affected() == 1 {
        Queued::Queued
    } else {
        Queued::AlreadyQueued
    })
}

/// A mail as the worker sends it.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub stop_url: Option<String>,
    pub attempts: i64,
}

/// Marks as `interrupted` the mails whose sender stopped while sending
/// (their lease ended): they may have left, so they wait for an admin.
pub async fn recover(db: &Db, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'interrupted', lease_until = NULL,
             last_error = 'the sender stopped while sending'
         WHERE state = 'sending' AND lease_until < $1",
    )
    .bind(timestamp(at))
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}

/// The ids of the mails due at `at`, oldest first.
pub async fn due(db: &Db, at: DateTime<Utc>, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(
        "SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, created_at LIMIT $2",
    )
    .bind(timestamp(at))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect()
}

/// Takes the mail `id` for sending until `lease_until`, if it is still
/// queued: of two instances, one gets it.
pub async fn claim(
    db: &Db,
    id: &str,
    lease_until: DateTime<Utc>,
) -> Result<Option<Outgoing>, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_until = $1
         WHERE id = $2 AND state = 'queued'",
    )
    .bind(timestamp(lease_until))
    .bind(id)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    let r = sqlx::query(
        "SELECT id, recipient, subject, text_body, html_body, stop_url, attempts
         FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Some(Outgoing {
        id: r.try_get("id")?,
        recipient: r.try_get("recipient")?,
        subject: r.try_get("subject")?,
        text_body: r.try_get("text_body")?,
        html_body: r.try_get("html_body")?,
        stop_url: r.try_get("stop_url")?,
        attempts: r.try_get("attempts")?,
    }))
}

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Written to the log: no SMTP server is configured.
    Logged,
    /// Not sent; try again at this time.
    Retry(DateTime<Utc>, String),
    /// Refused for good.
    Failed(String),
    /// Perhaps sent: never again on its own.
    Interrupted(String),
}

/// Records how the attempt on `id` ended.
pub async fn finish(
    db: &Db,
    id: &str,
    outcome: &Outcome,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = timestamp(at);
    let (state, next, error, sent) = match outcome {
        Outcome::Sent => ("sent", at.clone(), String::new(), Some(at.clone())),
        Outcome::Logged => ("logged", at.clone(), String::new(), Some(at.clone())),
        Outcome::Retry(next, e) => ("queued", timestamp(*next), e.clone(), None),
        Outcome::Failed(e) => ("failed", at.clone(), e.clone(), None),
        Outcome::Interrupted(e) => ("interrupted", at.clone(), e.clone(), None),
    };
    let error: String = error.chars().take(500).collect();
    sqlx::query(
        "UPDATE outbox SET state = $1, next_attempt_at = $2, last_error = $3, sent_at = $4,
             lease_until = NULL
         WHERE id = $5 AND state = 'sending'",
    )
    .bind(state)
    .bind(next)
    .bind(error)
    .bind(sent)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Puts a failed or interrupted mail back in the queue (an admin asked).
/// `false` when it is in neither state.
pub async fn requeue(db: &Db, id: &str, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'queued', next_attempt_at = $1, attempts = 0, last_error = ''
         WHERE id = $2 AND state IN ('failed', 'interrupted')",
    )
    .bind(timestamp(at))
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A stored time as the admin page says it, on the organisations' clocks.
fn moment(stamp: &str) -> String {
    crate::db::parse_timestamp(stamp)
        .map(|t| crate::format::moment(crate::domain::local_time::local(t)))
        .unwrap_or_else(|| stamp.to_string())
}

fn listed(r: &AnyRow) -> Result<OutboxLine, sqlx::Error> {
    let state: String = r.try_get("state")?;
    Ok(OutboxLine {
        id: r.try_get("id")?,
        recipient: r.try_get("recipient")?,
        kind: r.try_get("kind")?,
        subject: r.try_get("subject")?,
        state: MailState::parse(&state).ok_or_else(|| crate::db::bad_column("state", &state))?,
        attempts: r.try_get("attempts")?,
        last_error: r.try_get("last_error")?,
        created_at: moment(&r.try_get::<String, _>("created_at")?),
        next_attempt_at: moment(&r.try_get::<String, _>("next_attempt_at")?),
        sent_at: r
            .try_get::<Option<String>, _>("sent_at")?
            .as_deref()
            .map(moment),
    })
}

/// The newest mails (of one state, or all), at most `limit`.
pub async fn list(
    db: &Db,
    state: Option<MailState>,
    limit: i64,
) -> Result<Vec<OutboxLine>, sqlx::Error> {
    let columns = "id, recipient, kind, subject, state, attempts, last_error, created_at,
                   next_attempt_at, sent_at";
    let rows = match state {
        Some(s) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {columns} FROM outbox WHERE state = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
            )))
            .bind(s.code())
            .bind(limit)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {columns} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"
            )))
            .bind(limit)
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter().map(listed).collect()
}

/// How many mails are in each state.
pub async fn counts(db: &Db) -> Result<Vec<(MailState, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
        .fetch_all(&db.pool)
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let state: String = r.try_get("state")?;
        if let Some(s) = MailState::parse(&state) {
            out.push((s, r.try_get("n")?));
        }
    }
    Ok(out)
}

/// How many queued mails have waited past their time by more than
/// `late` (the worker is not running, or cannot keep up).
pub async fn overdue(
    db: &Db,
    at: DateTime<Utc>,
    late: chrono::Duration,
) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE state = 'queued' AND next_attempt_at < $1")
        .bind(timestamp(at - late))
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// The person and the kind a stop link is for.
pub async fn stop_target(
    conn: &mut AnyConnection,
    token: &str,
) -> Result<Option<(UserId, MailKind)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT user_id, kind FROM outbox WHERE stop_token_hash = $1 AND user_id IS NOT NULL",
    )
    .bind(ids::token_hash(token))
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let kind: String = r.try_get("kind")?;
    let user = UserId(r.try_get("user_id")?);
    Ok(MailKind::parse(&kind).map(|k| (user, k)))
}

/// How long mails that ended are kept for the admin page.
pub const KEPT: chrono::Duration = chrono::Duration::days(90);

/// Deletes the mails that ended before `at - KEPT`.
pub async fn purge(db: &Db, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM outbox WHERE state IN ('sent', 'failed', 'interrupted', 'logged')
         AND created_at < $1",
    )
    .bind(timestamp(at - KEPT))
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}
