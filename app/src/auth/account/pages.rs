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
use crate::i18n::catalogue::fill;
use crate::i18n::{families as t, use_locale, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The three steps of setting up a second factor: an app, the QR code (or
/// the key typed by hand), the recovery codes to keep.
#[component]
pub fn EnrolmentSteps(enrolment: Enrolment) -> impl IntoView {
    let l = use_locale();
    view! {
        <ol class="steps">
            <li>{t::tfa_install_app(l)}</li>
            <li>
                {t::tfa_scan_code(l)}
                <div
                    class="qr"
                    role="img"
                    aria-label=t::tfa_qr_alt(l)
                    inner_html=enrolment.qr_svg
                ></div>
                <p class="hint">
                    {t::tfa_type_key(l)} <code class="secret">{enrolment.secret}</code>
                </p>
            </li>
            <li>
                {t::tfa_recovery_codes(l)}
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
            <li>{t::tfa_type_six_digits(l)}</li>
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
        <Field control="current_password" label=t::current_password(l) refused="current_password">
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
        Some(at) => fill(
            t::day_at_time(l),
            &[
                ("day", &day_month_in(at.date(), l)),
                ("time", &time_in(at.time(), l)),
            ],
        ),
        None => "—".to_string(),
    }
}

fn device_row(d: Device, l: Locale) -> impl IntoView {
    let label = d.label.replace(" · ", t::device_on(l));
    view! {
        <li class="device" data-current=d.current.then_some("true")>
            <strong>{label}</strong>
            {d
                .current
                .then(|| {
                    view! { <span class="badge">{t::this_device(l)}</span> }
                })}
            <span class="muted">
                {fill(
                    t::device_seen(l),
                    &[
                        ("signed_in", &when(d.signed_in_at, l)),
                        ("last_seen", &when(d.last_seen_at, l)),
                    ],
                )}
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
            <h1>{t::my_account(l)}</h1>
            <Loaded
                resource=account
                render=move |a| {
                    let can_sign_out = a.devices.len() > 1;
                    view! {
                        <p class="lead">{a.display_name.clone()} " · " {a.email.clone()}</p>
                        <section class="account-section" aria-labelledby="compte-mot-de-passe">
                            <h2 id="compte-mot-de-passe">{t::password(l)}</h2>
                            <Show when=password_changed>
                                <p class="notice notice-success" role="status">
                                    {t::password_changed(l)}
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
                                    label=t::new_password(l)
                                    refused="password"
                                    hint=t::new_password_hint(l)
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
                                    label=t::confirm_new_password(l)
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
                                    {t::change_password(l)}
                                </button>
                            </CheckedForm>
                        </section>
                        <section class="account-section" aria-labelledby="compte-double">
                            <h2 id="compte-double">{t::two_step(l)}</h2>
                            {if a.second_factor {
                                view! {
                                    <p>
                                        <strong>{t::two_step_on(l)}</strong>
                                        " "
                                        {t::two_step_on_explained(l)}
                                    </p>
                                    <p>
                                        {fill(
                                            t::recovery_codes_left(l),
                                            &[("count", &a.recovery_codes_left.to_string())],
                                        )}
                                    </p>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p>
                                        <strong>{t::two_step_off(l)}</strong>
                                        " "
                                        {t::two_step_why(l)}
                                    </p>
                                }
                                    .into_any()
                            }}
                            <p>
                                <a class="button" href="/compte/double-authentification">
                                    {if a.second_factor {
                                        t::two_step_renew(l)
                                    } else {
                                        t::two_step_turn_on(l)
                                    }}
                                </a>
                            </p>
                            {(a.second_factor && !a.second_factor_required)
                                .then(|| {
                                    view! {
                                        <details>
                                            <summary>{t::turn_off(l)}</summary>
                                            <ActionForm action=remove>
                                                <CurrentPasswordField />
                                                <Show when=move || remove_error().is_some()>
                                                    <p class="form-error" role="alert">
                                                        {remove_error}
                                                    </p>
                                                </Show>
                                                <button type="submit" class="button">
                                                    {t::two_step_turn_off(l)}
                                                </button>
                                            </ActionForm>
                                        </details>
                                    }
                                })}
                        </section>
                        <section class="account-section" aria-labelledby="compte-appareils">
                            <h2 id="compte-appareils">{t::devices_signed_in(l)}</h2>
                            <ul class="devices">
                                {a.devices.into_iter().map(|d| device_row(d, l)).collect_view()}
                            </ul>
                            <Show when=move || signed_out().is_some()>
                                <p class="notice notice-success" role="status">
                                    {move || {
                                        let n = signed_out().unwrap_or(0);
                                        fill(t::devices_signed_out(l), &[("count", &n.to_string())])
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
                                                {t::sign_out_others(l)}
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
            <h1>{t::two_step(l)}</h1>
            <Loaded
                resource=enrolment
                render=move |e| {
                    view! {
                        <EnrolmentSteps enrolment=e />
                        <ActionForm action=confirm>
                            <CodeField label=t::six_digit_code(l) />
                            <CurrentPasswordField />
                            <Show when=move || error().is_some()>
                                <p class="form-error" role="alert">
                                    {error}
                                </p>
                            </Show>
                            <button type="submit" class="button button-primary">
                                {t::turn_on(l)}
                            </button>
                        </ActionForm>
                        <p>
                            <a href="/compte">{t::back_to_my_account(l)}</a>
                        </p>
                    }
                }
            />
        </main>
    }
}
