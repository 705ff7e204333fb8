//! Several instances on one PostgreSQL (issue 21): two `passerelle`
//! processes share sessions, the planning's versions, the sign-in throttle,
//! the outbox and the daily jobs, each run once. And a mail being sent when
//! the process is killed is never sent twice (both databases).

use crate::common;

use common::process::{free_host, start_logging, start_with, Running};
use common::smtp::Sink;
use common::wire::Http;
use serde_json::Value;
use std::time::Duration;

const COORDINATOR: &str = "coordination@demo.test";
const PASSWORD: &str = app::db::demo::DEMO_PASSWORD;

async fn post(
    http: &Http,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (u16, String) {
    let reply = http
        .post(
            path,
            cookie,
            "application/x-www-form-urlencoded",
            common::form_body(form),
        )
        .await
        .unwrap();
    (reply.status, reply.body)
}

/// A new empty PostgreSQL database: its URL and name.
async fn new_postgres() -> Option<(String, String)> {
    let base = common::postgres_url()?;
    let name = format!("passerelle_test_{}", app::db::new_id().replace('-', ""));
    let admin = app::db::Db::connect_raw(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    Some((format!("{prefix}/{name}"), name))
}

/// Invites the first `n` people without an account through `http`.
async fn invite(http: &Http, cookie: &str, n: usize) {
    let (status, body) = post(http, "/api/auth/invitees", Some(cookie), &[]).await;
    assert_eq!(status, 200, "{body}");
    let people: Value = serde_json::from_str(&body).unwrap();
    let people: Vec<&Value> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["has_account"] == false)
        .take(n)
        .collect();
    assert_eq!(people.len(), n, "enough people to invite");
    for (i, p) in people.into_iter().enumerate() {
        let role = p["role"].as_str().unwrap().to_lowercase();
        let email = format!("invite{i}@example.test");
        let (status, body) = post(
            http,
            "/api/auth/invite",
            Some(cookie),
            &[
                ("role", &role),
                ("person_id", p["id"].as_str().unwrap()),
                ("email", &email),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_sessions_versions_throttle_outbox_and_jobs() {
    let Some((url, name)) = new_postgres().await else {
        assert!(
            std::env::var_os("PASSERELLE_REQUIRE_POSTGRES").is_none(),
            "PASSERELLE_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
        );
        eprintln!("TEST_DATABASE_URL not set: skipped");
        return;
    };
    let sink = Sink::start().await;
    let smtp = sink.url();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let env = |dir: &tempfile::TempDir| -> Vec<(&'static str, String)> {
        vec![
            ("PASSERELLE_SECOND_FACTOR", "optional".into()),
            ("PASSERELLE_SMTP_URL", smtp.clone()),
            ("PASSERELLE_MAIL_POLL_MS", "100".into()),
            ("PASSERELLE_BACKUP_DIR", dir.path().display().to_string()),
        ]
    };
    let (host_a, host_b) = (free_host(), free_host());
    let run = |command: &'static str, host: String, env: Vec<(&'static str, String)>| {
        let url = url.clone();
        async move {
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            start_with(command, &url, &host, &env).await
        }
    };
    let _a: Running = run("demo", host_a.clone(), env(&dir_a)).await;
    let _b: Running = run("serve", host_b.clone(), env(&dir_b)).await;
    let (a, b) = (Http::new(&host_a), Http::new(&host_b));

    // Signed in on one, known on the other.
    let cookie = a.login(COORDINATOR, PASSWORD).await.unwrap();
    let (status, who) = post(&b, "/api/auth/whoami", Some(&cookie), &[]).await;
    assert_eq!(status, 200);
    assert!(
        who.contains(COORDINATOR) || who.contains("display_name"),
        "{who}"
    );
    assert_ne!(who, "null");

    // A planning change made on one is stale on the other.
    let pool = app::db::Db::connect_raw(&url).await.unwrap();
    let (id, version, date, starts, ends, venue): (String, i64, String, String, String, String) =
        sqlx::query_as(
            "SELECT id, version, on_date, starts_at, ends_at, venue_id FROM sessions
             WHERE status = 'planned' ORDER BY on_date DESC, id LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
    let version = version.to_string();
    let form = [
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("slot[date]", date.as_str()),
        ("slot[time][start]", starts.as_str()),
        ("slot[time][end]", ends.as_str()),
        ("venue", venue.as_str()),
    ];
    let (status, body) = post(&a, "/api/planning/move", Some(&cookie), &form).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post(&b, "/api/planning/move", Some(&cookie), &form).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("stale"), "{body}");

    // The throttle is shared: wrong passwords on both add up.
    let mut last = 0;
    for n in 0..6 {
        let http = if n % 2 == 0 { &a } else { &b };
        last = post(
            http,
            "/api/auth/login",
            None,
            &[
                ("email", "parent@demo.test"),
                ("password", "pas le bon mot de passe"),
            ],
        )
        .await
        .0;
    }
    assert_eq!(
        last, 429,
        "the sixth wrong password waits, on either instance"
    );
    let (status, _) = post(
        &a,
        "/api/auth/login",
        None,
        &[("email", "parent@demo.test"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(status, 429, "blocked on the other instance too");

    // The outbox: both workers poll it; each mail is sent once.
    invite(&a, &cookie, 4).await;
    let mails = sink.wait_for(4, 30).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mails_after = sink.mails();
    assert_eq!(mails.len(), 4);
    assert_eq!(mails_after.len(), 4, "no mail twice");
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sent, 4);

    // The daily jobs: one backup and one privacy run for the day, whichever
    // instance made them.
    let files = |d: &tempfile::TempDir| std::fs::read_dir(d.path()).unwrap().count();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while files(&dir_a) + files(&dir_b) == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(files(&dir_a) + files(&dir_b), 1, "one backup for the day");
    for job in ["backup", "privacy"] {
        let runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_runs WHERE job = $1")
            .bind(job)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(runs, 1, "{job} runs once");
    }
    pool.close().await;
    drop((_a, _b));
    common::drop_postgres_database(Some(name)).await;
}

/// The server is killed while the SMTP server holds a mail it has stored
/// but not yet acknowledged: started again, the server never sends it a
/// second time (it may have left); the next mail leaves as usual.
async fn killed_while_sending(url: &str) {
    let mut sink = Sink::stopped();
    sink.run(6.0).await;
    let smtp = sink.url();
    let host = free_host();
    let env = [
        ("PASSERELLE_SECOND_FACTOR", "optional"),
        ("PASSERELLE_SMTP_URL", smtp.as_str()),
        ("PASSERELLE_MAIL_POLL_MS", "100"),
        ("PASSERELLE_MAIL_TIMEOUT_SECONDS", "2"),
    ];
    let mut server = start_with("demo", url, &host, &env).await;
    let http = Http::new(&host);
    let cookie = http.login(COORDINATOR, PASSWORD).await.unwrap();
    invite(&http, &cookie, 1).await;
    // The SMTP server has the mail and makes the sender wait.
    let got = sink.wait_for(1, 20).await;
    assert_eq!(got.len(), 1);
    server.kill();
    sink.run(0.0).await;
    let _server = start_with("serve", url, &host, &env).await;
    let pool = app::db::Db::connect_raw(url).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let state = loop {
        let state: String = sqlx::query_scalar("SELECT state FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
        if state != "sending" || std::time::Instant::now() > deadline {
            break state;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(state, "interrupted");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.mails().len(), 1, "never sent twice");
    // The next one leaves.
    let cookie = http.login(COORDINATOR, PASSWORD).await.unwrap();
    invite(&http, &cookie, 1).await;
    assert_eq!(sink.wait_for(2, 30).await.len(), 2);
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mail_being_sent_when_the_server_is_killed_is_not_sent_twice_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    killed_while_sending(&format!("sqlite://{}/kill.db", dir.path().display())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mail_being_sent_when_the_server_is_killed_is_not_sent_twice_postgres() {
    let Some((url, name)) = new_postgres().await else {
        assert!(std::env::var_os("PASSERELLE_REQUIRE_POSTGRES").is_none());
        return;
    };
    killed_while_sending(&url).await;
    common::drop_postgres_database(Some(name)).await;
}

/// `PASSERELLE_LOG_FORMAT=json`: one JSON object per line, each line of a
/// request with its id, the id the answer carries.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn json_logs_carry_the_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/logs.db", dir.path().display());
    let log = dir.path().join("log.jsonl");
    let host = free_host();
    let env = [
        ("PASSERELLE_LOG_FORMAT", "json"),
        ("RUST_LOG", "info,sqlx=warn"),
    ];
    let file = std::fs::File::create(&log).unwrap();
    let server = start_logging("demo", &url, &host, &env, file.into()).await;
    let http = Http::new(&host);
    let reply = http
        .post(
            "/api/auth/login",
            None,
            "application/x-www-form-urlencoded",
            "email=personne%40nulle-part.test&password=pas-le-bon".into(),
        )
        .await
        .unwrap();
    assert_eq!(reply.status, 401);
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let failed = lines
        .iter()
        .find(|l| l["fields"]["event"] == "sign_in.failed")
        .unwrap_or_else(|| panic!("no sign-in line in:\n{text}"));
    let id = failed["span"]["request_id"]
        .as_str()
        .expect("the request's id");
    assert_eq!(id.len(), 36, "{failed}");
    // The answer's line carries the same id.
    assert!(
        lines
            .iter()
            .any(|l| l["span"]["request_id"] == id && l["fields"]["status"] == 401),
        "{text}"
    );
}
