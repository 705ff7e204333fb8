//! Test harness: a fresh database per test (a SQLite file, or a new
//! PostgreSQL database when `TEST_DATABASE_URL` is set), the demo seeded in
//! it, and the real router called in process.

#![allow(dead_code)]

pub mod process;
pub mod smtp;
pub mod wire;

use app::db::{demo, Db};
use app::state::ServerState;
use axum::body::Body;
use axum::Router;
use http::{Method, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use std::sync::OnceLock;
use tower::ServiceExt;

pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The database's URL (for a second process, a backup).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// The PostgreSQL database made for this test, if any.
    postgres_database: Option<String>,
}

/// Why a `Drop` that does nothing: a test's `async move` block captures
/// only the fields it names (edition 2021's precise capture), so a test
/// that names `app.db` alone would drop the SQLite file's folder at once
/// and every new connection would fail. A type with `Drop` is captured
/// whole.
impl Drop for TestApp {
    fn drop(&mut self) {}
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
    /// The body as sent (a downloaded PDF or workbook).
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.body))
    }
    /// The `error` kind of an AppError body.
    pub fn error_kind(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    pub fn session_cookie(&self) -> Option<String> {
        self.cookie("passerelle_session")
    }

    /// The cookie `name` this answer sets (`name=value`), unless it
    /// removes it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let start = format!("{name}=");
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&start) && !v.starts_with(&format!("{start};")))
            .map(|v| v.split(';').next().unwrap_or_default().to_string())
    }

    /// The `Set-Cookie` header of cookie `name`, whole.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }
}

/// The PostgreSQL server used by the tests, if configured.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// One argon2 hash of the demo password for the whole test binary.
async fn demo_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    if let Some(h) = HASH.get() {
        return h.clone();
    }
    let h = app::auth::server::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .expect("hash");
    HASH.get_or_init(|| h).clone()
}

/// The `/metrics` token of the tests' routers.
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789";

pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("passerelle")
        .site_root("target/site")
        .build()
}

impl TestApp {
    /// A fresh, migrated, demo-seeded database and the router over it,
    /// where a second factor is optional (as in the demo; the tests of the
    /// second factor use `with_accounts`).
    /// `None` when the backend is PostgreSQL and no server is configured.
    pub async fn new(backend: Backend) -> Option<TestApp> {
        TestApp::with_accounts(backend, TestApp::demo_accounts()).await
    }

    /// The account settings of the demo: production's, with the second
    /// factor optional.
    pub fn demo_accounts() -> app::state::AccountSettings {
        app::state::AccountSettings {
            second_factor_required: false,
            ..Default::default()
        }
    }

    /// `new`, with these account settings.
    pub async fn with_accounts(
        backend: Backend,
        settings: app::state::AccountSettings,
    ) -> Option<TestApp> {
        let (url, dir, postgres_database) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("tempdir");
                (
                    format!("sqlite://{}/test.db", dir.path().display()),
                    Some(dir),
                    None,
                )
            }
            Backend::Postgres => {
                let base = postgres_url()?;
                let name = format!("passerelle_test_{}", uuid_like());
                let admin = Db::connect_raw(&base)
                    .await
                    .expect("connect to TEST_DATABASE_URL");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&admin)
                    .await
                    .expect("create test database");
                admin.close().await;
                let (prefix, _) = base.rsplit_once('/').expect("database URL has a path");
                (format!("{prefix}/{name}"), None, Some(name))
            }
        };
        let db = Db::connect(&url).await.expect("connect and migrate");
        demo::seed(&db, app::state::today(), &demo_hash().await)
            .await
            .expect("seed demo");
        let router = server::router(server::Server {
            leptos_options: leptos_options(),
            state: ServerState {
                db: db.clone(),
                https: false,
                proxies: app::state::TrustedProxies::parse("127.0.0.1").expect("an address"),
                accounts: settings,
                mail: Default::default(),
            },
            ops: server::ops::OpsSettings {
                metrics_token: Some(METRICS_TOKEN.into()),
            },
        });
        Some(TestApp {
            router,
            db,
            url,
            _dir: dir,
            postgres_database,
        })
    }

    /// The PostgreSQL database made for this test, to drop once it passed.
    pub fn postgres_database(&self) -> Option<String> {
        self.postgres_database.clone()
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<(&str, String)>,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://127.0.0.1:3000");
        if method == Method::GET {
            // As a browser navigating: redirects are real 302s.
            req = req.header("accept", "text/html");
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let req = match body {
            Some((content_type, body)) => req
                .header("content-type", content_type)
                .body(Body::from(body)),
            None => req.body(Body::empty()),
        }
        .expect("request");
        self.send(req).await
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 10 * 1024 * 1024)
            .await
            .expect("body");
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// Calls a server function with a form body, as a browser with
    /// JavaScript does (answer in JSON).
    pub async fn call(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Answer {
        let body = form_body(form);
        self.request(
            Method::POST,
            &format!("/api/{endpoint}"),
            cookie,
            Some(("application/x-www-form-urlencoded", body)),
        )
        .await
    }

    /// `call` sent `times` times at once; the status of each answer.
    pub async fn call_at_once(
        self: &std::sync::Arc<Self>,
        times: usize,
        endpoint: &'static str,
        cookie: &str,
        form: &[(&'static str, String)],
    ) -> Vec<StatusCode> {
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..times {
            let (app, cookie, form) = (self.clone(), cookie.to_string(), form.to_vec());
            calls.spawn(async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.call(endpoint, Some(&cookie), &form).await.status
            });
        }
        calls.join_all().await
    }

    /// `call` with owned field names and values (forms built in a test).
    pub async fn call_owned(
        &self,
        endpoint: &str,
        cookie: &str,
        form: &[(String, String)],
    ) -> Answer {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.call(endpoint, Some(cookie), &form).await
    }

    /// Calls a server function whose input is JSON (the register's sync).
    pub async fn call_json(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        body: &serde_json::Value,
    ) -> Answer {
        self.request(
            Method::POST,
            &format!("/api/{endpoint}"),
            cookie,
            Some(("application/json", body.to_string())),
        )
        .await
    }

    /// Logs in and returns the session cookie.
    pub async fn login(&self, email: &str) -> String {
        self.login_from(email, None)
            .await
            .session_cookie()
            .unwrap_or_else(|| panic!("no session cookie for {email}"))
    }

    /// Logs in from a device that sends `cookies` (its language, say);
    /// the whole answer.
    pub async fn login_from(&self, email: &str, cookies: Option<&str>) -> Answer {
        let a = self
            .call(
                "auth/login",
                cookies,
                &[("email", email), ("password", demo::DEMO_PASSWORD)],
            )
            .await;
        assert!(
            a.status.is_success() || a.status.is_redirection(),
            "login {email}: {} {}",
            a.status,
            a.body
        );
        a
    }

    pub async fn scalar(&self, sql: &'static str, arg: &str) -> String {
        sqlx::query_scalar::<_, String>(sql)
            .bind(arg)
            .fetch_one(&self.db.pool)
            .await
            .expect("scalar")
    }

    /// A `COUNT(*)` with one argument.
    pub async fn count(&self, sql: &'static str, arg: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(arg)
            .fetch_one(&self.db.pool)
            .await
            .expect("count")
    }
}

pub fn form_body(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The rule codes of a refusal (`AppError::Rules`).
pub fn codes(answer: &Answer) -> Vec<String> {
    answer.json()["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings: {}", answer.body))
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// True when `text` holds `word` with no letter right before or after it.
pub fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Drops a database a test made on `TEST_DATABASE_URL`'s server, with the
/// connections still open to it. Best effort: a failed test keeps its
/// database to look at, and `.ci/test` drops what is left before a run.
pub async fn drop_postgres_database(name: Option<String>) {
    let (Some(name), Some(base)) = (name, postgres_url()) else {
        return;
    };
    if let Ok(admin) = Db::connect_raw(&base).await {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await;
        admin.close().await;
    }
}

fn uuid_like() -> String {
    app::db::new_id().replace('-', "")
}

/// Runs a test body on SQLite and on PostgreSQL (when configured), each on
/// a runtime with several threads, as the server's. Why: on tokio's
/// default single-threaded test runtime about one run in four of `api.rs`
/// hung while the report page made a resource inside a `Suspense`
/// (leptos-rs/leptos#4866; no page does so now).
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        on_both!($name, accounts = common::TestApp::demo_accounts(), $body);
    };
    ($name:ident, accounts = $accounts:expr, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let app = common::TestApp::with_accounts(common::Backend::Sqlite, $accounts)
                    .await
                    .expect("sqlite");
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                match common::TestApp::with_accounts(common::Backend::Postgres, $accounts).await {
                    Some(app) => {
                        let database = app.postgres_database();
                        ($body)(app).await;
                        common::drop_postgres_database(database).await;
                    }
                    // Why: CI sets PASSERELLE_REQUIRE_POSTGRES so this can never be skipped silently there.
                    None if std::env::var_os("PASSERELLE_REQUIRE_POSTGRES").is_some() => {
                        panic!("PASSERELLE_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")
                    }
                    None => eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped"),
                }
            }
        }
    };
}
