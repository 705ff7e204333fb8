//! The attacks of the security review (ASVS level 2), replayed against the
//! real router: sign-in floods behind a proxy, concurrent wrong passwords,
//! the headers every answer carries, and the Origin check's scheme.
//! Both databases.

use crate::common;

use app::db::demo::DEMO_PASSWORD;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Method, Request, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;

/// A sign-in sent through the trusted proxy (127.0.0.1 in the tests) for
/// the client `client`.
async fn login_from(
    app: &common::TestApp,
    email: &str,
    password: &str,
    client: &str,
) -> common::Answer {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/api/auth/login")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("x-forwarded-for", client)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(common::form_body(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap();
    let proxy: SocketAddr = "127.0.0.1:40000".parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(proxy));
    app.send(req).await
}

/// `times` sign-ins sent at once; their answers.
async fn logins_at_once(
    app: &Arc<common::TestApp>,
    times: usize,
    email: impl Fn(usize) -> String,
    client: impl Fn(usize) -> String,
    password: &'static str,
) -> Vec<common::Answer> {
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..times {
        let (app, email, client) = (app.clone(), email(i), client(i));
        calls.spawn(async move { login_from(&app, &email, password, &client).await });
    }
    calls.join_all().await
}

on_both!(
    six_wrong_passwords_at_once_the_sixth_waits,
    |app: common::TestApp| async move {
        let app = Arc::new(app);
        let answers = logins_at_once(
            &app,
            6,
            |_| "parent@demo.test".into(),
            |_| "203.0.113.7".into(),
            "mauvais mot de passe",
        )
        .await;
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
        statuses.sort();
        assert_eq!(statuses, vec![401, 401, 401, 401, 401, 429]);
        let throttled = answers
            .iter()
            .find(|a| a.status == StatusCode::TOO_MANY_REQUESTS)
            .unwrap();
        assert!(throttled.headers.contains_key(http::header::RETRY_AFTER));
    }
);

on_both!(
    a_proxied_flood_from_one_client_does_not_lock_another_clients_account,
    |app: common::TestApp| async move {
        // Thirty wrong passwords from one client, on several accounts.
        for i in 0..30 {
            let email = ["parent@demo.test", "accompagnateur@demo.test"][i % 2];
            let a = login_from(&app, email, "mauvais mot de passe", "203.0.113.7").await;
            assert!(
                [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&a.status),
                "{}",
                a.status
            );
        }
        // That client waits now, even with the right password.
        let a = login_from(&app, "coordination@demo.test", DEMO_PASSWORD, "203.0.113.7").await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
        // Another client, through the same proxy, signs in.
        let a = login_from(
            &app,
            "coordination@demo.test",
            DEMO_PASSWORD,
            "198.51.100.4",
        )
        .await;
        assert!(a.session_cookie().is_some(), "{} {}", a.status, a.body);
        // The accounts the flood tried are locked, for everyone: the
        // others are not.
        let a = login_from(&app, "parent@demo.test", DEMO_PASSWORD, "198.51.100.4").await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
        let a = login_from(&app, "caf@demo.test", DEMO_PASSWORD, "198.51.100.4").await;
        assert!(a.session_cookie().is_some(), "{} {}", a.status, a.body);
    }
);

on_both!(
    a_flood_of_sign_ins_is_answered_busy_not_queued_without_end,
    |app: common::TestApp| async move {
        let app = Arc::new(app);
        let answers = logins_at_once(
            &app,
            150,
            |i| format!("personne{i}@flood.test"),
            |i| format!("203.0.{}.{}", i / 200, i % 200 + 1),
            "mauvais mot de passe",
        )
        .await;
        let busy: Vec<&common::Answer> = answers
            .iter()
            .filter(|a| a.status == StatusCode::SERVICE_UNAVAILABLE)
            .collect();
        assert!(!busy.is_empty(), "no sign-in was refused as busy");
        for a in &busy {
            assert_eq!(a.error_kind(), "busy");
            assert!(a.headers.contains_key(http::header::RETRY_AFTER));
        }
        assert!(answers.iter().all(|a| [
            StatusCode::UNAUTHORIZED,
            StatusCode::SERVICE_UNAVAILABLE
        ]
        .contains(&a.status)));
        // Once the flood is over, a sign-in works.
        let a = login_from(&app, "parent@demo.test", DEMO_PASSWORD, "198.51.100.4").await;
        assert!(a.session_cookie().is_some(), "{} {}", a.status, a.body);
    }
);

/// The value of `name` in the answer, or "".
fn header(answer: &common::Answer, name: &str) -> String {
    answer
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The nonce the page's policy allows; every inline script of the page
/// carries it.
fn page_nonce(page: &common::Answer) -> String {
    let csp = header(page, "content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("the page's policy has no nonce: {csp}"))
        .to_string();
    assert!(nonce.len() >= 16, "{csp}");
    for script in page.body.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")) || tag.contains("src="),
            "a script without the policy's nonce: <script{tag}>"
        );
    }
    nonce
}

on_both!(
    every_answer_carries_the_security_headers,
    |app: common::TestApp| async move {
        let page = app.request(Method::GET, "/connexion", None, None).await;
        assert_eq!(page.status, StatusCode::OK);
        let nonce = page_nonce(&page);
        let csp = header(&page, "content-security-policy");
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        // Another page, another nonce.
        let again = app.request(Method::GET, "/connexion", None, None).await;
        assert!(!header(&again, "content-security-policy").contains(&nonce));

        let cookie = app.login("parent@demo.test").await;
        let api = app.call("auth/whoami", Some(&cookie), &[]).await;
        for answer in [&page, &api] {
            assert_eq!(header(answer, "cache-control"), "no-store");
            assert!(header(answer, "permissions-policy").contains("camera=()"));
            assert!(header(answer, "content-security-policy").contains("frame-ancestors 'none'"));
            assert_eq!(header(answer, "x-content-type-options"), "nosniff");
            // Served over plain HTTP: no HSTS.
            assert_eq!(header(answer, "strict-transport-security"), "");
        }

        // Served over HTTPS: HSTS, and a page of this host over plain HTTP
        // may not post.
        let https = server::router(server::Server {
            leptos_options: common::leptos_options(),
            state: app::state::ServerState {
                db: app.db.clone(),
                https: true,
                proxies: Default::default(),
                accounts: Default::default(),
                mail: Default::default(),
            },
            ops: Default::default(),
        });
        let send = |origin: &'static str| {
            let https = https.clone();
            async move {
                use tower::ServiceExt;
                let req = Request::builder()
                    .method(Method::POST)
                    .uri("/api/auth/whoami")
                    .header("host", "127.0.0.1:3000")
                    .header("origin", origin)
                    .body(Body::empty())
                    .unwrap();
                https.oneshot(req).await.unwrap()
            }
        };
        let secure = send("https://127.0.0.1:3000").await;
        assert_eq!(secure.status(), StatusCode::OK);
        assert!(secure.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age="));
        let downgraded = send("http://127.0.0.1:3000").await;
        assert_eq!(downgraded.status(), StatusCode::FORBIDDEN);
    }
);

/// Reads from `stream` until it closes (true) or `wait` passes (false).
async fn closed_within(stream: &mut tokio::net::TcpStream, wait: std::time::Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

on_both!(
    the_server_limits_connections_and_slow_headers,
    |app: common::TestApp| async move {
        use std::time::Duration;
        use tokio::io::AsyncWriteExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let limits = server::serve::Limits {
            max_connections: 2,
            header_read: Duration::from_secs(1),
            request: Duration::from_secs(5),
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = tokio::spawn(server::serve::serve(
            listener,
            app.router.clone(),
            limits,
            async {
                let _ = stopped.await;
            },
        ));
        // Two clients that send half a header and wait.
        let mut slow = Vec::new();
        for _ in 0..2 {
            let mut s = tokio::net::TcpStream::connect(address).await.unwrap();
            s.write_all(b"GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .await
                .unwrap();
            slow.push(s);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        // A third is closed at once: the limit is reached.
        let mut third = tokio::net::TcpStream::connect(address).await.unwrap();
        let _ = third
            .write_all(b"GET /connexion HTTP/1.1\r\nHost: x\r\n\r\n")
            .await;
        assert!(closed_within(&mut third, Duration::from_secs(2)).await);
        // The slow ones are closed once their header time is over.
        for s in &mut slow {
            assert!(closed_within(s, Duration::from_secs(5)).await);
        }
        // Then a client is served again (once the server has counted the
        // slow ones out: it closes them a moment before it forgets them).
        use tokio::io::AsyncReadExt;
        let mut answer = Vec::new();
        for _ in 0..20 {
            let mut client = tokio::net::TcpStream::connect(address).await.unwrap();
            let _ = client
                .write_all(
                    b"GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                )
                .await;
            answer.clear();
            let _ = tokio::time::timeout(Duration::from_secs(10), client.read_to_end(&mut answer))
                .await;
            if !answer.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            answer.starts_with(b"HTTP/1.1 200"),
            "{}",
            String::from_utf8_lossy(&answer[..40.min(answer.len())])
        );
        let _ = stop.send(());
        served.await.unwrap();
    }
);

/// The id of the first row `sql` returns.
async fn first_id(app: &common::TestApp, sql: &'static str) -> String {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

on_both!(
    an_accompanist_sees_of_a_child_only_what_the_sessions_need,
    |app: common::TestApp| async move {
        let group = first_id(&app, "SELECT id FROM groups WHERE name = 'CP-CE2'").await;
        let (child, last_name): (String, String) = sqlx::query_as(
            "SELECT c.id, c.last_name FROM children c JOIN group_members gm ON gm.child_id = c.id
             WHERE gm.group_id = $1 AND c.first_name = 'Inès'",
        )
        .bind(&group)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        // A coming session of the group is a draft; her parent reported an
        // absence with a reason for another.
        let today = app::state::today().to_string();
        let coming: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM sessions WHERE group_id = $1 AND on_date > $2 AND status = 'planned'
             ORDER BY on_date LIMIT 2",
        )
        .bind(&group)
        .bind(&today)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        sqlx::query("UPDATE sessions SET status = 'draft' WHERE id = $1")
            .bind(&coming[0])
            .execute(&app.db.pool)
            .await
            .unwrap();
        let parent = app.login("parent@demo.test").await;
        let reason = "Rendez-vous chez l'orthophoniste";
        let notice = app
            .call(
                "family/absence",
                Some(&parent),
                &[
                    ("child", &child),
                    ("session", &coming[1]),
                    ("reason", reason),
                ],
            )
            .await;
        assert_eq!(notice.status, StatusCode::OK, "{}", notice.body);
        // A mark of last school year, in a group he never led.
        let old_session = first_id(
            &app,
            "SELECT id FROM sessions WHERE on_date = (SELECT MIN(on_date) FROM sessions)",
        )
        .await;
        sqlx::query("UPDATE sessions SET on_date = '2020-01-06' WHERE id = $1")
            .bind(&old_session)
            .execute(&app.db.pool)
            .await
            .unwrap();

        let karim = app.login("accompagnateur@demo.test").await;
        let coordinator = app.login("coordination@demo.test").await;
        let page = app
            .call("groups/page", Some(&karim), &[("id", &group)])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            !page.body.contains(&coming[0]),
            "the draft shows to an accompanist"
        );
        let theirs = app
            .call("groups/page", Some(&coordinator), &[("id", &group)])
            .await;
        assert!(
            theirs.body.contains(&coming[0]),
            "the coordinator sees the draft"
        );

        let child_page = app
            .call("family/child", Some(&karim), &[("id", &child)])
            .await;
        assert_eq!(child_page.status, StatusCode::OK, "{}", child_page.body);
        let json = child_page.json();
        assert_eq!(
            json["last_name"],
            format!("{}.", last_name.chars().next().unwrap())
        );
        assert!(!child_page.body.contains(&last_name));
        assert!(
            !child_page.body.contains(reason),
            "the parents' reason shows"
        );
        assert!(json["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["session"] == coming[1].as_str()));
        assert!(!child_page.body.contains("2020-01-06"));
        // The parent still reads everything.
        let own = app
            .call("family/child", Some(&parent), &[("id", &child)])
            .await;
        assert!(own.body.contains(&last_name) && own.body.contains(reason));
    }
);

on_both!(
    an_accompanist_loses_the_groups_of_an_earlier_year,
    |app: common::TestApp| async move {
        let group = first_id(&app, "SELECT id FROM groups WHERE name = 'CP-CE2'").await;
        let child = first_id(
            &app,
            "SELECT c.id FROM children c JOIN group_members gm ON gm.child_id = c.id
             JOIN groups g ON g.id = gm.group_id WHERE g.name = 'CP-CE2' LIMIT 1",
        )
        .await;
        let karim = app.login("accompagnateur@demo.test").await;
        let ok = app
            .call("family/child", Some(&karim), &[("id", &child)])
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        // The group belonged to last school year.
        let organisation: String = app
            .scalar("SELECT organisation_id FROM groups WHERE id = $1", &group)
            .await;
        sqlx::query(
            "INSERT INTO school_years (id, organisation_id, label, first_day, last_day)
             VALUES ('past-year', $1, '2019-2020', '2019-09-02', '2020-07-04')",
        )
        .bind(&organisation)
        .execute(&app.db.pool)
        .await
        .unwrap();
        sqlx::query("UPDATE groups SET school_year_id = 'past-year' WHERE id = $1")
            .bind(&group)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let refused = app
            .call("family/child", Some(&karim), &[("id", &child)])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let refused = app
            .call("groups/page", Some(&karim), &[("id", &group)])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
);

on_both!(
    ended_sessions_and_quiet_throttle_rows_are_purged,
    |app: common::TestApp| async move {
        let kept = app.login("parent@demo.test").await;
        let _idle = app.login("coordination@demo.test").await;
        login_from(&app, "caf@demo.test", "mauvais mot de passe", "203.0.113.7").await;
        let now = app::state::now();
        let stamp = |t: chrono::DateTime<chrono::Utc>| app::db::timestamp(t);
        // The coordinator's session has been idle for 13 hours (its idle
        // limit passed an hour ago); the throttle rows are two days old.
        sqlx::query(
            "UPDATE login_sessions SET last_seen_at = $1, idle_until = $2 WHERE user_id = (SELECT id FROM users WHERE email = 'coordination@demo.test')",
        )
        .bind(stamp(now - chrono::Duration::hours(13)))
        .bind(stamp(now - chrono::Duration::hours(1)))
        .execute(&app.db.pool)
        .await
        .unwrap();
        let old = stamp(now - chrono::Duration::days(2));
        sqlx::query("UPDATE login_throttle SET last_failure_at = $1, blocked_until = $1")
            .bind(&old)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (sessions, throttle) = app::auth::server::purge_ended(&app.db, now).await.unwrap();
        assert_eq!(sessions, 1);
        assert!(throttle >= 2, "{throttle}");
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_throttle")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(rows, 0);
        // The session in use still works.
        let me = app.call("auth/whoami", Some(&kept), &[]).await;
        assert!(me.json().is_object(), "{}", me.body);
    }
);

on_both!(
    pages_sent_eight_at_a_time_each_allow_their_own_scripts,
    |app: common::TestApp| async move {
        // Seen in long browser runs: a page now and then came with the
        // policy of no inline script, and never came alive.
        let app = Arc::new(app);
        let cookie = app.login("coordination@demo.test").await;
        let cookie = format!("{cookie}; passerelle_lang=en");
        let pages = [
            "/bilan",
            "/contrats",
            "/inscriptions",
            "/familles",
            "/planning",
        ];
        let mut nonces = std::collections::HashSet::new();
        for round in 0..4 {
            let mut calls = tokio::task::JoinSet::new();
            for i in 0..8 {
                let (app, cookie) = (app.clone(), cookie.clone());
                let path = pages[(round + i) % pages.len()];
                calls.spawn(async move {
                    (
                        path,
                        app.request(Method::GET, path, Some(&cookie), None).await,
                    )
                });
            }
            for (path, page) in calls.join_all().await {
                assert_eq!(page.status, StatusCode::OK, "{path}");
                assert!(nonces.insert(page_nonce(&page)), "a nonce used twice");
            }
        }
    }
);
