//! Family events (`family_events`) and the families' answers
//! (`family_event_guests.reply`: 'oui' « Je viendrai », 'non').

use crate::domain::ids::*;
use crate::domain::model::FamilyEventKind;
use crate::family::events::{Answer, EventAnswers, FamilyEvent, NewEvent};
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// The events a guardian is invited to: those of their structure for every
/// family, and those of their children's groups. `$1` is the guardian.
const INVITED: &str = "((e.group_id IS NULL AND e.organisation_id IN (SELECT organisation_id FROM guardians WHERE id = $1))
      OR e.group_id IN (SELECT gm.group_id FROM group_members gm JOIN child_guardians cg ON cg.child_id = gm.child_id
                        WHERE cg.guardian_id = $1))";

const COLUMNS: &str = "e.id, e.kind, e.title, e.on_date, e.starts_at, e.ends_at, v.name AS venue_name, g.name AS group_name";

fn event(row: &AnyRow, reply: Option<bool>) -> Result<FamilyEvent, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    Ok(FamilyEvent {
        id: FamilyEventId(row.try_get("id")?),
        kind: FamilyEventKind::parse(&kind).ok_or_else(|| crate::db::bad_column("kind", &kind))?,
        title: row.try_get("title")?,
        date: crate::db::date(&row.try_get::<String, _>("on_date")?, "on_date")?,
        start: crate::db::time(&row.try_get::<String, _>("starts_at")?, "starts_at")?,
        end: crate::db::time(&row.try_get::<String, _>("ends_at")?, "ends_at")?,
        venue: row.try_get("venue_name")?,
        group: row.try_get("group_name")?,
        reply,
    })
}

/// The events from `from` on that the guardian is invited to, with their
/// answer, soonest first.
pub async fn for_guardian(
    conn: &mut AnyConnection,
    guardian: &GuardianId,
    from: NaiveDate,
) -> Result<Vec<FamilyEvent>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}, fg.reply FROM family_events e
         LEFT JOIN venues v ON v.id = e.venue_id LEFT JOIN groups g ON g.id = e.group_id
         LEFT JOIN family_event_guests fg ON fg.event_id = e.id AND fg.guardian_id = $1
         WHERE {INVITED} AND e.on_date >= $2 ORDER BY e.on_date, e.starts_at, e.title"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&guardian.0)
        .bind(from.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            let reply: Option<String> = r.try_get("reply")?;
            event(r, reply.map(|r| r == "oui"))
        })
        .collect()
}

/// The event's organisation, if the guardian is invited to it and it is on
/// `from` or later.
pub async fn invited(
    conn: &mut AnyConnection,
    event: &FamilyEventId,
    guardian: &GuardianId,
    from: NaiveDate,
) -> Result<Option<OrganisationId>, sqlx::Error> {
    let sql = format!(
        "SELECT e.organisation_id FROM family_events e WHERE {INVITED} AND e.id = $2 AND e.on_date >= $3"
    );
    let org: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(&guardian.0)
        .bind(&event.0)
        .bind(from.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(org.map(OrganisationId))
}

/// Records the guardian's answer at `at` (replacing an earlier one).
pub async fn answer(
    conn: &mut AnyConnection,
    event: &FamilyEventId,
    guardian: &GuardianId,
    coming: bool,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO family_event_guests (event_id, guardian_id, reply, replied_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id, guardian_id)
         DO UPDATE SET reply = excluded.reply, replied_at = excluded.replied_at",
    )
    .bind(&event.0)
    .bind(&guardian.0)
    .bind(if coming { "oui" } else { "non" })
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The organisation's events from `from` on, with every family's answer.
pub async fn of_organisation(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
) -> Result<Vec<EventAnswers>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM family_events e
         LEFT JOIN venues v ON v.id = e.venue_id LEFT JOIN groups g ON g.id = e.group_id
         WHERE e.organisation_id = $1 AND e.on_date >= $2 ORDER BY e.on_date, e.starts_at, e.title"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&org.0)
        .bind(from.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let mut events = rows
        .iter()
        .map(|r| {
            Ok(EventAnswers {
                event: event(r, None)?,
                answers: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // Every answer of these events, with the guardian's children, at once.
    let answers = sqlx::query(
        "SELECT fg.event_id, fg.guardian_id, gu.first_name || ' ' || gu.last_name AS name, fg.reply,
                fg.attended, c.first_name AS child
         FROM family_event_guests fg JOIN family_events e ON e.id = fg.event_id
         JOIN guardians gu ON gu.id = fg.guardian_id
         LEFT JOIN child_guardians cg ON cg.guardian_id = gu.id
         LEFT JOIN children c ON c.id = cg.child_id AND c.anonymised_at IS NULL
         WHERE e.organisation_id = $1 AND e.on_date >= $2 AND (fg.reply IS NOT NULL OR fg.attended = 1)
         ORDER BY name, fg.guardian_id, c.first_name",
    )
    .bind(&org.0)
    .bind(from.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_event: BTreeMap<(String, String), Answer> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for r in &answers {
        let key: (String, String) = (r.try_get("event_id")?, r.try_get("guardian_id")?);
        let child: Option<String> = r.try_get("child")?;
        if !by_event.contains_key(&key) {
            let reply: Option<String> = r.try_get("reply")?;
            order.push(key.clone());
            by_event.insert(
                key.clone(),
                Answer {
                    guardian_id: GuardianId(key.1.clone()),
                    guardian: r.try_get("name")?,
                    children: Vec::new(),
                    reply: reply.map(|r| r == "oui"),
                    attended: crate::db::flag(r, "attended")?,
                },
            );
        }
        if let (Some(child), Some(answer)) = (child, by_event.get_mut(&key)) {
            answer.children.push(child);
        }
    }
    for key in order {
        if let (Some(answer), Some(e)) = (
            by_event.remove(&key),
            events.iter_mut().find(|e| e.event.id.0 == key.0),
        ) {
            e.answers.push(answer);
        }
    }
    Ok(events)
}

/// Marks whether the guardian came to the event (keeping their answer).
pub async fn set_attended(
    conn: &mut AnyConnection,
    event: &FamilyEventId,
    guardian: &GuardianId,
    attended: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO family_event_guests (event_id, guardian_id, reply, attended) VALUES ($1, $2, NULL, $3)
         ON CONFLICT (event_id, guardian_id) DO UPDATE SET attended = $3",
    )
    .bind(&event.0)
    .bind(&guardian.0)
    .bind(crate::db::bit(attended))
    .execute(conn)
    .await?;
    Ok(())
}

/// The event's day, if it is the organisation's.
pub async fn day_of(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    event: &FamilyEventId,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let day: Option<String> = sqlx::query_scalar(
        "SELECT on_date FROM family_events WHERE id = $1 AND organisation_id = $2",
    )
    .bind(&event.0)
    .bind(&org.0)
    .fetch_optional(&mut *conn)
    .await?;
    day.map(|d| crate::db::date(&d, "on_date")).transpose()
}

/// The organisation's current families: (guardian id, « name (children) »).
pub async fn families(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT gu.id, gu.first_name || ' ' || gu.last_name AS name, c.first_name AS child
         FROM guardians gu JOIN child_guardians cg ON cg.guardian_id = gu.id
         JOIN children c ON c.id = cg.child_id
         WHERE gu.organisation_id = $1 AND c.anonymised_at IS NULL AND c.status <> 'sorti'
         ORDER BY gu.last_name, gu.first_name, gu.id, c.first_name",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut families: Vec<(String, String, Vec<String>)> = Vec::new();
    for r in rows {
        let (id, child): (String, String) = (r.try_get("id")?, r.try_get("child")?);
        match families.last_mut() {
            Some(last) if last.0 == id => last.2.push(child),
            _ => families.push((id, r.try_get("name")?, vec![child])),
        }
    }
    Ok(families
        .into_iter()
        .map(|(id, name, children)| (id, format!("{name} ({})", children.join(", "))))
        .collect())
}

/// Saves a new event of the organisation.
pub async fn insert(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    event: &NewEvent,
) -> Result<FamilyEventId, sqlx::Error> {
    let id = crate::db::new_id();
    sqlx::query(
        "INSERT INTO family_events (id, organisation_id, group_id, kind, title, on_date, starts_at, ends_at, venue_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(event.group.as_ref().map(|g| g.0.clone()))
    .bind(event.kind.as_str())
    .bind(&event.title)
    .bind(event.date.to_string())
    .bind(event.start.format("%H:%M").to_string())
    .bind(event.end.format("%H:%M").to_string())
    .bind(event.venue.as_ref().map(|v| v.0.clone()))
    .execute(conn)
    .await?;
    Ok(FamilyEventId(id))
}
