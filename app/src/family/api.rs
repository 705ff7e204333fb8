use crate::error::AppError;
use crate::family::types::{ChildCard, ChildPage};
use leptos::prelude::*;

/// Parent: their own children, each with the next session.
#[server(endpoint = "family/children")]
pub async fn load_my_children() -> Result<Vec<ChildCard>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.ok_or(AppError::Forbidden)?;
    Ok(crate::db::views::children_of_guardian(&db, &guardian, crate::state::today()).await?)
}

/// One child's page, for their guardians, their accompanists and their
/// organisation's coordinators.
#[server(endpoint = "family/child")]
pub async fn load_child(id: String) -> Result<ChildPage, AppError> {
    let child = parse_child(&id)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    let guardian = user.role == crate::domain::model::Role::Parent;
    let mut page = crate::db::views::child_page(&db, &child, crate::state::today(), guardian)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = crate::state::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .naive_local();
    page.takes_notices = page
        .upcoming
        .iter()
        .filter(|s| {
            let starts = s.date.and_time(s.start);
            crate::domain::register::takes_notices(s.status, false, starts, now)
        })
        .map(|s| s.id.clone())
        .collect();
    Ok(page)
}

/// Reads a child id from a URL or a form.
pub fn parse_child(raw: &str) -> Result<crate::domain::ChildId, AppError> {
    crate::attendance::api::parse_id("child", raw).map(crate::domain::ChildId)
}

/// Guardian: tells the group that the child will miss a coming session, and
/// why. The session's register shows the child excused before anyone marks
/// them. Reporting again replaces the reason.
#[server(endpoint = "family/absence")]
pub async fn report_absence(
    child: String,
    session: String,
    reason: String,
) -> Result<(), AppError> {
    let (child, session) = (
        parse_child(&child)?,
        crate::attendance::api::parse_session(&session)?,
    );
    let reason = crate::planning::series::parse_reason_of("absence_reason", &reason)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    let guardian = match (user.role, &user.guardian) {
        (crate::domain::model::Role::Parent, Some(g)) => g.clone(),
        _ => return Err(AppError::Forbidden),
    };
    let mut conn = db.pool.acquire().await?;
    let organisation = server::open_for_notices(&mut conn, &session, &child).await?;
    let now = crate::db::timestamp(crate::state::now());
    crate::db::absences::save(&mut conn, &session, &child, &guardian, &reason, &now).await?;
    server::audit(
        &mut conn,
        &organisation,
        &user.id,
        "family.absence",
        &session,
        &now,
    )
    .await
}

/// Guardian: withdraws an absence reported for a session that has not
/// started (the child will come after all).
#[server(endpoint = "family/absence-withdraw")]
pub async fn withdraw_absence(child: String, session: String) -> Result<(), AppError> {
    let (child, session) = (
        parse_child(&child)?,
        crate::attendance::api::parse_session(&session)?,
    );
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    if user.role != crate::domain::model::Role::Parent {
        return Err(AppError::Forbidden);
    }
    let mut conn = db.pool.acquire().await?;
    let organisation = server::open_for_notices(&mut conn, &session, &child).await?;
    if !crate::db::absences::withdraw(&mut conn, &session, &child).await? {
        return Err(AppError::NotFound);
    }
    let now = crate::db::timestamp(crate::state::now());
    server::audit(
        &mut conn,
        &organisation,
        &user.id,
        "family.absence_withdrawn",
        &session,
        &now,
    )
    .await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::db::register as store;
    use crate::domain::ids::*;
    use crate::error::{AppError, FieldProblem};
    use sqlx::AnyConnection;

    /// The session's organisation, if `child` is expected at it and the
    /// family can still report an absence (else why not).
    pub async fn open_for_notices(
        conn: &mut AnyConnection,
        session: &SessionId,
        child: &ChildId,
    ) -> Result<OrganisationId, AppError> {
        let facts = store::session_facts(conn, session)
            .await?
            .ok_or(AppError::NotFound)?;
        let expected = store::expected_children(conn, &facts).await?;
        if !expected.iter().any(|(e, _)| &e.child == child) {
            return Err(AppError::NotFound);
        }
        let now = crate::state::now()
            .with_timezone(&chrono_tz::Europe::Paris)
            .naive_local();
        let open = crate::domain::register::takes_notices(
            facts.status,
            facts.closed_at.is_some(),
            facts.date.and_time(facts.start),
            now,
        );
        if !open {
            return Err(AppError::invalid("absence_session", FieldProblem::Unknown));
        }
        Ok(facts.organisation)
    }

    pub async fn audit(
        conn: &mut AnyConnection,
        organisation: &OrganisationId,
        user: &UserId,
        action: &str,
        session: &SessionId,
        now: &str,
    ) -> Result<(), AppError> {
        crate::db::audit::record(
            &mut *conn,
            &crate::db::audit::Entry {
                organisation: Some(organisation),
                user: Some(user),
                action,
                entity: "session",
                entity_id: &session.0,
                detail: "",
            },
            now,
        )
        .await?;
        Ok(())
    }
}
