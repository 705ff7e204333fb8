//! The mails a person receives: their choices on « Mon compte », and the
//! one-click stop link every stoppable mail carries (`/courriels/arret/…`),
//! which works without signing in.

use crate::components::{submit_error, Loaded};
use crate::error::AppError;
use crate::i18n::{families as t, use_locale, Locale};
use crate::mail::MailKind;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    db::{timestamp, Author, Work},
    mail::{choices, outbox},
    state::{now, server_state},
};

/// One kind of mail the person may choose, and whether they receive it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailChoice {
    pub kind: MailKind,
    pub wanted: bool,
}

/// Signed in: the kinds of mail the caller may choose.
#[server(endpoint = "account/mail")]
pub async fn load_mail_choices() -> Result<Vec<MailChoice>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let kinds = MailKind::chosen_by(user.role);
    Ok(choices::of_user(&db, &user.id, &kinds)
        .await?
        .into_iter()
        .map(|(kind, wanted)| MailChoice { kind, wanted })
        .collect())
}

/// Signed in: receive (`wanted` = `oui`) or stop a kind of mail.
#[server(endpoint = "account/mail-choice")]
pub async fn set_mail_choice(kind: String, wanted: String) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    let kind = MailKind::parse(&kind)
        .filter(|k| MailKind::chosen_by(user.role).contains(k))
        .ok_or(AppError::invalid("kind", FieldProblem::Unknown))?;
    let want = match wanted.as_str() {
        "oui" => true,
        "non" => false,
        _ => return Err(AppError::invalid("wanted", FieldProblem::Unknown)),
    };
    let mut work = crate::authz::work_of(&user, &db).await?;
    let at = work.at().to_string();
    choices::set(&mut work, &user.id, kind, want, &at).await?;
    work.audit(
        "account.mail_choice",
        ("user", &user.id.0),
        &format!("{}={want}", kind.code()),
    )
    .await?;
    work.commit().await?;
    Ok(())
}

/// What the stop page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStop {
    pub kind: MailKind,
    pub wanted: bool,
}

#[cfg(feature = "ssr")]
async fn stop_target(
    db: &crate::db::Db,
    token: &str,
) -> Result<(crate::domain::ids::UserId, MailKind), AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let mut conn = db.pool.acquire().await?;
    outbox::stop_target(&mut conn, token)
        .await?
        .ok_or(AppError::NotFound)
}

/// Public (the link is the permission): the kind of mail a stop link is for.
#[server(endpoint = "mail/stop-link")]
pub async fn load_mail_stop(token: String) -> Result<MailStop, AppError> {
    let state = server_state()?;
    let (user, kind) = stop_target(&state.db, &token).await?;
    let mut conn = state.db.pool.acquire().await?;
    let wanted = choices::wanted(&mut conn, &user, kind).await?;
    Ok(MailStop { kind, wanted })
}

/// Public (the link is the permission): stops the kind of mail of a stop
/// link. Also the target of the mail clients' one-click unsubscribe.
#[server(endpoint = "mail/stop")]
pub async fn stop_mail(token: String) -> Result<(), AppError> {
    let state = server_state()?;
    stop_by_token(&state.db, &token).await
}

/// Stops the kind of mail of the stop link `token`.
#[cfg(feature = "ssr")]
pub async fn stop_by_token(db: &crate::db::Db, token: &str) -> Result<(), AppError> {
    let (user, kind) = stop_target(db, token).await?;
    let org = crate::auth::store::accounts::user_by_id(db, &user)
        .await?
        .and_then(|u| u.organisation);
    let author = Author {
        organisation: org,
        user: Some(user.clone()),
    };
    let mut work = Work::begin(db, author, now()).await?;
    choices::set(&mut work, &user, kind, false, &timestamp(now())).await?;
    work.audit("account.mail_stopped", ("user", &user.0), kind.code())
        .await?;
    work.commit().await?;
    Ok(())
}

fn status(l: Locale, wanted: bool) -> &'static str {
    if wanted {
        t::mail_received(l)
    } else {
        t::mail_not_received(l)
    }
}

/// « Courriels » on the account page: each kind the person may choose,
/// with a button that turns it on or off.
#[component]
pub fn MailChoices() -> impl IntoView {
    let l = use_locale();
    let set = ServerAction::<SetMailChoice>::new();
    let list = Resource::new(move || set.version().get(), |_| load_mail_choices());
    let error = submit_error(set.value());
    view! {
        <section class="account-section" aria-labelledby="compte-courriels">
            <h2 id="compte-courriels">{t::mails(l)}</h2>
            <Loaded
                resource=list
                render=move |choices| {
                    if choices.is_empty() {
                        return view! { <p class="hint">{t::mails_access_only(l)}</p> }.into_any();
                    }
                    view! {
                        <ul class="mail-choices">
                            {choices
                                .into_iter()
                                .map(|c| {
                                    let kind = c.kind.code();
                                    view! {
                                        <li class="mail-choice">
                                            <span class="mail-choice-label">{c.kind.label(l)}</span>
                                            <span
                                                class="mail-choice-status"
                                                data-wanted=if c.wanted { "oui" } else { "non" }
                                            >
                                                {status(l, c.wanted)}
                                            </span>
                                            <ActionForm action=set>
                                                <input type="hidden" name="kind" value=kind />
                                                <input
                                                    type="hidden"
                                                    name="wanted"
                                                    value=if c.wanted { "non" } else { "oui" }
                                                />
                                                <button type="submit" class="button">
                                                    {if c.wanted {
                                                        t::stop_receiving(l)
                                                    } else {
                                                        t::receive(l)
                                                    }}
                                                </button>
                                            </ActionForm>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            />
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
        </section>
    }
}

/// `/courriels/arret/:token`: the stop link of a mail.
#[component]
pub fn MailStopPage() -> impl IntoView {
    let l = use_locale();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let stop = ServerAction::<StopMail>::new();
    let info = Resource::new(
        move || (token(), stop.version().get()),
        |(t, _)| load_mail_stop(t),
    );
    let error = submit_error(stop.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::stop_this_mail(l)}</h1>
            <Loaded
                resource=info
                render=move |info| {
                    view! {
                        <p class="lead">{info.kind.label(l)}</p>
                        {if info.wanted {
                            view! {
                                <ActionForm action=stop>
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="button button-primary">
                                        {t::stop_these_mails(l)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="notice notice-success" role="status">
                                    {t::mails_stopped(l)}
                                </p>
                            }
                                .into_any()
                        }}
                    }
                }
            />
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
        </main>
    }
}
