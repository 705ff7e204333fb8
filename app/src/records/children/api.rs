//! The children list and the enrolment's server functions. Coordinators
//! only, each in their own organisation.

use crate::error::AppError;
use crate::records::children::types::{ChildForm, ChildrenPage, Enrolled};
#[cfg(feature = "ssr")]
use crate::records::school_year::api::server;
use leptos::prelude::*;

/// The structure's children and what the enrolment form offers.
#[server(endpoint = "records/children")]
pub async fn load_children() -> Result<ChildrenPage, AppError> {
    use crate::planning::store as planning;
    use crate::records::children::store as children;
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
        waiting: crate::records::child::store::waiting_lists(&mut conn, &org, &year.id, None)
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
    use crate::records::children::store as children;
    use crate::records::children::types::Placement;
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
    let room = crate::records::children::types::GroupRoom { enrolled };
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
            crate::records::child::store::waiting_lists(&mut tx, &org, &year.id, Some(&id))
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
