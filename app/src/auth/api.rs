//! Server functions of sign-in and invitations. Each is thin: who is asking,
//! parse, decide, store, answer.

use crate::auth::CurrentUser;
use crate::domain::model::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    auth::store::{accounts, factors},
    auth::{events, policy, server},
    db::{audit, timestamp},
    error::InvitationProblem,
    state::{now, server_state},
};

/// Who is signed in, if anyone. Public: answers `None` to strangers.
#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    server::current_user().await
}

/// Signs in with e-mail and password, then goes to the role's home.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    let state = server_state()?;
    let email = policy::normalise_email(&email)?;
    let password = policy::login_password(&password)?.to_string();
    // A place in the password queue first: under a flood, refused at once
    // and not counted.
    let address = server::client_address(&state);
    let failed = |error: AppError| {
        events::sign_in_failed(&email, &address, error.kind());
        error
    };
    let slot = server::password_slot().map_err(failed)?;
    let keys = server::throttle_keys(&email, &address);
    server::count_attempt(&state.db, &keys)
        .await
        .map_err(failed)?;

    let account = accounts::credentials(&state.db, &email).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = server::verify_password(slot, password, stored).await?;
    let account = match account {
        Some(a) if matches && !a.disabled => a,
        _ => return Err(failed(AppError::BadCredentials)),
    };
    let user = accounts::user_by_id(&state.db, &account.user_id)
        .await?
        .ok_or(AppError::Internal)?;
    if server::second_factor_due(&state, user.role)
        || factors::has_factor(&state.db, &user.id).await?
    {
        // The password was right: the address is not an attacker's. The
        // account's count stays until the code is right too, so that
        // wrong codes and wrong passwords add up.
        accounts::clear_throttle(&state.db, &keys[0].key).await?;
        server::start_challenge(&state, &user.id).await?;
        leptos_axum::redirect(CODE_PAGE);
        return Ok(());
    }
    signed_in(&state, &user, &keys, &address).await
}

/// Where a sign-in awaits its second factor.
pub const CODE_PAGE: &str = "/connexion/code";

/// The end of every sign-in: throttle cleared, session started, audited,
/// and the role's home.
#[cfg(feature = "ssr")]
async fn signed_in(
    state: &crate::state::ServerState,
    user: &CurrentUser,
    keys: &[server::ThrottleKey],
    address: &str,
) -> Result<(), AppError> {
    for key in keys {
        accounts::clear_throttle(&state.db, &key.key).await?;
    }
    server::start_session(state, &user.id, user.role).await?;
    // Their mails are written in the language they read, and a new device
    // takes the language the account remembers.
    crate::auth::language::at_sign_in(state, user).await?;
    // So does how the pages look.
    crate::accessibility::api::at_sign_in(state, user).await?;
    let mut work = crate::authz::work_of(user, &state.db).await?;
    work.audit("login", ("user", &user.id.0), "").await?;
    work.commit().await?;
    events::signed_in(&user.id, address);
    leptos_axum::redirect(crate::auth::home_path(user.role));
    Ok(())
}

/// What the second step of a sign-in shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInStep {
    pub display_name: String,
    /// Set when the account has no second factor yet and must set one up
    /// now (coordinators and admins).
    pub enrolment: Option<Enrolment>,
}

/// A new second factor to set up: the QR code for the app, the secret for
/// typing it in by hand, and the recovery codes, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub qr_svg: String,
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

/// A new secret and recovery codes for `user`, kept as pending until a
/// code from the secret confirms them.
#[cfg(feature = "ssr")]
pub async fn new_enrolment(
    db: &crate::db::Db,
    user: &crate::domain::ids::UserId,
    account: &str,
) -> Result<Enrolment, AppError> {
    use crate::auth::second_factor as totp;
    let secret = totp::new_secret();
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    factors::set_pending(db, user, &secret, &hashes, &timestamp(now())).await?;
    Ok(Enrolment {
        qr_svg: totp::qr_svg(&totp::app_address(&secret, account)?)?,
        secret: totp::grouped(&secret),
        recovery_codes: codes,
    })
}

/// Public (for the sign-in that awaits its code): who is signing in, and
/// the new second factor to set up when they have none.
#[server(endpoint = "auth/step")]
pub async fn load_sign_in_step() -> Result<SignInStep, AppError> {
    let state = server_state()?;
    let (user_id, _) = server::challenge(&state).await?;
    let user = accounts::user_by_id(&state.db, &user_id)
        .await?
        .ok_or(AppError::Internal)?;
    let enrolment = if factors::has_factor(&state.db, &user.id).await? {
        None
    } else {
        let (_, email) = accounts::password_of(&state.db, &user.id)
            .await?
            .ok_or(AppError::Internal)?;
        Some(new_enrolment(&state.db, &user.id, &email).await?)
    };
    Ok(SignInStep {
        display_name: user.display_name,
        enrolment,
    })
}

/// Checks a code of `user`'s second factor: the app's (each step's code
/// works once) or a recovery code (each works once), or, while one is being
/// set up, the new secret's (which it then confirms, with its recovery
/// codes). `Ok(false)` for a wrong code.
#[cfg(feature = "ssr")]
pub async fn check_code(
    db: &crate::db::Db,
    user: &CurrentUser,
    raw: &str,
) -> Result<bool, AppError> {
    use crate::auth::second_factor as totp;
    let code = policy::sign_in_code(raw)?;
    let Some(factor) = factors::factor(db, &user.id).await? else {
        return Ok(false);
    };
    let at = now();
    match (code, factor.secret, factor.pending) {
        (policy::SignInCode::Totp(code), Some(secret), _) => {
            match totp::matching_step(&secret, &code, at)? {
                Some(step) => Ok(factors::use_step(db, &user.id, step).await?),
                None => Ok(false),
            }
        }
        (policy::SignInCode::Recovery(code), Some(_), _) => {
            let hash = totp::recovery_hash(&code);
            let used = factors::use_recovery_code(db, &user.id, &hash, &timestamp(at)).await?;
            if used {
                events::account_changed(&user.id, "recovery_code_used");
            }
            Ok(used)
        }
        (policy::SignInCode::Totp(code), None, Some((secret, hashes))) => {
            let Some(step) = totp::matching_step(&secret, &code, at)? else {
                return Ok(false);
            };
            let mut work = crate::authz::work_of(user, db).await?;
            let at = work.at().to_string();
            if !factors::confirm_pending(&mut work, &user.id, &secret, &hashes, step, &at).await? {
                return Ok(false);
            }
            work.audit("account.second_factor", ("user", &user.id.0), "")
                .await?;
            work.commit().await?;
            events::account_changed(&user.id, "second_factor");
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Public (for the sign-in that awaits its code): the second step of a
/// sign-in. A right code starts the session; wrong codes count against the
/// account as wrong passwords do, and five end the step.
#[server(endpoint = "auth/code")]
pub async fn confirm_sign_in(code: String) -> Result<(), AppError> {
    let state = server_state()?;
    let (user_id, hash) = server::challenge(&state).await?;
    let user = accounts::user_by_id(&state.db, &user_id)
        .await?
        .ok_or(AppError::Internal)?;
    let (_, email) = accounts::password_of(&state.db, &user.id)
        .await?
        .ok_or(AppError::Internal)?;
    let address = server::client_address(&state);
    let failed = |error: AppError| {
        events::sign_in_failed(&email, &address, error.kind());
        error
    };
    let keys = server::throttle_keys(&email, &address);
    server::count_attempt(&state.db, &keys)
        .await
        .map_err(failed)?;
    if !check_code(&state.db, &user, &code).await? {
        if factors::fail_challenge(&state.db, &hash, server::CHALLENGE_MAX_FAILURES).await? {
            return Err(failed(AppError::invalid(
                "code",
                crate::error::FieldProblem::Unknown,
            )));
        }
        return Err(failed(AppError::invalid(
            "code",
            crate::error::FieldProblem::Mismatch,
        )));
    }
    server::end_challenge(&state, &hash).await?;
    signed_in(&state, &user, &keys, &address).await
}

/// Ends the session on the server and goes back to the login page.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = server_state()?;
    let user = server::current_user().await?;
    server::end_session(&state).await?;
    // The browser drops what its HTTP cache holds of this site's pages
    // (the service worker drops the pages it kept when it sees this
    // request; the app's storage is tied to the user, `Outbox::claim`).
    crate::request::set_response_header(
        http::HeaderName::from_static("clear-site-data"),
        "\"cache\"",
    );
    events::signed_out(user.as_ref().map(|u| &u.id));
    leptos_axum::redirect("/connexion");
    Ok(())
}

/// What the invitation page shows before the person chooses a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub organisation_name: String,
}

#[cfg(feature = "ssr")]
async fn open_invitation(
    db: &crate::db::Db,
    token: &str,
) -> Result<(String, accounts::Invitation), AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::Invitation {
            problem: InvitationProblem::Unknown,
        });
    }
    let hash = server::token_hash(token);
    let invitation = accounts::invitation(db, &hash)
        .await?
        .ok_or(AppError::Invitation {
            problem: InvitationProblem::Unknown,
        })?;
    if invitation.used_at.is_some() {
        return Err(AppError::Invitation {
            problem: InvitationProblem::Used,
        });
    }
    if invitation.expires_at <= timestamp(now()) {
        return Err(AppError::Invitation {
            problem: InvitationProblem::Expired,
        });
    }
    Ok((hash, invitation))
}

/// Public: the invitation behind a link, if it can still be used.
#[server(endpoint = "auth/invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationInfo, AppError> {
    let state = server_state()?;
    let (_, inv) = open_invitation(&state.db, &token).await?;
    let organisation_name =
        crate::auth::store::directory::organisation_name(&state.db, &inv.organisation).await?;
    Ok(InvitationInfo {
        display_name: inv.display_name,
        email: inv.email,
        role: inv.role,
        organisation_name,
    })
}

/// Public: accepts an invitation by choosing a password; the account is
/// created, linked to its person, and signed in. A link works once.
#[server(endpoint = "auth/accept")]
pub async fn accept_invitation(
    token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    let state = server_state()?;
    let password = policy::new_password(&password, &password_confirmation)?.to_string();
    let (hash, inv) = open_invitation(&state.db, &token).await?;
    let email = policy::normalise_email(&inv.email)?;
    crate::auth::common::refuse_guessable(&password, &[&inv.display_name, &email])?;
    if accounts::email_taken(&state.db, &email).await? {
        return Err(AppError::invalid(
            "email",
            crate::error::FieldProblem::Unknown,
        ));
    }
    let password_hash = server::hash_password(password).await?;
    let author = crate::db::Author {
        organisation: Some(inv.organisation.clone()),
        user: None,
    };
    let mut tx = crate::db::Work::begin(&state.db, author, now()).await?;
    let at = tx.at().to_string();
    if !accounts::consume_invitation(&mut tx, &hash, &at).await? {
        return Err(AppError::Invitation {
            problem: InvitationProblem::Used,
        });
    }
    let user = accounts::insert_user(
        &mut tx,
        &accounts::NewUser {
            email: &email,
            password_hash: &password_hash,
            role: inv.role,
            display_name: &inv.display_name,
            organisation: Some(&inv.organisation),
            territory: None,
        },
        &at,
    )
    .await?;
    let person = match (&inv.guardian, &inv.accompanist) {
        (Some(g), _) => g.0.clone(),
        (None, Some(a)) => a.0.clone(),
        (None, None) => return Err(AppError::Internal),
    };
    accounts::link_person(&mut tx, inv.role, &person, &user).await?;
    // The new account is the author of its own acceptance.
    tx.audit_entry(&audit::Entry {
        organisation: Some(&inv.organisation),
        user: Some(&user),
        action: "invitation.accept",
        entity: "user",
        entity_id: &user.0,
        detail: inv.role.as_str(),
    })
    .await?;
    tx.commit().await?;
    server::start_session(&state, &user, inv.role).await?;
    leptos_axum::redirect(crate::auth::home_path(inv.role));
    Ok(())
}

pub use crate::auth::Invitee;

/// Coordinator: the guardians and accompanists of the organisation.
#[server(endpoint = "auth/invitees")]
pub async fn load_invitees() -> Result<Vec<Invitee>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    Ok(crate::auth::store::directory::invitees(&db, &org).await?)
}

/// A one-time link to give to the person invited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub path: String,
    pub expires_at: String,
    /// The address the invitation was mailed to.
    pub mailed_to: String,
    /// Whether mails leave (an SMTP server is set); else the link must be
    /// passed on by hand.
    pub mail_leaves: bool,
}

/// Coordinator: creates a one-time invitation link for a guardian (`parent`)
/// or an accompanist of their organisation and mails it to `email` (the
/// address typed; else the one on their record, which one of them must
/// give). The link is also shown, for when the mail does not arrive.
#[server(endpoint = "auth/invite")]
pub async fn create_invitation(
    role: String,
    person_id: String,
    email: Option<String>,
) -> Result<InvitationLink, AppError> {
    use crate::error::FieldProblem;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let role = match Role::parse(&role) {
        Some(r @ (Role::Parent | Role::Accompanist)) => r,
        _ => return Err(AppError::invalid("role", FieldProblem::Unknown)),
    };
    let people = crate::auth::store::directory::invitees(&db, &org).await?;
    let person = people
        .into_iter()
        .find(|p| p.id == person_id && p.role == role)
        .ok_or(AppError::NotFound)?;
    if person.has_account {
        return Err(AppError::invalid("person_id", FieldProblem::Unknown));
    }
    let typed = email.filter(|e| !e.trim().is_empty());
    let email = match typed.or(person.email) {
        Some(e) => policy::normalise_email(&e)?,
        None => return Err(AppError::invalid("email", FieldProblem::Missing)),
    };
    let (token, hash) = server::new_token();
    let at = now();
    let expires_at = timestamp(at + server::INVITATION_VALIDITY);
    let guardian = crate::domain::ids::GuardianId(person.id.clone());
    let accompanist = crate::domain::ids::AccompanistId(person.id.clone());
    let mut work = crate::authz::work_of(&user, &db).await?;
    accounts::insert_invitation(
        &mut work,
        &accounts::NewInvitation {
            token_hash: &hash,
            organisation: &org,
            role,
            guardian: (role == Role::Parent).then_some(&guardian),
            accompanist: (role == Role::Accompanist).then_some(&accompanist),
            email: &email,
            created_by: &user.id,
            now: &timestamp(at),
            expires_at: &expires_at,
        },
    )
    .await?;
    let state = server_state()?;
    let path = format!("/invitation/{token}");
    let link = format!("{}{path}", state.public_url());
    let locale = crate::i18n::current_locale();
    let organisation = user.organisation_name.clone().unwrap_or_default();
    let letter = crate::auth::letters::invitation(
        locale,
        &person.name,
        &organisation,
        &link,
        server::INVITATION_VALIDITY.num_days(),
    );
    let stamp = work.at().to_string();
    crate::mail::outbox::queue(
        &mut work,
        &crate::mail::outbox::NewMail {
            organisation: Some(&org),
            user: None,
            recipient: &email,
            locale,
            kind: crate::mail::MailKind::Invitation,
            letter: &letter,
            dedupe_key: format!("invitation:{hash}"),
        },
        &state.public_url(),
        &stamp,
    )
    .await?;
    work.audit("invitation.create", (role.as_str(), &person.id), "")
        .await?;
    work.commit().await?;
    Ok(InvitationLink {
        path,
        expires_at,
        mailed_to: email,
        mail_leaves: state.mail.smtp_url.is_some(),
    })
}
