//! Saving the display settings: on the device (a cookie) for anyone, and in
//! the account of whoever is signed in; a sign-in brings the account's
//! back to a device that has none.

use super::display::Display;
use crate::error::AppError;
use leptos::prelude::*;

/// Public: anyone may choose how the pages look on their device; the
/// account of whoever is signed in keeps the choice too (their own row,
/// nobody else's). Returns what was kept.
#[server(endpoint = "display")]
pub async fn save_display(
    text: String,
    #[server(default)] contrast: Option<String>,
    #[server(default)] dyslexia_font: Option<String>,
    #[server(default)] less_motion: Option<String>,
) -> Result<Display, AppError> {
    let display = Display {
        text: super::display::TextSize::from_percent(&text).ok_or(AppError::Invalid {
            field: "text".into(),
            problem: crate::error::FieldProblem::Unknown,
        })?,
        contrast: contrast.is_some(),
        dyslexia_font: dyslexia_font.is_some(),
        less_motion: less_motion.is_some(),
    };
    let state = crate::state::server_state()?;
    if let Some(user) = crate::auth::server::current_user().await? {
        server::set(&state.db, &user.id, display).await?;
    }
    crate::request::set_response_header(http::header::SET_COOKIE, &super::display::cookie(display));
    Ok(display)
}

#[cfg(feature = "ssr")]
pub use server::at_sign_in;

#[cfg(feature = "ssr")]
mod server {
    use super::Display;
    use crate::accessibility::display::{cookie, DISPLAY_COOKIE};
    use crate::auth::CurrentUser;
    use crate::db::Db;
    use crate::domain::ids::UserId;
    use crate::error::AppError;
    use crate::state::ServerState;
    use sqlx::Row;

    /// The settings `user`'s account keeps.
    pub async fn of(db: &Db, user: &UserId) -> Result<Display, sqlx::Error> {
        let code: Option<String> = sqlx::query("SELECT display FROM users WHERE id = $1")
            .bind(&user.0)
            .fetch_optional(&db.pool)
            .await?
            .map(|r| r.try_get("display"))
            .transpose()?;
        Ok(Display::from_code(code.as_deref().unwrap_or_default()))
    }

    /// Keeps `display` in `user`'s account.
    pub async fn set(db: &Db, user: &UserId, display: Display) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE users SET display = $1 WHERE id = $2 AND display <> $1")
            .bind(display.code())
            .bind(&user.0)
            .execute(&db.pool)
            .await?;
        Ok(())
    }

    /// At sign-in: a device that chose its display gives it to the account;
    /// a device that chose nothing takes the account's (the answer sets the
    /// cookie), as the language does (`auth::language::at_sign_in`).
    pub async fn at_sign_in(state: &ServerState, user: &CurrentUser) -> Result<(), AppError> {
        match crate::request::request_cookie(DISPLAY_COOKIE) {
            Some(code) => set(&state.db, &user.id, Display::from_code(&code)).await?,
            None => {
                let kept = of(&state.db, &user.id).await?;
                if kept != Display::default() {
                    crate::request::set_response_header(http::header::SET_COOKIE, &cookie(kept));
                }
            }
        }
        Ok(())
    }
}
