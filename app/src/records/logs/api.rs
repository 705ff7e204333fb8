//! The server functions of the meeting logs. Coordinators only, in their
//! own organisation; each new meeting is in the audit log (a meeting about
//! a child in that child's history).

use crate::error::AppError;
use crate::records::logs::types::{LiaisonForm, LogsPage, PartnerForm};
use leptos::prelude::*;

/// The current school year's school and partner meetings.
#[server(endpoint = "records/logs")]
pub async fn load_logs() -> Result<LogsPage, AppError> {
    use crate::planning::store as planning;
    use crate::records::logs::store as logs;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let today = crate::state::today();
    let year = crate::records::school_year::store::current(&mut conn, &org, today)
        .await?
        .ok_or_else(|| AppError::invalid("school_year", crate::error::FieldProblem::Missing))?;
    let ids = |pairs: Vec<(String, String)>| pairs.into_iter();
    Ok(LogsPage {
        today,
        year: year.label.clone(),
        liaisons: logs::liaisons(&mut conn, &org, year.first_day, year.last_day, None).await?,
        partner_meetings: logs::partner_meetings(&mut conn, &org, year.first_day, year.last_day)
            .await?,
        children: ids(planning::names(&mut conn, planning::Owned::Child, &org).await?)
            .map(|(id, name)| (crate::domain::ChildId(id), name))
            .collect(),
        groups: ids(planning::names(&mut conn, planning::Owned::Group, &org).await?)
            .map(|(id, name)| (crate::domain::GroupId(id), name))
            .collect(),
    })
}

/// Records a meeting with the school about a child or a group.
#[server(endpoint = "records/liaison-new")]
pub async fn add_liaison(form: LiaisonForm) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::planning::store as planning;
    use crate::records::logs::store as logs;
    let liaison = form.check(crate::state::today())?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let mut tx = crate::authz::work_of(&user, &db).await?;
    if let Some(child) = &liaison.child {
        if !planning::owns(&mut tx, planning::Owned::Child, &child.0, &org).await? {
            return Err(AppError::invalid("liaison_about", FieldProblem::Unknown));
        }
    }
    if let Some(group) = &liaison.group {
        if !planning::owns(&mut tx, planning::Owned::Group, &group.0, &org).await? {
            return Err(AppError::invalid("liaison_about", FieldProblem::Unknown));
        }
    }
    let id = logs::add_liaison(&mut tx, &org, &liaison).await?;
    let (entity, entity_id) = match (&liaison.child, &liaison.group) {
        (Some(child), _) => ("child", child.0.clone()),
        (None, Some(group)) => ("group", group.0.clone()),
        (None, None) => ("school_liaison", id),
    };
    let detail = format!("rencontre {} du {}", liaison.kind.as_str(), liaison.met_on);
    tx.audit("child.liaison", (entity, &entity_id), &detail)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a meeting with partners (PRE, youth service, library…).
#[server(endpoint = "records/partner-meeting-new")]
pub async fn add_partner_meeting(form: PartnerForm) -> Result<(), AppError> {
    use crate::records::logs::store as logs;
    let meeting = form.check(crate::state::today())?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let mut tx = crate::authz::work_of(&user, &db).await?;
    let id = logs::add_partner_meeting(&mut tx, &org, &meeting).await?;
    tx.audit(
        "partner_meeting.create",
        ("partner_meeting", &id),
        &meeting.partners,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
