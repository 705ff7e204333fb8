//! What the notices read: absences without a notice, the day's events of an
//! organisation, last week's registers, and who receives each mail.

use crate::db::Db;
use crate::domain::ids::{OrganisationId, UserId};
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A person a notice is written to.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub user: UserId,
    pub email: String,
    pub name: String,
    pub locale: String,
}

fn recipient(r: &AnyRow) -> Result<Recipient, sqlx::Error> {
    Ok(Recipient {
        user: UserId(r.try_get("user_id")?),
        email: r.try_get("email")?,
        name: r.try_get("display_name")?,
        locale: r.try_get("locale")?,
    })
}

/// A child expected at a session of `day`, marked absent, with no notice
/// from the family, and one guardian with an account.
#[derive(Clone, Debug)]
pub struct Absence {
    pub organisation: OrganisationId,
    pub organisation_name: String,
    pub session: String,
    pub group_name: String,
    pub starts_at: String,
    pub child: String,
    pub child_first_name: String,
    pub guardian: Recipient,
}

pub async fn absences_without_notice(
    conn: &mut AnyConnection,
    day: NaiveDate,
) -> Result<Vec<Absence>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.organisation_id, o.name AS organisation_name, s.id AS session_id,
                g.name AS group_name, s.starts_at, c.id AS child_id, c.first_name,
                u.id AS user_id, u.email, u.display_name, u.locale
         FROM attendance a
         JOIN sessions s ON s.id = a.session_id
         JOIN groups g ON g.id = s.group_id
         JOIN organisations o ON o.id = s.organisation_id
         JOIN children c ON c.id = a.child_id
         JOIN child_guardians cg ON cg.child_id = c.id
         JOIN guardians gu ON gu.id = cg.guardian_id
         JOIN users u ON u.id = gu.user_id
         WHERE s.on_date = $1 AND s.status IN ('planned', 'held') AND a.status = 'absent'
           AND u.disabled = 0
           AND NOT EXISTS (SELECT 1 FROM absence_notices n
                           WHERE n.session_id = a.session_id AND n.child_id = a.child_id)
         ORDER BY s.id, c.id, u.id",
    )
    .bind(day.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Absence {
                organisation: OrganisationId(r.try_get("organisation_id")?),
                organisation_name: r.try_get("organisation_name")?,
                session: r.try_get("session_id")?,
                group_name: r.try_get("group_name")?,
                starts_at: r.try_get("starts_at")?,
                child: r.try_get("child_id")?,
                child_first_name: r.try_get("first_name")?,
                guardian: recipient(r)?,
            })
        })
        .collect()
}

/// An organisation and its active coordinators.
#[derive(Clone, Debug)]
pub struct Coordinated {
    pub organisation: OrganisationId,
    pub name: String,
    pub coordinators: Vec<Recipient>,
}

/// The organisations that have active coordinators, each once.
pub async fn coordinators(conn: &mut AnyConnection) -> Result<Vec<Coordinated>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT o.id AS organisation_id, o.name AS organisation_name, u.id AS user_id, u.email,
                u.display_name, u.locale
         FROM users u JOIN organisations o ON o.id = u.organisation_id
         WHERE u.role = 'coordinator' AND u.disabled = 0
         ORDER BY o.id, u.id",
    )
    .fetch_all(conn)
    .await?;
    let mut out: Vec<Coordinated> = Vec::new();
    for r in &rows {
        let organisation = OrganisationId(r.try_get("organisation_id")?);
        match out.last_mut() {
            Some(last) if last.organisation == organisation => {
                last.coordinators.push(recipient(r)?)
            }
            _ => out.push(Coordinated {
                organisation,
                name: r.try_get("organisation_name")?,
                coordinators: vec![recipient(r)?],
            }),
        }
    }
    Ok(out)
}

/// What a digest lists: one line each, already in the order read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayEvents {
    /// (child's name, session day, group, reason)
    pub notices: Vec<(String, NaiveDate, String, String)>,
    /// child's name
    pub contracts: Vec<String>,
    /// (guardian's name, event title, event day, coming)
    pub answers: Vec<(String, String, NaiveDate, bool)>,
}

impl DayEvents {
    pub fn is_empty(&self) -> bool {
        self.notices.is_empty() && self.contracts.is_empty() && self.answers.is_empty()
    }
}

fn name(r: &AnyRow) -> Result<String, sqlx::Error> {
    let first: String = r.try_get("first_name")?;
    let last: String = r.try_get("last_name")?;
    Ok(format!("{first} {last}"))
}

fn day(r: &AnyRow) -> Result<NaiveDate, sqlx::Error> {
    crate::db::date(&r.try_get::<String, _>("on_date")?, "on_date")
}

/// What happened in `org` between `from` and `to` (stored timestamps).
pub async fn day_events(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: &str,
    to: &str,
) -> Result<DayEvents, sqlx::Error> {
    let notices = sqlx::query(
        "SELECT c.first_name, c.last_name, s.on_date, g.name AS group_name, n.reason
         FROM absence_notices n
         JOIN sessions s ON s.id = n.session_id
         JOIN groups g ON g.id = s.group_id
         JOIN children c ON c.id = n.child_id
         WHERE s.organisation_id = $1 AND n.created_at >= $2 AND n.created_at < $3
         ORDER BY n.created_at, n.id",
    )
    .bind(&org.0)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok((
            name(r)?,
            day(r)?,
            r.try_get("group_name")?,
            r.try_get("reason")?,
        ))
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let contracts = sqlx::query(
        "SELECT c.first_name, c.last_name
         FROM contracts k JOIN children c ON c.id = k.child_id
         WHERE c.organisation_id = $1 AND k.accepted_at >= $2 AND k.accepted_at < $3
         ORDER BY k.accepted_at, k.id",
    )
    .bind(&org.0)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(name)
    .collect::<Result<_, _>>()?;
    let answers = sqlx::query(
        "SELECT gu.first_name, gu.last_name, e.title, e.on_date, fg.reply
         FROM family_event_guests fg
         JOIN family_events e ON e.id = fg.event_id
         JOIN guardians gu ON gu.id = fg.guardian_id
         WHERE e.organisation_id = $1 AND fg.replied_at >= $2 AND fg.replied_at < $3
         ORDER BY fg.replied_at, e.id, gu.id",
    )
    .bind(&org.0)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let reply: Option<String> = r.try_get("reply")?;
        Ok((
            name(r)?,
            r.try_get("title")?,
            day(r)?,
            reply.as_deref() == Some("oui"),
        ))
    })
    .collect::<Result<_, sqlx::Error>>()?;
    Ok(DayEvents {
        notices,
        contracts,
        answers,
    })
}

/// A register of last week that was not taken (no mark) or not closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRegister {
    pub day: NaiveDate,
    pub starts_at: String,
    pub group_name: String,
    pub taken: bool,
}

/// The registers of `org`'s sessions from `from` to `to` (inclusive) not
/// taken or not closed.
pub async fn open_registers(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OpenRegister>, sqlx::Error> {
    sqlx::query(
        "SELECT s.on_date, s.starts_at, g.name AS group_name,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)
                     THEN 1 ELSE 0 END AS BIGINT) AS taken
         FROM sessions s JOIN groups g ON g.id = s.group_id
         WHERE s.organisation_id = $1 AND s.on_date >= $2 AND s.on_date <= $3
           AND s.status IN ('planned', 'held') AND s.closed_at IS NULL
         ORDER BY s.on_date, s.starts_at, g.name",
    )
    .bind(&org.0)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        let taken = crate::db::flag(r, "taken")?;
        Ok(OpenRegister {
            day: day(r)?,
            starts_at: r.try_get("starts_at")?,
            group_name: r.try_get("group_name")?,
            taken,
        })
    })
    .collect()
}

/// Used by tests: how many mails of `kind` are in the outbox.
pub async fn queued_of_kind(db: &Db, kind: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE kind = $1")
        .bind(kind)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}
