use crate::domain::ids::GroupId;
use crate::error::AppError;
use crate::groups::types::GroupPage;
use leptos::prelude::*;

/// A group, for its accompanists and its organisation's coordinators.
/// Accompanists see first names and initials only, and no draft.
#[server(endpoint = "groups/page")]
pub async fn load_group(id: GroupId) -> Result<GroupPage, AppError> {
    let group = crate::fields::checked_id("group", id)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Group(group.clone())).await?;
    let coordinator = user.role == crate::domain::model::Role::Coordinator;
    crate::groups::store::group_page(&db, &group, crate::state::today(), coordinator)
        .await?
        .ok_or(AppError::NotFound)
}
