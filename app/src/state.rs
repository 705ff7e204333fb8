//! What the server gives every request (server only): the database and the
//! settings that change how cookies are sent.

use crate::db::Db;
use crate::error::AppError;

#[derive(Clone, Debug)]
pub struct ServerState {
    pub db: Db,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub https: bool,
}

/// The server state, from the context provided by the router.
pub fn server_state() -> Result<ServerState, AppError> {
    leptos::prelude::use_context::<ServerState>()
        .ok_or_else(|| AppError::internal("context", "ServerState missing"))
}

/// The current time (the only clock the application reads).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Today in the organisations' time zone (`domain::local_time`).
pub fn today() -> chrono::NaiveDate {
    crate::domain::local_time::local_date(now())
}
