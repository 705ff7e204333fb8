//! Messages to families (`family_messages`) and each guardian's copy
//! (`family_message_recipients`: read when, answered what).

use crate::db::{local_moment as moment, new_id, optional_local_moment as optional_moment};
use crate::domain::ids::*;
use crate::messages::types::*;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// The first moment of the school year of `today`, as stored: messages
/// are kept (and shown) for the school year.
pub fn year_start(today: NaiveDate) -> String {
    let start = crate::domain::calendar::school_year_start(today);
    crate::db::timestamp(crate::domain::local_time::utc(
        start.and_time(chrono::NaiveTime::MIN),
    ))
}

/// One guardian of one child a message goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub child: ChildId,
    pub guardian: GuardianId,
}

/// The guardians of the children `to` names, or None when `to` is not
/// the organisation's: a group's current members, the children expected at
/// a session (the register's own list), or one child. Children who left
/// or were anonymised are left out.
pub async fn recipients(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    to: &Audience,
) -> Result<Option<Vec<Recipient>>, sqlx::Error> {
    use crate::planning::store::{owns, Owned};
    let current = "c.status <> 'sorti' AND c.anonymised_at IS NULL";
    let sql = match to {
        Audience::Group(g) => {
            if !owns(conn, Owned::Group, g.as_str(), org).await? {
                return Ok(None);
            }
            format!(
                "SELECT gm.child_id, cg.guardian_id FROM group_members gm
                 JOIN children c ON c.id = gm.child_id JOIN child_guardians cg ON cg.child_id = c.id
                 WHERE gm.group_id = $1 AND {current} ORDER BY gm.child_id, cg.guardian_id"
            )
        }
        Audience::Child(c) => {
            if !owns(conn, Owned::Child, c.as_str(), org).await? {
                return Ok(None);
            }
            format!(
                "SELECT c.id AS child_id, cg.guardian_id FROM children c
                 JOIN child_guardians cg ON cg.child_id = c.id
                 WHERE c.id = $1 AND {current} ORDER BY cg.guardian_id"
            )
        }
        Audience::Session(s) => {
            let store = crate::attendance::store::session_facts;
            let Some(facts) = store(conn, s).await? else {
                return Ok(None);
            };
            if &facts.organisation != org {
                return Ok(None);
            }
            let expected = crate::attendance::store::expected_children(conn, &facts).await?;
            return Ok(Some(
                expected
                    .into_iter()
                    .flat_map(|(e, _)| {
                        let child = e.child;
                        e.guardians.into_iter().map(move |guardian| Recipient {
                            child: child.clone(),
                            guardian,
                        })
                    })
                    .collect(),
            ));
        }
    };
    let (_, id) = to.stored();
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_all(conn)
        .await?;
    let recipients = rows
        .iter()
        .map(|r| {
            Ok(Recipient {
                child: ChildId(r.try_get("child_id")?),
                guardian: GuardianId(r.try_get("guardian_id")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Some(recipients))
}

/// Writes a message and its recipients at `at`.
pub async fn insert(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    author: &UserId,
    message: &NewMessage,
    recipients: &[Recipient],
    at: &str,
) -> Result<MessageId, sqlx::Error> {
    let id = MessageId(new_id());
    let (audience, audience_id) = message.to.stored();
    sqlx::query(
        "INSERT INTO family_messages (id, organisation_id, author_id, audience, audience_id,
             subject, body, ask, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id.0)
    .bind(&org.0)
    .bind(&author.0)
    .bind(audience)
    .bind(audience_id)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(message.ask.code())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    for r in recipients {
        sqlx::query(
            "INSERT INTO family_message_recipients (message_id, child_id, guardian_id)
             VALUES ($1, $2, $3)",
        )
        .bind(&id.0)
        .bind(&r.child.0)
        .bind(&r.guardian.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// A guardian's account to write to by mail about a message: who, where,
/// in which language, and the first names of their children it is about.
pub struct MailRecipient {
    pub user: UserId,
    pub email: String,
    pub first_name: String,
    pub locale: String,
    pub children: Vec<String>,
}

/// The guardians of `message` who have an account, each once.
pub async fn mail_recipients(
    conn: &mut AnyConnection,
    message: &MessageId,
) -> Result<Vec<MailRecipient>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id AS user_id, u.email, g.first_name, u.locale, c.first_name AS child
         FROM family_message_recipients r JOIN guardians g ON g.id = r.guardian_id
         JOIN users u ON u.id = g.user_id JOIN children c ON c.id = r.child_id
         WHERE r.message_id = $1 AND u.disabled = 0
         ORDER BY u.id, c.first_name",
    )
    .bind(&message.0)
    .fetch_all(conn)
    .await?;
    let mut out: Vec<MailRecipient> = Vec::new();
    for r in &rows {
        let user = UserId(r.try_get("user_id")?);
        let child: String = r.try_get("child")?;
        match out.last_mut() {
            Some(last) if last.user == user => last.children.push(child),
            _ => out.push(MailRecipient {
                user,
                email: r.try_get("email")?,
                first_name: r.try_get("first_name")?,
                locale: r.try_get("locale")?,
                children: vec![child],
            }),
        }
    }
    Ok(out)
}

fn ask(row: &AnyRow) -> Result<Ask, sqlx::Error> {
    let code: String = row.try_get("ask")?;
    Ask::parse(&code).ok_or_else(|| crate::db::bad_column("ask", &code))
}

fn reply(row: &AnyRow) -> Result<Option<Reply>, sqlx::Error> {
    let code: Option<String> = row.try_get("reply")?;
    Ok(code.as_deref().and_then(Reply::parse))
}

/// What a message's audience names, joined: `m` is the message.
const ABOUT_JOINS: &str = "LEFT JOIN groups ag ON m.audience = 'group' AND ag.id = m.audience_id
     LEFT JOIN sessions s ON m.audience = 'session' AND s.id = m.audience_id
     LEFT JOIN groups sg ON sg.id = s.group_id
     LEFT JOIN children ac ON m.audience = 'child' AND ac.id = m.audience_id";
const ABOUT_COLUMNS: &str = "m.audience, ag.name AS group_name, s.on_date, s.starts_at,
     sg.name AS session_group, ac.first_name AS child_first, ac.last_name AS child_last";

fn about(row: &AnyRow) -> Result<About, sqlx::Error> {
    let audience: String = row.try_get("audience")?;
    Ok(match audience.as_str() {
        "group" => match row.try_get::<Option<String>, _>("group_name")? {
            Some(name) => About::Group(name),
            None => About::Gone,
        },
        "session" => {
            let date: Option<String> = row.try_get("on_date")?;
            let start: Option<String> = row.try_get("starts_at")?;
            let group: Option<String> = row.try_get("session_group")?;
            match (date, start, group) {
                (Some(d), Some(s), Some(group)) => About::Session {
                    date: crate::db::date(&d, "on_date")?,
                    start: crate::db::time(&s, "starts_at")?,
                    group,
                },
                _ => About::Gone,
            }
        }
        _ => {
            let first: Option<String> = row.try_get("child_first")?;
            let last: Option<String> = row.try_get("child_last")?;
            match first {
                Some(first) => About::Child(
                    format!("{first} {}", last.unwrap_or_default())
                        .trim()
                        .to_string(),
                ),
                None => About::Gone,
            }
        }
    })
}

/// The messages a guardian received since `since` (a stored timestamp),
/// newest first.
pub async fn for_guardian(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
    since: &str,
) -> Result<Vec<FamilyMessage>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT m.id, m.subject, m.sent_at, m.ask, r.read_at, r.reply, c.first_name
         FROM family_message_recipients r JOIN family_messages m ON m.id = r.message_id
         JOIN children c ON c.id = r.child_id
         WHERE r.guardian_id = $1 AND m.sent_at >= $2
         ORDER BY m.sent_at DESC, m.id, c.first_name",
    )
    .bind(&guardian.0)
    .bind(since)
    .fetch_all(conn)
    .await?;
    let mut out: Vec<FamilyMessage> = Vec::new();
    for r in &rows {
        let id = MessageId(r.try_get("id")?);
        let child: String = r.try_get("first_name")?;
        let read = optional_moment(r, "read_at")?.is_some();
        match out.last_mut() {
            Some(last) if last.id == id => {
                last.children.push(child);
                last.read |= read;
                last.reply = last.reply.or(reply(r)?);
            }
            _ => out.push(FamilyMessage {
                id,
                subject: r.try_get("subject")?,
                sent_at: moment(r, "sent_at")?,
                children: vec![child],
                read,
                ask: ask(r)?,
                reply: reply(r)?,
            }),
        }
    }
    Ok(out)
}

/// A message with its author and audience, if it is `org`'s (or, with no
/// organisation, whoever's).
async fn message(
    conn: &mut AnyConnection,
    id: &MessageId,
) -> Result<Option<(OrganisationId, OpenedMessage)>, sqlx::Error> {
    let sql = format!(
        "SELECT m.id, m.organisation_id, m.subject, m.body, m.sent_at, m.ask, u.display_name,
                o.name AS organisation_name, {ABOUT_COLUMNS}
         FROM family_messages m JOIN users u ON u.id = m.author_id
         JOIN organisations o ON o.id = m.organisation_id {ABOUT_JOINS}
         WHERE m.id = $1"
    );
    let Some(r) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&id.0)
        .fetch_optional(conn)
        .await?
    else {
        return Ok(None);
    };
    let author: String = r.try_get("display_name")?;
    let organisation: String = r.try_get("organisation_name")?;
    Ok(Some((
        OrganisationId(r.try_get("organisation_id")?),
        OpenedMessage {
            id: id.clone(),
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            sent_at: moment(&r, "sent_at")?,
            from: format!("{author}, {organisation}"),
            about: about(&r)?,
            ask: ask(&r)?,
            children: Vec::new(),
            reply: None,
            receipts: None,
        },
    )))
}

/// The guardian's copy of a message: the children it is about (first
/// names), their answer, whether they had read it. None when it was not
/// written to them.
async fn copy_of(
    conn: &mut AnyConnection,
    id: &MessageId,
    guardian: &GuardianId,
) -> Result<Option<(Vec<String>, Option<Reply>, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.first_name, r.reply, r.read_at FROM family_message_recipients r
         JOIN children c ON c.id = r.child_id
         WHERE r.message_id = $1 AND r.guardian_id = $2 ORDER BY c.first_name",
    )
    .bind(&id.0)
    .bind(&guardian.0)
    .fetch_all(conn)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut children = Vec::new();
    let (mut answer, mut read) = (None, false);
    for r in &rows {
        children.push(r.try_get("first_name")?);
        answer = answer.or(reply(r)?);
        read |= optional_moment(r, "read_at")?.is_some();
    }
    Ok(Some((children, answer, read)))
}

/// Opens a message for one of its guardians, with whether they had read
/// it before; with `at`, marks it read then if they had not (the first
/// opening stays). None when it was not written to them.
pub async fn open_for_guardian(
    conn: &mut AnyConnection,
    id: &MessageId,
    guardian: &GuardianId,
    at: Option<&str>,
) -> Result<Option<(OpenedMessage, bool)>, sqlx::Error> {
    let Some((children, answer, read)) = copy_of(conn, id, guardian).await? else {
        return Ok(None);
    };
    if let (false, Some(at)) = (read, at) {
        sqlx::query(
            "UPDATE family_message_recipients SET read_at = $3
             WHERE message_id = $1 AND guardian_id = $2 AND read_at IS NULL",
        )
        .bind(&id.0)
        .bind(&guardian.0)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(message(conn, id).await?.map(|(_, mut m)| {
        m.children = children;
        m.reply = answer;
        (m, read)
    }))
}

/// What a message asks, if it was written to the guardian.
pub async fn ask_of(
    conn: &mut AnyConnection,
    id: &MessageId,
    guardian: &GuardianId,
) -> Result<Option<Ask>, sqlx::Error> {
    if copy_of(conn, id, guardian).await?.is_none() {
        return Ok(None);
    }
    Ok(message(conn, id).await?.map(|(_, m)| m.ask))
}

/// Records the guardian's answer at `at` (replacing an earlier one); an
/// answer is a reading too.
pub async fn answer(
    conn: &mut AnyConnection,
    id: &MessageId,
    guardian: &GuardianId,
    reply: Reply,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE family_message_recipients
         SET reply = $3, replied_at = $4, read_at = COALESCE(read_at, $4)
         WHERE message_id = $1 AND guardian_id = $2",
    )
    .bind(&id.0)
    .bind(&guardian.0)
    .bind(reply.code())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A message of `org` with every family's receipt, for its coordinators.
pub async fn open_for_coordinator(
    conn: &mut AnyConnection,
    id: &MessageId,
    org: &OrganisationId,
) -> Result<Option<OpenedMessage>, sqlx::Error> {
    let Some((owner, mut opened)) = message(conn, id).await? else {
        return Ok(None);
    };
    if &owner != org {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT r.child_id, c.first_name AS child_first, c.last_name AS child_last,
                g.first_name, g.last_name, g.phone, g.user_id, r.read_at, r.reply
         FROM family_message_recipients r JOIN children c ON c.id = r.child_id
         JOIN guardians g ON g.id = r.guardian_id
         WHERE r.message_id = $1
         ORDER BY c.last_name, c.first_name, c.id, g.last_name, g.first_name, g.id",
    )
    .bind(&id.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut receipts: Vec<Receipt> = Vec::new();
    for r in &rows {
        let child = ChildId(r.try_get("child_id")?);
        let first: String = r.try_get("first_name")?;
        let last: String = r.try_get("last_name")?;
        let guardian = GuardianReceipt {
            name: format!("{first} {last}").trim().to_string(),
            phone: r.try_get("phone")?,
            has_account: r.try_get::<Option<String>, _>("user_id")?.is_some(),
            read_at: optional_moment(r, "read_at")?,
            reply: reply(r)?,
        };
        match receipts.last_mut() {
            Some(last) if last.child == child => last.guardians.push(guardian),
            _ => {
                let first: String = r.try_get("child_first")?;
                let last: String = r.try_get("child_last")?;
                receipts.push(Receipt {
                    child,
                    child_name: format!("{first} {last}").trim().to_string(),
                    guardians: vec![guardian],
                })
            }
        }
    }
    opened.receipts = Some(receipts);
    Ok(Some(opened))
}

/// The organisation's messages since `since` (a stored timestamp), newest
/// first, with how many families each reached, read it and answered.
pub async fn of_organisation(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    since: &str,
) -> Result<Vec<SentMessage>, sqlx::Error> {
    let count = |condition: &str| {
        format!(
            "CAST((SELECT COUNT(DISTINCT r.child_id) FROM family_message_recipients r
                   WHERE r.message_id = m.id {condition}) AS BIGINT)"
        )
    };
    let sql = format!(
        "SELECT m.id, m.subject, m.sent_at, m.ask, {ABOUT_COLUMNS},
                {} AS families, {} AS read_by, {} AS replied_by
         FROM family_messages m {ABOUT_JOINS}
         WHERE m.organisation_id = $1 AND m.sent_at >= $2
         ORDER BY m.sent_at DESC, m.id",
        count(""),
        count("AND r.read_at IS NOT NULL"),
        count("AND r.reply IS NOT NULL"),
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&org.0)
        .bind(since)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            let n = |c: &str| r.try_get::<i64, _>(c).map(|n| n as usize);
            Ok(SentMessage {
                id: MessageId(r.try_get("id")?),
                subject: r.try_get("subject")?,
                sent_at: moment(r, "sent_at")?,
                about: about(r)?,
                ask: ask(r)?,
                families: n("families")?,
                read: n("read_by")?,
                replied: n("replied_by")?,
            })
        })
        .collect()
}

/// The organisation's name, which signs its messages.
pub async fn organisation_name(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(&org.0)
        .fetch_one(conn)
        .await
}

/// What a new message may be written to: the organisation's groups, its
/// sessions from a week before `today` to three weeks after, and its
/// current children, each as (form value, label).
pub async fn choices(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    today: NaiveDate,
) -> Result<MessagesPage, sqlx::Error> {
    use crate::planning::store::{names, Owned};
    let groups = names(&mut *conn, Owned::Group, org)
        .await?
        .into_iter()
        .map(|(id, name)| (Audience::Group(GroupId(id)).code(), name))
        .collect();
    let sessions = sqlx::query(
        "SELECT s.id, s.on_date, s.starts_at, g.name FROM sessions s JOIN groups g ON g.id = s.group_id
         WHERE g.organisation_id = $1 AND s.status IN ('planned', 'held')
           AND s.on_date >= $2 AND s.on_date <= $3
         ORDER BY s.on_date, s.starts_at, g.name",
    )
    .bind(&org.0)
    .bind((today - chrono::Duration::days(7)).to_string())
    .bind((today + chrono::Duration::days(21)).to_string())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let about = About::Session {
            date: crate::db::date(&r.try_get::<String, _>("on_date")?, "on_date")?,
            start: crate::db::time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
            group: r.try_get("name")?,
        };
        let id = SessionId(r.try_get("id")?);
        Ok((
            Audience::Session(id).code(),
            about.text(crate::locale::Locale::Fr),
        ))
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let children = sqlx::query(
        "SELECT id, first_name, last_name FROM children
         WHERE organisation_id = $1 AND status <> 'sorti' AND anonymised_at IS NULL
         ORDER BY last_name, first_name, id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let (first, last): (String, String) = (r.try_get("first_name")?, r.try_get("last_name")?);
        Ok((
            Audience::Child(ChildId(r.try_get("id")?)).code(),
            format!("{last} {first}"),
        ))
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(MessagesPage {
        sent: Vec::new(),
        groups,
        sessions,
        children,
    })
}
