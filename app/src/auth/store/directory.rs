//! Who owns what (for `authz`) and the read models of people and groups.

use crate::auth::Invitee;
use crate::db::{flag, Db};
use crate::domain::ids::*;
use crate::domain::model::Role;
use crate::error::AppError;
use chrono::NaiveDate;
use sqlx::Row;

pub async fn child_owner(db: &Db, child: &ChildId) -> Result<Option<OrganisationId>, sqlx::Error> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT organisation_id FROM children WHERE id = $1")
            .bind(&child.0)
            .fetch_optional(&db.pool)
            .await?;
    Ok(id.map(OrganisationId))
}

pub async fn group_owner(db: &Db, group: &GroupId) -> Result<Option<OrganisationId>, sqlx::Error> {
    let id: Option<String> = sqlx::query_scalar("SELECT organisation_id FROM groups WHERE id = $1")
        .bind(&group.0)
        .fetch_optional(&db.pool)
        .await?;
    Ok(id.map(OrganisationId))
}

/// The territory (département) of an organisation.
pub async fn organisation_territory(
    db: &Db,
    org: &OrganisationId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT territory_code FROM organisations WHERE id = $1")
        .bind(&org.0)
        .fetch_optional(&db.pool)
        .await
}

async fn exists(db: &Db, sql: &'static str, a: &str, b: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(a)
        .bind(b)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

pub async fn is_guardian_of(
    db: &Db,
    guardian: &GuardianId,
    child: &ChildId,
) -> Result<bool, sqlx::Error> {
    exists(
        db,
        "SELECT COUNT(*) FROM child_guardians WHERE guardian_id = $1 AND child_id = $2",
        &guardian.0,
        &child.0,
    )
    .await
}

/// True when the accompanist leads the group, in the school year of `today`
/// (a group of an earlier year is closed to them).
pub async fn leads_group(
    db: &Db,
    accompanist: &AccompanistId,
    group: &GroupId,
    today: NaiveDate,
) -> Result<bool, sqlx::Error> {
    this_year(
        db,
        "SELECT COUNT(*) FROM group_accompanists ga JOIN groups g ON g.id = ga.group_id
         JOIN school_years y ON y.id = g.school_year_id
         WHERE ga.accompanist_id = $1 AND ga.group_id = $2 AND y.first_day <= $3 AND y.last_day >= $3",
        &accompanist.0,
        &group.0,
        today,
    )
    .await
}

/// True when the child is in a group the accompanist leads in the school
/// year of `today`.
pub async fn accompanist_has_child(
    db: &Db,
    accompanist: &AccompanistId,
    child: &ChildId,
    today: NaiveDate,
) -> Result<bool, sqlx::Error> {
    this_year(
        db,
        "SELECT COUNT(*) FROM group_accompanists ga JOIN group_members gm ON gm.group_id = ga.group_id
         JOIN groups g ON g.id = ga.group_id JOIN school_years y ON y.id = g.school_year_id
         WHERE ga.accompanist_id = $1 AND gm.child_id = $2 AND y.first_day <= $3 AND y.last_day >= $3",
        &accompanist.0,
        &child.0,
        today,
    )
    .await
}

/// `exists`, with the day whose school year counts as `$3`.
async fn this_year(
    db: &Db,
    sql: &'static str,
    a: &str,
    b: &str,
    today: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(a)
        .bind(b)
        .bind(today.to_string())
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

pub async fn organisation_name(db: &Db, org: &OrganisationId) -> Result<String, AppError> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(&org.0)
        .fetch_optional(&db.pool)
        .await?;
    name.ok_or(AppError::NotFound)
}

/// The guardians and accompanists of an organisation, with whether each
/// already has an account.
pub async fn invitees(db: &Db, org: &OrganisationId) -> Result<Vec<Invitee>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, 'parent' AS role, first_name || ' ' || last_name AS name, email,
                CAST(CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_account
         FROM guardians WHERE organisation_id = $1
         UNION ALL
         SELECT id, 'accompanist' AS role, first_name || ' ' || last_name AS name, email,
                CAST(CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_account
         FROM accompanists WHERE organisation_id = $1
         ORDER BY role, name",
    )
    .bind(&org.0)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            Ok(Invitee {
                id: r.try_get("id")?,
                role: Role::parse(&role).ok_or_else(|| crate::db::bad_column("role", &role))?,
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                has_account: flag(r, "has_account")?,
            })
        })
        .collect()
}
