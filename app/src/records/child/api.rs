//! The server functions of a child's record. Coordinators only, on the
//! children of their own organisation; every change runs in one
//! transaction behind the planning lock (group places are what the rules
//! count) and is written to the audit log with who and what.

use crate::domain::ids::{AdultId, ChildId, GroupId};
use crate::error::AppError;
use crate::records::child::types::{
    AdultForm, ChildRecord, ConsentForm, ContractForm, ContractsPrint, FamilyExport, FollowUpForm,
    GuardianForm, IdentityForm, LeaveForm, Offer, ReferralForm,
};
use leptos::prelude::*;

/// The record page: identity, family, referral and consent, groups and
/// waiting lists, the contract, and the history of changes.
#[server(endpoint = "records/child")]
pub async fn load_child_record(id: ChildId) -> Result<ChildRecord, AppError> {
    let child = crate::fields::checked_id("child", id)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    server::full_record(&mut conn, &org, &child).await
}

/// Everything the structure holds about a family (the child's guardians and
/// all their children here), as the page « Données de la famille » shows it
/// before the coordinator hands it over. Reading it writes nothing.
#[server(endpoint = "records/family-preview")]
pub async fn preview_family(child: ChildId) -> Result<FamilyExport, AppError> {
    let child = crate::fields::checked_id("child", child)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    server::family_export(&user, &db, child, false).await
}

/// The same, as the JSON file handed to the family that asked for its data
/// (a form's POST to `/api/records/family-export`, which the guard serves
/// as `donnees-famille.json`). Each export is in the children's history;
/// a POST, so that no link on another site can add such lines.
#[server(endpoint = "records/family-export")]
pub async fn export_family(child: ChildId) -> Result<FamilyExport, AppError> {
    let child = crate::fields::checked_id("child", child)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    server::family_export(&user, &db, child, true).await
}

/// Corrects a child's identity (name, birth date, sex, school, class, QPV),
/// with the checks of the enrolment.
#[server(endpoint = "records/child-identity")]
pub async fn save_identity(child: ChildId, form: IdentityForm) -> Result<(), AppError> {
    let identity = form.check(crate::state::today())?;
    server::child_change(child, "child.identity", move |conn, org, child| {
        Box::pin(async move {
            use crate::planning::store::{owns, Owned};
            if let Some(school) = &identity.school {
                if !owns(conn, Owned::School, &school.0, org).await? {
                    return Err(AppError::invalid(
                        "school",
                        crate::error::FieldProblem::Unknown,
                    ));
                }
            }
            crate::records::child::store::set_identity(conn, child, &identity).await?;
            Ok((
                format!(
                    "{} {}, {}",
                    identity.first_name,
                    identity.last_name,
                    identity.level.as_str()
                ),
                (),
            ))
        })
    })
    .await
}

/// A referral recorded after enrolment (a child first met without one, or
/// referred again).
#[server(endpoint = "records/referral-new")]
pub async fn add_referral(child: ChildId, form: ReferralForm) -> Result<(), AppError> {
    let referral = form.check(crate::state::today())?;
    server::child_change(child, "child.referral", move |conn, _, child| {
        Box::pin(async move {
            crate::records::child::store::add_referral(conn, child, &referral).await?;
            Ok((
                format!("{} le {}", referral.source.as_str(), referral.on),
                (),
            ))
        })
    })
    .await
}

/// The parents' consent recorded after enrolment, by one of the child's
/// guardians.
#[server(endpoint = "records/consent-new")]
pub async fn add_consent(child: ChildId, form: ConsentForm) -> Result<(), AppError> {
    let consent = form.check(crate::state::today())?;
    server::child_change(child, "child.consent", move |conn, _, child| {
        Box::pin(async move {
            if !crate::records::child::store::add_consent(conn, child, &consent).await? {
                return Err(AppError::invalid(
                    "consent_guardian",
                    crate::error::FieldProblem::Unknown,
                ));
            }
            Ok((format!("{} le {}", consent.method, consent.on), ()))
        })
    })
    .await
}

/// « Peut rentrer seul », photo consent and the note about the child's needs.
#[server(endpoint = "records/child-follow-up")]
pub async fn save_follow_up(child: ChildId, form: FollowUpForm) -> Result<(), AppError> {
    let follow_up = form.check()?;
    server::child_change(child, "child.update", move |conn, _, child| {
        Box::pin(async move {
            crate::records::child::store::set_follow_up(conn, child, &follow_up).await?;
            let detail = format!(
                "peut rentrer seul : {} ; photos : {} ; note sur les besoins modifiée",
                yes_no(follow_up.may_leave_alone),
                yes_no(follow_up.photo_consent)
            );
            Ok((detail, ()))
        })
    })
    .await
}

/// The child leaves the programme: their places in groups and on waiting
/// lists are freed, and each freed place is offered to the first child on
/// that group's waiting list (the answer says whom).
#[server(endpoint = "records/child-leave")]
pub async fn record_leaving(child: ChildId, form: LeaveForm) -> Result<Vec<Offer>, AppError> {
    let leaving = form.check(crate::state::today())?;
    server::child_change(child, "child.leave", move |conn, org, child| {
        Box::pin(async move {
            let left = crate::records::child::store::leave(conn, child, &leaving).await?;
            let offers = server::offers_in(conn, org, &left).await?;
            let detail = format!("sorti le {} : {}", leaving.on, leaving.reason);
            Ok((detail, offers))
        })
    })
    .await
}

/// Another guardian (a parent, a legal guardian), with their own contact;
/// « Invitations » then gives them their own login.
#[server(endpoint = "records/guardian-new")]
pub async fn add_guardian(child: ChildId, form: GuardianForm) -> Result<(), AppError> {
    let guardian = form.check()?;
    server::child_change(child, "child.guardian_add", move |conn, org, child| {
        Box::pin(async move {
            crate::records::child::store::add_guardian(conn, org, child, &guardian).await?;
            Ok((
                format!("{} {}", guardian.first_name, guardian.last_name),
                (),
            ))
        })
    })
    .await
}

#[server(endpoint = "records/adult-new")]
pub async fn add_adult(child: ChildId, form: AdultForm) -> Result<(), AppError> {
    let adult = form.check()?;
    server::child_change(child, "child.adult_add", move |conn, _, child| {
        Box::pin(async move {
            crate::records::child::store::add_adult(conn, child, &adult).await?;
            Ok((format!("{} ({})", adult.name, adult.relationship), ()))
        })
    })
    .await
}

#[server(endpoint = "records/adult-remove")]
pub async fn remove_adult(child: ChildId, adult: AdultId) -> Result<(), AppError> {
    let adult = crate::fields::checked_id("adult", adult)?;
    server::child_change(child, "child.adult_remove", move |conn, _, child| {
        Box::pin(async move {
            let name = crate::records::child::store::remove_adult(conn, child, &adult)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((name, ()))
        })
    })
    .await
}

/// Approves a pick-up adult a guardian proposed: from then on the register
/// shows them. (Refusing is removing them.)
#[server(endpoint = "records/adult-approve")]
pub async fn approve_adult(child: ChildId, adult: AdultId) -> Result<(), AppError> {
    let adult = crate::fields::checked_id("adult", adult)?;
    server::child_change(child, "child.adult_approve", move |conn, _, child| {
        Box::pin(async move {
            let name = crate::records::child::store::approve_adult(conn, child, &adult)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((name, ()))
        })
    })
    .await
}

/// Puts a child who is not in the group on its waiting list.
#[server(endpoint = "records/waiting-add")]
pub async fn add_to_waiting_list(child: ChildId, group: GroupId) -> Result<(), AppError> {
    let group = crate::fields::checked_id("group", group)?;
    server::child_change(child, "child.waiting_add", move |conn, org, child| {
        Box::pin(async move {
            let name = server::group_name(conn, org, &group).await?;
            let now = crate::db::timestamp(crate::state::now());
            crate::records::child::store::add_waiting(conn, child, &group, &now).await?;
            Ok((format!("liste d'attente : {name}"), ()))
        })
    })
    .await
}

/// Takes a child off a group's waiting list without a place.
#[server(endpoint = "records/waiting-remove")]
pub async fn remove_from_waiting_list(child: ChildId, group: GroupId) -> Result<(), AppError> {
    let group = crate::fields::checked_id("group", group)?;
    server::child_change(child, "child.waiting_remove", move |conn, org, child| {
        Box::pin(async move {
            let name = server::group_name(conn, org, &group).await?;
            if !crate::records::child::store::remove_waiting(conn, child, &group).await? {
                return Err(AppError::NotFound);
            }
            Ok((format!("retiré de la liste d'attente : {name}"), ()))
        })
    })
    .await
}

/// Gives a waiting child a place in the group: the enrolment rules again
/// (referral and consent on record, a place free), checked behind the lock.
#[server(endpoint = "records/waiting-admit")]
pub async fn admit_from_waiting_list(child: ChildId, group: GroupId) -> Result<(), AppError> {
    use crate::domain::model::ChildStatus;
    use crate::domain::rules::{enrolment_capacity, enrolment_prerequisites};
    use crate::planning::store as planning;
    use crate::records::child::store;
    use crate::records::children::store as children;
    let group = crate::fields::checked_id("group", group)?;
    server::child_change(child, "child.admit", move |conn, org, child| {
        Box::pin(async move {
            let name = server::group_name(conn, org, &group).await?;
            if !store::remove_waiting(conn, child, &group).await? {
                return Err(AppError::invalid(
                    "group",
                    crate::error::FieldProblem::Unknown,
                ));
            }
            let enrolled = children::group_enrolled(conn, org, &group)
                .await?
                .unwrap_or_default();
            let (referral, consent) = store::prerequisites(conn, child).await?;
            let t = planning::thresholds(conn, org).await?;
            let mut refusals = enrolment_prerequisites(child, &group, referral, consent);
            refusals.extend(enrolment_capacity(&group, enrolled, &t));
            if !refusals.is_empty() {
                return Err(AppError::Rules { findings: refusals });
            }
            let today = crate::state::today().to_string();
            store::join_group(conn, child, &group, &today).await?;
            store::set_status(conn, child, ChildStatus::Enrolled, &today).await?;
            Ok((format!("inscrit depuis la liste d'attente : {name}"), ()))
        })
    })
    .await
}

/// Writes the contract of the current year (objectives from the diagnostic,
/// engagements). Changing an accepted contract asks the family again.
#[server(endpoint = "records/contract-save")]
pub async fn save_contract(child: ChildId, form: ContractForm) -> Result<(), AppError> {
    let draft = form.check()?;
    server::child_change(child, "child.contract", move |conn, org, child| {
        Box::pin(async move {
            use crate::records::child::store;
            let year =
                crate::records::school_year::store::current(conn, org, crate::state::today())
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid("school_year", crate::error::FieldProblem::Missing)
                    })?;
            let school = store::school_of(conn, child).await?;
            let cleared =
                store::save_contract(conn, child, &year.id, school.as_deref(), &draft).await?;
            let detail = if cleared {
                "contrat modifié : la famille doit l'accepter à nouveau"
            } else {
                "contrat enregistré"
            };
            Ok((format!("{detail} ({})", year.label), ()))
        })
    })
    .await
}

/// The contracts to print: one child's (`child`), a group's (`group`), or
/// every current child's with a contract this year.
#[server(endpoint = "records/contracts")]
pub async fn load_contracts(child: String, group: String) -> Result<ContractsPrint, AppError> {
    use crate::fields::parse_optional_id;
    let child = parse_optional_id("child", &child)?.map(ChildId);
    let group = parse_optional_id("group", &group)?.map(GroupId);
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let organisation = crate::auth::store::directory::organisation_name(&db, &org).await?;
    let mut conn = db.pool.acquire().await?;
    let year = crate::records::school_year::store::current(&mut conn, &org, crate::state::today())
        .await?
        .ok_or_else(|| AppError::invalid("school_year", crate::error::FieldProblem::Missing))?;
    let sheets = crate::records::child::store::contract_sheets(
        &mut conn,
        &org,
        &year.id,
        child.as_ref(),
        group.as_ref(),
    )
    .await?;
    if child.is_some() && sheets.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(ContractsPrint {
        organisation,
        year: year.label,
        sheets,
    })
}

#[cfg(feature = "ssr")]
fn yes_no(value: bool) -> &'static str {
    if value {
        "oui"
    } else {
        "non"
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod server {

    /// The family of `child` as exported; `audited`: the export goes into
    /// the children's history, in the same write.
    pub async fn family_export(
        user: &crate::auth::CurrentUser,
        db: &crate::db::Db,
        child: ChildId,
        audited: bool,
    ) -> Result<crate::records::child::types::FamilyExport, AppError> {
        use crate::records::child::store;
        let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
        let organisation = crate::auth::store::directory::organisation_name(db, &org).await?;
        // The export and its lines in the history are one write.
        let mut conn = crate::authz::work_of(user, db).await?;
        if !crate::planning::store::owns(
            &mut conn,
            crate::planning::store::Owned::Child,
            &child.0,
            &org,
        )
        .await?
        {
            return Err(AppError::NotFound);
        }
        let (guardian_ids, child_ids) = store::family_of(&mut conn, &child).await?;
        let mut children = Vec::new();
        for id in &child_ids {
            let mut record = full_record(&mut conn, &org, id).await?;
            record.other_groups.clear();
            children.push(crate::records::child::types::ExportedChild {
                attendance: store::marks_of(&mut conn, id).await?,
                absence_notices: store::notices_of(&mut conn, id).await?,
                record,
            });
            if audited {
                conn.audit("child.export", ("child", &id.0), "fichier JSON")
                    .await?;
            }
        }
        let export = crate::records::child::types::FamilyExport {
            organisation,
            exported_on: crate::state::today(),
            guardians: store::guardians_by_id(&mut conn, &guardian_ids).await?,
            event_replies: store::event_replies(&mut conn, &guardian_ids).await?,
            messages: store::messages_to(&mut conn, &guardian_ids).await?,
            children,
        };
        conn.commit().await?;
        Ok(export)
    }

    use crate::domain::ids::*;
    use crate::error::AppError;
    use crate::records::child::types::Offer;
    use crate::records::children::types::GroupChoice;
    use sqlx::AnyConnection;

    /// A child's whole record, or "not found" if the child is not the
    /// organisation's (or was anonymised).
    pub async fn full_record(
        conn: &mut AnyConnection,
        org: &OrganisationId,
        child: &ChildId,
    ) -> Result<crate::records::child::types::ChildRecord, AppError> {
        use crate::planning::store as planning;
        use crate::records::child::store;
        use crate::records::children::store as children;
        let today = crate::state::today();
        let mut record = store::identity(conn, org, child, today)
            .await?
            .ok_or(AppError::NotFound)?;
        record.groups = store::member_of(conn, child).await?;
        record.schools = planning::names(conn, planning::Owned::School, org)
            .await?
            .into_iter()
            .map(|(id, name)| (crate::domain::SchoolId(id), name))
            .collect();
        record.group_max = planning::thresholds(conn, org).await?.group_max;
        if let Some(year) = crate::records::school_year::store::current(conn, org, today).await? {
            record.waiting = store::waiting_lists(conn, org, &year.id, Some(child)).await?;
            record.other_groups = children::groups(conn, org, &year.id)
                .await?
                .into_iter()
                .filter(|g| !record.groups.iter().any(|m| m.id == g.id))
                .collect();
            record.contract = store::contract(conn, child, &year.id).await?;
            record.liaisons = crate::records::logs::store::liaisons(
                conn,
                org,
                year.first_day,
                year.last_day,
                Some(child),
            )
            .await?;
        }
        record.history = store::history(conn, child).await?;
        Ok(record)
    }

    type Change<'a, T> = crate::db::work::Changing<'a, (String, T)>;

    /// Runs one change to a child's record: the caller must coordinate the
    /// child's organisation (another's child is "not found"); one
    /// transaction behind the planning lock; the audit log gets `action`
    /// with the change's own description.
    pub async fn child_change<F, T>(
        child: ChildId,
        action: &'static str,
        change: F,
    ) -> Result<T, AppError>
    where
        F: for<'a> FnOnce(&'a mut AnyConnection, &'a OrganisationId, &'a ChildId) -> Change<'a, T>,
        T: Send,
    {
        let child = crate::fields::checked_id("child", child)?;
        let crate::authz::CoordinatorWork { org, mut work, .. } =
            crate::authz::coordinator_work().await?;
        if !crate::planning::store::owns(
            &mut work,
            crate::planning::store::Owned::Child,
            &child.0,
            &org,
        )
        .await?
        {
            return Err(AppError::NotFound);
        }
        let (detail, value) = change(&mut work, &org, &child).await?;
        work.audit(action, ("child", &child.0), &detail).await?;
        work.commit().await?;
        Ok(value)
    }

    /// The group's name, or "unknown group" if it is not the organisation's.
    pub async fn group_name(
        conn: &mut AnyConnection,
        org: &OrganisationId,
        group: &GroupId,
    ) -> Result<String, AppError> {
        crate::planning::store::names(conn, crate::planning::store::Owned::Group, org)
            .await?
            .into_iter()
            .find(|(id, _)| id == &group.0)
            .map(|(_, name)| name)
            .ok_or_else(|| AppError::invalid("group", crate::error::FieldProblem::Unknown))
    }

    /// The places now free in `groups`, each offered to the first child on
    /// that group's waiting list.
    pub async fn offers_in(
        conn: &mut AnyConnection,
        org: &OrganisationId,
        groups: &[GroupChoice],
    ) -> Result<Vec<Offer>, AppError> {
        let Some(year) =
            crate::records::school_year::store::current(conn, org, crate::state::today()).await?
        else {
            return Ok(Vec::new());
        };
        let now: Vec<GroupChoice> = crate::records::children::store::groups(conn, org, &year.id)
            .await?
            .into_iter()
            .filter(|g| groups.iter().any(|left| left.id == g.id))
            .collect();
        let waiting =
            crate::records::child::store::waiting_lists(conn, org, &year.id, None).await?;
        let max = crate::planning::store::thresholds(conn, org)
            .await?
            .group_max;
        Ok(crate::records::child::types::offers(&now, &waiting, max))
    }
}
