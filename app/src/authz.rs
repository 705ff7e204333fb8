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
    /// Registers: an accompanist's sessions or a coordinator's organisation;
    /// which session exactly is checked against it by
    /// `attendance::sync::may_take_register`.
    TakesRegisters,
    /// The aggregates of the caller's territory (funders).
    Territory,
    /// The platform's organisations and accounts (admins).
    Platform,
    /// One child's record.
    Child(ChildId),
    /// One group and its members.
    Group(GroupId),
    /// An organisation's report: its coordinators, or a funder of its
    /// territory (who reads figures, never a child's name).
    Organisation(OrganisationId),
}

#[cfg(feature = "ssr")]
pub use server::{authorize, coordinator_work, work_of, CoordinatorWork};

#[cfg(feature = "ssr")]
mod server {
    use super::Access;
    use crate::auth::store::directory;
    use crate::auth::{server::current_user, CurrentUser};
    use crate::db::{Author, Db, Work};
    use crate::domain::ids::OrganisationId;
    use crate::domain::model::Role;
    use crate::error::AppError;
    use crate::state::server_state;

    /// A write by the calling coordinator to their organisation, behind the
    /// organisation's lock (planning, records, settings: the rules read
    /// them all).
    pub struct CoordinatorWork {
        pub user: CurrentUser,
        pub db: Db,
        pub org: OrganisationId,
        pub work: Work,
    }

    /// Starts a write of the calling coordinator (see `CoordinatorWork`).
    pub async fn coordinator_work() -> Result<CoordinatorWork, AppError> {
        let (user, db) = authorize(Access::Coordinator).await?;
        let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
        let mut work = work_of(&user, &db).await?;
        work.lock_organisation().await?;
        Ok(CoordinatorWork {
            user,
            db,
            org,
            work,
        })
    }

    /// Starts a write by `user` (audited under their organisation), now.
    pub async fn work_of(user: &CurrentUser, db: &Db) -> Result<Work, AppError> {
        let author = Author {
            organisation: user.organisation.clone(),
            user: Some(user.id.clone()),
        };
        Ok(Work::begin(db, author, crate::state::now()).await?)
    }

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
            (Access::TakesRegisters, Role::Accompanist) => user.accompanist.is_some(),
            (Access::TakesRegisters, Role::Coordinator) => user.organisation.is_some(),
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
                        Some(a) => {
                            directory::accompanist_has_child(
                                &state.db,
                                a,
                                child,
                                crate::state::today(),
                            )
                            .await?
                        }
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
                        Some(a) => {
                            directory::leads_group(&state.db, a, group, crate::state::today())
                                .await?
                        }
                        None => false,
                    },
                    _ => false,
                }
            }
            (Access::Organisation(org), Role::Coordinator) => {
                user.organisation.as_ref() == Some(org)
            }
            (Access::Organisation(org), Role::Funder) => {
                let territory = directory::organisation_territory(&state.db, org)
                    .await?
                    .ok_or(AppError::NotFound)?;
                user.territory.as_ref() == Some(&territory)
            }
            _ => false,
        };
        if allowed {
            Ok((user, state.db))
        } else {
            crate::auth::events::refused(&user.id, &format!("{access:?}"));
            Err(AppError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Server functions anyone may call: they act on the caller's own
    /// session or on a secret token, never on stored data of others.
    const PUBLIC: [&str; 13] = [
        "save_display",
        "request_password_reset",
        "load_reset_link",
        "reset_password",
        "load_mail_stop",
        "stop_mail",
        "whoami",
        "login",
        "load_sign_in_step",
        "confirm_sign_in",
        "logout",
        "load_invitation",
        "accept_invitation",
    ];

    /// The calls that authorise: `authorize` itself, or a helper that starts
    /// with it (checked below).
    const GUARDS: [&str; 9] = [
        "authz::authorize(",
        "coordinator_work(",
        "planning_change(",
        "editable_session(",
        "guardian_caller(",
        "change_holidays(",
        "child_change(",
        "settings_change(",
        "dossier_document(",
    ];

    /// The body of a function of `file` (under `src/`).
    fn helper_body(file: &str, name: &str) -> String {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(file))
                .unwrap();
        let after = text
            .split(&format!("async fn {name}"))
            .nth(1)
            .expect("helper exists")
            .to_string();
        after.split("\n}\n").next().unwrap().to_string()
    }

    #[test]
    fn guard_helpers_authorise_first() {
        assert!(
            helper_body("authz.rs", "coordinator_work").contains("authorize(Access::Coordinator)")
        );
        assert!(helper_body("planning/change.rs", "planning_change")
            .contains("crate::authz::coordinator_work()"));
        assert!(helper_body("planning/change.rs", "editable_session").contains("planning_change()"));
        assert!(helper_body("family/api.rs", "guardian_caller")
            .contains("authz::authorize(crate::authz::Access::OwnChildren)"));
        assert!(helper_body("records/school_year/api.rs", "change_holidays")
            .contains("crate::authz::coordinator_work()"));
        assert!(helper_body("records/child/api.rs", "child_change")
            .contains("crate::authz::coordinator_work()"));
        assert!(helper_body("records/settings/api.rs", "settings_change")
            .contains("crate::authz::coordinator_work()"));
        assert!(helper_body("reports/dossier/api.rs", "dossier_document")
            .contains("crate::authz::authorize(crate::authz::Access::Organisation(org.clone()))"));
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every server function starts with the one authorisation check,
    /// unless it is one of the few public ones.
    #[test]
    fn every_server_function_is_authorised() {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        // At a line start: `#[server(default)]` marks an argument, not a function.
        let marker = ["\n#[ser", "ver("].concat();
        let mut seen = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for chunk in text.split(marker.as_str()).skip(1) {
                let name = chunk
                    .split("async fn ")
                    .nth(1)
                    .and_then(|rest| rest.split('(').next())
                    .unwrap_or_default()
                    .to_string();
                seen += 1;
                if PUBLIC.contains(&name.as_str()) {
                    continue;
                }
                assert!(
                    GUARDS.iter().any(|g| chunk.contains(g)),
                    "{}: server function `{name}` does not call authz::authorize",
                    file.display()
                );
            }
        }
        assert!(seen >= 12, "only {seen} server functions found");
    }
}
