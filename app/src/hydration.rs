//! Whether the page has finished hydrating. A lazy page (app.rs,
//! `lazy_page!`) hydrates only once its WASM file has arrived, and effects of
//! the shell may run before that: an effect that changes what the server
//! rendered (the outbox, read from the device) waits for `finished()`, or
//! the page would no longer match the server's HTML it hydrates.

use leptos::prelude::*;

thread_local! {
    static FINISHED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Tracked: true once the page has hydrated (always false on the server).
pub fn finished() -> bool {
    FINISHED.with(|done| done.get())
}

/// Called by the browser entry point once hydration is done.
pub fn mark_finished() {
    FINISHED.with(|done| done.set(true));
}
