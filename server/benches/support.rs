//! What the benchmarks share: each runs on SQLite in a temporary folder,
//! then on a database of its own in PostgreSQL when TEST_DATABASE_URL is
//! set, and only under `cargo bench` (`cargo test --benches` runs nothing).

use app::db::{new_id, Db};
use std::future::Future;

/// Runs `bench` with ("SQLite", url), then ("PostgreSQL", url) if asked,
/// on the server's own runtime.
pub fn each_database<F, Fut>(file: &str, bench: F)
where
    F: Fn(&'static str, String) -> Fut,
    Fut: Future<Output = ()>,
{
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    server::runtime().expect("runtime").block_on(async {
        let dir = tempfile::tempdir().unwrap();
        bench(
            "SQLite",
            format!("sqlite://{}/{file}", dir.path().display()),
        )
        .await;
        let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
            return;
        };
        let name = format!("passerelle_bench_{}", new_id().replace('-', ""));
        let admin = Db::connect_raw(&base).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        let (prefix, _) = base.rsplit_once('/').unwrap();
        bench("PostgreSQL", format!("{prefix}/{name}")).await;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await
        .unwrap();
    });
}
