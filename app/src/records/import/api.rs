//! The import's server functions, coordinators only, in their own
//! organisation: the preview (reads only) and the commit (one transaction
//! behind the organisation's lock, planned again inside it).

use crate::error::AppError;
use crate::records::import::types::{ImportFile, Imported, Preview};
use leptos::prelude::*;

/// The template, a CSV file (`GET /api/records/import-template`, which the
/// guard serves as `modele-import-enfants.csv`).
#[server(endpoint = "records/import-template", input = server_fn::codec::GetUrl)]
pub async fn import_template() -> Result<String, AppError> {
    crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    Ok(crate::records::import::types::template())
}

/// Every line of the file and what committing it would do.
#[server(endpoint = "records/import-preview")]
pub async fn preview_import(file: ImportFile) -> Result<Preview, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let sheet = server::read(&file)?;
    let mut conn = db.pool.acquire().await?;
    let year = crate::records::school_year::api::server::year(&mut conn, &org).await?;
    let cx =
        crate::records::import::store::context(&mut conn, &org, &year.id, crate::state::today())
            .await?;
    let (preview, _) = crate::records::import::plan::plan(&sheet, &cx).map_err(server::refused)?;
    Ok(preview)
}

/// Writes the file's valid lines (`mode` = `valid`), or every line or none
/// (`all`): with one refused line, nothing is written.
#[server(endpoint = "records/import-commit")]
pub async fn commit_import(file: ImportFile, mode: String) -> Result<Imported, AppError> {
    use crate::records::import::plan::Action;
    use crate::records::import::types::Mode;
    let mode = Mode::parse(&mode)
        .ok_or_else(|| AppError::invalid("mode", crate::error::FieldProblem::Unknown))?;
    let crate::authz::CoordinatorWork {
        org, work: mut tx, ..
    } = crate::authz::coordinator_work().await?;
    let sheet = server::read(&file)?;
    let today = crate::state::today();
    let year = crate::records::school_year::api::server::year(&mut tx, &org).await?;
    let cx = crate::records::import::store::context(&mut tx, &org, &year.id, today).await?;
    let (preview, actions) =
        crate::records::import::plan::plan(&sheet, &cx).map_err(server::refused)?;
    let (created, updated, unchanged, refused) = preview.counts();
    if mode == Mode::AllOrNothing && refused > 0 {
        return Ok(Imported {
            created: 0,
            updated: 0,
            unchanged,
            refused,
            written: false,
        });
    }
    let now = tx.at().to_string();
    for action in &actions {
        crate::records::import::store::apply(&mut tx, &org, action, &today.to_string(), &now)
            .await?;
        let (what, id, line) = match action {
            Action::Create { id, line, .. } => ("child.import.create", id, line),
            Action::Update { id, line, .. } => ("child.import.update", id, line),
        };
        let detail = format!(
            "{} ligne {line}",
            file.name.chars().take(80).collect::<String>()
        );
        tx.audit(what, ("child", &id.0), &detail).await?;
    }
    tx.commit().await?;
    Ok(Imported {
        created,
        updated,
        unchanged,
        refused,
        written: true,
    })
}

#[cfg(feature = "ssr")]
mod server {
    use crate::error::{AppError, FieldProblem};
    use crate::records::import::sheet::{self, Sheet};
    use crate::records::import::types::{ImportFile, SheetProblem};
    use base64::Engine;

    /// The file's lines, or why it cannot be read.
    pub fn read(file: &ImportFile) -> Result<Sheet, AppError> {
        // base64 makes four characters of three bytes.
        if file.content.len() > sheet::MAX_FILE_BYTES / 3 * 4 + 4 {
            return Err(refused(SheetProblem::TooLarge));
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(file.content.trim())
            .map_err(|_| AppError::invalid("file", FieldProblem::Malformed))?;
        sheet::read(&bytes).map_err(refused)
    }

    pub fn refused(problem: SheetProblem) -> AppError {
        AppError::ImportFile { problem }
    }
}
