//! Crash test: the real `passerelle` binary is killed with SIGKILL in the
//! middle of a burst of syncs, then started again. Every mark the server had
//! acknowledged must be there, SQLite's integrity check must pass, and the
//! tablets, sending their whole outbox again, must get every mark in exactly
//! once. On SQLite and on PostgreSQL.

use crate::common;

use common::process::{free_host, start};
use common::wire::Http;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TABLETS: usize = 6;
const BATCHES: usize = 20;
const MARKS: usize = 5;

/// Each tablet's outbox: batches of marks made one after the other.
fn outboxes(session: &str, children: &[String]) -> Vec<Vec<Vec<Value>>> {
    let base = chrono::Utc::now() - chrono::Duration::minutes(30);
    (0..TABLETS)
        .map(|t| {
            (0..BATCHES)
                .map(|b| {
                    (0..MARKS)
                        .map(|m| {
                            let n = (b * MARKS + m) as i64;
                            let status = ["Present", "Absent", "Excused"][(t + b + m) % 3];
                            json!({
                                "kind": "mark", "id": app::db::new_id(), "session": session,
                                "child": children[(t + n as usize) % children.len()],
                                "status": status,
                                "arrived_at": null, "departure": null, "base": null,
                                "device": format!("tablet-{t}"),
                                "made_at": (base + chrono::Duration::milliseconds(n * 10 + t as i64))
                                    .format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
                            })
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn delivered(body: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(body).expect("JSON");
    v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p[1]["outcome"] != "refused")
        .map(|p| p[0].as_str().unwrap().to_string())
        .collect()
}

async fn crash_and_recover(url: &str, sqlite_file: Option<&std::path::Path>) {
    let host = free_host();
    let server = start("demo", url, &host).await;
    let http = Http::new(&host);
    let cookie = http
        .login("accompagnateur@demo.test", app::db::demo::DEMO_PASSWORD)
        .await
        .unwrap();
    let today = http
        .post(
            "/api/attendance/today",
            Some(&cookie),
            "application/x-www-form-urlencoded",
            String::new(),
        )
        .await
        .unwrap();
    let today: Value = serde_json::from_str(&today.body).unwrap();
    let sheet = &today["sheets"][0];
    let session = sheet["session"].as_str().unwrap().to_string();
    let children: Vec<String> = sheet["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let outboxes = outboxes(&session, &children);

    // The burst: every tablet sends its batches one after the other; the
    // server is killed once a few have been acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for outbox in outboxes.clone() {
        let (http, cookie, acknowledged) = (http.clone(), cookie.clone(), acknowledged.clone());
        tasks.push(tokio::spawn(async move {
            for batch in outbox {
                match http.sync(&cookie, &batch).await {
                    Ok(reply) if reply.status == 200 => {
                        acknowledged.lock().unwrap().extend(delivered(&reply.body));
                    }
                    _ => return,
                }
            }
        }));
    }
    // Bounded: if the tablets stop before enough marks are acknowledged
    // (a refused session, a server that fails), say so instead of waiting.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        tokio::time::sleep(Duration::from_millis(5)).await;
        let so_far = acknowledged.lock().unwrap().len();
        if so_far >= TABLETS * MARKS * 3 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline && !tasks.iter().all(|t| t.is_finished()),
            "only {so_far} marks acknowledged before the tablets stopped"
        );
    }
    let mut server = server;
    server.0.kill().expect("SIGKILL");
    server.0.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let total = TABLETS * BATCHES * MARKS;
    assert!(
        acknowledged.len() < total,
        "the server was killed after the burst, not during it"
    );

    // After the crash: everything acknowledged is there.
    let pool = app::db::Db::connect_raw(url).await.unwrap();
    if sqlite_file.is_some() {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(check, "ok");
    }
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT id FROM register_entries WHERE session_id = $1")
            .bind(&session)
            .fetch_all(&pool)
            .await
            .unwrap();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged marks lost",
        missing.len()
    );
    pool.close().await;

    // Started again, the tablets send their whole outbox: the rest gets in,
    // and what was already there is not doubled.
    let _server = start("serve", url, &host).await;
    for outbox in &outboxes {
        for batch in outbox {
            let reply = http.sync(&cookie, batch).await.unwrap();
            assert_eq!(reply.status, 200, "{}", reply.body);
            assert_eq!(delivered(&reply.body).len(), MARKS, "{}", reply.body);
        }
    }
    let pool = app::db::Db::connect_raw(url).await.unwrap();
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM register_entries WHERE session_id = $1")
            .bind(&session)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(count as usize, total);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE session_id = $1")
        .bind(&session)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows as usize, children.len());
    eprintln!(
        "crash test: {} of {total} marks acknowledged before SIGKILL, all kept; the rest delivered after restart",
        acknowledged.len()
    );
}

#[tokio::test]
async fn sqlite_survives_kill_9_in_a_burst_of_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crash.db");
    crash_and_recover(&format!("sqlite://{}", file.display()), Some(&file)).await;
}

#[tokio::test]
async fn postgres_survives_kill_9_in_a_burst_of_syncs() {
    let Some(base) = common::postgres_url() else {
        assert!(
            std::env::var_os("PASSERELLE_REQUIRE_POSTGRES").is_none(),
            "PASSERELLE_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
        );
        return;
    };
    let name = format!("passerelle_test_{}", app::db::new_id().replace('-', ""));
    let admin = app::db::Db::connect_raw(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    crash_and_recover(&format!("{prefix}/{name}"), None).await;
    admin.close().await;
    common::drop_postgres_database(Some(name)).await;
}
