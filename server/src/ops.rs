//! What an operator watches: `/healthz` (the process answers), `/readyz`
//! (the database answers, its migrations are current, the outbox is not
//! stuck), `/metrics` in the Prometheus text format behind a token, and each
//! request's id (`x-request-id`, set when the client sent none, returned in
//! the answer and carried by every log line of the request).

use crate::Server;
use app::db::Db;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// The settings of `/metrics`.
#[derive(Clone, Debug, Default)]
pub struct OpsSettings {
    /// `PASSERELLE_METRICS_TOKEN`: the bearer token `/metrics` asks for.
    /// Unset: `/metrics` is not served (404).
    pub metrics_token: Option<String>,
}

impl OpsSettings {
    pub fn from_env() -> Result<OpsSettings, String> {
        let token = std::env::var("PASSERELLE_METRICS_TOKEN")
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        if let Some(t) = &token {
            if t.len() < 16 {
                return Err("PASSERELLE_METRICS_TOKEN: at least 16 characters".into());
            }
        }
        Ok(OpsSettings {
            metrics_token: token,
        })
    }
}

/// The request latency histogram's buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's metrics recorder, installed the first time it is asked
/// for (one per process: a test binary builds many routers).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("passerelle_http_request_duration_seconds".into()),
                &LATENCY_BUCKETS,
            )
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed");
        }
        handle
    })
}

/// `/healthz`: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// How late a queued mail may be before the outbox counts as stuck.
pub const OUTBOX_LATE_MINUTES: i64 = 15;

/// What `/readyz` found.
#[derive(Debug, serde::Serialize)]
pub struct Readiness {
    pub ready: bool,
    pub database: bool,
    pub migrations_current: bool,
    pub mails_overdue: i64,
}

/// Checks the database, the migrations and the outbox.
pub async fn readiness(db: &Db) -> Readiness {
    use sqlx::Row;
    let database = sqlx::query("SELECT 1 AS one")
        .fetch_one(&db.pool)
        .await
        .is_ok();
    let latest = app::db::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let applied: Option<i64> =
        sqlx::query("SELECT MAX(version) AS v FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&db.pool)
            .await
            .ok()
            .and_then(|r| r.try_get("v").ok());
    let migrations_current = applied == Some(latest);
    let mails_overdue = app::mail::outbox::overdue(
        db,
        app::state::now(),
        chrono::Duration::minutes(OUTBOX_LATE_MINUTES),
    )
    .await
    .unwrap_or(i64::MAX);
    Readiness {
        ready: database && migrations_current && mails_overdue == 0,
        database,
        migrations_current,
        mails_overdue,
    }
}

/// `/readyz`: 200 when ready, 503 otherwise, with what was found as JSON.
pub async fn readyz(State(server): State<Server>) -> Response {
    let found = readiness(&server.state.db).await;
    let status = if found.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(found)).into_response()
}

/// Whether two strings are equal, in a time that does not depend on where
/// they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `/metrics`: the Prometheus text, for a bearer of the token.
pub async fn metrics(State(server): State<Server>, request: Request) -> Response {
    let Some(token) = &server.ops.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same(given.as_bytes(), token.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    gauges(&server.state.db).await;
    let handle = recorder();
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}

/// The gauges read at each scrape: the outbox by state, the last backup's
/// age, the pools' connections.
async fn gauges(db: &Db) {
    if let Ok(counts) = app::mail::outbox::counts(db).await {
        for state in app::mail::states::STATES {
            let n = counts
                .iter()
                .find(|(s, _)| *s == state)
                .map_or(0, |(_, n)| *n);
            metrics::gauge!("passerelle_outbox_mails", "state" => state.code()).set(n as f64);
        }
    }
    if let Ok(Some(last)) = app::db::backups::last(db).await {
        if let Some(at) = app::db::parse_timestamp(&last) {
            let age = (app::state::now() - at).num_seconds().max(0);
            metrics::gauge!("passerelle_backup_age_seconds").set(age as f64);
        }
    }
    for (name, pool) in [("readers", &db.pool), ("writers", &db.write_pool)] {
        let size = pool.size() as f64;
        let idle = pool.num_idle() as f64;
        metrics::gauge!("passerelle_db_connections", "pool" => name, "state" => "open").set(size);
        metrics::gauge!("passerelle_db_connections", "pool" => name, "state" => "in_use")
            .set(size - idle);
    }
}

/// Counts each request by route and status, and its latency by route. The
/// route is the router's pattern (`/enfants/{id}`), a server function's
/// address, or `other` (static files, unknown addresses): never a value a
/// client chooses freely.
pub async fn count_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let pattern = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let status = response.status();
    let route = match pattern {
        Some(p) if !p.contains('*') => p,
        // Server functions share one pattern; their addresses are a fixed
        // list, and an unknown one is a 404 (counted as `other`).
        _ if path.starts_with("/api/") && status != StatusCode::NOT_FOUND => path,
        _ => "other".to_string(),
    };
    metrics::counter!(
        "passerelle_http_requests_total",
        "route" => route.clone(),
        "status" => status.as_u16().to_string()
    )
    .increment(1);
    metrics::histogram!("passerelle_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The span every log line of a request carries: its method, path and id.
pub fn request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}
