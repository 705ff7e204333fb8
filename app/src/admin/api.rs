use crate::admin::types::AdminOverview;
use crate::error::AppError;
use leptos::prelude::*;

/// Admin: organisations and their accounts per role (no child data).
#[server(endpoint = "admin/overview")]
pub async fn load_admin() -> Result<AdminOverview, AppError> {
    let (_, db) = crate::authz::authorize(crate::authz::Access::Platform).await?;
    Ok(crate::admin::store::admin_overview(&db).await?)
}
