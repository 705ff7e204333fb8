//! Where the keyboard focus goes (WCAG 2.4.3): into a dialog when it opens,
//! round and round inside it while it is open, back to what opened it when
//! it closes; and to the new page's heading after a navigation inside the
//! app, so that a screen reader reads where the person arrived.

#[cfg(feature = "hydrate")]
use wasm_bindgen::JsCast;

/// What can take the focus inside `root`, in order.
#[cfg(feature = "hydrate")]
fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    const SELECTOR: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=\"hidden\"]), \
         select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";
    let Ok(list) = root.query_selector_all(SELECTOR) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        // Shown: an element with no box (inside a closed <details>, or
        // `display: none`) cannot take the focus.
        .filter(|e| e.offset_width() > 0 || e.offset_height() > 0)
        .collect()
}

/// Keeps Tab and Shift+Tab inside `root` (a modal dialog): from the last
/// control to the first, and back.
pub fn trap_tab(ev: &leptos::ev::KeyboardEvent, root: &web_sys::Element) {
    #[cfg(feature = "hydrate")]
    {
        if ev.key() != "Tab" {
            return;
        }
        let items = focusables(root);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            ev.prevent_default();
            return;
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let at = |e: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
        };
        let on_root = active.as_ref().is_some_and(|a| a == root);
        if ev.shift_key() && (at(first) || on_root) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, root);
}

/// The element that has the focus now.
#[cfg(feature = "hydrate")]
fn focused() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Where the focus goes back when a dialog closes: what opened it, and
/// if that was redrawn meanwhile (a session moved is drawn anew), the
/// session it belonged to.
#[cfg(feature = "hydrate")]
pub struct Opener {
    element: Option<web_sys::HtmlElement>,
    session: Option<String>,
}

#[cfg(feature = "hydrate")]
impl Opener {
    /// The element that has the focus now.
    pub fn now() -> Opener {
        let element = focused();
        let session = element
            .as_ref()
            .and_then(|e| e.closest("[data-session-id]").ok().flatten())
            .and_then(|e| e.get_attribute("data-session-id"));
        Opener { element, session }
    }

    /// Gives the focus back (once the dialog has gone); the page's heading
    /// when neither is on the page any more. A session drawn anew a moment
    /// later (when the server has answered) takes it back (`reclaim`).
    pub fn give_back(self) {
        if let Some(id) = &self.session {
            RETURNING.with(|r| *r.borrow_mut() = Some((id.clone(), js_sys::Date::now())));
        }
        if let Some(e) = self.element.filter(|e| e.is_connected()) {
            let _ = e.focus();
            return;
        }
        let session = self.session.and_then(|id| {
            web_sys::window()?
                .document()?
                .query_selector(&format!("[data-session-id=\"{id}\"]"))
                .ok()
                .flatten()?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        });
        match session {
            Some(e) => {
                let _ = e.focus();
            }
            None => focus_heading(),
        }
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The session a dialog gave the focus back to, and when.
    static RETURNING: std::cell::RefCell<Option<(String, f64)>> = const { std::cell::RefCell::new(None) };
}

/// A session's element drawn anew (its change was saved): it takes the
/// focus back if a dialog had given it to the session within the last ten
/// seconds and the focus was lost since (on the page's body).
#[cfg(feature = "hydrate")]
pub fn reclaim(session: &str, element: &web_sys::HtmlElement) {
    let wanted = RETURNING.with(|r| {
        r.borrow()
            .as_ref()
            .is_some_and(|(id, at)| id == session && js_sys::Date::now() - at < 10_000.0)
    });
    let lost = web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| {
            d.active_element().is_none() || d.active_element() == d.body().map(Into::into)
        });
    if wanted && lost {
        let _ = element.focus();
    }
}

/// Moves the focus to the page's level-1 heading (made focusable for
/// that, not for Tab).
#[cfg(feature = "hydrate")]
pub fn focus_heading() {
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(h) = heading {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
}

/// After each navigation inside the app (not the first page, which the
/// browser loaded itself): once the new page's heading is there, it takes
/// the focus. A lazy page's heading arrives with its file: the heading of
/// the page being left is waited out, and the new one looked for every
/// 50 ms, for 5 s at most.
pub fn focus_heading_after_navigation() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        let location = leptos_router::hooks::use_location();
        Effect::new(move |previous: Option<String>| {
            let path = location.pathname.get();
            match previous {
                // The page the browser loaded: its heading is the one to
                // leave behind at the first navigation.
                None => LEFT_BEHIND.with(|h| *h.borrow_mut() = heading()),
                Some(p) if p != path => wait_for_heading(path.clone(), 0),
                Some(_) => {}
            }
            path
        });
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The heading of the page shown before the navigation under way (a
    /// lazy page's heading may arrive after the address has changed).
    static LEFT_BEHIND: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

#[cfg(feature = "hydrate")]
fn heading() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("main h1")
        .ok()
        .flatten()
}

#[cfg(feature = "hydrate")]
fn wait_for_heading(path: String, tries: u32) {
    // The router may change its location before the browser's address
    // (a lazy page is fetched in between): both must say `path`.
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p == path);
    let now = heading();
    let old = LEFT_BEHIND.with(|h| h.borrow().clone());
    if here && now.is_some() && now != old {
        LEFT_BEHIND.with(|h| *h.borrow_mut() = now);
        focus_heading();
        keep_heading_focus(path, 0);
    } else if tries < 100 {
        leptos::prelude::set_timeout(
            move || wait_for_heading(path, tries + 1),
            std::time::Duration::from_millis(50),
        );
    }
}

/// The page may draw its heading again once its data has come (the
/// heading focused is then gone, and the focus with it, to the body): for
/// ten seconds, a focus lost that way goes to the new heading. A focus the
/// person moved elsewhere, or gave up by clicking beside a control (the
/// heading is still there), stays where they put it.
#[cfg(feature = "hydrate")]
fn keep_heading_focus(path: String, tries: u32) {
    let document = web_sys::window().and_then(|w| w.document());
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p == path);
    if !here || tries >= 100 {
        return;
    }
    let on_body = document.as_ref().is_none_or(|d| {
        d.active_element().is_none() || d.active_element() == d.body().map(Into::into)
    });
    let redrawn = LEFT_BEHIND.with(|h| h.borrow().as_ref().is_none_or(|e| !e.is_connected()));
    if on_body && redrawn && heading().is_some() {
        LEFT_BEHIND.with(|h| *h.borrow_mut() = heading());
        focus_heading();
    }
    leptos::prelude::set_timeout(
        move || keep_heading_focus(path, tries + 1),
        std::time::Duration::from_millis(100),
    );
}

/// Placed once inside the router: see `focus_heading_after_navigation`.
#[leptos::component]
pub fn NavigationFocus() -> impl leptos::IntoView {
    focus_heading_after_navigation();
}
