//! What an import reads and writes (server only): the structure's groups,
//! schools and children as `plan::Context`, and each planned write.

use crate::db::bit;
use crate::domain::ids::*;
use crate::domain::model::{SchoolLevel, Sex};
use crate::records::children::types::Placement;
use crate::records::import::plan::{Action, Change, Context, Existing, ExistingGuardian, Giver};
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The context a file is planned against: the year's groups, the schools,
/// the thresholds and every current child with their guardians.
pub async fn context(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYearId,
    today: NaiveDate,
) -> Result<Context, sqlx::Error> {
    use crate::planning::store as planning;
    let groups = crate::records::children::store::groups(conn, org, year)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name, g.enrolled))
        .collect();
    let schools = planning::names(conn, planning::Owned::School, org)
        .await?
        .into_iter()
        .map(|(id, name)| (SchoolId(id), name))
        .collect();
    let thresholds = planning::thresholds(conn, org).await?;
    Ok(Context {
        today,
        groups,
        schools,
        thresholds,
        children: children(conn, org, year).await?,
    })
}

/// Every current child of the organisation, as an import may change it.
async fn children(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYearId,
) -> Result<Vec<Existing>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.birth_date, c.sex, c.school_level, c.school_id,
            c.priority_area, c.may_leave_alone, c.photo_consent,
            CASE WHEN EXISTS (SELECT 1 FROM referrals r WHERE r.child_id = c.id) THEN 1 ELSE 0 END AS has_referral,
            CASE WHEN EXISTS (SELECT 1 FROM consents k WHERE k.child_id = c.id) THEN 1 ELSE 0 END AS has_consent
         FROM children c WHERE c.organisation_id = $1 AND c.anonymised_at IS NULL",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut children: Vec<Existing> = Vec::with_capacity(rows.len());
    for r in rows {
        let sex: String = r.try_get("sex")?;
        let level: String = r.try_get("school_level")?;
        let born: Option<String> = r.try_get("birth_date")?;
        children.push(Existing {
            id: ChildId(r.try_get("id")?),
            first_name: r.try_get("first_name")?,
            last_name: r.try_get("last_name")?,
            birth_date: born.and_then(|b| b.parse().ok()),
            sex: Sex::parse(&sex).ok_or_else(|| crate::db::bad_column("sex", &sex))?,
            level: SchoolLevel::parse(&level)
                .ok_or_else(|| crate::db::bad_column("school_level", &level))?,
            school: r.try_get::<Option<String>, _>("school_id")?.map(SchoolId),
            priority_area: crate::db::flag(&r, "priority_area")?,
            may_leave_alone: crate::db::flag(&r, "may_leave_alone")?,
            photo_consent: crate::db::flag(&r, "photo_consent")?,
            groups: Vec::new(),
            guardians: Vec::new(),
            has_referral: crate::db::flag(&r, "has_referral")?,
            has_consent: crate::db::flag(&r, "has_consent")?,
        });
    }
    let index: HashMap<String, usize> = children
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.0.clone(), i))
        .collect();
    let members = sqlx::query(
        "SELECT gm.child_id, gm.group_id FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2",
    )
    .bind(&org.0)
    .bind(&year.0)
    .fetch_all(&mut *conn)
    .await?;
    for r in members {
        let child: String = r.try_get("child_id")?;
        if let Some(i) = index.get(&child) {
            children[*i].groups.push(GroupId(r.try_get("group_id")?));
        }
    }
    let guardians = sqlx::query(
        "SELECT cg.child_id, g.id, g.first_name, g.last_name, g.phone, g.email
         FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id
         WHERE g.organisation_id = $1 ORDER BY g.id",
    )
    .bind(&org.0)
    .fetch_all(&mut *conn)
    .await?;
    for r in guardians {
        let child: String = r.try_get("child_id")?;
        if let Some(i) = index.get(&child) {
            children[*i].guardians.push(ExistingGuardian {
                id: r.try_get("id")?,
                first_name: r.try_get("first_name")?,
                last_name: r.try_get("last_name")?,
                phone: r.try_get("phone")?,
                email: r.try_get("email")?,
            });
        }
    }
    Ok(children)
}

/// Makes one planned write.
pub async fn apply(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    action: &Action,
    today: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    match action {
        Action::Create { id, child, .. } => {
            crate::records::children::store::insert(
                conn,
                org,
                id,
                child,
                Placement::Member,
                today,
                now,
            )
            .await
        }
        Action::Update { id, change, .. } => update(conn, org, id, change, today).await,
    }
}

async fn update(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    id: &ChildId,
    change: &Change,
    today: &str,
) -> Result<(), sqlx::Error> {
    use crate::records::child::store as child_store;
    use crate::records::children::store as children_store;
    if let Some(c) = &change.child {
        sqlx::query(
            "UPDATE children SET sex = $2, school_level = $3, school_id = $4, priority_area = $5,
                may_leave_alone = $6, photo_consent = $7, last_contact_on = $8
             WHERE id = $1 AND organisation_id = $9",
        )
        .bind(&id.0)
        .bind(c.sex.as_str())
        .bind(c.level.as_str())
        .bind(c.school.as_ref().map(|s| s.0.clone()))
        .bind(bit(c.priority_area))
        .bind(bit(c.may_leave_alone))
        .bind(bit(c.photo_consent))
        .bind(today)
        .bind(&org.0)
        .execute(&mut *conn)
        .await?;
    }
    if let Some(group) = &change.join_group {
        child_store::join_group(conn, id, group, today).await?;
        sqlx::query(
            "UPDATE children SET status = 'inscrit' WHERE id = $1 AND status IN ('oriente', 'sorti')",
        )
        .bind(&id.0)
        .execute(&mut *conn)
        .await?;
    }
    for (guardian, phone, email) in &change.guardians {
        sqlx::query(
            "UPDATE guardians SET phone = $2, email = $3 WHERE id = $1 AND organisation_id = $4",
        )
        .bind(guardian)
        .bind(phone.clone())
        .bind(email.clone())
        .bind(&org.0)
        .execute(&mut *conn)
        .await?;
    }
    let mut added = Vec::new();
    for g in &change.new_guardians {
        added.push(child_store::add_guardian(conn, org, id, g).await?);
    }
    if let Some(r) = &change.add_referral {
        child_store::insert_referral(conn, id, r.source, r.on, &r.need).await?;
    }
    if let Some((c, giver)) = &change.add_consent {
        let guardian = match giver {
            Giver::Known(known) => Some(known.clone()),
            Giver::New(i) => added.get(*i).cloned(),
        };
        if let Some(guardian) = guardian {
            children_store::consent_of(conn, id, &guardian, c).await?;
        }
    }
    Ok(())
}
