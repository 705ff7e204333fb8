//! The database (server only): the pool, the migrations, the column
//! helpers, the audit log, group commit, ids and tokens, the runs of
//! background jobs and the backups' record. Each feature keeps its own
//! SQL in its `store` module, built on these; nothing here knows a feature.
//!
//! One code base for SQLite (the embedded default) and PostgreSQL, through
//! sqlx's `Any` driver. Queries use `$1` placeholders and the portable types
//! only (TEXT, BIGINT): dates are ISO 8601 text, booleans 0/1. Rows become
//! domain types at this boundary, so a bad row is caught where it enters.

pub mod audit;
pub mod backups;
pub mod demo;
pub mod generate;
pub mod group_commit;
pub mod ids;
pub mod jobs;
pub mod privacy;
pub mod work;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

pub use ids::new_id;
pub use work::{Author, Work};

/// Which database is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The shared handle to the database: cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    /// Connections kept for the register's shared writes, so that a burst
    /// of requests reading on `pool` never delays the write they wait for.
    pub write_pool: AnyPool,
    pub backend: Backend,
    /// SQLite has one writer: busy writers wait in SQLite's busy handler,
    /// which sleeps in steps of up to 100 ms. Writers that queue here
    /// instead are served in order with no sleep (see `Db::writer`).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// How many writes may run at once (1 on SQLite).
    writers: usize,
    /// What features keep beside this database, one value a type (the
    /// register's group commit): see `Db::shared`.
    shared: std::sync::Arc<std::sync::Mutex<Shared>>,
}

type Shared =
    std::collections::HashMap<std::any::TypeId, std::sync::Arc<dyn std::any::Any + Send + Sync>>;

/// How many connections a server keeps (`None`: the default). Settings of
/// the `passerelle` binary: `PASSERELLE_DB_READERS` (8) and
/// `PASSERELLE_DB_WRITERS` (the register's shared writes: 2 on PostgreSQL;
/// always 1 on SQLite, which has one writer). More suit a server with more
/// cores than the two measured here.
#[derive(Clone, Copy, Debug, Default)]
pub struct Connections {
    pub readers: Option<u32>,
    pub writers: Option<u32>,
}

impl Connections {
    /// From the process's `PASSERELLE_DB_READERS` and `PASSERELLE_DB_WRITERS`.
    pub fn from_env() -> Connections {
        let setting = |name| std::env::var(name).ok();
        Connections::from_settings(
            setting("PASSERELLE_DB_READERS").as_deref(),
            setting("PASSERELLE_DB_WRITERS").as_deref(),
        )
    }

    /// From the settings' text (unset, empty or not a number: the default).
    pub fn from_settings(readers: Option<&str>, writers: Option<&str>) -> Connections {
        let number = |v: Option<&str>| v.and_then(|v| v.trim().parse().ok());
        Connections {
            readers: number(readers),
            writers: number(writers),
        }
    }
}

/// The file used when `DATABASE_URL` is not set.
pub const DEFAULT_SQLITE_FILE: &str = "passerelle.db";

/// The database URL from the optional `DATABASE_URL` setting.
pub fn url_from_setting(setting: Option<&str>) -> String {
    match setting.map(str::trim).filter(|s| !s.is_empty()) {
        Some(url) => url.to_string(),
        None => format!("sqlite://{DEFAULT_SQLITE_FILE}?mode=rwc"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL (expected sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// A single plain connection pool without migrations (administration,
    /// such as creating a test database).
    pub async fn connect_raw(url: &str) -> Result<AnyPool, sqlx::Error> {
        sqlx::any::install_default_drivers();
        AnyPoolOptions::new().max_connections(1).connect(url).await
    }

    /// Connects to `url`, creating the SQLite file if needed, and runs the
    /// migrations, with the default number of connections.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        Db::connect_with(url, Connections::default()).await
    }

    /// `connect`, with `connections` (`None`: the default).
    pub async fn connect_with(url: &str, connections: Connections) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(DbError::UnsupportedUrl(url.to_string()));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Why first: the statements after it may need a
                        // lock another connection holds; without it they
                        // fail at once with « database is locked » (seen
                        // in CI) instead of waiting their turn.
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        // Why: WAL lets readers work while the register syncs;
                        // foreign keys are off by default in SQLite.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            });
        // Why 8 on PostgreSQL too: on two cores, more connections only add
        // server processes competing for them (the load benchmark's burst
        // of a hundred session lookups: p99 64 ms with 16, 44 ms with 8).
        let readers = connections.readers.unwrap_or(8).max(1);
        let pool = options
            .clone()
            .max_connections(readers)
            .connect(&url)
            .await?;
        MIGRATOR.run(&pool).await?;
        // SQLite has one writer; PostgreSQL writes on both cores.
        let writers = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => connections.writers.unwrap_or(2).max(1),
        };
        let write_pool = options.max_connections(writers).connect(&url).await?;
        Ok(Db {
            pool,
            write_pool,
            backend,
            writer: Default::default(),
            writers: writers as usize,
            shared: Default::default(),
        })
    }

    /// How many writes may run at once: 1 on SQLite, the writers'
    /// connections on PostgreSQL.
    pub fn writers(&self) -> usize {
        self.writers
    }

    /// The value of type `T` kept beside this database, made by `make` the
    /// first time. Why: a feature's state that belongs to one database (the
    /// register's queue of writes) without `Db` naming the feature's types.
    pub fn shared<T: Send + Sync + 'static>(&self, make: impl FnOnce() -> T) -> std::sync::Arc<T> {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        let value = shared
            .entry(std::any::TypeId::of::<T>())
            .or_insert_with(|| std::sync::Arc::new(make()))
            .clone();
        drop(shared);
        value
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("kept under its own type"))
    }

    /// Waits for this process's turn to write, on SQLite (`None` on
    /// PostgreSQL, whose row locks queue writers without sleeping). Hold
    /// the guard for the whole write transaction, and take it after the
    /// connection (never wait for a connection while holding it).
    pub async fn writer(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writer.clone().lock_owned().await),
            Backend::Postgres => None,
        }
    }
}

/// The schema, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Placeholders for `count` values bound in order, starting at the
/// `first`: `$1, $2, …` on PostgreSQL, anonymous `?` on SQLite. Why: SQLite
/// finds a numbered parameter by a linear search of the statement's names,
/// so binding thousands of `$n` values is quadratic (half the load
/// benchmark's time went there); `?` values are bound in order for free.
pub fn placeholders(conn: &sqlx::AnyConnection, first: usize, count: usize) -> Vec<String> {
    if conn.backend_name() == "SQLite" {
        vec!["?".to_string(); count]
    } else {
        (first..first + count).map(|i| format!("${i}")).collect()
    }
}

/// Reads a 0/1 column as a bool.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// Turns a bool into the 0/1 stored.
pub fn bit(value: bool) -> i64 {
    value as i64
}

/// A column that did not hold what the schema promises.
pub fn bad_column(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("column {column}: unexpected value {value:?}").into())
}

/// Parses an ISO date column.
pub fn date(value: &str, column: &str) -> Result<chrono::NaiveDate, sqlx::Error> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad_column(column, value))
}

/// Parses an 'HH:MM' column.
pub fn time(value: &str, column: &str) -> Result<chrono::NaiveTime, sqlx::Error> {
    chrono::NaiveTime::parse_from_str(value, "%H:%M").map_err(|_| bad_column(column, value))
}

/// The timestamp format stored: RFC 3339 in UTC, to the second, sortable.
pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads a stored timestamp.
pub fn parse_timestamp(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|d| d.with_timezone(&chrono::Utc))
}

/// A stored timestamp column, on the organisations' clocks.
pub fn local_moment(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> Result<chrono::NaiveDateTime, sqlx::Error> {
    use sqlx::Row;
    let value: String = row.try_get(column)?;
    parse_timestamp(&value)
        .map(crate::domain::local_time::local)
        .ok_or_else(|| bad_column(column, &value))
}

/// `local_moment` of a column that may be empty.
pub fn optional_local_moment(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> Result<Option<chrono::NaiveDateTime>, sqlx::Error> {
    use sqlx::Row;
    let value: Option<String> = row.try_get(column)?;
    Ok(value
        .as_deref()
        .and_then(parse_timestamp)
        .map(crate::domain::local_time::local))
}

#[cfg(test)]
mod tests {
    use super::Connections;

    #[test]
    fn connection_settings_fall_back_to_the_default_on_anything_but_a_number() {
        let c = Connections::from_settings(Some(" 12 "), Some("deux"));
        assert_eq!((c.readers, c.writers), (Some(12), None));
        let c = Connections::from_settings(Some(""), None);
        assert_eq!((c.readers, c.writers), (None, None));
        let c = Connections::from_settings(Some("-3"), Some("4"));
        assert_eq!((c.readers, c.writers), (None, Some(4)));
    }
}
