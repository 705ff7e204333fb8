//! Backups (issue 21): a backup taken while 100 tablets sync holds every
//! mark acknowledged before it started, restores into an empty database,
//! and passes the database's own checks; encrypted backups need their key;
//! restore refuses a database that is not empty; the daily backups run
//! once a day and keep so many days. Both databases.

use crate::common;

use serde_json::{json, Value};
use server::backup::{self, DailyBackups};
use std::sync::{Arc, Mutex};

const TABLETS: usize = 100;
const MARKS: usize = 15;

/// A fresh empty database on the same backend as `app`: its URL, and what
/// to drop afterwards.
async fn empty_target(app: &common::TestApp, dir: &std::path::Path) -> (String, Option<String>) {
    if app.db.backend == app::db::Backend::Sqlite {
        return (format!("sqlite://{}/restored.db", dir.display()), None);
    }
    let base = common::postgres_url().unwrap();
    let name = format!("passerelle_test_{}", app::db::new_id().replace('-', ""));
    let admin = app::db::Db::connect_raw(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    (format!("{prefix}/{name}"), Some(name))
}

fn marks(session: &str, children: &[String], tablet: usize) -> Vec<Value> {
    let base = chrono::Utc::now() - chrono::Duration::minutes(20);
    (0..MARKS)
        .map(|m| {
            let status = ["Present", "Absent", "Excused"][(tablet + m) % 3];
            json!({
                "kind": "mark", "id": app::db::new_id(), "session": session,
                "child": children[(tablet + m) % children.len()],
                "status": status,
                "arrived_at": null, "departure": null, "base": null,
                "device": format!("tablet-{tablet}"),
                "made_at": (base + chrono::Duration::milliseconds((tablet * MARKS + m) as i64))
                    .format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            })
        })
        .collect()
}

on_both!(
    a_backup_taken_while_tablets_sync_restores_every_acknowledged_mark,
    |app: common::TestApp| async move {
        let app = Arc::new(app);
        let cookie = app.login("accompagnateur@demo.test").await;
        let today = app
            .call("attendance/today", Some(&cookie), &[])
            .await
            .json();
        let sheet = &today["sheets"][0];
        let session = sheet["session"].as_str().unwrap().to_string();
        let children: Vec<String> = sheet["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        // 100 tablets, each sending its marks in batches of five.
        let acknowledged = Arc::new(Mutex::new(Vec::<(String, std::time::Instant)>::new()));
        let mut tablets = tokio::task::JoinSet::new();
        for t in 0..TABLETS {
            let (app, cookie, acknowledged) = (app.clone(), cookie.clone(), acknowledged.clone());
            let entries = marks(&session, &children, t);
            tablets.spawn(async move {
                for batch in entries.chunks(5) {
                    let reply = app
                        .call_json(
                            "attendance/sync",
                            Some(&cookie),
                            &json!({ "entries": batch }),
                        )
                        .await;
                    assert_eq!(reply.status, 200, "{}", reply.body);
                    let done = std::time::Instant::now();
                    let outcomes = reply.json()["outcomes"].as_array().unwrap().clone();
                    let mut ack = acknowledged.lock().unwrap();
                    for o in outcomes {
                        if o[1]["outcome"] != "refused" {
                            ack.push((o[0].as_str().unwrap().to_string(), done));
                        }
                    }
                }
            });
        }
        // The backup starts while they sync.
        while acknowledged.lock().unwrap().len() < TABLETS * 2 {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sauvegarde.bin");
        let started = std::time::Instant::now();
        let written = backup::backup(&app.db, &app.url, &file, None)
            .await
            .expect("backup");
        assert!(written.bytes > 10_000 && !written.encrypted, "{written:?}");
        tablets.join_all().await;
        let before: Vec<String> = acknowledged
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, at)| *at < started)
            .map(|(id, _)| id.clone())
            .collect();
        assert!(before.len() >= TABLETS * 2, "{}", before.len());
        // Into an empty database: migrated, checked, complete.
        let (url, drop) = empty_target(&app, dir.path()).await;
        let restored = backup::restore(&url, &file, None).await.expect("restore");
        backup::check(&restored).await.expect("checks pass");
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT id FROM register_entries WHERE session_id = $1")
                .bind(&session)
                .fetch_all(&restored.pool)
                .await
                .unwrap();
        let missing = before.iter().filter(|id| !stored.contains(id)).count();
        assert_eq!(
            missing, 0,
            "{missing} acknowledged marks missing from the backup"
        );
        // Restoring again into what is no longer empty: refused, nothing
        // touched.
        let again = backup::restore(&url, &file, None).await;
        assert!(again.is_err(), "restore into a database that holds data");
        restored.pool.close().await;
        restored.write_pool.close().await;
        common::drop_postgres_database(drop).await;
    }
);

on_both!(
    an_encrypted_backup_needs_its_key,
    |app: common::TestApp| async move {
        let dir = tempfile::tempdir().unwrap();
        let (key, recipient) = backup::new_key();
        let key_file = dir.path().join("cle.txt");
        std::fs::write(&key_file, key).unwrap();
        let recipient = backup::recipient(&recipient).unwrap();
        let file = dir.path().join("sauvegarde.age");
        let written = backup::backup(&app.db, &app.url, &file, Some(&recipient))
            .await
            .unwrap();
        assert!(written.encrypted);
        let raw = std::fs::read(&file).unwrap();
        assert!(raw.starts_with(b"age-encryption.org/v1"));
        assert!(
            !raw.windows(b"coordination@demo.test".len())
                .any(|w| w == b"coordination@demo.test"),
            "no clear text"
        );
        // A backup file that exists is never overwritten.
        assert!(backup::backup(&app.db, &app.url, &file, None)
            .await
            .is_err());
        let (url, drop) = empty_target(&app, dir.path()).await;
        let without = backup::restore(&url, &file, None).await;
        assert!(without.unwrap_err().contains("--identity"));
        let (other, _) = backup::new_key();
        let other_file = dir.path().join("autre.txt");
        std::fs::write(&other_file, other).unwrap();
        let wrong = backup::identity(&other_file).unwrap();
        assert!(backup::restore(&url, &file, Some(&wrong)).await.is_err());
        let identity = backup::identity(&key_file).unwrap();
        let restored = backup::restore(&url, &file, Some(&identity))
            .await
            .expect("restore");
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&restored.pool)
            .await
            .unwrap();
        assert!(users >= 7);
        restored.pool.close().await;
        restored.write_pool.close().await;
        common::drop_postgres_database(drop).await;
        // Not a backup at all.
        let junk = dir.path().join("junk.bin");
        std::fs::write(&junk, b"hello").unwrap();
        assert!(backup::restore("sqlite://x.db", &junk, None)
            .await
            .unwrap_err()
            .contains("not a Passerelle backup"));
    }
);

on_both!(
    daily_backups_run_once_a_day_and_keep_their_days,
    |app: common::TestApp| async move {
        let dir = tempfile::tempdir().unwrap();
        let settings = DailyBackups {
            dir: dir.path().to_path_buf(),
            keep_days: 2,
            recipient: None,
        };
        // An old one, past its days.
        std::fs::write(dir.path().join("passerelle-2020-01-01.sqlite"), b"old").unwrap();
        let now = chrono::Utc::now();
        let first = backup::daily_pass(&app.db, &app.url, &settings, now)
            .await
            .unwrap();
        assert!(first.is_some());
        // The same day again (another instance, another hour): nothing.
        let second = backup::daily_pass(&app.db, &app.url, &settings, now)
            .await
            .unwrap();
        assert!(second.is_none());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(!names[0].contains("2020-01-01"));
        assert!(app::db::backups::last(&app.db).await.unwrap().is_some());
    }
);
