use crate::error::AppError;
use crate::reports::types::TerritoryFigures;
use leptos::prelude::*;

/// Funder: the headline figures of each organisation of their territory.
#[server(endpoint = "reports/territory")]
pub async fn load_territory() -> Result<TerritoryFigures, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Territory).await?;
    let territory = user.territory.ok_or(AppError::Forbidden)?;
    Ok(crate::db::views::territory_figures(&db, &territory).await?)
}
