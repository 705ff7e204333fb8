//! The structure's children and their enrolment.

use crate::db::bit;
use crate::domain::ids::*;
use crate::domain::model::{ChildStatus, SchoolLevel};
use crate::records::children::types::{ChildLine, GroupChoice, NewChild, NewConsent, Placement};
use sqlx::{AnyConnection, Row};

/// Every current child of the organisation (anonymised ones are gone), by
/// name, with their groups.
pub async fn list(
    conn: &mut AnyConnection,
    org: &OrganisationId,
) -> Result<Vec<ChildLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.school_level, c.status, g.name AS group_name
         FROM children c
         LEFT JOIN group_members gm ON gm.child_id = c.id
         LEFT JOIN groups g ON g.id = gm.group_id
         WHERE c.organisation_id = $1 AND c.anonymised_at IS NULL
         ORDER BY c.last_name, c.first_name, c.id, g.name",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut children: Vec<ChildLine> = Vec::new();
    for r in rows {
        let id = ChildId(r.try_get("id")?);
        let group: Option<String> = r.try_get("group_name")?;
        if let Some(last) = children.last_mut().filter(|c| c.id == id) {
            last.groups.extend(group);
            continue;
        }
        let level: String = r.try_get("school_level")?;
        let status: String = r.try_get("status")?;
        children.push(ChildLine {
            id,
            name: format!(
                "{} {}",
                r.try_get::<String, _>("first_name")?,
                r.try_get::<String, _>("last_name")?
            ),
            level: SchoolLevel::parse(&level)
                .ok_or_else(|| crate::db::bad_column("school_level", &level))?,
            status: ChildStatus::parse(&status)
                .ok_or_else(|| crate::db::bad_column("status", &status))?,
            groups: group.into_iter().collect(),
        });
    }
    Ok(children)
}

/// The groups of the organisation's current school years, with how many
/// children each holds.
pub async fn groups(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYearId,
) -> Result<Vec<GroupChoice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS enrolled
         FROM groups g WHERE g.organisation_id = $1 AND g.school_year_id = $2 ORDER BY g.name",
    )
    .bind(&org.0)
    .bind(&year.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(crate::records::child::store::group_choice)
        .collect()
}

/// How many children the group holds, or None if it is not the
/// organisation's.
pub async fn group_enrolled(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    group: &GroupId,
) -> Result<Option<u32>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS enrolled
         FROM groups g WHERE g.id = $1 AND g.organisation_id = $2",
    )
    .bind(&group.0)
    .bind(&org.0)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok(u32::try_from(r.try_get::<i64, _>("enrolled")?).unwrap_or(u32::MAX)))
        .transpose()
}

/// Records an enrolment that passed the rules: the child, the referral, the
/// guardians, the consent, and the group membership (status « inscrit ») or
/// the place on its waiting list (status « orienté »).
pub async fn insert(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &ChildId,
    child: &NewChild,
    placement: Placement,
    today: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    use chrono::Datelike;
    sqlx::query(
        "INSERT INTO children (id, organisation_id, first_name, last_name, birth_date, birth_year, sex,
            school_id, school_level, priority_area, may_leave_alone, photo_consent,
            last_contact_on, created_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&id.0)
    .bind(&org.0)
    .bind(&child.first_name)
    .bind(&child.last_name)
    .bind(child.birth_date.to_string())
    .bind(i64::from(child.birth_date.year()))
    .bind(child.sex.as_str())
    .bind(child.school.as_ref().map(|s| s.0.clone()))
    .bind(child.level.as_str())
    .bind(bit(child.priority_area))
    .bind(bit(child.may_leave_alone))
    .bind(bit(child.photo_consent))
    .bind(today)
    .bind(now)
    .bind(match placement {
        Placement::Member => "inscrit",
        Placement::Waiting => "oriente",
    })
    .execute(&mut *conn)
    .await?;
    if let Some(r) = &child.referral {
        crate::records::child::store::insert_referral(conn, id, r.source, r.on, &r.need).await?;
    }
    let mut guardian_ids = Vec::new();
    for g in &child.guardians {
        guardian_ids.push(crate::records::child::store::add_guardian(conn, org, id, g).await?);
    }
    if let Some((c, guardian)) = child
        .consent
        .as_ref()
        .and_then(|c| Some((c, guardian_ids.get(c.guardian)?)))
    {
        consent_of(conn, id, guardian, c).await?;
    }
    match placement {
        Placement::Member => {
            crate::records::child::store::join_group(conn, id, &child.group, today).await
        }
        Placement::Waiting => {
            crate::records::child::store::add_waiting(conn, id, &child.group, now).await
        }
    }
}

/// Records the parents' consent, given by `guardian` (one of the child's).
pub async fn consent_of(
    conn: &mut AnyConnection,
    child: &ChildId,
    guardian: &str,
    c: &NewConsent,
) -> Result<(), sqlx::Error> {
    let given = crate::records::child::types::NewConsent {
        guardian: GuardianId(guardian.to_string()),
        on: c.on,
        method: c.method.clone(),
    };
    crate::records::child::store::add_consent(conn, child, &given).await?;
    Ok(())
}
