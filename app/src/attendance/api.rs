use crate::attendance::types::*;
use crate::domain::ids::ChildId;
#[cfg(feature = "ssr")]
use crate::domain::ids::SessionId;
use crate::domain::register::Entry;
use crate::error::AppError;
use crate::groups::types::GroupLine;
use crate::planning::types::SessionLine;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayView {
    pub today: chrono::NaiveDate,
    pub sessions_today: Vec<SessionLine>,
    pub sessions_tomorrow: Vec<SessionLine>,
    pub groups: Vec<GroupLine>,
    /// The registers of those sessions, for the tablet to keep offline.
    pub sheets: Vec<RegisterSheet>,
}

/// Accompanist: their sessions of today and tomorrow, the groups they lead,
/// and the registers of those sessions.
#[server(endpoint = "attendance/today")]
pub async fn load_today() -> Result<TodayView, AppError> {
    use crate::domain::model::SessionStatus;
    use crate::planning::store::{sessions, Scope};
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnSessions).await?;
    let me = user.accompanist.clone().ok_or(AppError::Forbidden)?;
    let today = crate::state::today();
    let tomorrow = today + chrono::Duration::days(1);
    // Before taking the connection below (one connection at a time).
    let groups = crate::groups::store::groups_of_accompanist(&db, &me).await?;
    let conn = &mut *db.pool.acquire().await?;
    let mut sessions_today = sessions(conn, Scope::Accompanist(&me), today, today).await?;
    // The next one first: sessions still to come or under way, then those over.
    let time = crate::domain::local_time::local(crate::state::now()).time();
    sessions_today.sort_by_key(|s| (s.end <= time, s.start));
    let sessions_tomorrow = sessions(conn, Scope::Accompanist(&me), tomorrow, tomorrow).await?;
    // The facts of every open session in one read, then each sheet in order.
    let open: Vec<&SessionId> = sessions_today
        .iter()
        .chain(&sessions_tomorrow)
        .filter(|s| s.status != SessionStatus::Cancelled)
        .map(|s| &s.id)
        .collect();
    let facts = crate::attendance::store::facts_of(conn, &open).await?;
    let mut sheets = Vec::new();
    for id in open {
        if let Some(f) = facts
            .get(id)
            .filter(|f| super::sync::may_take_register(&user, f))
        {
            sheets.push(crate::attendance::store::sheet(conn, f).await?);
        }
    }
    Ok(TodayView {
        today,
        sessions_today,
        sessions_tomorrow,
        groups,
        sheets,
    })
}

#[cfg(feature = "ssr")]
use crate::fields::parse_session;

/// The facts of the register of `session` that `user` may read: one they
/// take, and no draft but for a coordinator.
#[cfg(feature = "ssr")]
async fn readable_register(
    user: &crate::auth::CurrentUser,
    conn: &mut sqlx::AnyConnection,
    session: &str,
) -> Result<super::store::SessionFacts, AppError> {
    use crate::domain::model::{Role, SessionStatus};
    let id = parse_session(session)?;
    let facts = super::store::session_facts(conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::sync::may_take_register(user, &facts) {
        return Err(AppError::Forbidden);
    }
    if facts.status == SessionStatus::Draft && user.role != Role::Coordinator {
        return Err(AppError::NotFound);
    }
    Ok(facts)
}

/// The register of one session, for its accompanists and its coordinators
/// (who also see where two tablets disagreed).
#[server(endpoint = "attendance/register")]
pub async fn load_register(session: String) -> Result<RegisterView, AppError> {
    use crate::attendance::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::TakesRegisters).await?;
    let conn = &mut *db.pool.acquire().await?;
    let facts = readable_register(&user, conn, &session).await?;
    let id = facts.id.clone();
    let coordinator = user.role == crate::domain::model::Role::Coordinator;
    let (disagreements, corrections) = if coordinator {
        (
            store::disagreements(conn, &id).await?,
            store::corrections(conn, &id).await?,
        )
    } else {
        (Vec::new(), 0)
    };
    let sheet = store::sheet(conn, &facts).await?;
    Ok(RegisterView {
        sheet,
        rendered_on: crate::state::today(),
        coordinator,
        disagreements,
        corrections,
    })
}

/// The coordinator's notes about the needs of a session's children, for
/// those who take its register. A call of its own, made by the browser
/// once the register is on screen: the notes are never in the register's
/// HTML, which the tablet keeps for when the network goes.
#[server(endpoint = "attendance/needs")]
pub async fn load_needs(session: String) -> Result<Vec<(ChildId, String)>, AppError> {
    use crate::attendance::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::TakesRegisters).await?;
    let conn = &mut *db.pool.acquire().await?;
    let facts = readable_register(&user, conn, &session).await?;
    let expected = store::expected_children(conn, &facts).await?;
    let children: Vec<&ChildId> = expected.iter().map(|(e, _)| &e.child).collect();
    Ok(store::needs_notes(conn, &children).await?)
}

/// Takes what a tablet recorded (marks, notes, closing), each entry once:
/// sending the same entries again changes nothing. The answer says, entry
/// by entry, what the server did, and gives the registers as they now are.
#[server(endpoint = "attendance/sync", input = Json)]
pub async fn sync_register(
    entries: Vec<Entry>,
    // What the device's clock said as it sent: the server corrects the
    // entries' times by its error (`domain::register::server_time`).
    #[server(default)] device_clock: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<SyncReport, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::TakesRegisters).await?;
    let received_at = crate::state::now();
    let entries = entries
        .into_iter()
        .map(|e| e.at_server_time(device_clock, received_at))
        .collect();
    let report =
        super::sync::apply(&db, &user, entries, received_at, crate::state::today()).await?;
    for (_, outcome) in &report.outcomes {
        let label = match outcome {
            crate::domain::register_merge::Outcome::Applied => "applied",
            crate::domain::register_merge::Outcome::Older => "older",
            crate::domain::register_merge::Outcome::Duplicate => "duplicate",
            crate::domain::register_merge::Outcome::Refused(_) => "refused",
        };
        metrics::counter!("passerelle_sync_entries_total", "outcome" => label).increment(1);
    }
    Ok(report)
}

/// Coordinator: the registers of the last four weeks where tablets
/// disagreed.
#[server(endpoint = "attendance/to-check")]
pub async fn registers_to_check() -> Result<Vec<RegisterToCheck>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let since = crate::state::today() - chrono::Duration::weeks(4);
    Ok(crate::attendance::store::to_check(&mut *db.pool.acquire().await?, &org, since).await?)
}

/// Coordinator: reopens a closed register so that it can be corrected
/// (each correction then goes to the audit log).
#[server(endpoint = "attendance/reopen")]
pub async fn reopen_register(session: String) -> Result<RegisterState, AppError> {
    use crate::attendance::store;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let id = parse_session(&session)?;
    let now = crate::state::now();
    let mut tx = crate::authz::work_of(&user, &db).await?;
    store::lock_session(&mut tx, db.backend, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts = store::session_facts(&mut tx, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::sync::may_take_register(&user, &facts) {
        return Err(AppError::Forbidden);
    }
    if facts.closed_at.is_none() {
        return Err(AppError::Stale);
    }
    store::reopen(&mut tx, &id, now).await?;
    tx.audit("attendance.reopen", ("session", &id.0), "")
        .await?;
    let facts = store::session_facts(&mut tx, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = store::register_state(&mut tx, &facts).await?;
    tx.commit().await?;
    Ok(state)
}
