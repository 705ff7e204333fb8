//! What the request carries and what its answer says of itself (server
//! only), for any module that renders a page or answers a server function.

use http::header::{CONTENT_SECURITY_POLICY, COOKIE};
use http::HeaderValue;
use leptos::prelude::use_context;

/// The value of the request's cookie `name`, if it carries one.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Adds a header to the answer being made.
pub fn set_response_header(name: http::HeaderName, value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(name, value);
    }
}

/// The Content-Security-Policy of every answer. Scripts come from this
/// site, or inline with this answer's `nonce` (the hydration and the
/// service worker's registration; an answer without a nonce has no inline
/// script at all), and WASM may be compiled; styles may be inline (the
/// calendar places its sessions with `style`); nothing is framed, posted
/// elsewhere or loaded from another site. `cargo leptos watch` also opens
/// its reload socket.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let inline = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        " ws: wss:"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Gives the page being rendered its policy, with the nonce Leptos made
/// for this answer (its hydration scripts carry it).
pub fn set_page_policy() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&content_security_policy(nonce.as_deref())),
    ) {
        res.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
