use crate::domain::ids::{ChildId, SessionId};
use crate::error::AppError;
use crate::family::types::{ChildCard, ChildPage};
#[cfg(feature = "ssr")]
use crate::fields::checked_id;
use leptos::prelude::*;

/// Parent: their own children, each with the next session.
#[server(endpoint = "family/children")]
pub async fn load_my_children() -> Result<Vec<ChildCard>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.ok_or(AppError::Forbidden)?;
    Ok(
        crate::family::store::views::children_of_guardian(&db, &guardian, crate::state::today())
            .await?,
    )
}

/// One child's page, for their guardians, their accompanists and their
/// organisation's coordinators.
#[server(endpoint = "family/child")]
pub async fn load_child(id: ChildId) -> Result<ChildPage, AppError> {
    let child = checked_id("child", id)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    use crate::family::store::views::{child_page, Viewer};
    let viewer = match (&user.role, &user.accompanist) {
        (crate::domain::model::Role::Parent, _) => Viewer::Guardian,
        (crate::domain::model::Role::Accompanist, Some(a)) => Viewer::Accompanist(a),
        _ => Viewer::Coordinator,
    };
    let mut page = child_page(&db, &child, crate::state::today(), viewer)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = crate::domain::local_time::local(crate::state::now());
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

/// Guardian: tells the group that the child will miss a coming session, and
/// why. The session's register shows the child excused before anyone marks
/// them. Reporting again replaces the reason.
#[server(endpoint = "family/absence")]
pub async fn report_absence(
    child: ChildId,
    session: SessionId,
    reason: String,
) -> Result<(), AppError> {
    let (child, session) = (checked_id("child", child)?, checked_id("session", session)?);
    let reason = crate::planning::series::parse_reason_of("absence_reason", &reason)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    let guardian = match (user.role, &user.guardian) {
        (crate::domain::model::Role::Parent, Some(g)) => g.clone(),
        _ => return Err(AppError::Forbidden),
    };
    let mut conn = crate::authz::work_of(&user, &db).await?;
    server::open_for_notices(&mut conn, &session, &child).await?;
    let now = conn.at().to_string();
    crate::family::store::absences::save(&mut conn, &session, &child, &guardian, &reason, &now)
        .await?;
    let entity = ("session", session.as_str());
    server::audited(conn, "family.absence", entity, "").await
}

/// Guardian: withdraws an absence reported for a session that has not
/// started (the child will come after all).
#[server(endpoint = "family/absence-withdraw")]
pub async fn withdraw_absence(child: ChildId, session: SessionId) -> Result<(), AppError> {
    let (child, session) = (checked_id("child", child)?, checked_id("session", session)?);
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    if user.role != crate::domain::model::Role::Parent {
        return Err(AppError::Forbidden);
    }
    let mut conn = crate::authz::work_of(&user, &db).await?;
    server::open_for_notices(&mut conn, &session, &child).await?;
    if !crate::family::store::absences::withdraw(&mut conn, &session, &child).await? {
        return Err(AppError::NotFound);
    }
    let entity = ("session", session.as_str());
    server::audited(conn, "family.absence_withdrawn", entity, "").await
}

/// Guardian: « J'ai lu et j'accepte » the child's contract of this school
/// year; who and when are recorded (the first acceptance stays).
#[server(endpoint = "family/contract-accept")]
pub async fn accept_contract(child: ChildId, read: Option<String>) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    let child = checked_id("child", child)?;
    // The box « J'ai lu et j'accepte » must be ticked (browsers send "on").
    if read
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .is_empty()
    {
        return Err(AppError::invalid("contract_read", FieldProblem::Missing));
    }
    let (user, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    let guardian = match (user.role, &user.guardian) {
        (crate::domain::model::Role::Parent, Some(g)) => g.clone(),
        _ => return Err(AppError::Forbidden),
    };
    let mut conn = crate::authz::work_of(&user, &db).await?;
    let contract =
        crate::family::store::contracts::current(&mut conn, &child, crate::state::today())
            .await?
            .ok_or(AppError::NotFound)?;
    let now = conn.at().to_string();
    if !crate::family::store::contracts::accept(&mut conn, &contract.id, &guardian, &now).await? {
        // Already accepted (by this guardian or the other): nothing to do.
        return Ok(());
    }
    let entity = ("contract", contract.id.as_str());
    server::audited(conn, "contract.accept", entity, &child.0).await
}

/// Guardian: the address of their calendar subscription, if they made one.
#[server(endpoint = "family/calendar")]
pub async fn load_calendar_feed() -> Result<Option<String>, AppError> {
    let (_, db, guardian) = server::guardian_caller().await?;
    let token =
        crate::family::store::feeds::token_of(&mut *db.pool.acquire().await?, &guardian).await?;
    Ok(token.map(|t| server::feed_address(&t)))
}

/// Guardian: makes a new calendar address (the previous one, if any, stops
/// working at once).
#[server(endpoint = "family/calendar-new")]
pub async fn new_calendar_feed() -> Result<(), AppError> {
    let (user, db, guardian) = server::guardian_caller().await?;
    let (token, _) = crate::auth::server::new_token();
    let mut conn = crate::authz::work_of(&user, &db).await?;
    let now = conn.at().to_string();
    crate::family::store::feeds::replace(&mut conn, &guardian, &token, &now).await?;
    let entity = ("guardian", guardian.as_str());
    server::audited(conn, "family.calendar_feed", entity, "").await
}

/// Guardian: revokes their calendar address; it then lists nothing.
#[server(endpoint = "family/calendar-revoke")]
pub async fn revoke_calendar_feed() -> Result<(), AppError> {
    let (user, db, guardian) = server::guardian_caller().await?;
    let mut conn = crate::authz::work_of(&user, &db).await?;
    if !crate::family::store::feeds::revoke(&mut conn, &guardian).await? {
        return Err(AppError::NotFound);
    }
    let entity = ("guardian", guardian.as_str());
    server::audited(conn, "family.calendar_feed_revoked", entity, "").await
}

/// Guardian: the family events coming, those of the structure and of
/// their children's groups, with their answer.
#[server(endpoint = "family/events")]
pub async fn load_family_events() -> Result<Vec<crate::family::events::FamilyEvent>, AppError> {
    let (_, db, guardian) = server::guardian_caller().await?;
    let mut conn = db.pool.acquire().await?;
    Ok(
        crate::family::store::events::for_guardian(&mut conn, &guardian, crate::state::today())
            .await?,
    )
}

/// Guardian: « Je viendrai » (`coming` = "oui") or « Je ne pourrai pas
/// venir » ("non") to a coming event they are invited to; the coordinator
/// sees it. Answering again replaces the answer.
#[server(endpoint = "family/event-answer")]
pub async fn answer_family_event(event: String, coming: String) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    let event = crate::fields::parse_id("event", &event).map(crate::domain::FamilyEventId)?;
    let coming = match coming.trim() {
        "oui" => true,
        "non" => false,
        _ => return Err(AppError::invalid("coming", FieldProblem::Unknown)),
    };
    let (user, db, guardian) = server::guardian_caller().await?;
    let mut conn = crate::authz::work_of(&user, &db).await?;
    let today = crate::state::today();
    crate::family::store::events::invited(&mut conn, &event, &guardian, today)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = conn.at().to_string();
    crate::family::store::events::answer(&mut conn, &event, &guardian, coming, &at).await?;
    let action = if coming {
        "family.event_coming"
    } else {
        "family.event_not_coming"
    };
    let entity = ("family_event", event.as_str());
    server::audited(conn, action, entity, "").await
}

/// Coordinator: the family events since the start of the school year with
/// each family's answer, and the venues and groups a new event can name.
#[server(endpoint = "family/event-answers")]
pub async fn load_event_answers() -> Result<crate::family::events::FamilyEventsPage, AppError> {
    use crate::planning::store::{names, Owned};
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let today = crate::state::today();
    let from = crate::domain::calendar::school_year_start(today);
    let mut conn = db.pool.acquire().await?;
    Ok(crate::family::events::FamilyEventsPage {
        today,
        events: crate::family::store::events::of_organisation(&mut conn, &org, from).await?,
        venues: names(&mut conn, Owned::Venue, &org).await?,
        groups: names(&mut conn, Owned::Group, &org).await?,
        families: crate::family::store::events::families(&mut conn, &org).await?,
    })
}

/// Coordinator, after an event: marks whether a family came (`came` is
/// `1` or `0`), for the report's parent actions « with who came ».
#[server(endpoint = "family/event-attended")]
pub async fn mark_event_attendance(
    event: String,
    guardian: String,
    came: String,
) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::planning::store::owns;
    let parse = crate::fields::parse_id;
    let event = crate::domain::FamilyEventId(parse("event", &event)?);
    let guardian = crate::domain::GuardianId(parse("person_id", &guardian)?);
    let came = match came.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::invalid("coming", FieldProblem::Malformed)),
    };
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let mut conn = crate::authz::work_of(&user, &db).await?;
    let day = crate::family::store::events::day_of(&mut conn, &org, &event)
        .await?
        .ok_or(AppError::NotFound)?;
    if day > crate::state::today() {
        return Err(AppError::invalid("event_held", FieldProblem::TooShort));
    }
    if !owns(
        &mut conn,
        crate::planning::store::Owned::Guardian,
        &guardian.0,
        &org,
    )
    .await?
    {
        return Err(AppError::invalid("person_id", FieldProblem::Unknown));
    }
    crate::family::store::events::set_attended(&mut conn, &event, &guardian, came).await?;
    let detail = format!(
        "{} {}",
        guardian.0,
        if came { "est venu" } else { "pas venu" }
    );
    server::audited(
        conn,
        "family_event.attended",
        ("family_event", event.as_str()),
        &detail,
    )
    .await
}

/// Coordinator: a new family event, for every family of the structure or
/// for one group's (`group` empty or a group id).
#[server(endpoint = "family/event-new")]
pub async fn create_family_event(
    kind: String,
    title: String,
    date: String,
    start: String,
    end: String,
    venue: String,
    group: String,
) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::planning::store::{owns, Owned};
    let form = crate::family::events::EventForm {
        kind,
        title,
        date,
        start,
        end,
        venue,
        group,
    };
    let event = form.check(crate::state::today())?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let mut conn = crate::authz::work_of(&user, &db).await?;
    if let Some(v) = &event.venue {
        if !owns(&mut conn, Owned::Venue, &v.0, &org).await? {
            return Err(AppError::invalid("venue", FieldProblem::Unknown));
        }
    }
    if let Some(g) = &event.group {
        if !owns(&mut conn, Owned::Group, &g.0, &org).await? {
            return Err(AppError::invalid("group", FieldProblem::Unknown));
        }
    }
    let id = crate::family::store::events::insert(&mut conn, &org, &event).await?;
    let entity = ("family_event", id.as_str());
    server::audited(conn, "family_event.create", entity, &event.title).await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::attendance::store;
    use crate::domain::ids::*;
    use crate::error::{AppError, FieldProblem};
    use sqlx::AnyConnection;

    /// Whether `child` is expected at the session and the family can still
    /// report an absence (else why not).
    pub async fn open_for_notices(
        conn: &mut AnyConnection,
        session: &SessionId,
        child: &ChildId,
    ) -> Result<(), AppError> {
        let facts = store::session_facts(conn, session)
            .await?
            .ok_or(AppError::NotFound)?;
        let expected = store::expected_children(conn, &facts).await?;
        if !expected.iter().any(|(e, _)| &e.child == child) {
            return Err(AppError::NotFound);
        }
        let now = crate::domain::local_time::local(crate::state::now());
        let open = crate::domain::register::takes_notices(
            facts.status,
            facts.closed_at.is_some(),
            facts.date.and_time(facts.start),
            now,
        );
        if !open {
            return Err(AppError::invalid("absence_session", FieldProblem::Unknown));
        }
        Ok(())
    }

    /// The caller, who must be a guardian, with the database.
    pub async fn guardian_caller(
    ) -> Result<(crate::auth::CurrentUser, crate::db::Db, GuardianId), AppError> {
        let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
        let guardian = user.guardian.clone().ok_or(AppError::Forbidden)?;
        Ok((user, db, guardian))
    }

    /// The full address of a calendar subscription.
    pub fn feed_address(token: &str) -> String {
        let origin = crate::state::server_state()
            .map(|s| crate::auth::server::site_origin(&s))
            .unwrap_or_default();
        format!("{origin}{}", crate::family::ics::path(token))
    }

    /// Writes what the caller did to `entity` (its kind and id) to the
    /// audit log, and commits it with the change: both or neither.
    pub async fn audited(
        mut work: crate::db::Work,
        action: &str,
        entity: (&str, &str),
        detail: &str,
    ) -> Result<(), AppError> {
        work.audit(action, entity, detail).await?;
        work.commit().await?;
        Ok(())
    }
}
