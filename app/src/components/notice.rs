use crate::domain::Finding;
use crate::error::AppError;
use crate::i18n::{code_label, error_message, families as t, finding_message, use_locale, Locale};
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
        AppError::Forbidden => t::access_denied(l),
        AppError::NotFound => t::page_not_found(l),
        _ => t::something_went_wrong(l),
    };
    view! {
        <section class="notice notice-error" role="alert">
            <h2>{heading}</h2>
            <p>{error_message(&error, l)}</p>
            <p>
                <a href="/">{t::back_home(l)}</a>
            </p>
        </section>
    }
    .into_any()
}

/// A rule finding as a small badge: its severity in words as well as in
/// colour, its short name shown, and its full sentence read by screen
/// readers and shown on hover.
#[component]
pub fn FindingBadge(finding: Finding) -> impl IntoView {
    let (class, severity) = if finding.is_error() {
        ("badge badge-error", "Bloquant : ")
    } else {
        ("badge badge-warning", "À vérifier : ")
    };
    let label = code_label(finding.code, Locale::Fr);
    let sentence = finding_message(&finding, Locale::Fr);
    view! {
        <span class=class data-finding-code=finding.code.as_str() title=sentence.clone()>
            <span class="visually-hidden">{severity}</span>
            {label}
            <span class="visually-hidden">{format!(" ({sentence})")}</span>
        </span>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let l = use_locale();
    view! {
        <p class="loading" aria-live="polite">
            {t::loading(l)}
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::findings::Code;

    fn badge(code: Code) -> String {
        let owner = Owner::new();
        owner.with(|| view! { <FindingBadge finding=Finding::new(code, Vec::new()) /> }.to_html())
    }

    /// A finding's colour says its severity to the eye; its words say it
    /// to everyone (a screen reader reads the hidden parts).
    #[test]
    fn a_badge_says_its_severity_in_words() {
        let blocking = badge(Code::GroupOverMax);
        assert!(
            blocking.contains("badge-error") && blocking.contains("Bloquant : "),
            "{blocking}"
        );
        let warning = badge(Code::RatioExceeded);
        assert!(
            warning.contains("badge-warning") && warning.contains("À vérifier : "),
            "{warning}"
        );
        assert!(!warning.contains("aria-label"), "{warning}");
    }
}
