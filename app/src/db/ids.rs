//! Identifiers made by the application: UUID v7 (time-ordered, so new rows
//! land at the end of the indexes), the same on SQLite and PostgreSQL; and
//! the secret tokens of links (sessions, invitations, password resets, a
//! mail's stop link), of which only the hash is stored.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new unique id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A new random token (sent to the person) and its hash (stored).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// What is stored for a token: its SHA-256, so a copy of the database does
/// not give anyone a session, an invitation or a password.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
