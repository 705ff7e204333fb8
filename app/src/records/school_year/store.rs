//! An organisation's school years and their holidays.

use crate::db::{date, new_id};
use crate::domain::calendar::Holiday;
use crate::domain::ids::*;
use crate::records::school_year::types::{HolidayLine, SchoolYear};
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// The school year holding `today`, else the next one to start, else the
/// last one that ended.
pub async fn current(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    today: NaiveDate,
) -> Result<Option<SchoolYear>, sqlx::Error> {
    let sql = format!(
        "SELECT id, label, first_day, last_day, holiday_zone FROM school_years
         WHERE id = {}",
        crate::planning::store::YEAR_IN_EFFECT
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&org.0)
        .bind(today.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(school_year).transpose()
}

/// A school year from a row with `id`, `label`, `first_day`, `last_day`
/// and `holiday_zone`.
pub fn school_year(r: &sqlx::any::AnyRow) -> Result<SchoolYear, sqlx::Error> {
    Ok(SchoolYear {
        id: SchoolYearId(r.try_get("id")?),
        label: r.try_get("label")?,
        first_day: date(&r.try_get::<String, _>("first_day")?, "first_day")?,
        last_day: date(&r.try_get::<String, _>("last_day")?, "last_day")?,
        zone: r.try_get("holiday_zone")?,
    })
}

/// The holidays of a school year, in date order.
pub async fn holidays(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
) -> Result<Vec<HolidayLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, name, first_day, last_day FROM holidays WHERE school_year_id = $1
         ORDER BY first_day, name",
    )
    .bind(&year.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(HolidayLine {
                id: HolidayId(r.try_get("id")?),
                holiday: crate::planning::store::holiday(r)?,
            })
        })
        .collect()
}

pub async fn add_holiday(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
    holiday: &Holiday,
) -> Result<HolidayId, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO holidays (id, school_year_id, name, first_day, last_day) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&year.0)
    .bind(&holiday.name)
    .bind(holiday.first_day.to_string())
    .bind(holiday.last_day.to_string())
    .execute(conn)
    .await?;
    Ok(HolidayId(id))
}

/// Deletes a holiday of the organisation; false if it has none by that id.
pub async fn delete_holiday(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    holiday: &HolidayId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM holidays WHERE id = $1 AND school_year_id IN
            (SELECT id FROM school_years WHERE organisation_id = $2)",
    )
    .bind(&holiday.0)
    .bind(&org.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Replaces every holiday of the year with `holidays` (an import).
pub async fn replace_holidays(
    conn: &mut AnyConnection,
    year: &SchoolYearId,
    holidays: &[Holiday],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM holidays WHERE school_year_id = $1")
        .bind(&year.0)
        .execute(&mut *conn)
        .await?;
    for h in holidays {
        add_holiday(conn, year, h).await?;
    }
    Ok(())
}
