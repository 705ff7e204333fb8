//! The HTTP server: the axum router around the Leptos app, with the guards
//! every server function passes first (same-origin check, body size limit),
//! the mapping of errors to HTTP statuses and the security headers of every
//! answer.

pub mod guard;
pub mod headers;
pub mod serve;

use app::state::ServerState;
use app::{shell, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Everything a request handler needs.
#[derive(Clone, Debug)]
pub struct Server {
    pub leptos_options: LeptosOptions,
    pub state: ServerState,
}

impl axum::extract::FromRef<Server> for LeptosOptions {
    fn from_ref(server: &Server) -> Self {
        server.leptos_options.clone()
    }
}

/// The server's runtime: one worker thread per core, and at least four.
/// Why at least four: the tests' renders hung now and then on one thread
/// while the report page made a resource inside a `Suspense`
/// (leptos-rs/leptos#4866; no page does so now); kept as a margin.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get().max(4));
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
}

/// Builds the whole application router.
pub fn router(server: Server) -> Router {
    let routes = generate_route_list(App);
    let state = server.state.clone();
    let context = move || provide_context(state.clone());
    let options = server.leptos_options.clone();
    Router::new()
        .route("/calendrier/{file}", axum::routing::get(calendar_feed))
        .route("/langue/{code}", axum::routing::get(set_language))
        .leptos_routes_with_context(&server, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<Server, _>(context, shell))
        .layer(axum::middleware::from_fn_with_state(
            server.state.https,
            guard::server_functions,
        ))
        .layer(axum::middleware::from_fn_with_state(
            server.state.https,
            headers::security_headers,
        ))
        // Pages and server-function answers, compressed for phones on
        // mobile data (brotli, else gzip) at a level that costs little CPU;
        // the app's files are precompressed and pass through untouched.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(server)
}

/// Answers `408 Request Timeout` to a request not answered within the
/// limit (`serve::Limits`).
pub fn request_timeout(limits: serve::Limits) -> tower_http::timeout::TimeoutLayer {
    tower_http::timeout::TimeoutLayer::with_status_code(
        http::StatusCode::REQUEST_TIMEOUT,
        limits.request,
    )
}

/// A guardian's calendar subscription (ICS), read by calendar apps without
/// a session: the secret address is the permission. An unknown or revoked
/// address is a plain 404 with nothing in it.
async fn calendar_feed(
    axum::extract::State(server): axum::extract::State<Server>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{header, StatusCode};
    match app::family::ics::calendar_at(&server.state.db, &file, app::state::now()).await {
        Ok(Some(text)) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            text,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The language switch: remembers the choice for a year in a cookie and
/// goes back to the page it came from (a path of this site only).
async fn set_language(
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{header, StatusCode};
    let locale = app::i18n::Locale::from_code(&code);
    let back = query
        .get("retour")
        .filter(|p| {
            p.starts_with('/')
                && !p.starts_with("//")
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/-_".contains(c))
        })
        .map(String::as_str)
        .unwrap_or("/");
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        app::i18n::LOCALE_COOKIE,
        locale.code()
    );
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, back.to_string()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}

/// Reads the Leptos settings: `Leptos.toml` when present (so the release
/// binary runs without cargo-leptos), else the environment; `LEPTOS_*`
/// variables override the file either way.
pub fn leptos_options() -> Result<LeptosOptions, String> {
    let conf = match std::path::Path::new("Leptos.toml").exists() {
        true => get_configuration(Some("Leptos.toml")),
        false => get_configuration(None),
    };
    conf.map(|c| c.leptos_options).map_err(|e| e.to_string())
}
