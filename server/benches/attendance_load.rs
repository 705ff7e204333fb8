//! Load benchmark of the register's sync: a hundred tablets, each the
//! register of its own group of fifteen children, send their fifteen marks
//! at the same moment, over real HTTP to the real router, several rounds.
//! Reports throughput and the latency percentiles, and checks that no sync
//! failed and that the server holds every mark exactly once.
//!
//! cargo bench -p server --bench attendance_load
//! (PostgreSQL too when TEST_DATABASE_URL is set; ROUNDS and TABLETS change
//! the size.)

#[path = "../tests/common/wire.rs"]
mod wire;

use app::db::{demo, new_id, Db};
use app::state::ServerState;
use chrono::{Duration, Utc};
use serde_json::{json, Value};
use std::time::Instant;

const CHILDREN: usize = 15;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Tablet {
    email: String,
    session: String,
    children: Vec<String>,
}

/// Adds `count` accompanists, each leading a group of fifteen children with
/// a session today, to the demo organisation.
async fn seed_tablets(db: &Db, count: usize, password_hash: &str) -> Vec<Tablet> {
    let mut tx = db.pool.begin().await.unwrap();
    let (org, year, venue): (String, String, String) = sqlx::query_as(
        "SELECT o.id, y.id, v.id FROM organisations o JOIN school_years y ON y.organisation_id = o.id
         JOIN venues v ON v.organisation_id = o.id ORDER BY o.name, v.name LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let today = app::state::today().to_string();
    let now = app::db::timestamp(Utc::now());
    let mut tablets = Vec::new();
    for t in 0..count {
        let (user, accompanist, group, session) = (new_id(), new_id(), new_id(), new_id());
        let email = format!("tablette{t}@charge.test");
        let statements: [(&str, Vec<String>); 5] = [
            ("INSERT INTO users (id, organisation_id, email, password_hash, role, display_name, created_at) VALUES ($1, $2, $3, $4, 'accompanist', $5, $6)",
             vec![user.clone(), org.clone(), email.clone(), password_hash.to_string(), format!("Tablette {t}"), now.clone()]),
            ("INSERT INTO accompanists (id, organisation_id, user_id, first_name, last_name, paid) VALUES ($1, $2, $3, $4, 'Charge', 0)",
             vec![accompanist.clone(), org.clone(), user.clone(), format!("T{t}")]),
            ("INSERT INTO groups (id, organisation_id, school_year_id, name) VALUES ($1, $2, $3, $4)",
             vec![group.clone(), org.clone(), year.clone(), format!("Charge {t}")]),
            ("INSERT INTO group_accompanists (group_id, accompanist_id) VALUES ($1, $2)",
             vec![group.clone(), accompanist.clone()]),
            ("INSERT INTO sessions (id, organisation_id, group_id, venue_id, on_date, starts_at, ends_at, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '16:45', '18:15', 'planned', $6, $6)",
             vec![session.clone(), org.clone(), group.clone(), venue.clone(), today.clone(), now.clone()]),
        ];
        for (sql, args) in statements {
            let mut q = sqlx::query(sql);
            for a in args {
                q = q.bind(a);
            }
            q.execute(&mut *tx).await.unwrap();
        }
        let mut children = Vec::new();
        for c in 0..CHILDREN {
            let child = new_id();
            sqlx::query(
                "INSERT INTO children (id, organisation_id, first_name, last_name, birth_year, sex, school_level, status, created_at)
                 VALUES ($1, $2, $3, 'Charge', 2017, 'F', 'CE1', 'inscrit', $4)",
            )
            .bind(&child)
            .bind(&org)
            .bind(format!("Enfant{c}"))
            .bind(&now)
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, '2026-09-01')")
                .bind(&group)
                .bind(&child)
                .execute(&mut *tx)
                .await
                .unwrap();
            children.push(child);
        }
        tablets.push(Tablet {
            email,
            session,
            children,
        });
    }
    tx.commit().await.unwrap();
    tablets
}

/// A tablet's fifteen marks, made `offset` seconds after half an hour ago.
fn marks(tablet: &Tablet, offset: i64) -> Vec<Value> {
    let made = Utc::now() - Duration::minutes(30) + Duration::seconds(offset);
    tablet
        .children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let status = ["Present", "Absent", "Excused"][(i + offset.unsigned_abs() as usize) % 3];
            json!({
                "kind": "mark", "id": new_id(), "session": tablet.session, "child": child,
                "status": status, "arrived_at": null, "departure": null,
                "device": format!("bench-{}", tablet.email), "base": null,
                "made_at": made.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            })
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

async fn run(label: &str, url: &str) {
    let tablets_n = setting("TABLETS", 100);
    let rounds = setting("ROUNDS", 5);
    let db = Db::connect(url).await.expect("connect");
    let hash = app::auth::server::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .unwrap();
    demo::seed(&db, app::state::today(), &hash).await.unwrap();
    let tablets = seed_tablets(&db, tablets_n, &hash).await;

    // The sync's own cost, without HTTP: one tablet's batches applied one
    // after the other, straight through `attendance::sync::apply`.
    let user_id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&tablets[0].email)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let user = app::db::accounts::user_by_id(&db, &app::domain::UserId(user_id))
        .await
        .unwrap()
        .unwrap();
    const DIRECT: usize = 20;
    let mut direct: Vec<f64> = Vec::new();
    for round in 0..DIRECT as i64 {
        let batch: Vec<app::domain::register::Entry> = marks(&tablets[0], round - 600)
            .into_iter()
            .map(|m| serde_json::from_value(m).unwrap())
            .collect();
        let started = Instant::now();
        app::attendance::sync::apply(&db, &user, batch, Utc::now(), app::state::today())
            .await
            .unwrap();
        direct.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    direct.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{label}: one sync of {CHILDREN} marks without HTTP, alone: median {:.2} ms ({DIRECT} in a row)",
        percentile(&direct, 50.0)
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = listener.local_addr().unwrap().to_string();
    let router = server::router(server::Server {
        leptos_options: leptos::prelude::LeptosOptions::builder()
            .output_name("passerelle")
            .site_root("target/site")
            .build(),
        state: ServerState {
            db: db.clone(),
            https: false,
        },
    });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = wire::Http::new(&host);
    let mut cookies = Vec::new();
    for t in &tablets {
        cookies.push(client.login(&t.email, demo::DEMO_PASSWORD).await.unwrap());
    }

    let mut latencies: Vec<f64> = Vec::new();
    let mut errors = 0;
    let mut busy = std::time::Duration::ZERO;
    let mut last_ids: Vec<Vec<String>> = vec![Vec::new(); tablets.len()];
    for round in 0..rounds {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(tablets.len()));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for (i, t) in tablets.iter().enumerate() {
            let batch = marks(t, round as i64);
            last_ids[i] = batch
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string())
                .collect();
            let (client, cookie, barrier) = (client.clone(), cookies[i].clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let sent = Instant::now();
                let reply = client.sync(&cookie, &batch).await;
                let ms = sent.elapsed().as_secs_f64() * 1000.0;
                let ok = reply.is_ok_and(|r| {
                    r.status == 200
                        && serde_json::from_str::<Value>(&r.body).is_ok_and(|v| {
                            v["outcomes"].as_array().is_some_and(|o| {
                                o.len() == CHILDREN
                                    && o.iter().all(|p| p[1]["outcome"] == "applied")
                            })
                        })
                });
                (ms, ok)
            }));
        }
        for task in tasks {
            let (ms, ok) = task.await.unwrap();
            latencies.push(ms);
            errors += usize::from(!ok);
        }
        busy += started.elapsed();
    }

    // Every mark once: one entry per mark sent, and each child's row holds
    // the last round's mark.
    let entries: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM register_entries WHERE device_id LIKE 'bench-%'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let mut wrong_rows = 0;
    for (t, ids) in tablets.iter().zip(&last_ids) {
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT mark_id FROM attendance WHERE session_id = $1")
                .bind(&t.session)
                .fetch_all(&db.pool)
                .await
                .unwrap();
        let mut stored = stored;
        stored.sort();
        let mut expected = ids.clone();
        expected.sort();
        wrong_rows += usize::from(stored != expected);
    }
    let sent = tablets.len() * CHILDREN * rounds;
    let entries = entries as usize - DIRECT * CHILDREN;
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{label}: {} tablets x {CHILDREN} marks x {rounds} rounds = {sent} marks; \
         {:.0} marks/s; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         errors {errors}; entries stored {entries} (expected {sent}); registers wrong {wrong_rows}",
        tablets.len(),
        sent as f64 / busy.as_secs_f64(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 95.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or_default(),
    );
    assert_eq!(errors, 0, "syncs failed");
    assert_eq!(entries, sent, "marks lost or doubled");
    assert_eq!(wrong_rows, 0, "a register does not hold the last marks");
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    run(
        "SQLite",
        &format!("sqlite://{}/load.db", dir.path().display()),
    )
    .await;
    if let Ok(base) = std::env::var("TEST_DATABASE_URL") {
        let name = format!("passerelle_bench_{}", new_id().replace('-', ""));
        let admin = Db::connect_raw(&base).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        let (prefix, _) = base.rsplit_once('/').unwrap();
        run("PostgreSQL", &format!("{prefix}/{name}")).await;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await
        .unwrap();
    }
}
