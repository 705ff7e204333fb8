//! Backups and restore.
//!
//! `passerelle backup FILE` copies the database while the server serves:
//! SQLite through `VACUUM INTO` (a consistent snapshot, read in one
//! transaction, written compact), PostgreSQL through `pg_dump` (custom
//! format; a snapshot too). With a recipient (`--recipient age1…` or
//! `PASSERELLE_BACKUP_RECIPIENT`) the file is encrypted with age: only the
//! holder of the matching key (`passerelle backup-key`) can read it.
//! `passerelle restore FILE` writes a backup into an empty database, runs
//! the migrations a newer binary brings, and checks it (SQLite's
//! `integrity_check`; on PostgreSQL `amcheck` on every index when the
//! extension is there, and the constraints pg_restore re-validates).
//! The server makes a daily backup when `PASSERELLE_BACKUP_DIR` is set, once
//! across instances, and keeps `PASSERELLE_BACKUP_KEEP_DAYS` of them.

use app::db::{Backend, Db};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What a backup wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub bytes: u64,
    pub encrypted: bool,
}

/// The first bytes of an age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// The first bytes of a SQLite file and of a pg_dump custom archive.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_MAGIC: &[u8] = b"PGDMP";

/// Reads an age recipient (`age1…`).
pub fn recipient(text: &str) -> Result<age::x25519::Recipient, String> {
    text.trim()
        .parse()
        .map_err(|e| format!("not an age recipient (age1…): {e}"))
}

/// Reads an age identity (`AGE-SECRET-KEY-1…`) from a key file.
pub fn identity(file: &Path) -> Result<age::x25519::Identity, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .ok_or_else(|| format!("{}: no AGE-SECRET-KEY-1… line", file.display()))?
        .parse()
        .map_err(|e| format!("{}: {e}", file.display()))
}

/// A new key pair: the secret key's file text and the recipient.
pub fn new_key() -> (String, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let text = format!(
        "# Passerelle backup key, made {}\n# recipient: {recipient}\n{}\n",
        app::db::timestamp(app::state::now()),
        identity.to_string().expose_secret()
    );
    (text, recipient)
}

/// Runs one of PostgreSQL's tools off the async runtime.
async fn run_tool(
    mut cmd: std::process::Command,
    name: &'static str,
) -> Result<std::process::Output, String> {
    tokio::task::spawn_blocking(move || cmd.output())
        .await
        .map_err(|e| format!("{name}: {e}"))?
        .map_err(|e| format!("{name} (is postgresql-client installed?): {e}"))
}

/// A path beside `file` for work in progress.
fn beside(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    file.with_file_name(name)
}

/// Copies the database behind `db` (at `url`) to `file`, encrypted to
/// `recipient` when given. The file appears whole or not at all.
pub async fn backup(
    db: &Db,
    url: &str,
    file: &Path,
    recipient: Option<&age::x25519::Recipient>,
) -> Result<Written, String> {
    if file.exists() {
        return Err(format!("{} exists already", file.display()));
    }
    let plain = beside(file, ".partial");
    let _ = std::fs::remove_file(&plain);
    match db.backend {
        Backend::Sqlite => {
            let target = plain.to_str().ok_or("the backup's path is not UTF-8")?;
            // VACUUM INTO takes a file name as a string literal.
            let sql = format!("VACUUM INTO '{}'", target.replace('\'', "''"));
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&db.pool)
                .await
                .map_err(|e| format!("VACUUM INTO {target}: {e}"))?;
        }
        Backend::Postgres => {
            let mut cmd = std::process::Command::new("pg_dump");
            cmd.arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg("--file")
                .arg(&plain)
                .arg("--dbname")
                .arg(url);
            let out = run_tool(cmd, "pg_dump").await?;
            if !out.status.success() {
                let _ = std::fs::remove_file(&plain);
                return Err(format!(
                    "pg_dump: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
    }
    let file = file.to_path_buf();
    let recipient = recipient.cloned();
    tokio::task::spawn_blocking(move || finish(&plain, &file, recipient.as_ref()))
        .await
        .map_err(|e| format!("backup: {e}"))?
}

/// Encrypts (or moves) the finished copy to its place.
fn finish(
    plain: &Path,
    file: &Path,
    recipient: Option<&age::x25519::Recipient>,
) -> Result<Written, String> {
    let io = |e: std::io::Error| format!("{}: {e}", file.display());
    let encrypted = match recipient {
        None => {
            std::fs::rename(plain, file).map_err(io)?;
            false
        }
        Some(r) => {
            let partial = beside(file, ".age-partial");
            let result = (|| -> Result<(), String> {
                let encryptor =
                    age::Encryptor::with_recipients(std::iter::once(r as &dyn age::Recipient))
                        .map_err(|e| format!("age: {e}"))?;
                let out = std::fs::File::create(&partial).map_err(io)?;
                let mut writer = encryptor.wrap_output(out).map_err(io)?;
                let mut input = std::fs::File::open(plain).map_err(io)?;
                std::io::copy(&mut input, &mut writer).map_err(io)?;
                writer.finish().map_err(io)?.sync_all().map_err(io)?;
                std::fs::rename(&partial, file).map_err(io)
            })();
            let _ = std::fs::remove_file(plain);
            if result.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            result?;
            true
        }
    };
    let bytes = std::fs::metadata(file).map_err(io)?.len();
    Ok(Written { bytes, encrypted })
}

/// What kind of backup a file holds, decrypted to a temporary file first
/// when it is encrypted.
fn readable(
    file: &Path,
    identity: Option<&age::x25519::Identity>,
    scratch: &Path,
) -> Result<(PathBuf, Backend), String> {
    let io = |e: std::io::Error| format!("{}: {e}", file.display());
    let mut head = [0u8; 32];
    let n = std::fs::File::open(file)
        .and_then(|mut f| f.read(&mut head))
        .map_err(io)?;
    let head = &head[..n];
    let plain = if head.starts_with(AGE_MAGIC) {
        let identity = identity.ok_or(
            "this backup is encrypted: give the key file with --identity FILE (or PASSERELLE_BACKUP_IDENTITY)",
        )?;
        let input = std::io::BufReader::new(std::fs::File::open(file).map_err(io)?);
        let decryptor = age::Decryptor::new(input).map_err(|e| format!("age: {e}"))?;
        let mut reader = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .map_err(|e| format!("age: {e} (is it the right key?)"))?;
        let out_path = scratch.join("backup.plain");
        let mut out = std::fs::File::create(&out_path).map_err(io)?;
        std::io::copy(&mut reader, &mut out).map_err(io)?;
        out.flush().map_err(io)?;
        out_path
    } else {
        file.to_path_buf()
    };
    let mut head = [0u8; 16];
    let n = std::fs::File::open(&plain)
        .and_then(|mut f| f.read(&mut head))
        .map_err(io)?;
    let backend = if head[..n].starts_with(SQLITE_MAGIC) {
        Backend::Sqlite
    } else if head[..n].starts_with(PG_MAGIC) {
        Backend::Postgres
    } else {
        return Err(format!("{}: not a Passerelle backup", file.display()));
    };
    Ok((plain, backend))
}

/// The SQLite file of a `sqlite:` URL.
fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or("not a sqlite: URL")?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err("restore needs a database file".into());
    }
    Ok(PathBuf::from(path))
}

/// Restores `file` into the empty database at `url`, migrates and checks
/// it.
pub async fn restore(
    url: &str,
    file: &Path,
    identity: Option<&age::x25519::Identity>,
) -> Result<Db, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let (plain, kind) = {
        let file = file.to_path_buf();
        let identity = identity.cloned();
        let scratch = scratch.path().to_path_buf();
        tokio::task::spawn_blocking(move || readable(&file, identity.as_ref(), &scratch))
            .await
            .map_err(|e| format!("restore: {e}"))??
    };
    let target = if url.starts_with("sqlite:") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    };
    if kind != target {
        return Err(format!(
            "this backup is of a {} database; DATABASE_URL is {}",
            name(kind),
            name(target)
        ));
    }
    match kind {
        Backend::Sqlite => {
            let path = sqlite_path(url)?;
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
                return Err(format!(
                    "{} exists: restore goes into an empty database only",
                    path.display()
                ));
            }
            std::fs::copy(&plain, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Backend::Postgres => {
            let raw = Db::connect_raw(url).await.map_err(|e| e.to_string())?;
            use sqlx::Row;
            let tables: i64 = sqlx::query(
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_one(&raw)
            .await
            .and_then(|r| r.try_get("n"))
            .map_err(|e| e.to_string())?;
            raw.close().await;
            if tables > 0 {
                return Err(
                    "the database holds tables: restore goes into an empty database only".into(),
                );
            }
            let mut cmd = std::process::Command::new("pg_restore");
            cmd.arg("--no-owner")
                .arg("--no-privileges")
                .arg("--exit-on-error")
                .arg("--dbname")
                .arg(url)
                .arg(&plain);
            let out = run_tool(cmd, "pg_restore").await?;
            if !out.status.success() {
                return Err(format!(
                    "pg_restore: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
    }
    let db = Db::connect(url).await.map_err(|e| e.to_string())?;
    check(&db).await?;
    Ok(db)
}

fn name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    }
}

/// Checks a database's files: SQLite's `integrity_check` and its foreign
/// keys; on PostgreSQL, `amcheck` on every B-tree index when the extension
/// can be had (it ships with PostgreSQL's contrib).
pub async fn check(db: &Db) -> Result<(), String> {
    use sqlx::Row;
    match db.backend {
        Backend::Sqlite => {
            let rows = sqlx::query("PRAGMA integrity_check")
                .fetch_all(&db.pool)
                .await
                .map_err(|e| e.to_string())?;
            let said: Vec<String> = rows.iter().filter_map(|r| r.try_get(0).ok()).collect();
            if said != ["ok"] {
                return Err(format!("integrity_check: {}", said.join("; ")));
            }
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(&db.pool)
                .await
                .map_err(|e| e.to_string())?;
            if !broken.is_empty() {
                return Err(format!("foreign_key_check: {} row(s)", broken.len()));
            }
        }
        Backend::Postgres => {
            if sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
                .execute(&db.pool)
                .await
                .is_err()
            {
                tracing::warn!("amcheck is not available: the indexes were not checked");
                return Ok(());
            }
            let indexes = sqlx::query(
                "SELECT CAST(c.relname AS TEXT) AS name FROM pg_index i
                 JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 JOIN pg_am a ON a.oid = c.relam
                 WHERE n.nspname = 'public' AND a.amname = 'btree'",
            )
            .fetch_all(&db.pool)
            .await
            .map_err(|e| e.to_string())?;
            for row in indexes {
                let index: String = row.try_get("name").map_err(|e| e.to_string())?;
                sqlx::query("SELECT CAST(bt_index_check(CAST(CAST($1 AS TEXT) AS regclass), true) AS TEXT) AS ok")
                    .bind(&index)
                    .fetch_one(&db.pool)
                    .await
                    .map_err(|e| format!("amcheck {index}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// The daily backups' settings.
#[derive(Clone, Debug)]
pub struct DailyBackups {
    /// `PASSERELLE_BACKUP_DIR`
    pub dir: PathBuf,
    /// `PASSERELLE_BACKUP_KEEP_DAYS` (14)
    pub keep_days: i64,
    /// `PASSERELLE_BACKUP_RECIPIENT`
    pub recipient: Option<age::x25519::Recipient>,
}

impl DailyBackups {
    /// `None` when `PASSERELLE_BACKUP_DIR` is not set.
    pub fn from_env() -> Result<Option<DailyBackups>, String> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
        let Some(dir) = var("PASSERELLE_BACKUP_DIR") else {
            return Ok(None);
        };
        let keep_days = match var("PASSERELLE_BACKUP_KEEP_DAYS") {
            None => 14,
            Some(v) => v
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=3650).contains(n))
                .ok_or_else(|| format!("PASSERELLE_BACKUP_KEEP_DAYS: {v:?} (1 to 3650)"))?,
        };
        let recipient = var("PASSERELLE_BACKUP_RECIPIENT")
            .map(|r| recipient(&r))
            .transpose()
            .map_err(|e| format!("PASSERELLE_BACKUP_RECIPIENT: {e}"))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("PASSERELLE_BACKUP_DIR {dir}: {e}"))?;
        Ok(Some(DailyBackups {
            dir: PathBuf::from(dir),
            keep_days,
            recipient,
        }))
    }
}

/// The file of a day's backup.
pub fn daily_file(settings: &DailyBackups, day: chrono::NaiveDate, backend: Backend) -> PathBuf {
    let ext = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "pgdump",
    };
    let age = if settings.recipient.is_some() {
        ".age"
    } else {
        ""
    };
    settings.dir.join(format!("passerelle-{day}.{ext}{age}"))
}

/// Makes today's backup unless an instance made it (claimed once across
/// instances), then deletes the ones past their days. `Ok(None)` when it
/// was done already.
pub async fn daily_pass(
    db: &Db,
    url: &str,
    settings: &DailyBackups,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<PathBuf>, String> {
    let day = app::domain::local_time::local_date(at);
    let stamp = app::db::timestamp(at);
    let mut conn = db.pool.acquire().await.map_err(|e| e.to_string())?;
    let claimed = app::db::jobs::claim(&mut conn, "backup", &day.to_string(), &stamp)
        .await
        .map_err(|e| format!("claiming the day's backup: {e}"))?;
    drop(conn);
    if !claimed {
        return Ok(None);
    }
    let file = daily_file(settings, day, db.backend);
    let outcome = backup(db, url, &file, settings.recipient.as_ref()).await;
    let mut conn = db.pool.acquire().await.map_err(|e| e.to_string())?;
    let said = match &outcome {
        Ok(w) => format!("{} bytes", w.bytes),
        Err(e) => format!("failed: {e}"),
    };
    app::db::jobs::finish(&mut conn, "backup", &day.to_string(), &stamp, &said)
        .await
        .map_err(|e| format!("recording the day's backup: {e}"))?;
    drop(conn);
    let written = outcome?;
    app::db::backups::record(
        db,
        &file.file_name().unwrap_or_default().to_string_lossy(),
        written.bytes,
        written.encrypted,
        &app::db::timestamp(app::state::now()),
    )
    .await
    .map_err(|e| format!("recording the backup: {e}"))?;
    let oldest = day - chrono::Duration::days(settings.keep_days - 1);
    prune(&settings.dir, oldest);
    let _ = app::db::backups::forget_before(db, &format!("{oldest}T00:00:00Z")).await;
    Ok(Some(file))
}

/// Deletes the daily backups of days before `oldest`.
fn prune(dir: &Path, oldest: chrono::NaiveDate) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(day) = name
            .strip_prefix("passerelle-")
            .and_then(|rest| rest.get(..10))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if day < oldest {
            if let Err(e) = std::fs::remove_file(entry.path()) {
                tracing::warn!(file = %name, error = %e, "old backup not deleted");
            }
        }
    }
}

/// Runs `daily_pass` at start and then every hour.
pub fn spawn_daily(db: Db, url: String, settings: DailyBackups) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            match daily_pass(&db, &url, &settings, app::state::now()).await {
                Ok(Some(file)) => tracing::info!(file = %file.display(), "daily backup written"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "daily backup"),
            }
        }
    });
}
