use crate::domain::Finding;
use crate::error::AppError;
use crate::i18n::{code_label, error_message, finding_message, tr, use_locale, Locale};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Shows an error in plain French. A lapsed session goes to the login page;
/// refusals set the page's HTTP status.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(error.status()) {
            if error != AppError::Unauthenticated {
                res.set_status(status);
            }
        }
    }
    if error == AppError::Unauthenticated {
        return view! { <Redirect path="/connexion" /> }.into_any();
    }
    let l = use_locale();
    let heading = match error {
        AppError::Forbidden => tr(l, "Accès refusé", "Access denied"),
        AppError::NotFound => tr(l, "Page introuvable", "Page not found"),
        _ => tr(l, "Un problème est survenu", "Something went wrong"),
    };
    view! {
        <section class="notice notice-error" role="alert">
            <h2>{heading}</h2>
            <p>{error_message(&error, l)}</p>
            <p>
                <a href="/">{tr(l, "Revenir à l'accueil", "Back to the home page")}</a>
            </p>
        </section>
    }
    .into_any()
}

/// A rule finding as a small badge; the full sentence is its accessible name.
#[component]
pub fn FindingBadge(finding: Finding) -> impl IntoView {
    let class = if finding.is_error() {
        "badge badge-error"
    } else {
        "badge badge-warning"
    };
    let label = code_label(finding.code, Locale::Fr);
    let sentence = finding_message(&finding, Locale::Fr);
    view! {
        <span
            class=class
            data-finding-code=finding.code.as_str()
            title=sentence.clone()
            aria-label=sentence
        >
            {label}
        </span>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let l = use_locale();
    view! {
        <p class="loading" aria-live="polite">
            {tr(l, "Chargement…", "Loading…")}
        </p>
    }
}

/// Waits for a server function's answer: shows "Chargement…", then the
/// content made by `render`, or the error in plain French.
#[component]
pub fn Loaded<T, R, V>(
    resource: Resource<Result<T, AppError>>,
    render: R,
    /// The page's level-1 heading when the content (which holds it) cannot show.
    #[prop(optional)]
    error_heading: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => {
                            view! {
                                {error_heading.map(|h| view! { <h1>{h}</h1> })}
                                <ErrorNotice error />
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// How many times a form's submission succeeded. A page reloads its data
/// when this changes, not on every submission: a refused form stays as it
/// is, with what the person typed and the message saying why.
pub fn successes<S, T>(value: S) -> ReadSignal<u32>
where
    S: Get<Value = Option<Result<T, crate::error::AppError>>> + Copy + 'static,
{
    let (count, set) = signal(0u32);
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            set.update(|n| *n += 1);
        }
    });
    count
}

/// The error of a form's last submission, if any, as a sentence in the
/// reader's language.
pub fn submit_error<S, T>(value: S) -> impl Fn() -> Option<String> + Copy
where
    S: Get<Value = Option<Result<T, crate::error::AppError>>> + Copy,
{
    let l = use_locale();
    move || match value.get() {
        Some(Err(e)) => Some(crate::i18n::error_message(&e, l)),
        _ => None,
    }
}
