//! The login page, the invitation page (choose a password) and the
//! coordinator's invitations page. Plain forms: they work without JavaScript
//! and are enhanced once hydrated.

use crate::auth::api::{
    load_invitation, load_invitees, load_sign_in_step, AcceptInvitation, ConfirmSignIn,
    CreateInvitation, Login,
};
use crate::components::{submit_error, Field, Loaded, Page};
use crate::i18n::catalogue::fill;
use crate::i18n::{families as t, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let l = use_locale();
    let login = ServerAction::<Login>::new();
    let error = submit_error(login.value());
    let query = leptos_router::hooks::use_query_map();
    let password_changed = move || query.read().get("mot-de-passe").as_deref() == Some("change");
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::sign_in_title(l)}</h1>
            <p class="lead">{t::sign_in_intro(l)}</p>
            <Show when=password_changed>
                <p class="notice notice-success" role="status">
                    {t::password_changed_sign_in(l)}
                </p>
            </Show>
            <ActionForm action=login>
                <Field control="email" label={t::email_address(l)}>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        inputmode="email"
                        required
                        maxlength="254"
                    />
                </Field>
                <Field control="password" label={t::password(l)}>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength="256"
                    />
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || login.pending().get()
                >
                    {t::sign_in(l)}
                </button>
            </ActionForm>
            <p>
                <a href="/mot-de-passe-oublie">{t::forgot_password(l)}</a>
            </p>
            <p class="hint">{t::no_account_yet(l)}</p>
        </main>
    }
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let l = use_locale();
    let info = Resource::new(token, load_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = submit_error(accept.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::create_your_account(l)}</h1>
            <Loaded
                resource=info
                render=move |inv| {
                    view! {
                        <p class="lead">
                            {fill(
                                t::invitation_hello(l),
                                &[
                                    ("name", &inv.display_name),
                                    ("organisation", &inv.organisation_name),
                                ],
                            )}
                        </p>
                        <p>{t::your_sign_in_email(l)} <strong>{inv.email}</strong></p>
                        <ActionForm action=accept>
                            <input type="hidden" name="token" value=token() />
                            <NewPasswordFields />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {t::create_my_account(l)}
                            </button>
                        </ActionForm>
                    }
                }
            />
        </main>
    }
}

/// The two fields of a new password (the invitation and a password
/// reset), with the rule said once.
#[component]
pub fn NewPasswordFields() -> impl IntoView {
    let l = use_locale();
    view! {
        <Field control="password" label={t::password(l)} hint={t::password_hint(l)}>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="new-password"
                minlength="12"
                maxlength="256"
                required
                aria-describedby="password-hint"
            />
        </Field>
        <Field control="password_confirmation" label={t::confirm_password(l)}>
            <input
                id="password_confirmation"
                name="password_confirmation"
                type="password"
                autocomplete="new-password"
                minlength="12"
                maxlength="256"
                required
            />
        </Field>
    }
}

/// Coordinator: invite guardians and accompanists, one link each.
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let create = ServerAction::<CreateInvitation>::new();
    let created = crate::components::successes(create.value());
    let people = Resource::new(move || created.get(), |_| load_invitees());
    let error = submit_error(create.value());
    let link = move || match create.value().get() {
        Some(Ok(link)) => Some(link),
        _ => None,
    };
    view! {
        <Page title="Invitations">
            <p class="lead">
                "Invitez un parent ou un accompagnateur : Passerelle lui envoie par courriel un lien pour créer son compte. Le lien sert une seule fois et expire après 14 jours ; il s'affiche aussi ici, pour le transmettre autrement (SMS) si le courriel n'arrive pas."
            </p>
            {move || {
                link()
                    .map(|link| {
                        view! {
                            <div class="notice notice-success" role="status">
                                <p class="invitation-mailed">
                                    {if link.mail_leaves {
                                        format!(
                                            "Invitation envoyée par courriel à {}.",
                                            link.mailed_to,
                                        )
                                    } else {
                                        format!(
                                            "Aucun serveur de courriel n'est configuré : l'invitation pour {} n'est pas partie. Transmettez ce lien vous-même.",
                                            link.mailed_to,
                                        )
                                    }}
                                </p>
                                <p>
                                    {if link.mail_leaves {
                                        "Si le courriel n'arrive pas, transmettez ce lien :"
                                    } else {
                                        "Le lien :"
                                    }}
                                </p>
                                <p>
                                    <code class="invitation-link">{link.path}</code>
                                </p>
                            </div>
                        }
                    })
            }}
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
            <Loaded
                resource=people
                render=move |list| {
                    view! {
                        <table class="table table-stack">
                            <thead>
                                <tr>
                                    <th scope="col">"Personne"</th>
                                    <th scope="col">"Rôle"</th>
                                    <th scope="col">"E-mail"</th>
                                    <th scope="col">"Compte"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|p| {
                                        let role = p.role.as_str();
                                        let role_label = if role == "parent" {
                                            "Parent"
                                        } else {
                                            "Accompagnement"
                                        };
                                        view! {
                                            <tr>
                                                <td>{p.name.clone()}</td>
                                                <td>{role_label}</td>
                                                <td>{p.email.clone().unwrap_or_else(|| "—".into())}</td>
                                                <td>
                                                    {if p.has_account {
                                                        view! { <span class="muted">"Compte actif"</span> }
                                                            .into_any()
                                                    } else {
                                                        view! {
                                                            <ActionForm action=create attr:class="invite-form">
                                                                <input type="hidden" name="role" value=role />
                                                                <input type="hidden" name="person_id" value=p.id.clone() />
                                                                <label
                                                                    class="visually-hidden"
                                                                    for=format!("email-{}", p.id)
                                                                >
                                                                    {format!("Adresse e-mail de {}", p.name)}
                                                                </label>
                                                                <input
                                                                    id=format!("email-{}", p.id)
                                                                    name="email"
                                                                    type="email"
                                                                    inputmode="email"
                                                                    autocomplete="off"
                                                                    maxlength="254"
                                                                    value=p.email.clone().unwrap_or_default()
                                                                />
                                                                <button type="submit" class="button">
                                                                    {format!("Inviter {}", p.name)}
                                                                </button>
                                                            </ActionForm>
                                                        }
                                                            .into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                }
            />
        </Page>
    }
}

/// `/connexion/code`: the second step of a sign-in. The code of the app (or
/// a recovery code); for a coordinator or an admin without a second factor
/// yet, its set-up first.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    use crate::auth::account::pages::{CodeField, EnrolmentSteps};
    let l = use_locale();
    let step = Resource::new(|| (), |_| load_sign_in_step());
    let confirm = ServerAction::<ConfirmSignIn>::new();
    let error = submit_error(confirm.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::sign_in_code(l)}</h1>
            <Loaded
                resource=step
                render=move |step| {
                    let enrolling = step.enrolment.is_some();
                    view! {
                        {match step.enrolment {
                            Some(e) => {
                                view! {
                                    <p class="lead">{t::second_factor_intro(l)}</p>
                                    <EnrolmentSteps enrolment=e />
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <p class="lead">
                                        {fill(t::type_the_code(l), &[("name", &step.display_name)])}
                                    </p>
                                }
                                    .into_any()
                            }
                        }}
                        <ActionForm action=confirm>
                            <CodeField label=if enrolling {
                                t::six_digit_code(l)
                            } else {
                                t::six_digit_or_recovery_code(l)
                            } />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {t::confirm(l)}
                            </button>
                        </ActionForm>
                        <p class="hint">
                            <a href="/connexion">{t::start_sign_in_again(l)}</a>
                        </p>
                    }
                }
            />
        </main>
    }
}
