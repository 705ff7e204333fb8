//! Privacy: children who left are anonymised once their organisation's
//! retention period has passed (`organisations.anonymise_after_months`,
//! 24 by default, counted from the last contact, else from the day they
//! left).
//!
//! What goes: names, the birth date (the birth year stays, for the report's
//! age bands), every free text written about the child or the family
//! (needs, referral need, contract objectives, absence reasons, meeting
//! notes about the child), the authorised adults, the consents, the raw
//! register entries, the waiting lists; guardians who have no other current
//! child lose their identity and their login. What stays: the facts the
//! CAF's report counts (sex, school level, priority area, referral source
//! and date, group membership, attendance statuses, meetings by kind).

use crate::db::{Author, Db, Work};
use crate::domain::ids::{ChildId, GuardianId, OrganisationId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AnyConnection, Row};

/// The name an anonymised child keeps: something to show in lists.
pub const ANONYMOUS_CHILD: &str = "Enfant anonymisé";
/// The name an anonymised guardian keeps.
pub const ANONYMOUS_GUARDIAN: &str = "Parent anonymisé";

/// What one run of the job did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anonymised {
    pub children: usize,
    pub guardians: usize,
}

/// Anonymises every child who left before their organisation's retention
/// period, counted back from `today`. Each child is done in a transaction of
/// its own, so an interrupted run leaves no child half done; running it
/// again finds the rest and does nothing more to the ones already done.
pub async fn anonymise_departed(
    db: &Db,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Anonymised, sqlx::Error> {
    let mut done = Anonymised::default();
    for (child, organisation) in due(db, today).await? {
        let author = Author {
            organisation: Some(organisation),
            user: None,
        };
        let mut tx = Work::begin(db, author, now).await?;
        // None: another instance of the server did this child meanwhile.
        if let Some(guardians) = anonymise_child(&mut tx, &child).await? {
            tx.commit().await?;
            done.children += 1;
            done.guardians += guardians;
        }
    }
    Ok(done)
}

/// Deletes the messages to families sent before `year_start` (the first
/// moment of the current school year, as stored): they are kept for the
/// school year. Returns how many went.
pub async fn purge_past_messages(db: &Db, year_start: &str) -> Result<u64, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    sqlx::query(
        "DELETE FROM family_message_recipients WHERE message_id IN
            (SELECT id FROM family_messages WHERE sent_at < $1)",
    )
    .bind(year_start)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("DELETE FROM family_messages WHERE sent_at < $1")
        .bind(year_start)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// The children due, with their organisation.
async fn due(db: &Db, today: NaiveDate) -> Result<Vec<(ChildId, OrganisationId)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.organisation_id, c.status,
                COALESCE(c.last_contact_on, c.left_on, SUBSTR(c.created_at, 1, 10)) AS last_seen,
                o.anonymise_after_months
         FROM children c JOIN organisations o ON o.id = c.organisation_id
         WHERE c.status IN ('sorti', 'oriente') AND c.anonymised_at IS NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut due = Vec::new();
    for r in rows {
        let months: i64 = r.try_get("anonymise_after_months")?;
        // A child referred who never joined (« orienté », often on a
        // waiting list) is kept no longer than one who left: counted from
        // the last contact, or from when the record was made.
        // A child who left with no date at all: nothing says when, so the
        // job waits for someone to record it rather than guess.
        let Some(last_seen) = r.try_get::<Option<String>, _>("last_seen")? else {
            continue;
        };
        let last_seen = crate::db::date(&last_seen, "last_seen")?;
        if crate::domain::rules::due_for_anonymisation(last_seen, months, today) {
            due.push((
                ChildId(r.try_get("id")?),
                OrganisationId(r.try_get("organisation_id")?),
            ));
        }
    }
    Ok(due)
}

/// Anonymises one child; returns how many of their guardians were
/// anonymised with them (those with no other current child), or None when
/// the child was anonymised already.
async fn anonymise_child(work: &mut Work, child: &ChildId) -> Result<Option<usize>, sqlx::Error> {
    let at = work.at().to_string();
    let conn: &mut AnyConnection = work;
    let first = sqlx::query(
        "UPDATE children SET first_name = $2, last_name = '', birth_date = NULL, needs_note = '',
            left_reason = NULL, last_contact_on = NULL, anonymised_at = $3
         WHERE id = $1 AND anonymised_at IS NULL",
    )
    .bind(&child.0)
    .bind(ANONYMOUS_CHILD)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    if first.rows_affected() == 0 {
        return Ok(None);
    }
    let statements = [
        "DELETE FROM authorised_adults WHERE child_id = $1",
        "DELETE FROM consents WHERE child_id = $1",
        "DELETE FROM group_waiting_list WHERE child_id = $1",
        "DELETE FROM register_disagreements WHERE child_id = $1",
        // Through the child's register rows: entries are indexed by session.
        "DELETE FROM register_entries WHERE child_id = $1
            AND session_id IN (SELECT session_id FROM attendance WHERE child_id = $1)",
        "UPDATE referrals SET need = '' WHERE child_id = $1",
        "UPDATE attendance SET picked_up_by = NULL WHERE child_id = $1",
        "UPDATE absence_notices SET reason = '' WHERE child_id = $1",
        "UPDATE contracts SET objectives = '', engagements = '', accepted_by_guardian_id = NULL
            WHERE child_id = $1",
        "UPDATE school_liaisons SET participants = '', notes = '', objectives_reviewed = ''
            WHERE child_id = $1",
        "UPDATE audit_log SET detail = '' WHERE entity = 'child' AND entity_id = $1",
        // Messages: the family's copies, and those written about the child
        // alone (their words may name them).
        "DELETE FROM family_message_recipients WHERE child_id = $1",
        "DELETE FROM family_message_recipients WHERE message_id IN
            (SELECT id FROM family_messages WHERE audience = 'child' AND audience_id = $1)",
        "DELETE FROM family_messages WHERE audience = 'child' AND audience_id = $1",
    ];
    for sql in statements {
        sqlx::query(sql).bind(&child.0).execute(&mut *conn).await?;
    }
    let guardians = sqlx::query(
        "SELECT cg.guardian_id FROM child_guardians cg
         WHERE cg.child_id = $1 AND NOT EXISTS (
            SELECT 1 FROM child_guardians other JOIN children c ON c.id = other.child_id
            WHERE other.guardian_id = cg.guardian_id AND c.anonymised_at IS NULL)",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get("guardian_id").map(GuardianId))
    .collect::<Result<Vec<_>, _>>()?;
    for guardian in &guardians {
        anonymise_guardian(conn, guardian).await?;
    }
    work.audit("child.anonymise", ("child", &child.0), "")
        .await?;
    Ok(Some(guardians.len()))
}

/// A guardian with no current child: their identity, contact, calendar
/// address, invitations and login go; their replies to family events stay
/// (the report counts the parents who came).
async fn anonymise_guardian(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
) -> Result<(), sqlx::Error> {
    let user: Option<String> = sqlx::query("SELECT user_id FROM guardians WHERE id = $1")
        .bind(&guardian.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get("user_id"))
        .transpose()?
        .flatten();
    sqlx::query(
        "UPDATE guardians SET first_name = $2, last_name = '', email = NULL, phone = NULL,
            address = NULL
         WHERE id = $1",
    )
    .bind(&guardian.0)
    .bind(ANONYMOUS_GUARDIAN)
    .execute(&mut *conn)
    .await?;
    for sql in [
        "DELETE FROM calendar_feeds WHERE guardian_id = $1",
        "DELETE FROM invitations WHERE guardian_id = $1",
    ] {
        sqlx::query(sql)
            .bind(&guardian.0)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(user) = user {
        sqlx::query("DELETE FROM login_sessions WHERE user_id = $1")
            .bind(&user)
            .execute(&mut *conn)
            .await?;
        // The address must stay unique and must not be anyone's: the
        // reserved `.invalid` domain. The password hash is no hash at all,
        // so no password matches it.
        sqlx::query(
            "UPDATE users SET email = $2, display_name = $3, password_hash = '!', disabled = 1
             WHERE id = $1",
        )
        .bind(&user)
        .bind(format!("anonymise-{user}@passerelle.invalid"))
        .bind(ANONYMOUS_GUARDIAN)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE audit_log SET detail = '' WHERE user_id = $1 OR entity_id = $1")
            .bind(&user)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
