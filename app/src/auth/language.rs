//! Each person's language, remembered twice: in a cookie on the device (the
//! pages read it before anyone signs in) and in the account
//! (`users.locale`: the mails are written in it, and a sign-in on a new
//! device brings it back). Arabic is offered to families: a staff member
//! who chooses it keeps French (`Locale::for_staff`).

use crate::auth::store::resets;
use crate::auth::CurrentUser;
use crate::domain::model::Role;
use crate::error::AppError;
use crate::i18n::{Locale, LOCALE_COOKIE};
use crate::state::ServerState;

/// The language `user` may read: any for a guardian, French or English for
/// the staff.
pub fn allowed(user: &CurrentUser, chosen: Locale) -> Locale {
    if user.role == Role::Parent {
        chosen
    } else {
        chosen.for_staff()
    }
}

/// The `Set-Cookie` value that keeps `locale` on this device for a year.
pub fn cookie(locale: Locale) -> String {
    format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    )
}

/// The language switch: the signed-in account (found by the session cookie
/// among `headers`) remembers the choice. Returns the language the device
/// keeps.
pub async fn choose(
    state: &ServerState,
    headers: &http::HeaderMap,
    chosen: Locale,
) -> Result<Locale, AppError> {
    let Some(user) = crate::auth::server::user_of_headers(state, headers).await? else {
        return Ok(chosen);
    };
    let locale = allowed(&user, chosen);
    resets::set_locale(&state.db, &user.id, locale.code()).await?;
    Ok(locale)
}

/// At sign-in: a device that has a language gives it to the account; a
/// device that has none takes the account's (the answer sets the cookie).
pub async fn at_sign_in(state: &ServerState, user: &CurrentUser) -> Result<(), AppError> {
    let on_device = crate::request::request_cookie(LOCALE_COOKIE).map(|c| Locale::from_code(&c));
    let remembered = match on_device {
        Some(chosen) => allowed(user, chosen),
        None => {
            let mut conn = state.db.pool.acquire().await?;
            allowed(
                user,
                crate::mail::choices::locale_of(&mut conn, &user.id).await?,
            )
        }
    };
    resets::set_locale(&state.db, &user.id, remembered.code()).await?;
    if on_device != Some(remembered) {
        crate::request::set_response_header(http::header::SET_COOKIE, &cookie(remembered));
    }
    Ok(())
}
