//! The HTTP server: the axum router around the Leptos app, with the guards
//! every server function passes first (same-origin check, body size limit)
//! and the mapping of errors to HTTP statuses.

pub mod guard;

use app::state::ServerState;
use app::{shell, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::set_header::SetResponseHeaderLayer;

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

/// Builds the whole application router.
pub fn router(server: Server) -> Router {
    let routes = generate_route_list(App);
    let state = server.state.clone();
    let context = move || provide_context(state.clone());
    let options = server.leptos_options.clone();
    Router::new()
        .leptos_routes_with_context(&server, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<Server, _>(context, shell))
        .layer(axum::middleware::from_fn(guard::server_functions))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::X_CONTENT_TYPE_OPTIONS,
            http::HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::X_FRAME_OPTIONS,
            http::HeaderValue::from_static("DENY"),
        ))
        .with_state(server)
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
