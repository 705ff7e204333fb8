//! The browser entry point: hydrates the server-rendered page. Nothing else
//! lives here; the application is in the `app` crate.

// Why: the release build (components not erased) gives the register's view
// a type deeper than the default limit of 128.
#![recursion_limit = "256"]

/// Room for the split build to lay the constant data out again. With
/// `--split`, cargo-leptos's wasm-split moves each lazy page's constant data
/// (its strings, mostly) into that page's file, laying each file's share out
/// anew with its own alignment. If the new layout comes out longer than the
/// linked data segment, even by a few bytes, it gives up and leaves *all*
/// the data in the main file, which every page and phone downloads (it did:
/// 68 bytes over, 30 KB more WASM after compression). No code refers to
/// these bytes, so the split keeps them in no file: they are the margin the
/// new layout may use, and they cost nothing in any file served.
/// `node end2end/scripts/wasm-size.mjs` shows the main file's data section.
#[used]
static SPLIT_LAYOUT_MARGIN: [u8; 4096] = [0x5a; 4096];

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
