use crate::error::AppError;
use crate::family::types::{ChildCard, ChildPage};
use leptos::prelude::*;

/// Parent: their own children, each with the next session.
#[server(endpoint = "family/children")]
pub async fn load_my_children() -> Result<Vec<ChildCard>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.ok_or(AppError::Forbidden)?;
    Ok(crate::db::views::children_of_guardian(&db, &guardian, crate::state::today()).await?)
}

/// One child's page, for their guardians, their accompanists and their
/// organisation's coordinators.
#[server(endpoint = "family/child")]
pub async fn load_child(id: String) -> Result<ChildPage, AppError> {
    let child = crate::domain::ChildId(id);
    let (_, db) = crate::authz::authorize(crate::authz::Access::Child(child.clone())).await?;
    crate::db::views::child_page(&db, &child, crate::state::today())
        .await?
        .ok_or(AppError::NotFound)
}
