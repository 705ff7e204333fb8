//! Server functions of a person's own account. Each acts on the caller's
//! account only; whatever changes how they sign in asks for their current
//! password again, is written to the audit log and to the security log.

use crate::auth::api::Enrolment;
use crate::domain::model::Role;
use crate::error::AppError;
use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    auth::store::{accounts, factors},
    auth::{events, policy, server, CurrentUser},
    db::timestamp,
    error::FieldProblem,
    state::{now, server_state, ServerState},
};

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub second_factor: bool,
    /// The role must keep a second factor: it cannot be removed.
    pub second_factor_required: bool,
    pub recovery_codes_left: i64,
    pub devices: Vec<Device>,
}

/// A device signed in to the account (one session).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub label: String,
    /// Local time of the organisations.
    pub signed_in_at: Option<NaiveDateTime>,
    pub last_seen_at: Option<NaiveDateTime>,
    /// The device reading the page.
    pub current: bool,
}

/// Signed in: the caller's account.
#[server(endpoint = "account/load")]
pub async fn load_account() -> Result<Account, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let state = server_state()?;
    let (_, email) = accounts::password_of(&db, &user.id)
        .await?
        .ok_or(AppError::Internal)?;
    let mine = server::request_session_hash(&state);
    let local = |t: &str| crate::db::parse_timestamp(t).map(crate::domain::local_time::local);
    let devices = accounts::sessions_of(&db, &user.id, &timestamp(now()))
        .await?
        .into_iter()
        .map(|s| Device {
            current: mine.as_deref() == Some(s.token_hash.as_str()),
            label: s.device,
            signed_in_at: local(&s.created_at),
            last_seen_at: local(&s.last_seen_at),
        })
        .collect();
    Ok(Account {
        display_name: user.display_name.clone(),
        email,
        role: user.role,
        second_factor: factors::has_factor(&db, &user.id).await?,
        second_factor_required: server::second_factor_due(&state, user.role),
        recovery_codes_left: factors::recovery_codes_left(&db, &user.id).await?,
        devices,
    })
}

/// Checks the caller's current password (asked again before a change of
/// how they sign in). Counted by the account's sign-in throttle: it cannot
/// be used to guess the password faster than the login page.
#[cfg(feature = "ssr")]
async fn confirm_password(
    state: &ServerState,
    user: &CurrentUser,
    raw: &str,
) -> Result<String, AppError> {
    let typed = policy::login_password(raw)
        .map_err(|_| AppError::invalid("current_password", FieldProblem::Missing))?
        .to_string();
    let (stored, email) = accounts::password_of(&state.db, &user.id)
        .await?
        .ok_or(AppError::Internal)?;
    let slot = server::password_slot()?;
    let address = server::client_address(state);
    let keys = server::throttle_keys(&email, &address);
    server::count_attempt(&state.db, &keys[1..]).await?;
    if !server::verify_password(slot, typed, Some(stored)).await? {
        events::sign_in_failed(&email, &address, "bad_current_password");
        return Err(AppError::invalid(
            "current_password",
            FieldProblem::Mismatch,
        ));
    }
    accounts::clear_throttle(&state.db, &keys[1].key).await?;
    Ok(email)
}

/// Ends the change `work` holds: writes it to the audit log and the
/// security log, and ends the caller's other sessions when `others_end`.
#[cfg(feature = "ssr")]
async fn account_changed(
    state: &ServerState,
    user: &CurrentUser,
    mut work: crate::db::Work,
    what: &str,
    others_end: bool,
) -> Result<u64, AppError> {
    let ended = if others_end {
        let mine = server::request_session_hash(state);
        accounts::end_other_sessions(&mut work, &user.id, mine.as_deref()).await?
    } else {
        0
    };
    work.audit(&format!("account.{what}"), ("user", &user.id.0), "")
        .await?;
    work.commit().await?;
    events::account_changed(&user.id, what);
    Ok(ended)
}

/// Signed in: changes the caller's password. Their other devices are
/// signed out; this one stays signed in.
#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let state = server_state()?;
    let new = policy::new_password(&password, &password_confirmation)?.to_string();
    let email = confirm_password(&state, &user, &current_password).await?;
    crate::auth::common::refuse_guessable(&new, &[&user.display_name, &email])?;
    if new == current_password {
        return Err(AppError::invalid("password", FieldProblem::Guessable));
    }
    let hash = server::hash_password(new).await?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    accounts::set_password(&mut work, &user.id, &hash).await?;
    account_changed(&state, &user, work, "password", true).await?;
    Ok(())
}

/// Signed in: signs out every other device of the caller's account. How
/// many were signed out.
#[server(endpoint = "account/sign-out-others")]
pub async fn sign_out_other_devices() -> Result<u64, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let state = server_state()?;
    let work = crate::authz::work_of(&user, &db).await?;
    account_changed(&state, &user, work, "other_sessions", true).await
}

/// Signed in: a new second factor to set up (it replaces the current one
/// once a code from it is confirmed).
#[server(endpoint = "account/enrolment")]
pub async fn start_enrolment() -> Result<Enrolment, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let (_, email) = accounts::password_of(&db, &user.id)
        .await?
        .ok_or(AppError::Internal)?;
    crate::auth::api::new_enrolment(&db, &user.id, &email).await
}

/// Signed in: confirms the second factor being set up with a code from it
/// and the current password. Its recovery codes replace the old ones; the
/// other devices are signed out.
#[server(endpoint = "account/second-factor")]
pub async fn confirm_enrolment(code: String, current_password: String) -> Result<(), AppError> {
    use crate::auth::second_factor as totp;
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let state = server_state()?;
    let policy::SignInCode::Totp(code) = policy::sign_in_code(&code)? else {
        return Err(AppError::invalid("code", FieldProblem::Malformed));
    };
    confirm_password(&state, &user, &current_password).await?;
    let pending = factors::factor(&db, &user.id)
        .await?
        .and_then(|f| f.pending)
        .ok_or(AppError::invalid("code", FieldProblem::Unknown))?;
    let (secret, hashes) = pending;
    let step = totp::matching_step(&secret, &code, now())?
        .ok_or(AppError::invalid("code", FieldProblem::Mismatch))?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    let at = work.at().to_string();
    if !factors::confirm_pending(&mut work, &user.id, &secret, &hashes, step, &at).await? {
        return Err(AppError::invalid("code", FieldProblem::Unknown));
    }
    account_changed(&state, &user, work, "second_factor", true).await?;
    leptos_axum::redirect("/compte");
    Ok(())
}

/// Signed in, when the role does not require one: removes the second
/// factor, with the current password.
#[server(endpoint = "account/second-factor/remove")]
pub async fn remove_second_factor(current_password: String) -> Result<(), AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let state = server_state()?;
    if server::second_factor_due(&state, user.role) {
        return Err(AppError::Forbidden);
    }
    confirm_password(&state, &user, &current_password).await?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    factors::remove(&mut work, &user.id).await?;
    account_changed(&state, &user, work, "second_factor_removed", false).await?;
    Ok(())
}
