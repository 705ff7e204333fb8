use crate::domain::Finding;
use crate::error::AppError;
use crate::i18n::{code_label, error_message, finding_message, Locale};
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
        return view! { <Redirect path="/connexion"/> }.into_any();
    }
    let heading = match error {
        AppError::Forbidden => "Accès refusé",
        AppError::NotFound => "Page introuvable",
        _ => "Un problème est survenu",
    };
    view! {
        <section class="notice notice-error" role="alert">
            <h2>{heading}</h2>
            <p>{error_message(&error, Locale::Fr)}</p>
            <p><a href="/">"Revenir à l'accueil"</a></p>
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
        <span class=class data-finding-code=finding.code.as_str() title=sentence.clone() aria-label=sentence>
            {label}
        </span>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">"Chargement…"</p> }
}
