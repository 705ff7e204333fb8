//! The school year's server functions: the year and its holidays, entered
//! by hand or imported from the ministry's file. Coordinators only.

use crate::error::AppError;
use crate::records::school_year::types::SchoolYearPage;
use leptos::prelude::*;

/// The current school year and its holidays.
#[server(endpoint = "records/school-year")]
pub async fn load_school_year() -> Result<SchoolYearPage, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let year = server::year(&mut conn, &org).await?;
    let holidays = crate::records::school_year::store::holidays(&mut conn, &year.id).await?;
    Ok(SchoolYearPage { year, holidays })
}

/// A holiday entered by hand (a bridge day, a local closure).
#[server(endpoint = "records/holiday-new")]
pub async fn add_holiday(
    name: String,
    first_day: String,
    last_day: String,
) -> Result<(), AppError> {
    let form = crate::records::school_year::types::HolidayForm {
        name,
        first_day,
        last_day,
    };
    server::change_holidays(|conn, _, year| {
        Box::pin(async move {
            let holiday = form.check(year)?;
            crate::records::school_year::store::add_holiday(conn, &year.id, &holiday).await?;
            Ok(("holiday.create", holiday.name))
        })
    })
    .await
    .map(|_| ())
}

#[server(endpoint = "records/holiday-delete")]
pub async fn delete_holiday(id: String) -> Result<(), AppError> {
    let id = crate::domain::ids::HolidayId(crate::fields::parse_id("holiday", &id)?);
    server::change_holidays(|conn, org, _| {
        Box::pin(async move {
            if !crate::records::school_year::store::delete_holiday(conn, org, &id).await? {
                return Err(AppError::NotFound);
            }
            Ok(("holiday.delete", id.0))
        })
    })
    .await
    .map(|_| ())
}

/// Replaces the year's holidays with those of the ministry's calendar file
/// (`records::holidays_csv`) for the year's zone; returns how many periods
/// were kept. A file with a bad line changes nothing.
#[server(endpoint = "records/holidays-import")]
pub async fn import_holidays(text: String) -> Result<usize, AppError> {
    use crate::records::school_year::holidays_csv::{parse, TargetYear};
    server::change_holidays(|conn, _, year| {
        Box::pin(async move {
            let target = TargetYear {
                label: &year.label,
                zone: &year.zone,
                first_day: year.first_day,
                last_day: year.last_day,
            };
            let holidays =
                parse(&text, &target).map_err(|problems| AppError::Import { problems })?;
            crate::records::school_year::store::replace_holidays(conn, &year.id, &holidays).await?;
            Ok(("holiday.import", format!("{} période(s)", holidays.len())))
        })
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::db::work::Changing;
    use crate::domain::ids::OrganisationId;
    use crate::error::AppError;
    use crate::records::school_year::types::SchoolYear;
    use sqlx::AnyConnection;

    /// The organisation's current school year, or the field to fix first.
    pub async fn year(
        conn: &mut AnyConnection,
        org: &OrganisationId,
    ) -> Result<SchoolYear, AppError> {
        crate::records::school_year::store::current(conn, org, crate::state::today())
            .await?
            .ok_or_else(|| AppError::invalid("school_year", crate::error::FieldProblem::Missing))
    }

    type Change<'a> = Changing<'a, (&'static str, String)>;

    /// Runs a change to the current year's holidays in one transaction
    /// behind the planning lock (the calendar's IN_HOLIDAYS reads them),
    /// and writes it to the audit log. Returns how many holidays the year
    /// has after the change.
    pub async fn change_holidays<F>(change: F) -> Result<usize, AppError>
    where
        F: for<'a> FnOnce(&'a mut AnyConnection, &'a OrganisationId, &'a SchoolYear) -> Change<'a>,
    {
        let crate::authz::CoordinatorWork { org, mut work, .. } =
            crate::authz::coordinator_work().await?;
        let year = year(&mut work, &org).await?;
        let (action, detail) = change(&mut work, &org, &year).await?;
        let count = crate::records::school_year::store::holidays(&mut work, &year.id)
            .await?
            .len();
        work.audit(action, ("school_year", &year.id.0), &detail)
            .await?;
        work.commit().await?;
        Ok(count)
    }
}
