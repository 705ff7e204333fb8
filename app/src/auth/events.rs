//! The security log (server only): sign-ins that failed or succeeded,
//! sign-outs, refused calls, throttled and busy sign-ins, written through
//! `tracing` under the target `passerelle::security` for the operator's log
//! collector. Never a password, a token or an e-mail address: an account is
//! named by its user id, or by the first 12 hexadecimal digits of the
//! SHA-256 of the address typed (enough to follow one attack, useless to
//! read the address back).

use crate::domain::ids::UserId;

/// The target every security event is written under.
pub const TARGET: &str = "passerelle::security";

/// An e-mail address as the log names it.
pub fn pseudonym(email: &str) -> String {
    let mut hash = crate::auth::server::token_hash(email);
    hash.truncate(12);
    hash
}

/// A sign-in refused: `why` is `bad_credentials`, `throttled` or `busy`.
pub fn sign_in_failed(email: &str, address: &str, why: &str) {
    tracing::warn!(
        target: TARGET,
        event = "sign_in.failed",
        why,
        account = %pseudonym(email),
        address,
    );
}

pub fn signed_in(user: &UserId, address: &str) {
    tracing::info!(target: TARGET, event = "sign_in.succeeded", user = %user.0, address);
}

pub fn signed_out(user: Option<&UserId>) {
    let user = user.map(|u| u.0.as_str()).unwrap_or("-");
    tracing::info!(target: TARGET, event = "sign_out", user);
}

/// A call refused to a signed-in person (`access` names what was asked).
pub fn refused(user: &UserId, access: &str) {
    tracing::warn!(target: TARGET, event = "access.refused", user = %user.0, access);
}

/// An account's own security changed (`what`: `password`, `totp`,
/// `recovery_codes`, `other_sessions`...).
pub fn account_changed(user: &UserId, what: &str) {
    tracing::info!(target: TARGET, event = "account.changed", user = %user.0, what);
}

/// A new password was asked for an address; `sent`: a link left (the
/// address has an account and its hourly allowance was not spent).
pub fn reset_requested(email: &str, address: &str, sent: bool) {
    tracing::info!(
        target: TARGET,
        event = "password_reset.requested",
        account = %pseudonym(email),
        address,
        sent,
    );
}
