//! Server functions of password recovery (all public: the person cannot
//! sign in).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    auth::store::{accounts, resets},
    auth::{events, policy, server},
    db::{timestamp, Author, Work},
    error::InvitationProblem,
    mail::{outbox, MailKind},
    state::{now, server_state},
};

/// How long a link works.
pub const RESET_VALIDITY_MINUTES: i64 = 60;

/// At most this many links an hour for one account; more requests get the
/// same answer and no mail.
pub const RESETS_PER_HOUR: i64 = 3;

/// Where a request for a link leads.
pub const SENT_PAGE: &str = "/mot-de-passe-oublie?envoye=1";

/// Public: asks for a link to choose a new password. The same answer
/// whether or not the address has an account.
#[server(endpoint = "auth/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = server_state()?;
    let email = policy::normalise_email(&email)?;
    let address = server::client_address(&state);
    // Counted whether or not the account exists: the throttle tells
    // nothing either.
    server::count_attempt(
        &state.db,
        &[
            server::ThrottleKey {
                key: format!("reset-address:{address}"),
                free: policy::ADDRESS_FREE_FAILURES,
            },
            server::ThrottleKey {
                key: format!("reset-account:{email}"),
                free: RESETS_PER_HOUR,
            },
        ],
    )
    .await?;
    // The same answer whatever follows: the page that says a mail left if
    // an account exists (with or without JavaScript).
    leptos_axum::redirect(SENT_PAGE);
    let Some(account) = resets::account(&state.db, &email).await? else {
        events::reset_requested(&email, &address, false);
        return Ok(());
    };
    let at = now();
    let hour_ago = timestamp(at - chrono::Duration::hours(1));
    if resets::made_since(&state.db, &account.user, &hour_ago).await? >= RESETS_PER_HOUR {
        events::reset_requested(&email, &address, false);
        return Ok(());
    }
    let (token, hash) = server::new_token();
    // Never the address the request names: anyone can ask for a link to
    // someone else's account, with a `Host` of their own choosing.
    let base = state.mail.base_url();
    let link = format!("{base}/mot-de-passe/{token}");
    let locale = crate::i18n::Locale::from_code(&account.locale);
    let signature = account
        .organisation_name
        .clone()
        .unwrap_or_else(|| "Passerelle".into());
    let letter =
        crate::auth::letters::password_reset(locale, &account.display_name, &signature, &link);
    let author = Author {
        organisation: account.organisation.clone(),
        user: Some(account.user.clone()),
    };
    let mut work = Work::begin(&state.db, author, at).await?;
    let stamp = work.at().to_string();
    let expires = timestamp(at + chrono::Duration::minutes(RESET_VALIDITY_MINUTES));
    resets::insert(&mut work, &hash, &account.user, &stamp, &expires).await?;
    outbox::queue(
        &mut work,
        &outbox::NewMail {
            organisation: account.organisation.as_ref(),
            user: Some(&account.user),
            recipient: &email,
            locale,
            kind: MailKind::PasswordReset,
            letter: &letter,
            dedupe_key: format!("reset:{hash}"),
        },
        &base,
        &stamp,
    )
    .await?;
    work.audit("account.reset_requested", ("user", &account.user.0), "")
        .await?;
    work.commit().await?;
    events::reset_requested(&email, &address, true);
    Ok(())
}

/// What the page of a link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetInfo {
    pub email: String,
}

#[cfg(feature = "ssr")]
async fn open_link(db: &crate::db::Db, token: &str) -> Result<(String, resets::Reset), AppError> {
    let refused = |problem| AppError::ResetLink { problem };
    if token.is_empty() || token.len() > 100 {
        return Err(refused(InvitationProblem::Unknown));
    }
    let hash = server::token_hash(token);
    let reset = resets::find(db, &hash)
        .await?
        .ok_or(refused(InvitationProblem::Unknown))?;
    if reset.used {
        return Err(refused(InvitationProblem::Used));
    }
    if reset.expires_at <= timestamp(now()) {
        return Err(refused(InvitationProblem::Expired));
    }
    Ok((hash, reset))
}

/// Public: the account a link is for, if the link still works.
#[server(endpoint = "auth/reset-link")]
pub async fn load_reset_link(token: String) -> Result<ResetInfo, AppError> {
    let state = server_state()?;
    let (_, reset) = open_link(&state.db, &token).await?;
    Ok(ResetInfo { email: reset.email })
}

/// Public: chooses the new password. Every session of the account ends;
/// the person signs in again with it.
#[server(endpoint = "auth/reset")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let state = server_state()?;
    let password = policy::new_password(&password, &password_confirmation)?.to_string();
    let (hash, reset) = open_link(&state.db, &token).await?;
    crate::auth::common::refuse_guessable(&password, &[&reset.display_name, &reset.email])?;
    let password_hash = server::hash_password(password).await?;
    let org = crate::auth::store::accounts::user_by_id(&state.db, &reset.user)
        .await?
        .and_then(|u| u.organisation);
    let author = Author {
        organisation: org,
        user: Some(reset.user.clone()),
    };
    let mut work = Work::begin(&state.db, author, now()).await?;
    let at = work.at().to_string();
    if !resets::consume(&mut work, &hash, &reset.user, &at).await? {
        return Err(AppError::ResetLink {
            problem: InvitationProblem::Used,
        });
    }
    accounts::set_password(&mut work, &reset.user, &password_hash).await?;
    let ended = resets::end_every_session(&mut work, &reset.user).await?;
    work.audit(
        "account.password_reset",
        ("user", &reset.user.0),
        &format!("sessions ended: {ended}"),
    )
    .await?;
    work.commit().await?;
    // The account's sign-in throttle starts again.
    accounts::clear_throttle(&state.db, &format!("account:{}", reset.email)).await?;
    events::account_changed(&reset.user, "password_reset");
    leptos_axum::redirect("/connexion?mot-de-passe=change");
    Ok(())
}
