//! The first accounts of a new deployment (server only; the CLI's
//! `create-admin` and `create-structure`): an admin, or a structure with
//! its territory, its current school year and its first coordinator. The
//! account has no password yet: a link valid seven days lets its owner
//! choose one (printed, and mailed when SMTP is set).

use crate::auth::policy;
use crate::auth::store::resets;
use crate::db::{new_id, timestamp, Author, Db, Work};
use crate::domain::ids::{OrganisationId, UserId};
use crate::error::{AppError, FieldProblem};
use crate::mail::{outbox, MailKind};
use chrono::{DateTime, Utc};

/// How long a first-access link works.
pub const FIRST_ACCESS_DAYS: i64 = 7;

/// A stored password hash no password matches: the account's owner sets
/// one through their link.
const NO_PASSWORD: &str = "!";

fn name(field: &str, text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(field, FieldProblem::Missing));
    }
    if text.chars().count() > 120 {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    if text.chars().any(char::is_control) {
        return Err(AppError::invalid(field, FieldProblem::Control));
    }
    Ok(text.to_string())
}

/// Inserts the account and its first-access link, and queues the mail:
/// the link's address.
#[allow(clippy::too_many_arguments)]
async fn account(
    work: &mut Work,
    email: &str,
    display_name: &str,
    role: &str,
    organisation: Option<(&OrganisationId, &str)>,
    base: &str,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    let user = UserId(new_id());
    let stamp = timestamp(at);
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(work.conn())
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid("email", FieldProblem::Unknown));
    }
    sqlx::query(
        "INSERT INTO users (id, organisation_id, email, password_hash, role, display_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&user.0)
    .bind(organisation.map(|(o, _)| o.0.clone()))
    .bind(email)
    .bind(NO_PASSWORD)
    .bind(role)
    .bind(display_name)
    .bind(&stamp)
    .execute(work.conn())
    .await?;
    let (token, hash) = crate::db::ids::new_token();
    let expires = timestamp(at + chrono::Duration::days(FIRST_ACCESS_DAYS));
    resets::insert(work, &hash, &user, &stamp, &expires).await?;
    let link = format!("{base}/mot-de-passe/{token}");
    let signature = organisation.map_or("Passerelle", |(_, n)| n);
    let letter = crate::auth::letters::invitation(
        crate::i18n::Locale::Fr,
        display_name,
        signature,
        &link,
        FIRST_ACCESS_DAYS,
    );
    outbox::queue(
        work,
        &outbox::NewMail {
            organisation: organisation.map(|(o, _)| o),
            user: Some(&user),
            recipient: email,
            locale: crate::i18n::Locale::Fr,
            kind: MailKind::Invitation,
            letter: &letter,
            dedupe_key: format!("first-access:{hash}"),
        },
        base,
        &stamp,
    )
    .await?;
    work.audit("account.create", ("user", &user.0), role)
        .await?;
    Ok(link)
}

/// A new admin: the link to choose their password.
pub async fn create_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    base: &str,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    let email = policy::normalise_email(email)?;
    let display_name = name("display_name", display_name)?;
    let mut work = Work::begin(db, Author::default(), at).await?;
    let link = account(&mut work, &email, &display_name, "admin", None, base, at).await?;
    work.commit().await?;
    Ok(link)
}

/// A new structure in département `code` (named `territory` if new), with
/// its current school year and its coordinator: the coordinator's link.
#[allow(clippy::too_many_arguments)]
pub async fn create_structure(
    db: &Db,
    structure: &str,
    code: &str,
    territory: &str,
    email: &str,
    coordinator: &str,
    base: &str,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    let structure = name("name", structure)?;
    let code = code.trim().to_uppercase();
    if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::invalid("territory_code", FieldProblem::Malformed));
    }
    let territory = name("territory", territory)?;
    let email = policy::normalise_email(email)?;
    let coordinator = name("display_name", coordinator)?;
    let org = OrganisationId(new_id());
    let mut work = Work::begin(db, Author::default(), at).await?;
    let stamp = work.at().to_string();
    sqlx::query(
        "INSERT INTO territories (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
    )
    .bind(&code)
    .bind(&territory)
    .execute(work.conn())
    .await?;
    sqlx::query(
        "INSERT INTO organisations (id, name, kind, territory_code, created_at)
         VALUES ($1, $2, 'association', $3, $4)",
    )
    .bind(&org.0)
    .bind(&structure)
    .bind(&code)
    .bind(&stamp)
    .execute(work.conn())
    .await?;
    let first =
        crate::domain::calendar::school_year_start(crate::domain::local_time::local_date(at));
    let last =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&first) + 1, 7, 4).unwrap_or(first);
    sqlx::query(
        "INSERT INTO school_years (id, organisation_id, label, first_day, last_day)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(&org.0)
    .bind(format!(
        "{}-{}",
        chrono::Datelike::year(&first),
        chrono::Datelike::year(&first) + 1
    ))
    .bind(first.to_string())
    .bind(last.to_string())
    .execute(work.conn())
    .await?;
    let link = account(
        &mut work,
        &email,
        &coordinator,
        "coordinator",
        Some((&org, &structure)),
        base,
        at,
    )
    .await?;
    work.audit("organisation.create", ("organisation", &org.0), &structure)
        .await?;
    work.commit().await?;
    Ok(link)
}
