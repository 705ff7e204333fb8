//! What the request carries (server only), for any module that renders a
//! page or answers a server function.

use http::header::COOKIE;
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
