//! « Mon compte » (password, second factor, devices) and the steps that set
//! up a second factor, shared with the sign-in of a coordinator who has
//! none yet. Plain forms: they work without JavaScript.

use super::mail::MailChoices;
use crate::auth::account::api::{
    load_account, start_enrolment, ChangePassword, ConfirmEnrolment, Device, RemoveSecondFactor,
    SignOutOtherDevices,
};
use crate::auth::api::Enrolment;
use crate::auth::policy;
use crate::components::{form_error, submit_error, CheckedForm, Field, Loaded};
use crate::format::{day_month_in, time_in};
use crate::i18n::{tr, use_locale, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The three steps of setting up a second factor: an app, the QR code (or
/// the key typed by hand), the recovery codes to keep.
#[component]
pub fn EnrolmentSteps(enrolment: Enrolment) -> impl IntoView {
    let l = use_locale();
    view! {
        <ol class="steps">
            <li>
                {tr(
                    l,
                    "Installez sur votre téléphone une application d'authentification (par exemple Aegis, Google Authenticator, Microsoft Authenticator, ou le gestionnaire de mots de passe du téléphone).",
                    "Install an authenticator app on your phone (for example Aegis, Google Authenticator, Microsoft Authenticator, or the phone's password manager).",
                )}
            </li>
            <li>
                {tr(
                    l,
                    "Dans l'application, ajoutez un compte en scannant ce code :",
                    "In the app, add an account by scanning this code:",
                )}
                <div
                    class="qr"
                    role="img"
                    aria-label=tr(
                        l,
                        "Code QR à scanner avec l'application",
                        "QR code to scan with the app",
                    )
                    inner_html=enrolment.qr_svg
                ></div>
                <p class="hint">
                    {tr(
                        l,
                        "Impossible de scanner ? Tapez cette clé dans l'application : ",
                        "Cannot scan? Type this key into the app: ",
                    )} <code class="secret">{enrolment.secret}</code>
                </p>
            </li>
            <li>
                {tr(
                    l,
                    "Notez ces codes de secours et gardez-les en lieu sûr. Chacun sert une fois, si vous n'avez plus votre téléphone. Ils ne seront plus affichés.",
                    "Write down these recovery codes and keep them safe. Each works once, if you no longer have your phone. They will not be shown again.",
                )}
                <ul class="recovery-codes">
                    {enrolment
                        .recovery_codes
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    <code>{c}</code>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </li>
            <li>
                {tr(
                    l,
                    "Tapez le code à 6 chiffres que l'application affiche.",
                    "Type the 6-digit code the app shows.",
                )}
            </li>
        </ol>
    }
}

/// The field of a six-digit code.
#[component]
pub fn CodeField(#[prop(into)] label: TextProp) -> impl IntoView {
    view! {
        <Field control="code" label refused="code">
            <input
                id="code"
                name="code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                required
                maxlength="30"
                class="code-input"
            />
        </Field>
    }
}

/// The field of the current password, asked again before a change.
#[component]
fn CurrentPasswordField() -> impl IntoView {
    let l = use_locale();
    view! {
        <Field
            control="current_password"
            label=tr(l, "Mot de passe actuel", "Current password")
            refused="current_password"
        >
            <input
                id="current_password"
                name="current_password"
                type="password"
                autocomplete="current-password"
                required
                maxlength="256"
            />
        </Field>
    }
}

/// « Le 3 décembre à 16 h 45 ».
fn when(at: Option<chrono::NaiveDateTime>, l: Locale) -> String {
    match at {
        Some(at) => match l {
            Locale::Fr => format!("{} à {}", day_month_in(at.date(), l), time_in(at.time(), l)),
            Locale::En => format!(
                "{} at {}",
                day_month_in(at.date(), l),
                time_in(at.time(), l)
            ),
        },
        None => "—".to_string(),
    }
}

fn device_row(d: Device, l: Locale) -> impl IntoView {
    let label = d.label.replace(" · ", tr(l, " sur ", " on "));
    view! {
        <li class="device" data-current=d.current.then_some("true")>
            <strong>{label}</strong>
            {d
                .current
                .then(|| {
                    view! { <span class="badge">{tr(l, "cet appareil", "this device")}</span> }
                })}
            <span class="muted">
                {match l {
                    Locale::Fr => {
                        format!(
                            "Connecté le {} · dernière activité le {}",
                            when(d.signed_in_at, l),
                            when(d.last_seen_at, l),
                        )
                    }
                    Locale::En => {
                        format!(
                            "Signed in {} · last active {}",
                            when(d.signed_in_at, l),
                            when(d.last_seen_at, l),
                        )
                    }
                }}
            </span>
        </li>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let l = use_locale();
    let password = ServerAction::<ChangePassword>::new();
    let others = ServerAction::<SignOutOtherDevices>::new();
    let remove = ServerAction::<RemoveSecondFactor>::new();
    let account = Resource::new(
        move || {
            (
                password.version().get(),
                others.version().get(),
                remove.version().get(),
            )
        },
        |_| load_account(),
    );
    let password_changed = move || matches!(password.value().get(), Some(Ok(())));
    let signed_out = move || match others.value().get() {
        Some(Ok(n)) => Some(n),
        _ => None,
    };
    let others_error = submit_error(others.value());
    let remove_error = form_error(remove.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{tr(l, "Mon compte", "My account")}</h1>
            <Loaded
                resource=account
                render=move |a| {
                    let can_sign_out = a.devices.len() > 1;
                    view! {
                        <p class="lead">{a.display_name.clone()} " · " {a.email.clone()}</p>
                        <section class="account-section" aria-labelledby="compte-mot-de-passe">
                            <h2 id="compte-mot-de-passe">{tr(l, "Mot de passe", "Password")}</h2>
                            <Show when=password_changed>
                                <p class="notice notice-success" role="status">
                                    {tr(
                                        l,
                                        "Mot de passe changé. Vos autres appareils ont été déconnectés.",
                                        "Password changed. Your other devices were signed out.",
                                    )}
                                </p>
                            </Show>
                            <CheckedForm
                                action=password
                                check=|input: &ChangePassword| {
                                    policy::new_password(
                                            &input.password,
                                            &input.password_confirmation,
                                        )
                                        .map(|_| ())
                                }
                            >
                                <CurrentPasswordField />
                                <Field
                                    control="password"
                                    label=tr(l, "Nouveau mot de passe", "New password")
                                    refused="password"
                                    hint=tr(
                                        l,
                                        "Au moins 12 caractères. Une phrase à vous convient très bien ; les mots de passe courants sont refusés.",
                                        "At least 12 characters. A sentence of your own works well; common passwords are refused.",
                                    )
                                >
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
                                <Field
                                    control="password_confirmation"
                                    label=tr(
                                        l,
                                        "Confirmez le nouveau mot de passe",
                                        "Confirm the new password",
                                    )
                                    refused="password_confirmation"
                                >
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
                                <button type="submit" class="button button-primary">
                                    {tr(l, "Changer le mot de passe", "Change the password")}
                                </button>
                            </CheckedForm>
                        </section>
                        <section class="account-section" aria-labelledby="compte-double">
                            <h2 id="compte-double">
                                {tr(l, "Double authentification", "Two-step sign-in")}
                            </h2>
                            {if a.second_factor {
                                view! {
                                    <p>
                                        <strong>{tr(l, "Activée.", "On.")}</strong>
                                        " "
                                        {tr(
                                            l,
                                            "À chaque connexion, le code de votre application vous est demandé après le mot de passe.",
                                            "At each sign-in, your app's code is asked for after the password.",
                                        )}
                                    </p>
                                    <p>
                                        {match l {
                                            Locale::Fr => {
                                                format!(
                                                    "Codes de secours restants : {}.",
                                                    a.recovery_codes_left,
                                                )
                                            }
                                            Locale::En => {
                                                format!("Recovery codes left: {}.", a.recovery_codes_left)
                                            }
                                        }}
                                    </p>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p>
                                        <strong>{tr(l, "Pas activée.", "Off.")}</strong>
                                        " "
                                        {tr(
                                            l,
                                            "Avec un code de votre téléphone en plus du mot de passe, votre compte reste protégé même si quelqu'un connaît votre mot de passe.",
                                            "With a code from your phone on top of the password, your account stays safe even if someone knows your password.",
                                        )}
                                    </p>
                                }
                                    .into_any()
                            }}
                            <p>
                                <a class="button" href="/compte/double-authentification">
                                    {if a.second_factor {
                                        tr(
                                            l,
                                            "Changer de téléphone ou obtenir de nouveaux codes de secours",
                                            "Change phone or get new recovery codes",
                                        )
                                    } else {
                                        tr(
                                            l,
                                            "Activer la double authentification",
                                            "Turn on two-step sign-in",
                                        )
                                    }}
                                </a>
                            </p>
                            {(a.second_factor && !a.second_factor_required)
                                .then(|| {
                                    view! {
                                        <details>
                                            <summary>{tr(l, "Désactiver", "Turn off")}</summary>
                                            <ActionForm action=remove>
                                                <CurrentPasswordField />
                                                <Show when=move || remove_error().is_some()>
                                                    <p class="form-error" role="alert">
                                                        {remove_error}
                                                    </p>
                                                </Show>
                                                <button type="submit" class="button">
                                                    {tr(
                                                        l,
                                                        "Désactiver la double authentification",
                                                        "Turn off two-step sign-in",
                                                    )}
                                                </button>
                                            </ActionForm>
                                        </details>
                                    }
                                })}
                        </section>
                        <section class="account-section" aria-labelledby="compte-appareils">
                            <h2 id="compte-appareils">
                                {tr(l, "Appareils connectés", "Devices signed in")}
                            </h2>
                            <ul class="devices">
                                {a.devices.into_iter().map(|d| device_row(d, l)).collect_view()}
                            </ul>
                            <Show when=move || signed_out().is_some()>
                                <p class="notice notice-success" role="status">
                                    {move || {
                                        let n = signed_out().unwrap_or(0);
                                        match l {
                                            Locale::Fr => format!("{n} appareil(s) déconnecté(s)."),
                                            Locale::En => format!("{n} device(s) signed out."),
                                        }
                                    }}
                                </p>
                            </Show>
                            <Show when=move || others_error().is_some()>
                                <p class="form-error" role="alert">
                                    {others_error}
                                </p>
                            </Show>
                            {can_sign_out
                                .then(|| {
                                    view! {
                                        <ActionForm action=others>
                                            <button type="submit" class="button">
                                                {tr(
                                                    l,
                                                    "Déconnecter les autres appareils",
                                                    "Sign out the other devices",
                                                )}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </section>
                    }
                }
            />
            <MailChoices />
        </main>
    }
}

/// `/compte/double-authentification`: sets up a new second factor (the
/// first, or one replacing the current) with a code from it and the
/// current password.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let l = use_locale();
    let enrolment = Resource::new(|| (), |_| start_enrolment());
    let confirm = ServerAction::<ConfirmEnrolment>::new();
    let error = form_error(confirm.value());
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{tr(l, "Double authentification", "Two-step sign-in")}</h1>
            <Loaded
                resource=enrolment
                render=move |e| {
                    view! {
                        <EnrolmentSteps enrolment=e />
                        <ActionForm action=confirm>
                            <CodeField label=tr(l, "Code à 6 chiffres", "6-digit code") />
                            <CurrentPasswordField />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {tr(l, "Activer", "Turn on")}
                            </button>
                        </ActionForm>
                        <p>
                            <a href="/compte">
                                {tr(l, "Retour à mon compte", "Back to my account")}
                            </a>
                        </p>
                    }
                }
            />
        </main>
    }
}
