//! Work that can wait until the user has seen the result of their tap.
//! A tap's own task changes what it must (the register's row: its colour
//! and its pressed button); the rest (the row's words, counts, the sync
//! bar, the screen reader's line, storage, sending) runs once the frame is
//! painted and the page is idle, so it never holds the row back
//! (`end2end/scripts/tap-latency.mjs` measures the tap).

#[cfg(feature = "hydrate")]
type Waiting = std::cell::RefCell<Vec<Box<dyn FnOnce()>>>;

#[cfg(feature = "hydrate")]
thread_local! {
    /// What waits for the next painted frame, in the order it was asked.
    static WAITING: Waiting = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `then` after the next frame is painted, once the page is idle
/// (within 200 ms). On the server, at once. Everything asked before that
/// moment shares one frame callback and one idle callback (a tap asks for
/// several: each cost the frame a callback of its own).
pub fn after_paint(then: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let first = WAITING.with_borrow_mut(|w| {
            w.push(Box::new(then));
            w.len() == 1
        });
        if first {
            leptos::prelude::request_animation_frame(when_idle);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    then();
}

/// Called in the frame: takes what waited for it, and runs that once the
/// page is idle. What is asked from then on waits for a frame of its own.
#[cfg(feature = "hydrate")]
fn when_idle() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    // Run once, by whichever of the two ways is called.
    let batch = std::rc::Rc::new(std::cell::Cell::new(
        WAITING.with_borrow_mut(std::mem::take),
    ));
    let run = move || {
        for then in batch.take() {
            then();
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
}
