//! `/mot-de-passe-oublie` (ask for a link) and `/mot-de-passe/:token`
//! (choose the new password). Plain forms: they work without JavaScript.

use super::api::{load_reset_link, RequestPasswordReset, ResetPassword};
use crate::auth::pages::NewPasswordFields;
use crate::components::{submit_error, Field, Loaded};
use crate::i18n::{tr, use_locale};
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
            <h1>{tr(l, "Mot de passe oublié", "Forgotten password")}</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p class="lead">
                            {tr(
                                l,
                                "Tapez l'adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.",
                                "Type your account's e-mail address: we send you a link to choose a new password.",
                            )}
                        </p>
                        <ActionForm action=ask>
                            <Field
                                control="email"
                                label={tr(l, "Adresse e-mail", "E-mail address")}
                            >
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
                                {tr(l, "Recevoir le lien", "Send me the link")}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice notice-success" role="status">
                    {tr(
                        l,
                        "Si un compte existe pour cette adresse, un courriel vient de partir avec un lien valable une heure. Pensez à regarder dans les courriers indésirables.",
                        "If an account exists for this address, a mail has just left with a link that works for one hour. Look in your spam folder too.",
                    )}
                </p>
            </Show>
            <p class="hint">
                {tr(
                    l,
                    "Pas d'adresse e-mail, ou pas de courriel reçu ? La coordination de votre structure peut vous envoyer une nouvelle invitation.",
                    "No e-mail address, or no mail received? Your centre's coordinator can send you a new invitation.",
                )}
            </p>
            <p>
                <a href="/connexion">{tr(l, "Retour à la connexion", "Back to sign-in")}</a>
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
            <h1>{tr(l, "Nouveau mot de passe", "New password")}</h1>
            <Loaded
                resource=info
                render=move |info| {
                    view! {
                        <p>{tr(l, "Compte : ", "Account: ")} <strong>{info.email}</strong></p>
                        <p class="hint">
                            {tr(
                                l,
                                "Après ce changement, tous vos appareils seront déconnectés.",
                                "After this change, every device of yours is signed out.",
                            )}
                        </p>
                        <ActionForm action=reset>
                            <input type="hidden" name="token" value=token() />
                            <NewPasswordFields />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {tr(l, "Enregistrer le mot de passe", "Save the password")}
                            </button>
                        </ActionForm>
                    }
                }
            />
            <p>
                <a href="/mot-de-passe-oublie">
                    {tr(l, "Demander un nouveau lien", "Ask for a new link")}
                </a>
            </p>
        </main>
    }
}
