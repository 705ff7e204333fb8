//! Load benchmark of the register's sync: a hundred tablets, each the
//! register of its own group of fifteen children, send their fifteen marks
//! at the same moment, over real HTTP to the real router, several rounds.
//! Reports throughput and the latency percentiles, and checks that no sync
//! failed and that the server holds every mark exactly once. To show where
//! the time goes, it first times two bursts of the same size: requests
//! that only check who asks (HTTP and the session's lookup), and the syncs'
//! own work called without HTTP. The database first holds twelve weeks of
//! each group's registers (what a term of use leaves) and, on PostgreSQL,
//! its statistics (ANALYZE, as autovacuum keeps them); the server runs on
//! its own runtime.
//!
//! cargo bench -p server --bench attendance_load
//! (PostgreSQL too when TEST_DATABASE_URL is set; ROUNDS and TABLETS change
//! the size; PASSERELLE_DB_READERS and PASSERELLE_DB_WRITERS the
//! connections, as for the server.)

#[path = "../tests/common/wire.rs"]
mod wire;

#[path = "support.rs"]
mod support;

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
    /// Today's session.
    session: String,
    /// The sessions of the weeks before, their registers taken.
    past: Vec<String>,
    children: Vec<String>,
}

/// The weeks of registers the database holds before the benchmark: what a
/// term of use leaves (a benchmark on empty tables would flatter it).
const HISTORY_WEEKS: i64 = 12;

/// Adds `count` accompanists, each leading a group of fifteen children with
/// a session today and one in each of the `HISTORY_WEEKS` before, to the
/// demo organisation.
async fn seed_tablets(db: &Db, count: usize, password_hash: &str) -> Vec<Tablet> {
    let mut tx = db.pool.begin().await.unwrap();
    let (org, year, venue): (String, String, String) = sqlx::query_as(
        "SELECT o.id, y.id, v.id FROM organisations o JOIN school_years y ON y.organisation_id = o.id
         JOIN venues v ON v.organisation_id = o.id ORDER BY o.name, v.name LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let today_date = app::state::today();
    let today = today_date.to_string();
    let now = app::db::timestamp(Utc::now());
    let joined = (today_date - Duration::weeks(HISTORY_WEEKS + 1)).to_string();
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
            sqlx::query(
                "INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, $3)",
            )
            .bind(&group)
            .bind(&child)
            .bind(&joined)
            .execute(&mut *tx)
            .await
            .unwrap();
            children.push(child);
        }
        let mut past = Vec::new();
        for week in 1..=HISTORY_WEEKS {
            let (id, on) = (new_id(), (today_date - Duration::weeks(week)).to_string());
            sqlx::query(
                "INSERT INTO sessions (id, organisation_id, group_id, venue_id, on_date, starts_at, ends_at, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, '16:45', '18:15', 'planned', $6, $6)",
            )
            .bind(&id)
            .bind(&org)
            .bind(&group)
            .bind(&venue)
            .bind(on)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .unwrap();
            past.push(id);
        }
        tablets.push(Tablet {
            email,
            session,
            past,
            children,
        });
    }
    tx.commit().await.unwrap();
    tablets
}

/// A tablet's fifteen marks, made `offset` seconds after half an hour ago.
fn marks(tablet: &Tablet, offset: i64) -> Vec<Value> {
    marks_of(tablet, &tablet.session, offset)
}

/// The fifteen marks of one of the tablet's sessions.
fn marks_of(tablet: &Tablet, session: &str, offset: i64) -> Vec<Value> {
    let made = Utc::now() - Duration::minutes(30) + Duration::seconds(offset);
    tablet
        .children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let status = ["Present", "Absent", "Excused"][(i + offset.unsigned_abs() as usize) % 3];
            json!({
                "kind": "mark", "id": new_id(), "session": session, "child": child,
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

/// p50, p95, p99 and max of `latencies` (sorted here), in words.
fn spread(latencies: &mut [f64]) -> String {
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(latencies, 50.0),
        percentile(latencies, 95.0),
        percentile(latencies, 99.0),
        latencies.last().copied().unwrap_or_default(),
    )
}

/// Runs `calls` at the same moment (each its own task, released together)
/// and returns each one's latency in ms and whether it succeeded.
async fn burst<F, Fut>(calls: Vec<F>) -> Vec<(f64, bool)>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(calls.len()));
    let tasks: Vec<_> = calls
        .into_iter()
        .map(|call| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let sent = Instant::now();
                let ok = call().await;
                (sent.elapsed().as_secs_f64() * 1000.0, ok)
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

/// One tablet's sync of `marks` without HTTP, for `burst`.
fn sync_call(
    db: &Db,
    user: &app::auth::CurrentUser,
    marks: Vec<Value>,
) -> impl FnOnce() -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>> {
    let batch: Vec<app::domain::register::Entry> = marks
        .into_iter()
        .map(|m| serde_json::from_value(m).unwrap())
        .collect();
    let (db, user) = (db.clone(), user.clone());
    move || {
        Box::pin(async move {
            app::attendance::sync::apply(&db, &user, batch, Utc::now(), app::state::today())
                .await
                .is_ok()
        })
    }
}

async fn run(label: &str, url: &str) {
    let tablets_n = setting("TABLETS", 100);
    let rounds = setting("ROUNDS", 5);
    let db = Db::connect_with(url, app::db::Connections::from_env())
        .await
        .expect("connect");
    let hash = app::auth::server::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .unwrap();
    demo::seed(&db, app::state::today(), &hash).await.unwrap();
    let tablets = seed_tablets(&db, tablets_n, &hash).await;

    // Each tablet's user, as the server sees who asks.
    let mut users = Vec::new();
    for t in &tablets {
        let id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(&t.email)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let user = app::auth::store::accounts::user_by_id(&db, &app::domain::UserId(id)).await;
        users.push(user.unwrap().unwrap());
    }

    // The weeks before: each tablet's registers taken, a week at a time.
    for week in 0..HISTORY_WEEKS as usize {
        let calls = tablets
            .iter()
            .zip(&users)
            .map(|(t, user)| sync_call(&db, user, marks_of(t, &t.past[week], -7200)))
            .collect();
        assert!(burst(calls).await.iter().all(|(_, ok)| *ok), "history");
    }
    // PostgreSQL's statistics as a live database has them: autovacuum
    // analyses a table within a minute of its growth. Without them it
    // plans against the near-empty tables it saw before the seed: it scans
    // every user for each session lookup and every entry for each sync,
    // which no server in use does. SQLite has no such statistics unless
    // someone runs ANALYZE, which the server never does (and which, here,
    // made its plans slower: p99 139 ms instead of 99 ms at 40 rounds).
    if db.backend == app::db::Backend::Postgres {
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    }

    // The sync's own cost, without HTTP: one tablet's batches applied one
    // after the other, straight through `attendance::sync::apply`.
    const DIRECT: usize = 20;
    let mut direct: Vec<f64> = Vec::new();
    for round in 0..DIRECT as i64 {
        let call = sync_call(&db, &users[0], marks(&tablets[0], round - 600));
        let started = Instant::now();
        assert!(call().await, "a sync alone failed");
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
            proxies: Default::default(),
            accounts: Default::default(),
            mail: Default::default(),
        },
        ops: Default::default(),
    });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = wire::Http::new(&host);
    let mut cookies = Vec::new();
    for t in &tablets {
        cookies.push(client.login(&t.email, demo::DEMO_PASSWORD).await.unwrap());
    }

    // Where the time of a sync goes, each part in its own burst of as many
    // calls at once: the same burst of requests that only check who asks
    // (HTTP, the session's lookup), then the syncs' own work without HTTP.
    let mut floor = Vec::new();
    let mut floor_rounds = Vec::new();
    let mut alone = Vec::new();
    for round in 0..rounds {
        let calls = cookies
            .iter()
            .map(|cookie| {
                let (client, cookie) = (client.clone(), cookie.clone());
                move || async move {
                    let reply = client
                        .post(
                            "/api/auth/whoami",
                            Some(&cookie),
                            "application/x-www-form-urlencoded",
                            String::new(),
                        )
                        .await;
                    reply.is_ok_and(|r| r.status == 200 && r.body.contains("Tablette"))
                }
            })
            .collect();
        let mut this_round: Vec<f64> = burst(calls)
            .await
            .into_iter()
            .map(|(ms, ok)| {
                assert!(ok, "whoami failed");
                ms
            })
            .collect();
        floor.extend(&this_round);
        this_round.sort_by(|a, b| a.partial_cmp(b).unwrap());
        floor_rounds.push(format!("{:.0}", percentile(&this_round, 99.0)));
        let calls = tablets
            .iter()
            .zip(&users)
            .map(|(t, user)| sync_call(&db, user, marks(t, round as i64 - 300)))
            .collect();
        alone.extend(burst(calls).await.into_iter().map(|(ms, ok)| {
            assert!(ok, "a sync without HTTP failed");
            ms
        }));
    }
    println!(
        "{label}: {} at once, only who asks (HTTP and session): {}",
        tablets.len(),
        spread(&mut floor)
    );
    println!(
        "{label}: only who asks, p99 of each round (ms): {}",
        floor_rounds.join(", ")
    );
    println!(
        "{label}: {} syncs at once without HTTP: {}",
        tablets.len(),
        spread(&mut alone)
    );

    let mut latencies: Vec<f64> = Vec::new();
    let mut by_round: Vec<f64> = Vec::new();
    let mut errors = 0;
    let mut busy = std::time::Duration::ZERO;
    let mut last_ids: Vec<Vec<String>> = vec![Vec::new(); tablets.len()];
    for round in 0..rounds {
        let mut calls = Vec::new();
        for (i, t) in tablets.iter().enumerate() {
            let batch = marks(t, round as i64);
            last_ids[i] = batch
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string())
                .collect();
            let (client, cookie) = (client.clone(), cookies[i].clone());
            calls.push(move || async move {
                let reply = client.sync(&cookie, &batch).await;
                reply.is_ok_and(|r| {
                    r.status == 200
                        && serde_json::from_str::<Value>(&r.body).is_ok_and(|v| {
                            v["outcomes"].as_array().is_some_and(|o| {
                                o.len() == CHILDREN
                                    && o.iter().all(|p| p[1]["outcome"] == "applied")
                            })
                        })
                })
            });
        }
        let started = Instant::now();
        let mut this_round = Vec::new();
        for (ms, ok) in burst(calls).await {
            latencies.push(ms);
            this_round.push(ms);
            errors += usize::from(!ok);
        }
        busy += started.elapsed();
        this_round.sort_by(|a, b| a.partial_cmp(b).unwrap());
        by_round.push(percentile(&this_round, 99.0));
    }
    // Whether the tail grows as the rounds go (it did on SQLite).
    let fifth = by_round.len().div_ceil(5).max(1);
    let tail: Vec<String> = by_round
        .chunks(fifth)
        .map(|c| format!("{:.0}", c.iter().cloned().fold(0.0, f64::max)))
        .collect();
    println!(
        "{label}: p99 of the rounds, by fifth of the run (ms): {}",
        tail.join(", ")
    );
    if let Some(path) = url.strip_prefix("sqlite://") {
        let wal = std::fs::metadata(format!("{path}-wal")).map_or(0, |m| m.len());
        println!("{label}: WAL file at the end: {:.1} MB", wal as f64 / 1e6);
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
    let before = (HISTORY_WEEKS as usize + rounds) * tablets.len() + DIRECT;
    let entries = entries as usize - before * CHILDREN;
    println!(
        "{label}: {} tablets x {CHILDREN} marks x {rounds} rounds = {sent} marks; \
         {:.0} marks/s; latency {}; \
         errors {errors}; entries stored {entries} (expected {sent}); registers wrong {wrong_rows}",
        tablets.len(),
        sent as f64 / busy.as_secs_f64(),
        spread(&mut latencies),
    );
    assert_eq!(errors, 0, "syncs failed");
    assert_eq!(entries, sent, "marks lost or doubled");
    assert_eq!(wrong_rows, 0, "a register does not hold the last marks");
}

fn main() {
    support::each_database(
        "load.db",
        |label, url| async move { run(label, &url).await },
    );
}
