//! Server side of sign-in: argon2id hashing off the async runtime, session
//! tokens, the session cookie, the throttle and resolving the caller.

use crate::auth::policy::{self, backoff_seconds};
use crate::auth::store::accounts;
use crate::auth::CurrentUser;
use crate::db::{self, timestamp};
use crate::error::AppError;
use crate::request::set_response_header;
use crate::state::{now, server_state, ServerState};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use chrono::Duration;
use http::header::SET_COOKIE;
use leptos::prelude::use_context;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::hours(12);
/// And in any case this long after login.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(14);
/// An invitation link works this long.
pub const INVITATION_VALIDITY: Duration = Duration::days(14);

const COOKIE_NAME: &str = "passerelle_session";

/// OWASP's argon2id parameters: 19 MiB of memory, 2 passes, 1 lane.
fn new_salt() -> Result<SaltString, AppError> {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    SaltString::encode_b64(&bytes).map_err(|e| AppError::internal("salt", e))
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// How many password jobs may wait or run at once; beyond, a sign-in is
/// answered « busy » (503 with `Retry-After`) at once. Why a bound: each job
/// takes about 50 ms of a worker; with two workers, 32 jobs wait at most
/// about a second, so a flood of sign-ins cannot delay the others without
/// end.
pub const PASSWORD_QUEUE: usize = 32;

/// A place in the password queue, taken before anything else is done.
pub struct PasswordSlot(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit);

/// Takes a place in the password queue, or refuses at once when it is full.
pub fn password_slot() -> Result<PasswordSlot, AppError> {
    static SLOTS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
        std::sync::OnceLock::new();
    SLOTS
        .get_or_init(|| std::sync::Arc::new(tokio::sync::Semaphore::new(PASSWORD_QUEUE)))
        .clone()
        .try_acquire_owned()
        .map(PasswordSlot)
        .map_err(|_| AppError::Busy {
            retry_after_seconds: 2,
        })
}

/// Runs a password job on one of two dedicated threads, in its slot.
/// Why: argon2id takes 19 MiB and real CPU per call. On tokio's blocking
/// pool every new thread keeps its own malloc arena, and a burst of logins
/// left the server holding hundreds of megabytes; two long-lived workers
/// bound both the memory and the CPU a login storm can take.
async fn on_password_worker<T: Send + 'static>(
    slot: PasswordSlot,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    type Job = Box<dyn FnOnce() + Send>;
    static QUEUE: std::sync::OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> =
        std::sync::OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for i in 0..2 {
            let rx = rx.clone();
            let _ = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || loop {
                    let next = rx.lock().map(|r| r.recv());
                    match next {
                        Ok(Ok(job)) => job(),
                        _ => return,
                    }
                });
        }
        std::sync::Mutex::new(tx)
    });
    let (done, answer) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(job());
        drop(slot);
    });
    queue
        .lock()
        .map_err(|e| AppError::internal("password queue", e))?
        .send(job)
        .map_err(|e| AppError::internal("password queue", e))?;
    answer
        .await
        .map_err(|e| AppError::internal("password worker", e))
}

/// Hashes a password off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    on_password_worker(password_slot()?, move || {
        let salt = new_salt()?;
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal("argon2 hash", e))
    })
    .await?
}

/// Checks a password against a stored hash off the async runtime. With no
/// stored hash (unknown account), a dummy hash is checked so that the answer
/// takes the same time. An account whose stored value is no hash at all
/// (an anonymised family's, `db::privacy`) has no password: it is checked
/// the same way and never matches.
pub async fn verify_password(
    slot: PasswordSlot,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    on_password_worker(slot, move || {
        let dummy = dummy_hash();
        let (parsed, usable) = match stored.as_deref().map(PasswordHash::new) {
            Some(Ok(hash)) => (hash, true),
            _ => (
                PasswordHash::new(&dummy).map_err(|e| AppError::internal("argon2 parse", e))?,
                false,
            ),
        };
        let matches = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(usable && matches)
    })
    .await?
}

fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| {
            new_salt()
                .ok()
                .and_then(|salt| {
                    hasher()
                        .hash_password(b"no account has this password", &salt)
                        .ok()
                        .map(|h| h.to_string())
                })
                .unwrap_or_default()
        })
        .clone()
}

/// A new random token (sent to the user) and its hash (stored).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// What is stored for a token: its SHA-256, so a copy of the database does
/// not give anyone a session or an invitation.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn cookie_name(state: &ServerState) -> &'static str {
    if state.https {
        "__Host-passerelle_session"
    } else {
        COOKIE_NAME
    }
}

/// The `Set-Cookie` value for a session token (or for removing it).
pub fn session_cookie(state: &ServerState, token: Option<&str>) -> String {
    let name = cookie_name(state);
    let secure = if state.https { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            ABSOLUTE_TIMEOUT.num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// The session token the request carries, if any.
pub fn request_token(state: &ServerState) -> Option<String> {
    crate::request::request_cookie(cookie_name(state)).filter(|v| !v.is_empty() && v.len() < 100)
}

/// This site's address as the request reached it (`https://host` behind
/// HTTPS), for links that leave the site, such as a calendar subscription.
pub fn site_origin(state: &ServerState) -> String {
    let host = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        })
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or_else(|| "localhost".to_string());
    let scheme = if state.https { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// The client's address (for throttling): the TCP peer, or behind a
/// trusted proxy the address it forwarded (`TrustedProxies::client`).
pub fn client_address(state: &ServerState) -> String {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return "unknown".to_string();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    match peer {
        Some(peer) => state.proxies.client(peer, forwarded).to_string(),
        None => "unknown".to_string(),
    }
}

/// The signed-in user of this request, or `None`.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = server_state()?;
    let Some(token) = request_token(&state) else {
        return Ok(None);
    };
    let at = now();
    let user = accounts::session_user(
        &state.db,
        &token_hash(&token),
        &timestamp(at),
        &timestamp(at - IDLE_TIMEOUT),
    )
    .await?;
    Ok(user)
}

/// Starts a session: stores it and sets the cookie.
pub async fn start_session(
    state: &ServerState,
    user: &crate::domain::ids::UserId,
) -> Result<(), AppError> {
    let (token, hash) = new_token();
    let at = now();
    accounts::insert_login_session(
        &state.db,
        &hash,
        user,
        &timestamp(at),
        &timestamp(at + ABSOLUTE_TIMEOUT),
    )
    .await?;
    set_response_header(SET_COOKIE, &session_cookie(state, Some(&token)));
    Ok(())
}

/// Ends the request's session on the server and clears the cookie.
pub async fn end_session(state: &ServerState) -> Result<(), AppError> {
    if let Some(token) = request_token(state) {
        accounts::delete_login_session(&state.db, &token_hash(&token)).await?;
    }
    set_response_header(SET_COOKIE, &session_cookie(state, None));
    Ok(())
}

/// A sign-in throttle key: what is counted, and after how many attempts
/// in a row the back-off starts.
pub struct ThrottleKey {
    pub key: String,
    pub free: i64,
}

/// The throttle keys of a login attempt: the account (five attempts), and
/// the client's address (twenty: a school or a structure may sign in many
/// people from one address). Locking one account never locks another.
pub fn throttle_keys(email: &str, address: &str) -> [ThrottleKey; 2] {
    // The address first: an address that is blocked counts nothing more
    // against the account it tries.
    [
        ThrottleKey {
            key: format!("address:{address}"),
            free: policy::ADDRESS_FREE_FAILURES,
        },
        ThrottleKey {
            key: format!("account:{email}"),
            free: policy::ACCOUNT_FREE_FAILURES,
        },
    ]
}

/// Counts the attempt against every key before the password is checked,
/// and refuses it while a key is blocked. Why before: counted after the
/// hash, six attempts sent at once all passed the check. Each key's count
/// moves by compare-and-swap, so two attempts never read the same count;
/// the back-off the count earns starts now (a success clears it).
pub async fn count_attempt(db: &db::Db, keys: &[ThrottleKey]) -> Result<(), AppError> {
    for key in keys {
        let mut tries = 0;
        loop {
            let at = now();
            accounts::ensure_throttle(db, &key.key, &timestamp(at)).await?;
            let (failures, blocked_until) = accounts::throttle(db, &key.key)
                .await?
                .ok_or(AppError::Internal)?;
            if let Some(until) = db::parse_timestamp(&blocked_until).filter(|u| *u > at) {
                return Err(AppError::Throttled {
                    retry_after_seconds: (until - at).num_seconds().max(1),
                });
            }
            let count = failures + 1;
            let until = at + Duration::seconds(backoff_seconds(count, key.free));
            let counted = accounts::count_throttle(
                db,
                &key.key,
                failures,
                count,
                &timestamp(at),
                &timestamp(until),
            )
            .await?;
            if counted {
                break;
            }
            tries += 1;
            if tries >= 20 {
                // Twenty attempts raced this one: it waits too.
                return Err(AppError::Throttled {
                    retry_after_seconds: 1,
                });
            }
        }
    }
    Ok(())
}

/// How long a throttle row is kept after its last attempt and back-off.
pub const THROTTLE_KEPT: Duration = Duration::days(1);

/// The daily purge: sessions that ended, throttle rows a day quiet.
pub async fn purge_ended(
    db: &db::Db,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(u64, u64), AppError> {
    Ok(accounts::purge(
        db,
        &timestamp(at),
        &timestamp(at - IDLE_TIMEOUT),
        &timestamp(at - THROTTLE_KEPT),
    )
    .await?)
}
