//! Work that can wait until the user has seen the result of their tap.
//! A tap's own task changes what it must (the register's row); the rest
//! (counts, the sync bar, the screen reader's line, storage, sending) runs
//! once the frame is painted and the page is idle, so it never holds the
//! row back (`end2end/scripts/tap-latency.mjs` measures the tap).

/// Runs `then` after the next frame is painted, once the page is idle
/// (within 200 ms). On the server, at once.
pub fn after_paint(then: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(move || {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        // Run once, by whichever of the two ways is called.
        let then = std::rc::Rc::new(std::cell::Cell::new(Some(then)));
        let run = move || {
            if let Some(then) = then.take() {
                then()
            }
        };
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(200);
        let idle = Closure::once_into_js(run.clone());
        // Safari has no requestIdleCallback: the task after the frame.
        if leptos::prelude::window()
            .request_idle_callback_with_options(idle.unchecked_ref(), &options)
            .is_err()
        {
            leptos::prelude::set_timeout(run, std::time::Duration::ZERO);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    then();
}
