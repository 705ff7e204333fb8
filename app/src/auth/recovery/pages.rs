//! `/mot-de-passe-oublie` (ask for a link) and `/mot-de-passe/:token`
//! (choose the new password). Plain forms: they work without JavaScript.

use super::api::{load_reset_link, RequestPasswordReset, ResetPassword};
use crate::auth::pages::NewPasswordFields;
use crate::components::{submit_error, Field, Loaded};
use crate::i18n::{families as t, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let l = use_locale();
    let ask = ServerAction::<RequestPasswordReset>::new();
    let error = submit_error(ask.value());
    let query = leptos_router::hooks::use_query_map();
    let sent = move || {
        matches!(ask.value().get(), Some(Ok(())))
            || query.read().get("envoye").as_deref() == Some("1")
    };
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::forgotten_password(l)}</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p class="lead">{t::forgotten_password_intro(l)}</p>
                        <ActionForm action=ask>
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
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button
                                type="submit"
                                class="button button-primary"
                                disabled=move || ask.pending().get()
                            >
                                {t::send_me_the_link(l)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice notice-success" role="status">
                    {t::reset_link_sent(l)}
                </p>
            </Show>
            <p class="hint">{t::no_email_ask_invitation(l)}</p>
            <p>
                <a href="/connexion">{t::back_to_sign_in(l)}</a>
            </p>
        </main>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let l = use_locale();
    let info = Resource::new(token, load_reset_link);
    let reset = ServerAction::<ResetPassword>::new();
    let error = submit_error(reset.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::new_password(l)}</h1>
            <Loaded
                resource=info
                render=move |info| {
                    view! {
                        <p>{t::account_label(l)} <strong>{info.email}</strong></p>
                        <p class="hint">{t::devices_signed_out_after(l)}</p>
                        <ActionForm action=reset>
                            <input type="hidden" name="token" value=token() />
                            <NewPasswordFields />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {t::save_password(l)}
                            </button>
                        </ActionForm>
                    }
                }
            />
            <p>
                <a href="/mot-de-passe-oublie">{t::ask_new_link(l)}</a>
            </p>
        </main>
    }
}
