//! The headers every answer carries, beside those a page sets itself:
//! - a Content-Security-Policy: a page's allows the nonce its own inline
//!   scripts carry, read from the page as sent (so the header and the
//!   scripts can never disagree); every other answer allows no inline
//!   script at all; `frame-ancestors 'none'` in both;
//! - `Permissions-Policy` (no camera, microphone, location, payment, USB);
//! - `Strict-Transport-Security` when served over HTTPS;
//! - `Cache-Control: no-store` on everything but the app's own files
//!   (pages, server functions and calendar feeds carry personal data);
//! - the older `X-Content-Type-Options`, `Referrer-Policy` and
//!   `X-Frame-Options`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderName, HeaderValue};

pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
/// A year, subdomains included (`__Host-` cookies need HTTPS anyway).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether an answer to `path` is one of the app's own files, the same for
/// everyone (the only answers a cache may keep).
fn public_file(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/fonts/")
        || path == "/favicon.ico"
        || path == "/sw.js"
}

/// The Content-Security-Policy of every answer. Scripts come from this
/// site, or inline with the page's `nonce` (the hydration and the
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

/// The nonce of the first script of `html` that has one (Leptos gives
/// every inline script of a page the same one). Only a `<script` tag's own
/// attributes count: text and attribute values are escaped, so what a
/// person typed can never read as one.
pub fn page_nonce(html: &str) -> Option<&str> {
    html.match_indices("<script").find_map(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>')?];
        let start = tag.find(" nonce=\"")? + " nonce=\"".len();
        let nonce = &tag[start..start + tag[start..].find('"')?];
        let base64 = |c: char| c.is_ascii_alphanumeric() || "+/=-_".contains(c);
        (!nonce.is_empty() && nonce.chars().all(base64)).then_some(nonce)
    })
}

/// Gives an HTML page the policy of the nonce its scripts carry. Why read
/// the page rather than trust what it set while rendering: in long runs a
/// page now and then arrived with the policy of no inline script although
/// its scripts carried a nonce (so it never came alive), and the page is
/// whole before its first byte anyway (every route renders `Async`).
async fn with_page_policy(response: Response) -> Response {
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        tracing::error!("a page's body could not be read");
        parts.status = http::StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    let nonce = std::str::from_utf8(&bytes).ok().and_then(page_nonce);
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce)) {
        parts.headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Adds the headers to every answer (`https`: served over HTTPS).
pub async fn security_headers(State(https): State<bool>, request: Request, next: Next) -> Response {
    let public = public_file(request.uri().path());
    let mut response = with_page_policy(next.run(request).await).await;
    let headers = response.headers_mut();
    let mut add = |name: HeaderName, value: &str| {
        if let (false, Ok(value)) = (headers.contains_key(&name), HeaderValue::from_str(value)) {
            headers.insert(name, value);
        }
    };
    add(CONTENT_SECURITY_POLICY, &content_security_policy(None));
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

#[cfg(test)]
mod tests {
    use super::page_nonce;

    #[test]
    fn a_pages_nonce_is_read_from_its_first_inline_script() {
        let html = r#"<title>a nonce="typed"</title><script src="/a.js"></script>
            <script type="module" nonce="aB3+/x=="> x </script><script nonce="other">"#;
        assert_eq!(page_nonce(html), Some("aB3+/x=="));
        assert_eq!(page_nonce("<script src=/pkg/a.js></script>"), None);
        // Nothing that could break out of the header's value.
        assert_eq!(page_nonce(r#"<script nonce="a'; script-src *">"#), None);
        assert_eq!(page_nonce(r#"<script nonce="">"#), None);
    }
}
