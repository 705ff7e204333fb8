//! `/administration/courriels`: the outbox as an admin reads it (queued,
//! sent, failed mails, with the last error), filtered by state, and the
//! button that puts a failed or interrupted mail back in the queue.

use crate::components::{submit_error, Loaded, Page};
use crate::error::AppError;
use crate::mail::states::{OutboxLine, STATES};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// How many mails the page lists at most.
pub const LISTED: i64 = 200;

/// Admin: the newest mails, of one state (its code) or all.
#[server(endpoint = "admin/outbox")]
pub async fn load_outbox(state: Option<String>) -> Result<Vec<OutboxLine>, AppError> {
    let (_, db) = crate::authz::authorize(crate::authz::Access::Platform).await?;
    let state = match state.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => Some(crate::mail::states::MailState::parse(code).ok_or(
            AppError::invalid("state", crate::error::FieldProblem::Unknown),
        )?),
    };
    Ok(crate::mail::outbox::list(&db, state, LISTED).await?)
}

/// Admin: puts a failed or interrupted mail back in the queue.
#[server(endpoint = "admin/outbox-retry")]
pub async fn retry_mail(id: String) -> Result<(), AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Platform).await?;
    let id = crate::fields::checked_id("id", id)?;
    if !crate::mail::outbox::requeue(&db, &id, crate::state::now()).await? {
        return Err(AppError::NotFound);
    }
    let mut work = crate::authz::work_of(&user, &db).await?;
    work.audit("mail.retry", ("mail", &id), "").await?;
    work.commit().await?;
    Ok(())
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let query = use_query_map();
    let state = move || query.read().get("etat");
    let retry = ServerAction::<RetryMail>::new();
    let mails = Resource::new(
        move || (state(), retry.version().get()),
        |(state, _)| load_outbox(state),
    );
    let error = submit_error(retry.value());
    view! {
        <Page title="Courriels">
            <p class="lead">
                "Les courriels que Passerelle a mis en file : invitations, nouveaux mots de passe, alertes et résumés. Un courriel « interrompu » est peut-être parti : il n'est renvoyé que si vous le demandez."
            </p>
            <nav aria-label="Filtrer par état" class="filters">
                <a
                    href="/administration/courriels"
                    aria-current=move || state().is_none().then_some("page")
                >
                    "Tous"
                </a>
                {STATES
                    .into_iter()
                    .map(|s| {
                        let href = format!("/administration/courriels?etat={}", s.code());
                        view! {
                            <a
                                href=href
                                aria-current=move || {
                                    (state().as_deref() == Some(s.code())).then_some("page")
                                }
                            >
                                {s.label()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
            <Loaded
                resource=mails
                render=move |list| {
                    if list.is_empty() {
                        return view! { <p class="hint">"Aucun courriel."</p> }.into_any();
                    }
                    view! {
                        <table class="table table-stack outbox">
                            <thead>
                                <tr>
                                    <th scope="col">"Créé"</th>
                                    <th scope="col">"Destinataire"</th>
                                    <th scope="col">"Objet"</th>
                                    <th scope="col">"État"</th>
                                    <th scope="col">"Essais"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|m| {
                                        let retried = m.state.retried();
                                        view! {
                                            <tr data-state=m.state.code()>
                                                <td data-label="Créé">{m.created_at}</td>
                                                <td data-label="Destinataire">{m.recipient}</td>
                                                <td data-label="Objet">{m.subject}</td>
                                                <td data-label="État">
                                                    <span class="mail-state">{m.state.label()}</span>
                                                    {(!m.last_error.is_empty())
                                                        .then(|| {
                                                            view! {
                                                                <span class="hint mail-error">{m.last_error}</span>
                                                            }
                                                        })}
                                                    {m
                                                        .sent_at
                                                        .map(|s| {
                                                            view! {
                                                                <span class="hint">{format!("Envoyé le {s}")}</span>
                                                            }
                                                        })}
                                                </td>
                                                <td data-label="Essais">
                                                    {m.attempts}
                                                    {retried
                                                        .then(|| {
                                                            view! {
                                                                <ActionForm action=retry>
                                                                    <input type="hidden" name="id" value=m.id.clone() />
                                                                    <button type="submit" class="button">
                                                                        "Renvoyer"
                                                                    </button>
                                                                </ActionForm>
                                                            }
                                                        })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            />
        </Page>
    }
}
