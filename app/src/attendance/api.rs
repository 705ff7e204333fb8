use crate::error::AppError;
use crate::groups::types::GroupLine;
use crate::planning::types::SessionLine;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayView {
    pub today: chrono::NaiveDate,
    pub sessions_today: Vec<SessionLine>,
    pub sessions_tomorrow: Vec<SessionLine>,
    pub groups: Vec<GroupLine>,
}

/// Accompanist: their sessions of today and tomorrow, and the groups they lead.
#[server(endpoint = "attendance/today")]
pub async fn load_today() -> Result<TodayView, AppError> {
    use crate::db::planning::{sessions, Scope};
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnSessions).await?;
    let me = user.accompanist.ok_or(AppError::Forbidden)?;
    let today = crate::state::today();
    let tomorrow = today + chrono::Duration::days(1);
    Ok(TodayView {
        today,
        sessions_today: sessions(
            &mut *db.pool.acquire().await?,
            Scope::Accompanist(&me),
            today,
            today,
        )
        .await?,
        sessions_tomorrow: sessions(
            &mut *db.pool.acquire().await?,
            Scope::Accompanist(&me),
            tomorrow,
            tomorrow,
        )
        .await?,
        groups: crate::db::views::groups_of_accompanist(&db, &me).await?,
    })
}
