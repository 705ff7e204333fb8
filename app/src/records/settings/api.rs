//! The server functions of the organisation's settings. Coordinators only,
//! on their own organisation. Each change runs behind the planning lock
//! (the rules read thresholds, venues and school timetables) and is in the
//! audit log.

use crate::error::AppError;
use crate::records::settings::types::{
    AccompanistForm, SchoolForm, SettingsPage, ThresholdsForm, TimetableForm, VenueForm,
};
use leptos::prelude::*;

#[server(endpoint = "records/settings")]
pub async fn load_settings() -> Result<SettingsPage, AppError> {
    use crate::records::settings::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let organisation = crate::auth::store::directory::organisation_name(&db, &org).await?;
    let mut conn = db.pool.acquire().await?;
    Ok(SettingsPage {
        organisation,
        thresholds: crate::planning::store::thresholds(&mut conn, &org).await?,
        anonymise_after_months: store::anonymise_after_months(&mut conn, &org).await?,
        accompanists: store::accompanists(&mut conn, &org).await?,
        venues: store::venues(&mut conn, &org).await?,
        schools: store::schools(&mut conn, &org).await?,
    })
}

/// The thresholds the rules use (a preset or custom values) and how many
/// months a child who left is kept before being anonymised.
#[server(endpoint = "records/settings-thresholds")]
pub async fn save_thresholds(form: ThresholdsForm) -> Result<(), AppError> {
    let (thresholds, months) = form.check()?;
    server::settings_change("settings.thresholds", move |conn, org| {
        Box::pin(async move {
            crate::records::settings::store::set_thresholds(conn, org, &thresholds, months).await?;
            Ok(format!(
                "{} : {} à {} enfants, {} enfants par adulte, {} adulte(s), {} séance(s) par semaine ; anonymisation après {months} mois",
                thresholds.preset.as_str(),
                thresholds.group_min,
                thresholds.group_max,
                thresholds.max_children_per_adult,
                thresholds.min_adults_per_session,
                thresholds.sessions_per_week
            ))
        })
    })
    .await
}

#[server(endpoint = "records/accompanist-new")]
pub async fn add_accompanist(form: AccompanistForm) -> Result<(), AppError> {
    let accompanist = form.check()?;
    server::settings_change("settings.accompanist_add", move |conn, org| {
        Box::pin(async move {
            // The audit names the accompanist by id: their name, in the
            // organisation's log, would outlive their record.
            Ok(crate::records::settings::store::add_accompanist(conn, org, &accompanist).await?)
        })
    })
    .await
}

#[server(endpoint = "records/venue-new")]
pub async fn add_venue(form: VenueForm) -> Result<(), AppError> {
    let venue = form.check()?;
    server::settings_change("settings.venue_add", move |conn, org| {
        Box::pin(async move {
            if !crate::records::settings::store::add_venue(conn, org, &venue).await? {
                return Err(AppError::invalid(
                    "venue_name",
                    crate::error::FieldProblem::Mismatch,
                ));
            }
            Ok(venue.name)
        })
    })
    .await
}

#[server(endpoint = "records/school-new")]
pub async fn add_school(form: SchoolForm) -> Result<(), AppError> {
    let school = form.check()?;
    server::settings_change("settings.school_add", move |conn, org| {
        Box::pin(async move {
            crate::records::settings::store::add_school(conn, org, &school).await?;
            Ok(format!(
                "{} ({})",
                school.name,
                school.uai.as_deref().unwrap_or("sans UAI")
            ))
        })
    })
    .await
}

/// A period of a school's timetable (DURING_SCHOOL_TIME reads them).
#[server(endpoint = "records/timetable-new")]
pub async fn add_period(form: TimetableForm) -> Result<(), AppError> {
    let period = form.check()?;
    server::settings_change("settings.timetable_add", move |conn, org| {
        Box::pin(async move {
            use crate::planning::store::{owns, Owned};
            if !owns(conn, Owned::School, &period.school.0, org).await? {
                return Err(AppError::invalid(
                    "school",
                    crate::error::FieldProblem::Unknown,
                ));
            }
            crate::records::settings::store::add_period(conn, &period).await?;
            Ok(format!(
                "{} : jour {} de {} à {}",
                period.school.0, period.weekday, period.start, period.end
            ))
        })
    })
    .await
}

#[server(endpoint = "records/timetable-delete")]
pub async fn delete_period(id: String) -> Result<(), AppError> {
    let id = crate::fields::parse_id("period", &id)?;
    server::settings_change("settings.timetable_delete", move |conn, org| {
        Box::pin(async move {
            if !crate::records::settings::store::delete_period(conn, org, &id).await? {
                return Err(AppError::NotFound);
            }
            Ok(id)
        })
    })
    .await
}

#[server(endpoint = "records/accompanist-update")]
pub async fn update_accompanist(id: String, form: AccompanistForm) -> Result<(), AppError> {
    let id = crate::fields::parse_id("accompanist", &id)?;
    let accompanist = form.check()?;
    server::settings_change("settings.accompanist_update", move |conn, org| {
        Box::pin(async move {
            if !crate::records::settings::store::update_accompanist(conn, org, &id, &accompanist)
                .await?
            {
                return Err(AppError::NotFound);
            }
            Ok(id)
        })
    })
    .await
}

#[server(endpoint = "records/accompanist-remove")]
pub async fn remove_accompanist(id: String) -> Result<(), AppError> {
    let id = crate::fields::parse_id("accompanist", &id)?;
    server::settings_change("settings.accompanist_remove", move |conn, org| {
        Box::pin(async move {
            let done = crate::records::settings::store::remove_accompanist(conn, org, &id).await?;
            server::removed(done, "accompanist_in_use")?;
            Ok(id)
        })
    })
    .await
}

#[server(endpoint = "records/venue-update")]
pub async fn update_venue(id: String, form: VenueForm) -> Result<(), AppError> {
    let id = crate::fields::parse_id("venue", &id)?;
    let venue = form.check()?;
    server::settings_change("settings.venue_update", move |conn, org| {
        Box::pin(async move {
            use crate::planning::store::{owns, Owned};
            if !owns(conn, Owned::Venue, &id, org).await? {
                return Err(AppError::NotFound);
            }
            if !crate::records::settings::store::update_venue(conn, org, &id, &venue).await? {
                return Err(AppError::invalid(
                    "venue_name",
                    crate::error::FieldProblem::Mismatch,
                ));
            }
            Ok(format!("{id} : {}", venue.name))
        })
    })
    .await
}

#[server(endpoint = "records/venue-remove")]
pub async fn remove_venue(id: String) -> Result<(), AppError> {
    let id = crate::fields::parse_id("venue", &id)?;
    server::settings_change("settings.venue_remove", move |conn, org| {
        Box::pin(async move {
            let done = crate::records::settings::store::remove_venue(conn, org, &id).await?;
            server::removed(done, "venue_in_use")?;
            Ok(id)
        })
    })
    .await
}

#[server(endpoint = "records/school-update")]
pub async fn update_school(id: String, form: SchoolForm) -> Result<(), AppError> {
    let id = crate::fields::parse_id("school", &id)?;
    let school = form.check()?;
    server::settings_change("settings.school_update", move |conn, org| {
        Box::pin(async move {
            if !crate::records::settings::store::update_school(conn, org, &id, &school).await? {
                return Err(AppError::NotFound);
            }
            Ok(format!(
                "{id} : {} ({})",
                school.name,
                school.uai.as_deref().unwrap_or("sans UAI")
            ))
        })
    })
    .await
}

#[server(endpoint = "records/school-remove")]
pub async fn remove_school(id: String) -> Result<(), AppError> {
    let id = crate::fields::parse_id("school", &id)?;
    server::settings_change("settings.school_remove", move |conn, org| {
        Box::pin(async move {
            let done = crate::records::settings::store::remove_school(conn, org, &id).await?;
            server::removed(done, "school_in_use")?;
            Ok(id)
        })
    })
    .await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::db::work::Changing;
    use crate::domain::ids::OrganisationId;
    use crate::error::AppError;
    use sqlx::AnyConnection;

    /// A removal's outcome as the caller's answer: a record still in use is
    /// refused by the name of `in_use`.
    pub fn removed(
        done: crate::records::settings::store::Removal,
        in_use: &str,
    ) -> Result<(), AppError> {
        use crate::records::settings::store::Removal;
        match done {
            Removal::Removed => Ok(()),
            Removal::NotFound => Err(AppError::NotFound),
            Removal::InUse => Err(AppError::invalid(
                in_use,
                crate::error::FieldProblem::Mismatch,
            )),
        }
    }

    /// Runs one change to the organisation's settings: coordinators of
    /// that organisation only, in one transaction behind the planning lock,
    /// written to the audit log with the change's description.
    pub async fn settings_change<F>(action: &'static str, change: F) -> Result<(), AppError>
    where
        F: for<'a> FnOnce(&'a mut AnyConnection, &'a OrganisationId) -> Changing<'a, String>,
    {
        let crate::authz::CoordinatorWork { org, mut work, .. } =
            crate::authz::coordinator_work().await?;
        let detail = change(&mut work, &org).await?;
        work.audit(action, ("organisation", &org.0), &detail)
            .await?;
        work.commit().await?;
        Ok(())
    }
}
