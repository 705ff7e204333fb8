//! Forms whose input the browser checks with the server's own check before
//! sending it, and the message shown at a refused field.

use crate::error::AppError;
use crate::form_messages::message;
use crate::i18n::use_locale;
use leptos::context::Provider;
use leptos::form::FromFormData;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use server_fn::ServerFn;

/// A server action's form (like `ActionForm`) whose input goes through
/// `check` in the browser first: the same function the server runs before
/// writing, so a refused field is named at once, with the same words, and
/// nothing is sent. Without JavaScript it is a plain form and the server
/// checks it alone.
/// The file chosen in a file input, if any (read by the page before it is
/// sent: the school calendar, the children's import).
#[cfg(feature = "hydrate")]
pub fn chosen_file(input: NodeRef<leptos::html::Input>) -> Option<web_sys::File> {
    input.get()?.files()?.get(0)
}

#[component]
pub fn CheckedForm<S, C>(action: ServerAction<S>, check: C, children: Children) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    C: Fn(&S) -> Result<(), AppError> + Send + Sync + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refused = match S::from_event(&ev) {
            Ok(input) => match check(&input) {
                Ok(()) => {
                    action.dispatch(input);
                    return;
                }
                Err(e) => e,
            },
            Err(_) => AppError::BadRequest,
        };
        action.value().set(Some(Err(refused)));
    };
    let refusal = Refusal(Signal::derive(move || {
        action.value().with(|value| match value {
            Some(Err(e)) => Some(Err(e.clone())),
            _ => None,
        })
    }));
    view! {
        <Provider value=refusal>
            <form action=S::url() method="post" on:submit=on_submit>
                {children()}
            </form>
        </Provider>
    }
}

/// The last refusal of the form around a field, which `CheckedForm`
/// provides to the `Field`s inside it.
#[derive(Clone, Copy)]
struct Refusal(Signal<Option<Result<(), AppError>>>);

/// One labelled field of a form: the label, which names the control given
/// as children by its id; an optional hint under the label (the control
/// points to it with `aria-describedby="{control}-hint"`); and, when the
/// form around it is a `CheckedForm`, the message of its last refusal
/// about `refused` (the field's name in `AppError::Invalid`).
#[component]
pub fn Field(
    /// The id of the control the label names.
    #[prop(into)]
    control: String,
    /// What the label says.
    #[prop(into)]
    label: TextProp,
    /// The field's name in the server's refusals, if it can be refused.
    #[prop(optional)]
    refused: Option<&'static str>,
    /// A sentence under the label that helps to fill the field in.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    children: Children,
) -> impl IntoView {
    let hint = hint.map(|hint| {
        let id = format!("{control}-hint");
        view! {
            <p class="hint" id=id>
                {move || hint.get()}
            </p>
        }
    });
    let error = refused
        .zip(use_context::<Refusal>())
        .map(|(field, refusal)| field_error(refusal.0, field));
    view! {
        <div class="field">
            <label for=control>{move || label.get()}</label>
            {hint}
            {children()}
            {error}
        </div>
    }
}

/// The message of a form's last refusal when it is about `field`, to show
/// beside that field.
pub fn field_error<S, T>(value: S, field: impl Into<String>) -> impl IntoView
where
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    T: 'static,
{
    let l = use_locale();
    let field = field.into();
    move || match value.get() {
        Some(Err(e @ AppError::Invalid { .. })) if matches!(&e, AppError::Invalid { field: f, .. } if *f == field) => {
            Some(view! {
                <p class="field-error" data-field-error=field.clone()>
                    {message(&e, l)}
                </p>
            })
        }
        _ => None,
    }
}

/// The error of a form's last submission, if any, as a sentence in the
/// reader's language (`form_messages`, which knows the coordinator's forms).
pub fn form_error<S, T>(value: S) -> impl Fn() -> Option<String> + Copy
where
    S: Get<Value = Option<Result<T, AppError>>> + Copy,
{
    let l = use_locale();
    move || match value.get() {
        Some(Err(e)) => Some(message(&e, l)),
        _ => None,
    }
}

/// The end of a form: the message of its last refusal, the sentence that
/// says it was saved, and its submit button.
#[component]
pub fn FormEnd<S, T>(
    /// The form's action's last answer (`ServerAction::value`).
    value: S,
    saved: &'static str,
    button: &'static str,
) -> impl IntoView
where
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let error = form_error(value);
    let done = move || matches!(value.get(), Some(Ok(_)));
    view! {
        <Show when=move || error().is_some()>
            <p class="form-error" role="alert">
                {error}
            </p>
        </Show>
        <Show when=done>
            <p class="form-success" role="status">
                {saved}
            </p>
        </Show>
        <button type="submit" class="button button-primary">
            {button}
        </button>
    }
}
