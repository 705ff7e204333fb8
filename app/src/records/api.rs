//! The records' server functions. Coordinators only, each in their own
//! organisation.

use crate::error::AppError;
use crate::records::children::{ChildForm, ChildrenPage, Enrolled};
use crate::records::types::SchoolYearPage;
use leptos::prelude::*;

/// The structure's children and what the enrolment form offers.
#[server(endpoint = "records/children")]
pub async fn load_children() -> Result<ChildrenPage, AppError> {
    use crate::planning::store as planning;
    use crate::records::store::children;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let year = server::year(&mut conn, &org).await?;
    let t = planning::thresholds(&mut conn, &org).await?;
    let schools = planning::names(&mut conn, planning::Owned::School, &org)
        .await?
        .into_iter()
        .map(|(id, name)| (crate::domain::SchoolId(id), name))
        .collect();
    Ok(ChildrenPage {
        today: crate::state::today(),
        children: children::list(&mut conn, &org).await?,
        groups: children::groups(&mut conn, &org, &year.id).await?,
        schools,
        group_max: t.group_max,
        group_min: t.group_min,
        waiting: crate::records::store::child_record::waiting_lists(
            &mut conn, &org, &year.id, None,
        )
        .await?,
    })
}

/// Enrols a new child in a group: refused with NO_REFERRAL, NO_CONSENT or
/// GROUP_OVER_MAX (`NewChild::refusals`), checked inside the transaction
/// that writes it, behind the planning lock, so two enrolments cannot both
/// take a group's last place. The answer carries the warnings that remain
/// (GROUP_UNDER_MIN).
#[server(endpoint = "records/enrol")]
pub async fn enrol_child(form: ChildForm) -> Result<Enrolled, AppError> {
    use crate::error::FieldProblem;
    use crate::planning::store as planning;
    use crate::records::children::Placement;
    use crate::records::store::children;
    let today = crate::state::today();
    let child = form.check_fields(today)?;
    let crate::authz::CoordinatorWork {
        org, work: mut tx, ..
    } = crate::authz::coordinator_work().await?;
    let id = crate::domain::ChildId(crate::db::new_id());
    let year = server::year(&mut tx, &org).await?;
    if let Some(school) = &child.school {
        if !planning::owns(&mut tx, planning::Owned::School, &school.0, &org).await? {
            return Err(AppError::invalid("school", FieldProblem::Unknown));
        }
    }
    let enrolled = children::group_enrolled(&mut tx, &org, &child.group)
        .await?
        .ok_or_else(|| AppError::invalid("group", FieldProblem::Unknown))?;
    let t = planning::thresholds(&mut tx, &org).await?;
    let room = crate::records::children::GroupRoom { enrolled };
    let refusals = child.refusals(&id, room, &t);
    if !refusals.is_empty() {
        return Err(AppError::Rules { findings: refusals });
    }
    let placement = child.placement(room, &t);
    let now = tx.at().to_string();
    children::insert(
        &mut tx,
        &org,
        &id,
        &child,
        placement,
        &today.to_string(),
        &now,
    )
    .await?;
    let detail = match placement {
        Placement::Member => format!("groupe {}", child.group.0),
        Placement::Waiting => format!("liste d'attente du groupe {}", child.group.0),
    };
    tx.audit("child.enrol", ("child", &id.0), &detail).await?;
    let waiting = match placement {
        Placement::Member => None,
        Placement::Waiting => {
            crate::records::store::child_record::waiting_lists(&mut tx, &org, &year.id, Some(&id))
                .await?
                .into_iter()
                .find(|w| w.group == child.group)
                .map(|w| w.position)
        }
    };
    tx.commit().await?;
    let warnings = match placement {
        Placement::Member => crate::domain::rules::group_size(&child.group, enrolled + 1, &t),
        Placement::Waiting => Vec::new(),
    };
    Ok(Enrolled {
        child: id,
        warnings,
        waiting,
    })
}

/// The current school year and its holidays.
#[server(endpoint = "records/school-year")]
pub async fn load_school_year() -> Result<SchoolYearPage, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let year = server::year(&mut conn, &org).await?;
    let holidays = crate::records::store::school_year::holidays(&mut conn, &year.id).await?;
    Ok(SchoolYearPage { year, holidays })
}

/// A holiday entered by hand (a bridge day, a local closure).
#[server(endpoint = "records/holiday-new")]
pub async fn add_holiday(
    name: String,
    first_day: String,
    last_day: String,
) -> Result<(), AppError> {
    let form = crate::records::types::HolidayForm {
        name,
        first_day,
        last_day,
    };
    server::change_holidays(|conn, _, year| {
        Box::pin(async move {
            let holiday = form.check(year)?;
            crate::records::store::school_year::add_holiday(conn, &year.id, &holiday).await?;
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
            if !crate::records::store::school_year::delete_holiday(conn, org, &id).await? {
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
    use crate::records::holidays_csv::{parse, TargetYear};
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
            crate::records::store::school_year::replace_holidays(conn, &year.id, &holidays).await?;
            Ok(("holiday.import", format!("{} période(s)", holidays.len())))
        })
    })
    .await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::db::work::Changing;
    use crate::domain::ids::OrganisationId;
    use crate::error::AppError;
    use crate::records::types::SchoolYear;
    use sqlx::AnyConnection;

    /// The organisation's current school year, or the field to fix first.
    pub async fn year(
        conn: &mut AnyConnection,
        org: &OrganisationId,
    ) -> Result<SchoolYear, AppError> {
        crate::records::store::school_year::current(conn, org, crate::state::today())
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
        let count = crate::records::store::school_year::holidays(&mut work, &year.id)
            .await?
            .len();
        work.audit(action, ("school_year", &year.id.0), &detail)
            .await?;
        work.commit().await?;
        Ok(count)
    }
}
