//! Serving connections with limits (ASVS V13/V15: a slow or greedy client
//! must not take the server): at most `max_connections` open at once (the
//! next ones are closed at once and logged), request headers read within
//! `header_read` (a keep-alive connection waiting for its next request is
//! closed after that long too), and every request answered within
//! `request` (`408`, by `tower_http::timeout` in `lib.rs`). Why not
//! `axum::serve`: it sets none of these. hyper's own HTTP/1 connection
//! does, and this loop is the small part axum leaves to whoever needs them.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

/// The server's limits, from the environment (`PASSERELLE_MAX_CONNECTIONS`,
/// `PASSERELLE_HEADER_TIMEOUT_SECONDS`, `PASSERELLE_REQUEST_TIMEOUT_SECONDS`).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub header_read: Duration,
    pub request: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

impl Limits {
    /// The defaults, with what the environment sets instead.
    pub fn from_env() -> Result<Limits, String> {
        let read = |name: &str, default: u64| -> Result<u64, String> {
            match std::env::var(name) {
                Ok(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name}: a whole number above 0, not {v:?}")),
                Err(_) => Ok(default),
            }
        };
        let d = Limits::default();
        Ok(Limits {
            max_connections: read("PASSERELLE_MAX_CONNECTIONS", d.max_connections as u64)? as usize,
            header_read: Duration::from_secs(read(
                "PASSERELLE_HEADER_TIMEOUT_SECONDS",
                d.header_read.as_secs(),
            )?),
            request: Duration::from_secs(read(
                "PASSERELLE_REQUEST_TIMEOUT_SECONDS",
                d.request.as_secs(),
            )?),
        })
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// open connections finish their request (ten seconds at most).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (closing, closed) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait, do not spin.
                    tracing::warn!(%error, "accept");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, limit = limits.max_connections, "connection limit reached");
            drop(stream);
            continue;
        };
        let app = app.clone();
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _ = stream.set_nodelay(true);
            let service = hyper::service::service_fn(move |mut request| {
                request.extensions_mut().insert(ConnectInfo(peer));
                app.clone().oneshot(request)
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    drop(closing);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(10), slots.acquire_many(all)).await;
}
