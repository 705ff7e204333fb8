//! The HTTP server: the axum router around the Leptos app, with the guards
//! every server function passes first (same-origin check, body size limit),
//! the mapping of errors to HTTP statuses, the security headers of every
//! answer, the operator's endpoints (`ops`) and backups (`backup`).

pub mod backup;
pub mod guard;
pub mod headers;
pub mod ops;
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
    /// `/metrics`'s token.
    pub ops: ops::OpsSettings,
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
    ops::recorder();
    let request_id = http::HeaderName::from_static("x-request-id");
    Router::new()
        .route("/healthz", axum::routing::get(ops::healthz))
        .route("/readyz", axum::routing::get(ops::readyz))
        .route("/metrics", axum::routing::get(ops::metrics))
        .route(
            "/courriels/desabonnement/{token}",
            axum::routing::post(one_click_stop).get(stop_page),
        )
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
        .layer(axum::middleware::from_fn(ops::count_requests))
        // The request's id: kept from the client (a proxy's) or made here,
        // on every log line of the request and in the answer.
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            request_id.clone(),
        ))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(ops::request_span)
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Millis),
                ),
        )
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            request_id,
            tower_http::request_id::MakeRequestUuid,
        ))
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

/// The one-click stop of a mail client (RFC 8058): a POST to the address of
/// the mail's `List-Unsubscribe` header. Its token is the permission; the
/// answer says nothing about whose it was.
async fn one_click_stop(
    axum::extract::State(server): axum::extract::State<Server>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::StatusCode;
    match app::auth::account::mail::stop_by_token(&server.state.db, &token).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A person who opens the one-click address in a browser: the stop page.
async fn stop_page(
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Redirect {
    let token: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_".contains(*c))
        .collect();
    axum::response::Redirect::to(&format!("/courriels/arret/{token}"))
}

/// The language switch: remembers the choice for a year in a cookie, and
/// in the account of whoever is signed in (`app::auth::language`), then
/// goes back to the page it came from (a path of this site only).
async fn set_language(
    axum::extract::State(server): axum::extract::State<Server>,
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{header, StatusCode};
    let chosen = app::i18n::Locale::from_code(&code);
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
    // The account keeps it when it can; the device keeps it anyway.
    let locale = app::auth::language::choose(&server.state, &headers, chosen)
        .await
        .unwrap_or(chosen);
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, back.to_string()),
            (header::SET_COOKIE, app::auth::language::cookie(locale)),
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
