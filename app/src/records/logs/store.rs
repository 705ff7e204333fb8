//! The school meetings and partner meetings of an organisation.

use crate::db::{date, new_id};
use crate::domain::ids::*;
use crate::domain::model::LiaisonKind;
use crate::records::logs::types::*;
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// The school meetings between two days, newest first; only those about
/// `child` when given.
pub async fn liaisons(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
    child: Option<&ChildId>,
) -> Result<Vec<LiaisonLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT l.kind, l.child_id, l.met_on, l.participants, l.notes, l.objectives_reviewed,
                COALESCE(c.first_name || ' ' || c.last_name, 'groupe ' || g.name, '') AS about
         FROM school_liaisons l
         LEFT JOIN children c ON c.id = l.child_id
         LEFT JOIN groups g ON g.id = l.group_id
         WHERE l.organisation_id = $1 AND l.met_on >= $2 AND l.met_on <= $3
           AND ($4 = '' OR l.child_id = $4)
         ORDER BY l.met_on DESC, l.id",
    )
    .bind(&org.0)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(child.map(|c| c.0.clone()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(LiaisonLine {
                kind: LiaisonKind::parse(&kind)
                    .ok_or_else(|| crate::db::bad_column("kind", &kind))?,
                about: r.try_get("about")?,
                child: r.try_get::<Option<String>, _>("child_id")?.map(ChildId),
                met_on: date(&r.try_get::<String, _>("met_on")?, "met_on")?,
                participants: r.try_get("participants")?,
                notes: r.try_get("notes")?,
                objectives_reviewed: r.try_get("objectives_reviewed")?,
            })
        })
        .collect()
}

/// Records a school meeting; the school is the child's, when there is one.
pub async fn add_liaison(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    l: &NewLiaison,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO school_liaisons (id, organisation_id, kind, child_id, group_id, school_id, met_on,
            participants, notes, objectives_reviewed)
         VALUES ($1, $2, $3, $4, $5, (SELECT school_id FROM children WHERE id = $4), $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(l.kind.as_str())
    .bind(l.child.as_ref().map(|c| c.0.clone()))
    .bind(l.group.as_ref().map(|g| g.0.clone()))
    .bind(l.met_on.to_string())
    .bind(&l.participants)
    .bind(&l.notes)
    .bind(&l.objectives_reviewed)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn partner_meetings(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PartnerMeetingLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT met_on, partners, notes FROM partner_meetings
         WHERE organisation_id = $1 AND met_on >= $2 AND met_on <= $3 ORDER BY met_on DESC, id",
    )
    .bind(&org.0)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PartnerMeetingLine {
                met_on: date(&r.try_get::<String, _>("met_on")?, "met_on")?,
                partners: r.try_get("partners")?,
                notes: r.try_get("notes")?,
            })
        })
        .collect()
}

pub async fn add_partner_meeting(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    m: &NewPartnerMeeting,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO partner_meetings (id, organisation_id, met_on, partners, notes) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(m.met_on.to_string())
    .bind(&m.partners)
    .bind(&m.notes)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
