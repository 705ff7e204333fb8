//! What the request carries and what its answer says of itself (server
//! only), for any module that renders a page or answers a server function.

use http::header::COOKIE;
use http::HeaderValue;
use leptos::prelude::use_context;

/// The value of the request's cookie `name`, if it carries one.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    cookie_in(&parts.headers, name)
}

/// The value of the cookie `name` among `headers`, if they carry one.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
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
