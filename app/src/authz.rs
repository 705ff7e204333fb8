//! The one authorisation check. Every server function that reads or changes
//! data starts with `authorize(access)`, which resolves the caller from their
//! session and decides whether they may touch that data:
//! a parent sees only their own children, an accompanist only the groups they
//! lead, a coordinator only their organisation, a funder only aggregates of
//! their territory, an admin only the platform's accounts.

use crate::domain::ids::*;

/// What a server function is about to touch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Any signed-in person (their own account).
    SignedIn,
    /// The caller's own children (parents).
    OwnChildren,
    /// The caller's own sessions and groups (accompanists).
    OwnSessions,
    /// The whole of the caller's organisation (coordinators).
    Coordinator,
    /// The aggregates of the caller's territory (funders).
    Territory,
    /// The platform's organisations and accounts (admins).
    Platform,
    /// One child's record.
    Child(ChildId),
    /// One group and its members.
    Group(GroupId),
}

#[cfg(feature = "ssr")]
pub use server::authorize;

#[cfg(feature = "ssr")]
mod server {
    use super::Access;
    use crate::auth::{server::current_user, CurrentUser};
    use crate::db::{directory, Db};
    use crate::domain::model::Role;
    use crate::error::AppError;
    use crate::state::server_state;

    /// Resolves the caller and checks `access`; gives the caller and the
    /// database to the server function when allowed.
    pub async fn authorize(access: Access) -> Result<(CurrentUser, Db), AppError> {
        let state = server_state()?;
        let user = current_user().await?.ok_or(AppError::Unauthenticated)?;
        let allowed = match (&access, user.role) {
            (Access::SignedIn, _) => true,
            (Access::OwnChildren, Role::Parent) => user.guardian.is_some(),
            (Access::OwnSessions, Role::Accompanist) => user.accompanist.is_some(),
            (Access::Coordinator, Role::Coordinator) => user.organisation.is_some(),
            (Access::Territory, Role::Funder) => user.territory.is_some(),
            (Access::Platform, Role::Admin) => true,
            (Access::Child(child), role) => {
                let owner = directory::child_owner(&state.db, child)
                    .await?
                    .ok_or(AppError::NotFound)?;
                match role {
                    Role::Coordinator => user.organisation.as_ref() == Some(&owner),
                    Role::Parent => match &user.guardian {
                        Some(g) => directory::is_guardian_of(&state.db, g, child).await?,
                        None => false,
                    },
                    Role::Accompanist => match &user.accompanist {
                        Some(a) => directory::accompanist_has_child(&state.db, a, child).await?,
                        None => false,
                    },
                    Role::Admin | Role::Funder => false,
                }
            }
            (Access::Group(group), role) => {
                let owner = directory::group_owner(&state.db, group)
                    .await?
                    .ok_or(AppError::NotFound)?;
                match role {
                    Role::Coordinator => user.organisation.as_ref() == Some(&owner),
                    Role::Accompanist => match &user.accompanist {
                        Some(a) => directory::leads_group(&state.db, a, group).await?,
                        None => false,
                    },
                    _ => false,
                }
            }
            _ => false,
        };
        if allowed {
            Ok((user, state.db))
        } else {
            Err(AppError::Forbidden)
        }
    }
}
