use crate::domain::ids::ChildId;
use crate::error::AppError;
use crate::family::details::types::{FamilyChecks, MyDetails};
use leptos::prelude::*;

/// Guardian: their phone, e-mail and address, and their children's
/// pick-up adults (those proposed and not yet approved marked so).
#[server(endpoint = "family/details")]
pub async fn load_my_details() -> Result<MyDetails, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    crate::family::details::store::of_guardian(&mut conn, &guardian)
        .await?
        .ok_or(AppError::NotFound)
}

/// Guardian: corrects their phone, e-mail and address (the enrolment
/// form's rules). Each of their children's history says who changed what.
/// Saving counts as having checked their data.
#[server(endpoint = "family/details-save")]
pub async fn save_my_details(
    phone: String,
    email: String,
    address: String,
) -> Result<(), AppError> {
    use crate::family::details::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.clone().ok_or(AppError::Forbidden)?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    let before = store::of_guardian(&mut work, &guardian)
        .await?
        .ok_or(AppError::NotFound)?;
    let details = crate::family::details::types::DetailsForm {
        phone,
        email,
        address,
    }
    .check(&before.first_name, &before.last_name)?;
    let at = work.at().to_string();
    store::update(&mut work, &guardian, &details, &at).await?;
    let changes = details.changes(&before);
    if changes.is_empty() {
        work.audit(
            "family.details_checked",
            ("guardian", guardian.as_str()),
            "",
        )
        .await?;
    } else {
        let detail = format!("{} {} : {changes}", before.first_name, before.last_name);
        for child in store::children_of(&mut work, &guardian).await? {
            work.audit("child.guardian_update", ("child", child.as_str()), &detail)
                .await?;
        }
    }
    work.commit().await?;
    Ok(())
}

/// Guardian: « Mes coordonnées sont à jour », when the structure asked.
#[server(endpoint = "family/details-confirm")]
pub async fn confirm_my_details() -> Result<(), AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.clone().ok_or(AppError::Forbidden)?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    let at = work.at().to_string();
    crate::family::details::store::confirm(&mut work, &guardian, &at).await?;
    work.audit(
        "family.details_checked",
        ("guardian", guardian.as_str()),
        "",
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// Guardian: proposes an adult who may take their child home. The
/// structure approves them before the register shows them.
#[server(endpoint = "family/adult-propose")]
pub async fn propose_pickup_adult(
    child: ChildId,
    name: String,
    relationship: String,
    phone: String,
) -> Result<(), AppError> {
    let child = crate::fields::checked_id("child", child)?;
    let adult = crate::records::child::types::AdultForm {
        name,
        relationship,
        phone,
    }
    .check()?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    let guardian = match (user.role, &user.guardian) {
        (crate::domain::model::Role::Parent, Some(g)) => g.clone(),
        _ => return Err(AppError::Forbidden),
    };
    let mut work = crate::authz::work_of(&user, &db).await?;
    let at = work.at().to_string();
    crate::family::details::store::propose(&mut work, &child, &guardian, &adult, &at).await?;
    let detail = format!("{} ({}), à valider", adult.name, adult.relationship);
    work.audit("child.adult_proposed", ("child", child.as_str()), &detail)
        .await?;
    work.commit().await?;
    Ok(())
}

/// Coordinator: the last request to the families to check their data,
/// how many guardians did, and the pick-up adults waiting for approval.
#[server(endpoint = "family/checks")]
pub async fn load_family_checks() -> Result<FamilyChecks, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    Ok(crate::family::details::store::checks(&mut conn, &org).await?)
}

/// Coordinator: asks every family to check its data (at the start of the
/// year); each guardian's home then asks them first.
#[server(endpoint = "family/ask-check")]
pub async fn ask_families_to_check() -> Result<(), AppError> {
    let crate::authz::CoordinatorWork { org, mut work, .. } =
        crate::authz::coordinator_work().await?;
    let at = work.at().to_string();
    let asked = crate::family::details::store::ask_to_check(&mut work, &org, &at).await?;
    let detail = format!("{asked} responsables");
    work.audit(
        "family.check_asked",
        ("organisation", org.as_str()),
        &detail,
    )
    .await?;
    work.commit().await?;
    Ok(())
}
