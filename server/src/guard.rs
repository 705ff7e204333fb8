//! The guard in front of every server function (`/api/...`):
//! - state-changing calls must come from this site (`Origin`, or `Referer`
//!   when a browser sends no `Origin`), against cross-site request forgery;
//! - bodies are capped (64 KiB; 4 MiB for a file import), so a 10 MB post
//!   is refused early;
//! - errors leave with the HTTP status their kind deserves (server_fn sends
//!   every error as 500), with `Retry-After` when waiting helps, and
//!   oversize bodies as a JSON error too;
//! - downloads (`DOWNLOADS`, read by a plain link) answer with their file
//!   rather than the redirect Leptos gives a browser's form post.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN, REFERER};
use http::{Method, StatusCode};

/// The largest body a server function accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The largest file an import accepts: the ministry's whole school calendar
/// (every zone, every year) is about 1 MB.
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;

/// The server functions that take a whole file.
const IMPORTS: &[&str] = &[
    "/api/records/holidays-import",
    "/api/records/import-preview",
    "/api/records/import-commit",
];

/// What a download's file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum File {
    /// The server function's JSON answer, as it is.
    Json,
    /// A CSV text, which the server function answers as a JSON string.
    Csv,
    /// A binary file of this type, which the server function answers as a
    /// JSON string in base64.
    Binary(&'static str),
}

/// The server functions a plain link downloads (GET): the file is the
/// answer, saved under its name.
const DOWNLOADS: &[(&str, &str, File)] = &[
    (
        "/api/records/family-export",
        "donnees-famille.json",
        File::Json,
    ),
    ("/api/reports/csv", "bilan.csv", File::Csv),
    (
        "/api/reports/dossier-pdf",
        "dossier-caf.pdf",
        File::Binary("application/pdf"),
    ),
    (
        "/api/reports/dossier-xlsx",
        "dossier-caf.xlsx",
        File::Binary("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ),
    (
        "/api/records/import-template",
        "modele-import-enfants.csv",
        File::Csv,
    ),
];

fn max_body(path: &str) -> usize {
    if IMPORTS.contains(&path) {
        MAX_IMPORT_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

fn json_error(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::to_string(&error).unwrap_or_else(|_| "{\"error\":\"internal\"}".into());
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// The origin part (`scheme://host:port`) of an absolute URL.
fn url_origin(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    Some(&url[..scheme.len() + 3 + host.len()])
}

/// True when the request says it comes from a page of this very site:
/// same scheme (`https` when served over HTTPS), host and port.
pub fn same_origin(headers: &http::HeaderMap, https: bool) -> bool {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let expected = format!("{}://{host}", if https { "https" } else { "http" });
    let source = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|v| v.to_str().ok());
    matches!(source.and_then(url_origin), Some(o) if o.eq_ignore_ascii_case(&expected))
}

pub async fn server_functions(State(https): State<bool>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if request.method() != Method::GET && !same_origin(request.headers(), https) {
        return json_error(AppError::BadOrigin);
    }
    let max = max_body(request.uri().path());
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max) {
        return json_error(AppError::TooLarge);
    }
    // Why: a body without Content-Length (chunked) is read here with the cap.
    let (mut parts, body) = request.into_parts();
    let bytes = match to_bytes(body, max).await {
        Ok(b) => b,
        Err(_) => return json_error(AppError::TooLarge),
    };
    let download = DOWNLOADS
        .iter()
        .find(|(path, _, _)| *path == parts.uri.path())
        .map(|(_, name, file)| (*name, *file));
    if download.is_some() {
        // Why: Leptos and server_fn answer a browser's request (Accept:
        // text/html) with a redirect, as for a form posted without
        // JavaScript; a download wants the file itself.
        parts.headers.remove(REFERER);
        parts
            .headers
            .insert(ACCEPT, http::HeaderValue::from_static("application/json"));
    }
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let Some((name, file)) = download.filter(|_| response.status().is_success()) {
        match file {
            File::Csv => response = csv_file(response).await,
            File::Binary(kind) => response = binary_file(response, kind).await,
            File::Json => {}
        }
        if let Ok(value) = http::HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        {
            response
                .headers_mut()
                .insert(http::header::CONTENT_DISPOSITION, value);
        }
    }
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    // server_fn answers every error with 500: give it the status of its kind.
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, 1024 * 1024).await.unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(seconds) = error.retry_after_seconds() {
            parts.headers.insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from(seconds.max(1)),
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A CSV text answered as a JSON string, turned into the file itself.
async fn csv_file(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, 64 * 1024 * 1024).await.unwrap_or_default();
    let Ok(text) = serde_json::from_slice::<String>(&bytes) else {
        return json_error(AppError::Internal);
    };
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(text))
}

/// A file answered as a JSON string in base64, turned into its bytes.
async fn binary_file(response: Response, kind: &'static str) -> Response {
    use base64::Engine;
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, 64 * 1024 * 1024).await.unwrap_or_default();
    let Some(file) = serde_json::from_slice::<String>(&bytes)
        .ok()
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
    else {
        return json_error(AppError::Internal);
    };
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, http::HeaderValue::from_static(kind));
    Response::from_parts(parts, Body::from(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn origin_must_match_scheme_host_and_port() {
        let host = ("host", "127.0.0.1:3000");
        assert!(same_origin(
            &headers(&[host, ("origin", "http://127.0.0.1:3000")]),
            false
        ));
        assert!(same_origin(
            &headers(&[host, ("referer", "http://127.0.0.1:3000/connexion?x=1")]),
            false
        ));
        for (source, https) in [
            ("http://evil.test", false),
            ("http://127.0.0.1:3000.evil.test", false),
            ("null", false),
            // Same host, other scheme: a page served over plain HTTP (a
            // network attacker's) may not post to the HTTPS site.
            ("http://127.0.0.1:3000", true),
            ("https://127.0.0.1:3000", false),
            // Same host, other port.
            ("http://127.0.0.1:3001", false),
            ("http://127.0.0.1", false),
        ] {
            assert!(
                !same_origin(&headers(&[host, ("origin", source)]), https),
                "{source} {https}"
            );
        }
        assert!(same_origin(
            &headers(&[
                ("host", "clas.example.fr"),
                ("origin", "https://clas.example.fr")
            ]),
            true
        ));
        assert!(!same_origin(&headers(&[host]), false));
    }
}
