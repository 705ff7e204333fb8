//! Code the browser fetches only when it needs it. With
//! `cargo leptos build --split`, each function marked `wasm_split` (the
//! lazy pages of `app.rs`, the outbox's `wake`) is a WASM file of its own.
//! Fetching it can fail: the page is left while it loads, or the network
//! goes. Every split here is `fallible`, so that failure is a value, never a
//! panic (which would stop the whole app until the page is reloaded).
//!
//! A lazy page's file is also fetched while the page hydrates. That fetch
//! fails too (bad Wi-Fi; a person who follows a link before the page has
//! come alive, whose browser then cancels it). The page must not show the
//! « not fetched » notice then: it would not match the server's HTML, and
//! hydration panics on a mismatch. It stays as the server rendered it (it
//! works without JavaScript) and the file is fetched again (`preload_page`).

use crate::i18n::{families as t, use_locale};
use leptos::prelude::*;
use std::future::Future;
use std::time::Duration;

/// A lazy file the browser could not fetch. Nothing is cached: the next
/// call fetches it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotFetched;

impl From<leptos::wasm_split::SplitLoaderError> for NotFetched {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotFetched
    }
}

/// The first pause before a page's file is fetched again during hydration;
/// it doubles after each failure, up to `RETRY_MAX`.
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(15);

/// Fetches a lazy page's file (`fetch_file`, its split's preload) before the
/// router shows the page: leptos awaits `LazyRoute::preload` and then
/// hydrates the page at once, so the page's view must be ready by then (a
/// view still loading is a mismatch with the server's HTML, and hydration
/// panics on one). While the page hydrates, a file that cannot be fetched
/// is fetched again after a pause (shorter when the browser says it is back
/// online) until it arrives: meanwhile the server's page stays on screen and
/// works as without JavaScript. Once the page has hydrated (a link followed
/// in the app), a failure returns at once, and the page's view shows
/// `PageNotFetched`.
pub async fn preload_page<F, Fut, E>(fetch_file: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    let mut pause = RETRY_FIRST;
    while fetch_file().await.is_err() && hydrating() {
        pause_or_online(pause).await;
        pause = (pause * 2).min(RETRY_MAX);
    }
}

/// Whether the page is still hydrating: what renders now must be the
/// server's HTML. Never on the server, where nothing is fetched.
fn hydrating() -> bool {
    cfg!(feature = "hydrate") && !untrack(crate::hydration::finished)
}

/// Waits `pause`, or until the browser says the network is back.
async fn pause_or_online(pause: Duration) {
    #[cfg(feature = "hydrate")]
    {
        let millis = i32::try_from(pause.as_millis()).unwrap_or(i32::MAX);
        let wake = js_sys::Promise::new(&mut |resolve, _| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
            let once = web_sys::AddEventListenerOptions::new();
            once.set_once(true);
            let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
                "online", &resolve, &once,
            );
        });
        let _ = wasm_bindgen_futures::JsFuture::from(wake).await;
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = pause;
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
            <h2>{t::page_could_not_open(l)}</h2>
            <p>{t::connection_dropped_loading(l)}</p>
            <p>
                <button type="button" class="button" on:click=retry>
                    {t::try_again(l)}
                </button>
            </p>
        </section>
    }
}
