//! The browser entry point: hydrates the server-rendered page. Nothing else
//! lives here; the application is in the `app` crate.

// Why: the release build (components not erased) gives the register's view
// a type deeper than the default limit of 128.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous: a page whose code is in a file of its own (a lazy
    // route) waits for that file before it hydrates.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        app::hydration::mark_finished();
        // For the end-to-end tests: the page is interactive from here on.
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &"__passerelle_hydrated".into(), &true.into());
        }
    });
}
