//! Accounts, sign-in and invitations: who is asking.
//!
//! `policy` holds the pure rules (password length, e-mail shape, back-off,
//! session lifetimes, who needs a second factor), `server` (ssr) the
//! hashing, tokens, cookies and the throttle, `second_factor` (ssr) TOTP
//! and recovery codes, `common` (ssr) the guessable passwords, `device`
//! (ssr) a session's device label, `events` (ssr) the security log, `api`
//! the server functions of sign-in and invitations and `pages` their
//! screens; `account` is a person's own account page; `recovery` the
//! « mot de passe oublié » link; `letters` (ssr) the mails of access.

pub mod account;
pub mod api;
#[cfg(feature = "ssr")]
pub mod common;
#[cfg(feature = "ssr")]
pub mod device;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod language;
#[cfg(feature = "ssr")]
pub mod letters;
pub mod pages;
pub mod policy;
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod store;

use crate::domain::ids::*;
use crate::domain::model::Role;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the server resolved them from their session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub role: Role,
    pub display_name: String,
    pub organisation: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    /// For funders: the département whose figures they read.
    pub territory: Option<String>,
    /// For parents: their guardian record.
    pub guardian: Option<GuardianId>,
    /// For accompanists: their accompanist record.
    pub accompanist: Option<AccompanistId>,
}

/// The path of each role's home page.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "/planning",
        Role::Accompanist => "/aujourdhui",
        Role::Parent => "/mes-enfants",
        Role::Funder => "/bilan",
        Role::Admin => "/administration",
    }
}

/// A person a coordinator can invite: a guardian or an accompanist of their
/// organisation without an account yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    pub id: String,
    pub role: Role,
    pub name: String,
    pub email: Option<String>,
    pub has_account: bool,
}
