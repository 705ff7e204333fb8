//! The headers every answer carries, beside those a page sets itself:
//! - a Content-Security-Policy (pages set their own, with the nonce of
//!   their inline scripts; every other answer gets one with no inline
//!   script at all), and `frame-ancestors 'none'` in both;
//! - `Permissions-Policy` (no camera, microphone, location, payment, USB);
//! - `Strict-Transport-Security` when served over HTTPS;
//! - `Cache-Control: no-store` on everything but the app's own files
//!   (pages, server functions and calendar feeds carry personal data);
//! - the older `X-Content-Type-Options`, `Referrer-Policy` and
//!   `X-Frame-Options`.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderName, HeaderValue};

pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
/// A year, subdomains included (`__Host-` cookies need HTTPS anyway).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether an answer to `path` is one of the app's own files, the same for
/// everyone (the only answers a cache may keep).
fn public_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico" || path == "/sw.js"
}

/// Adds the headers to every answer (`https`: served over HTTPS).
pub async fn security_headers(State(https): State<bool>, request: Request, next: Next) -> Response {
    let public = public_file(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut add = |name: HeaderName, value: &str| {
        if let (false, Ok(value)) = (headers.contains_key(&name), HeaderValue::from_str(value)) {
            headers.insert(name, value);
        }
    };
    add(
        CONTENT_SECURITY_POLICY,
        &app::request::content_security_policy(None),
    );
    add(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    add(X_CONTENT_TYPE_OPTIONS, "nosniff");
    add(REFERRER_POLICY, "same-origin");
    add(X_FRAME_OPTIONS, "DENY");
    if https {
        add(STRICT_TRANSPORT_SECURITY, HSTS);
    }
    if !public {
        // Why replace: leptos_axum gives no cache header; the calendar
        // feed's own one is replaced too, since it names children's days.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
