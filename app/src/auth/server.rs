//! Server side of sign-in: argon2id hashing off the async runtime, session
//! tokens, the session cookie, the throttle and resolving the caller.

use crate::auth::policy::{self, backoff_seconds};
use crate::auth::store::{accounts, factors};
use crate::auth::CurrentUser;
use crate::db::{self, timestamp};
use crate::domain::model::Role;
use crate::error::AppError;
use crate::request::set_response_header;
use crate::state::{now, server_state, ServerState};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::Duration;
use http::header::SET_COOKIE;
use leptos::prelude::use_context;
use rand::RngCore;

/// An invitation link works this long.
pub const INVITATION_VALIDITY: Duration = Duration::days(14);
/// The step between a right password and a right code lasts this long.
pub const CHALLENGE_VALIDITY: Duration = Duration::minutes(10);
/// Wrong codes that end that step (the account's throttle counts them too).
pub const CHALLENGE_MAX_FAILURES: i64 = 5;

const COOKIE_NAME: &str = "passerelle_session";
const CHALLENGE_COOKIE: &str = "passerelle_challenge";

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

pub use crate::db::ids::{new_token, token_hash};

fn cookie_name(state: &ServerState, name: &'static str) -> String {
    if state.https {
        format!("__Host-{name}")
    } else {
        name.to_string()
    }
}

/// A `Set-Cookie` value: `value` kept `max_age` (until the browser closes
/// when `None`), or removed when `value` is `None`.
fn cookie(
    state: &ServerState,
    name: &'static str,
    value: Option<&str>,
    max_age: Option<Duration>,
) -> String {
    let name = cookie_name(state, name);
    let secure = if state.https { "; Secure" } else { "" };
    match value {
        Some(value) => {
            let age = max_age
                .map(|a| format!("; Max-Age={}", a.num_seconds()))
                .unwrap_or_default();
            format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}")
        }
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// The `Set-Cookie` value for a session token of a role (or for removing
/// it). It lasts as long as the session, except on the accompanists'
/// shared tablets, where it ends when the browser closes.
pub fn session_cookie(state: &ServerState, token: Option<(&str, Role)>) -> String {
    let max_age = token.and_then(|(_, role)| {
        (role != Role::Accompanist)
            .then(|| Duration::hours(state.accounts.lifetime(role).max_hours))
    });
    cookie(state, COOKIE_NAME, token.map(|(t, _)| t), max_age)
}

/// The session token the request carries, if any.
pub fn request_token(state: &ServerState) -> Option<String> {
    crate::request::request_cookie(&cookie_name(state, COOKIE_NAME))
        .filter(|v| !v.is_empty() && v.len() < 100)
}

/// The account signed in by the session cookie among `headers` (for the
/// routes answered outside Leptos), without moving its idle limit on.
pub async fn user_of_headers(
    state: &ServerState,
    headers: &http::HeaderMap,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = crate::request::cookie_in(headers, &cookie_name(state, COOKIE_NAME))
        .filter(|v| !v.is_empty() && v.len() < 100)
    else {
        return Ok(None);
    };
    let found = accounts::session_user(&state.db, &token_hash(&token), &timestamp(now())).await?;
    Ok(found.map(|(user, _)| user))
}

/// This site's address (`PASSERELLE_PUBLIC_URL`, else as the request
/// reached it), for links that leave the site, such as a calendar
/// subscription or a mail's link.
pub fn site_origin(state: &ServerState) -> String {
    state.public_url()
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

/// The signed-in user of this request, or `None`. Moves the session's
/// idle limit on (at most once a minute: writing on every request would
/// queue every read behind SQLite's one writer).
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = server_state()?;
    let Some(token) = request_token(&state) else {
        return Ok(None);
    };
    let at = now();
    let hash = token_hash(&token);
    let Some((user, last_seen)) = accounts::session_user(&state.db, &hash, &timestamp(at)).await?
    else {
        return Ok(None);
    };
    if db::parse_timestamp(&last_seen).is_none_or(|seen| seen < at - Duration::minutes(1)) {
        let idle = Duration::minutes(state.accounts.lifetime(user.role).idle_minutes);
        accounts::touch_session(&state.db, &hash, &timestamp(at), &timestamp(at + idle)).await?;
    }
    Ok(Some(user))
}

/// Whether a sign-in with this role must pass a second factor, set up or
/// not yet.
pub fn second_factor_due(state: &ServerState, role: Role) -> bool {
    state.accounts.second_factor_required && policy::second_factor_expected(role)
}

/// The hash of this request's session token, if it carries one.
pub fn request_session_hash(state: &ServerState) -> Option<String> {
    request_token(state).map(|t| token_hash(&t))
}

/// Starts a session for a role: stores it, with the device it is opened
/// on, and sets the cookie.
pub async fn start_session(
    state: &ServerState,
    user: &crate::domain::ids::UserId,
    role: Role,
) -> Result<(), AppError> {
    let (token, hash) = new_token();
    let at = now();
    let lifetime = state.accounts.lifetime(role);
    let agent = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default();
    accounts::insert_login_session(
        &state.db,
        &accounts::NewSession {
            token_hash: &hash,
            user,
            now: &timestamp(at),
            idle_until: &timestamp(at + Duration::minutes(lifetime.idle_minutes)),
            expires_at: &timestamp(at + Duration::hours(lifetime.max_hours)),
            device: &crate::auth::device::label(&agent),
        },
    )
    .await?;
    set_response_header(SET_COOKIE, &session_cookie(state, Some((&token, role))));
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

/// Starts the step between a right password and a right code: stored, and
/// named by a cookie of its own that lasts as long.
pub async fn start_challenge(
    state: &ServerState,
    user: &crate::domain::ids::UserId,
) -> Result<(), AppError> {
    let (token, hash) = new_token();
    let expires = now() + CHALLENGE_VALIDITY;
    factors::insert_challenge(&state.db, &hash, user, &timestamp(expires)).await?;
    set_response_header(
        SET_COOKIE,
        &cookie(
            state,
            CHALLENGE_COOKIE,
            Some(&token),
            Some(CHALLENGE_VALIDITY),
        ),
    );
    Ok(())
}

/// The account whose code this request's challenge awaits, and the
/// challenge's hash; `code` `Unknown` when there is none (expired, ended by
/// wrong codes, or never started).
pub async fn challenge(
    state: &ServerState,
) -> Result<(crate::domain::ids::UserId, String), AppError> {
    let gone = || AppError::invalid("code", crate::error::FieldProblem::Unknown);
    let token = crate::request::request_cookie(&cookie_name(state, CHALLENGE_COOKIE))
        .filter(|v| !v.is_empty() && v.len() < 100)
        .ok_or_else(gone)?;
    let hash = token_hash(&token);
    let user = factors::challenge_user(&state.db, &hash, &timestamp(now()))
        .await?
        .ok_or_else(gone)?;
    Ok((user, hash))
}

/// Ends the challenge (passed, or given up) and clears its cookie.
pub async fn end_challenge(state: &ServerState, hash: &str) -> Result<(), AppError> {
    factors::delete_challenge(&state.db, hash).await?;
    set_response_header(SET_COOKIE, &cookie(state, CHALLENGE_COOKIE, None, None));
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

/// The daily purge: sessions and sign-in challenges that ended, throttle
/// rows and second factors set up but never confirmed, a day quiet.
pub async fn purge_ended(
    db: &db::Db,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(u64, u64), AppError> {
    let quiet = timestamp(at - THROTTLE_KEPT);
    factors::purge(db, &timestamp(at), &quiet).await?;
    Ok(accounts::purge(db, &timestamp(at), &quiet).await?)
}
