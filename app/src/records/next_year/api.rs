use crate::error::AppError;
use crate::records::next_year::types::{Carry, NextYearPage};
use leptos::prelude::*;

/// Coordinator: the year being left, the next one if prepared (its groups
/// and holidays), and the current children with their groups in each.
#[server(endpoint = "records/next-year")]
pub async fn load_next_year() -> Result<NextYearPage, AppError> {
    use crate::records::next_year::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let current = crate::records::school_year::api::server::year(&mut conn, &org).await?;
    let next = store::next_year(&mut conn, &org, &current).await?;
    let (next_groups, next_holidays) = match &next {
        Some(n) => (
            store::groups_of(&mut conn, &n.id).await?,
            crate::records::school_year::store::holidays(&mut conn, &n.id)
                .await?
                .len(),
        ),
        None => (Vec::new(), 0),
    };
    Ok(NextYearPage {
        children: store::children(&mut conn, &org, &current.id, next.as_ref().map(|n| &n.id))
            .await?,
        leaving: store::leaving(&mut conn, &org, current.last_day).await?,
        proposed: crate::records::next_year::types::proposed_dates(&current),
        current,
        next,
        next_groups,
        next_holidays,
    })
}

/// Coordinator: « Préparer l'année suivante »: the next school year with
/// the holiday zone of this one, and this year's groups copied into it
/// (names, levels, usual venue, planned activities, accompanists). The
/// structure's venues and thresholds are the structure's: they carry on.
#[server(endpoint = "records/next-year-prepare")]
pub async fn prepare_next_year(first_day: String, last_day: String) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::records::next_year::store;
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let current = crate::records::school_year::api::server::year(&mut work, &org).await?;
    let next = crate::records::next_year::types::NextYearForm {
        first_day,
        last_day,
    }
    .check(&current)?;
    if store::next_year(&mut work, &org, &current).await?.is_some() {
        return Err(AppError::invalid("next_first_day", FieldProblem::Unknown));
    }
    let id = store::create_year(&mut work, &org, &next, &current.zone).await?;
    let groups = store::copy_groups(&mut work, &org, &current.id, &id).await?;
    let now = crate::db::timestamp(crate::state::now());
    store::copy_dossier_facts(&mut work, &current.id, &id, &now).await?;
    let detail = format!(
        "{} : {groups} groupe(s) copié(s) de {}",
        next.label, current.label
    );
    work.audit("school_year.prepare", ("school_year", id.as_str()), &detail)
        .await?;
    work.commit().await?;
    Ok(())
}

/// Coordinator: the next year's holidays from the ministry's calendar file
/// (as « Année scolaire » imports this year's); returns how many periods.
#[server(endpoint = "records/next-year-holidays")]
pub async fn import_next_year_holidays(text: String) -> Result<usize, AppError> {
    use crate::error::FieldProblem;
    use crate::records::school_year::holidays_csv::{parse, TargetYear};
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let current = crate::records::school_year::api::server::year(&mut work, &org).await?;
    let next = crate::records::next_year::store::next_year(&mut work, &org, &current)
        .await?
        .ok_or_else(|| AppError::invalid("next_first_day", FieldProblem::Missing))?;
    let target = TargetYear {
        label: &next.label,
        zone: &next.zone,
        first_day: next.first_day,
        last_day: next.last_day,
    };
    let holidays = parse(&text, &target).map_err(|problems| AppError::Import { problems })?;
    crate::records::school_year::store::replace_holidays(&mut work, &next.id, &holidays).await?;
    let detail = format!("{} période(s)", holidays.len());
    work.audit("holiday.import", ("school_year", next.id.as_str()), &detail)
        .await?;
    work.commit().await?;
    Ok(holidays.len())
}

/// Coordinator: carries the children over in one step: each goes to a
/// group of the next year (from its first day, with consent and contract to
/// renew) or leaves at the end of this one (« sorti » the day after its
/// last day); a child with no choice is left as they are. All or nothing,
/// and nothing when a next-year group would hold more children than the
/// structure's maximum (GROUP_OVER_MAX, as the enrolment says it); each
/// child's history says which. Returns how many children changed.
#[server(endpoint = "records/next-year-carry")]
pub async fn carry_over(carry: Vec<Carry>) -> Result<usize, AppError> {
    use crate::error::FieldProblem;
    use crate::records::next_year::store;
    use crate::records::next_year::types::Carried;
    let choices: Vec<Carried> = carry
        .iter()
        .map(Carry::read)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    if choices.is_empty() {
        return Err(AppError::invalid("next_group", FieldProblem::Missing));
    }
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let current = crate::records::school_year::api::server::year(&mut work, &org).await?;
    let next = store::next_year(&mut work, &org, &current)
        .await?
        .ok_or_else(|| AppError::invalid("next_first_day", FieldProblem::Missing))?;
    let groups = store::groups_of(&mut work, &next.id).await?;
    for choice in &choices {
        let child = match choice {
            Carried::Stays(child, _) | Carried::Leaves(child) => child,
        };
        if !store::is_current(&mut work, &org, child).await? {
            return Err(AppError::invalid("child", FieldProblem::Unknown));
        }
        let detail = match choice {
            Carried::Stays(child, group) => {
                let name = groups
                    .iter()
                    .find(|(id, _)| id == group)
                    .map(|(_, name)| name.clone())
                    .ok_or_else(|| AppError::invalid("next_group", FieldProblem::Unknown))?;
                store::carry(&mut work, child, group, &next).await?;
                format!(
                    "{} : groupe {name} ; accord et contrat à renouveler",
                    next.label
                )
            }
            Carried::Leaves(child) => {
                store::leave_at_year_end(&mut work, child, &current, &next).await?;
                format!("sorti à la fin de l'année {}", current.label)
            }
        };
        work.audit("child.next_year", ("child", child.as_str()), &detail)
            .await?;
    }
    // The CLAS rule of enrolment, on the next year's groups as they now
    // stand: none above the maximum (or nothing is written).
    let t = crate::planning::store::thresholds(&mut work, &org).await?;
    let mut over = Vec::new();
    for (group, _) in &groups {
        let members = store::members(&mut work, group).await?;
        over.extend(
            crate::domain::rules::group_size(group, members, &t)
                .into_iter()
                .filter(|f| f.code == crate::domain::findings::Code::GroupOverMax),
        );
    }
    if !over.is_empty() {
        return Err(AppError::Rules { findings: over });
    }
    work.commit().await?;
    Ok(choices.len())
}
