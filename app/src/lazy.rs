//! Code the browser fetches only when it needs it. With
//! `cargo leptos build --split`, each function marked `wasm_split` (the
//! lazy pages of `app.rs`, the outbox's `wake`) is a WASM file of its own.
//! Fetching it can fail: the page is left while it loads, or the network
//! goes. Every split here is `fallible`, so that failure is a value, never a
//! panic (which would stop the whole app until the page is reloaded).

use crate::i18n::{tr, use_locale};
use leptos::prelude::*;

/// A lazy file the browser could not fetch. Nothing is cached: the next
/// call fetches it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotFetched;

impl From<leptos::wasm_split::SplitLoaderError> for NotFetched {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotFetched
    }
}

/// Shown instead of a page whose file could not be fetched: what happened,
/// in plain words, and a button that tries again.
#[component]
pub fn PageNotFetched() -> impl IntoView {
    let l = use_locale();
    let retry = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <section class="notice notice-error" role="alert">
            <h2>{tr(l, "Cette page n'a pas pu s'ouvrir", "This page could not open")}</h2>
            <p>
                {tr(
                    l,
                    "La connexion s'est interrompue pendant son chargement. Vérifiez le réseau, puis réessayez.",
                    "The connection dropped while it was loading. Check the network, then try again.",
                )}
            </p>
            <p>
                <button type="button" class="button" on:click=retry>
                    {tr(l, "Réessayer", "Try again")}
                </button>
            </p>
        </section>
    }
}
