//! Server functions called directly, as an attacker or a script would:
//! sign-in, invitations, bad input, and the authorisation refusals. Every
//! test runs on SQLite and on PostgreSQL.

use crate::common;

use app::db::demo::DEMO_ACCOUNTS;
use http::{Method, StatusCode};

async fn accept(
    app: &common::TestApp,
    token: &str,
    password: &str,
    confirmation: &str,
) -> common::Answer {
    app.call(
        "auth/accept",
        None,
        &[
            ("token", token),
            ("password", password),
            ("password_confirmation", confirmation),
        ],
    )
    .await
}

async fn child_id(app: &common::TestApp, first_name: &str) -> String {
    app.scalar("SELECT id FROM children WHERE first_name = $1", first_name)
        .await
}

async fn group_id(app: &common::TestApp, name: &str) -> String {
    app.scalar("SELECT id FROM groups WHERE name = $1", name)
        .await
}

/// The HTTP status of a server function called with a record's id.
async fn status_of(app: &common::TestApp, endpoint: &str, cookie: &str, id: &str) -> StatusCode {
    app.call(endpoint, Some(cookie), &[("id", id)]).await.status
}

on_both!(
    every_demo_account_signs_in_and_lands_on_its_home,
    |app: common::TestApp| async move {
        let homes = [
            ("coordination@demo.test", "coordinator", "/planning"),
            ("accompagnateur@demo.test", "accompanist", "/aujourdhui"),
            ("parent@demo.test", "parent", "/mes-enfants"),
            ("caf@demo.test", "funder", "/bilan"),
            ("admin@demo.test", "admin", "/administration"),
        ];
        for (email, role, home) in homes {
            let a = app
                .call(
                    "auth/login",
                    None,
                    &[("email", email), ("password", app::db::demo::DEMO_PASSWORD)],
                )
                .await;
            assert!(
                a.status.is_success() || a.status.is_redirection(),
                "{email}: {}",
                a.status
            );
            let cookie = a.session_cookie().expect("cookie");
            let set_cookie = a
                .headers
                .get(http::header::SET_COOKIE)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            assert!(
                set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
                "{set_cookie}"
            );
            let who = app.call("auth/whoami", Some(&cookie), &[]).await;
            assert_eq!(
                who.json()["role"],
                serde_json::json!(role_code(role)),
                "{}",
                who.body
            );
            let page = app.request(Method::GET, home, Some(&cookie), None).await;
            assert_eq!(page.status, StatusCode::OK, "{home}");
            assert!(page.body.contains("<h1>"), "{home} has a heading");
        }
        assert_eq!(DEMO_ACCOUNTS.len(), 7);
    }
);

fn role_code(role: &str) -> &str {
    match role {
        "coordinator" => "Coordinator",
        "accompanist" => "Accompanist",
        "parent" => "Parent",
        "funder" => "Funder",
        _ => "Admin",
    }
}

on_both!(
    wrong_password_and_unknown_account_get_the_same_answer,
    |app: common::TestApp| async move {
        let wrong = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", "parent@demo.test"),
                    ("password", "pas le bon mot"),
                ],
            )
            .await;
        let unknown = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", "personne@demo.test"),
                    ("password", "pas le bon mot"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.error_kind(), "bad_credentials");
        assert_eq!(unknown.status, wrong.status);
        assert_eq!(unknown.body, wrong.body);
        assert!(wrong.session_cookie().is_none());
    }
);

on_both!(
    bad_login_input_is_refused_clearly_never_with_a_500,
    |app: common::TestApp| async move {
        let cases: Vec<(&str, String, &str)> = vec![
            ("empty fields", "email=&password=".into(), "invalid"),
            (
                "missing field",
                "email=parent%40demo.test".into(),
                "bad_request",
            ),
            ("no body", String::new(), "bad_request"),
            ("not an e-mail", "email=parent&password=x".into(), "invalid"),
            (
                "SQL meta-characters",
                "email=%27%20OR%201%3D1%20--%40x.fr&password=%27%20OR%20%271%27%3D%271".into(),
                "invalid",
            ),
            (
                "HTML meta-characters",
                "email=%3Cscript%3E%40x.fr&password=%3Cb%3E".into(),
                "invalid",
            ),
            (
                "SQL in the password",
                "email=parent%40demo.test&password=%27%3B%20DROP%20TABLE%20users%3B%20--".into(),
                "bad_credentials",
            ),
            (
                "unknown fields",
                "email=x%40y.fr&password=z&role=admin&is_admin=1".into(),
                "bad_credentials",
            ),
            (
                "wrong types (array)",
                "email[]=a&email[]=b&password=x".into(),
                "bad_request",
            ),
            (
                "password too long",
                format!("email=parent%40demo.test&password={}", "x".repeat(5000)),
                "invalid",
            ),
        ];
        for (what, body, kind) in cases {
            let a = app
                .request(
                    Method::POST,
                    "/api/auth/login",
                    None,
                    Some(("application/x-www-form-urlencoded", body)),
                )
                .await;
            assert_ne!(
                a.status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{what}: {}",
                a.body
            );
            assert!(a.status.is_client_error(), "{what}: {}", a.status);
            assert_eq!(a.error_kind(), kind, "{what}: {}", a.body);
            let error: app::error::AppError = serde_json::from_str(&a.body).expect("typed error");
            let message = app::i18n::error_message(&error, app::i18n::Locale::Fr);
            assert!(
                !message.is_empty() && !message.contains("Error"),
                "{what}: {message}"
            );
        }
        // The users table is still there.
        assert_eq!(
            app.scalar(
                "SELECT email FROM users WHERE email = $1",
                "parent@demo.test"
            )
            .await,
            "parent@demo.test"
        );
        // JSON instead of a form, and a 10 MB body.
        let json = app
            .request(
                Method::POST,
                "/api/auth/login",
                None,
                Some(("application/json", "{\"email\":1}".into())),
            )
            .await;
        assert!(json.status.is_client_error(), "json body: {}", json.status);
        let huge = app
            .request(
                Method::POST,
                "/api/auth/login",
                None,
                Some((
                    "application/x-www-form-urlencoded",
                    "a".repeat(10 * 1024 * 1024),
                )),
            )
            .await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(huge.error_kind(), "too_large");
    }
);

on_both!(
    login_is_throttled_after_five_failures,
    |app: common::TestApp| async move {
        for _ in 0..5 {
            let a = app
                .call(
                    "auth/login",
                    None,
                    &[
                        ("email", "parent@demo.test"),
                        ("password", "mauvais mot de passe"),
                    ],
                )
                .await;
            assert_eq!(a.error_kind(), "bad_credentials");
        }
        // Even the right password waits now.
        let a = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", "parent@demo.test"),
                    ("password", app::db::demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(a.error_kind(), "throttled");
        assert!(a.json()["retry_after_seconds"].as_i64().unwrap() > 0);
    }
);

on_both!(
    state_changes_from_another_site_are_refused,
    |app: common::TestApp| async move {
        let req = http::Request::builder()
            .method(Method::POST)
            .uri("/api/auth/login")
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://evil.test")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(common::form_body(&[
                ("email", "parent@demo.test"),
                ("password", app::db::demo::DEMO_PASSWORD),
            ])))
            .unwrap();
        let a = app.send(req).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert_eq!(a.error_kind(), "bad_origin");
        assert!(a.session_cookie().is_none());
        // No Origin and no Referer either.
        let req = http::Request::builder()
            .method(Method::POST)
            .uri("/api/auth/whoami")
            .header("host", "127.0.0.1:3000")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    logout_ends_the_session_on_the_server,
    |app: common::TestApp| async move {
        let cookie = app.login("parent@demo.test").await;
        assert!(app
            .call("auth/whoami", Some(&cookie), &[])
            .await
            .json()
            .is_object());
        let out = app.call("auth/logout", Some(&cookie), &[]).await;
        assert!(out.status.is_success() || out.status.is_redirection());
        // The old cookie, replayed, is worth nothing.
        assert!(app
            .call("auth/whoami", Some(&cookie), &[])
            .await
            .json()
            .is_null());
        let children = app.call("family/children", Some(&cookie), &[]).await;
        assert_eq!(children.status, StatusCode::UNAUTHORIZED);
    }
);

on_both!(
    a_parent_cannot_read_another_familys_child,
    |app: common::TestApp| async move {
        let cookie = app.login("parent@demo.test").await;
        let own = child_id(&app, "Inès").await;
        let other = child_id(&app, "Lucas").await;
        let a = app
            .call("family/child", Some(&cookie), &[("id", &own)])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.json()["first_name"], "Inès");
        let b = app
            .call("family/child", Some(&cookie), &[("id", &other)])
            .await;
        assert_eq!(b.status, StatusCode::FORBIDDEN);
        assert!(!b.body.contains("Lucas"));
        // Through the UI: the page of another child is refused too.
        let page = app
            .request(
                Method::GET,
                &format!("/enfants/{other}"),
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(!page.body.contains("Moreau"));
        // Their home lists their two children only.
        let list = app.call("family/children", Some(&cookie), &[]).await.json();
        let names: Vec<_> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["first_name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["Inès", "Sami"]);
        // The second guardian of Inès sees her, and only her.
        let cookie2 = app.login("parent2@demo.test").await;
        let list2 = app
            .call("family/children", Some(&cookie2), &[])
            .await
            .json();
        assert_eq!(list2.as_array().unwrap().len(), 1);
        assert_eq!(list2[0]["first_name"], "Inès");
    }
);

on_both!(
    an_accompanist_cannot_read_a_group_they_do_not_lead,
    |app: common::TestApp| async move {
        let cookie = app.login("accompagnateur@demo.test").await;
        let led = group_id(&app, "CP-CE2").await;
        let other = group_id(&app, "CM1-CM2").await;
        let a = app
            .call("groups/page", Some(&cookie), &[("id", &led)])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        // First names and initials only for accompanists.
        assert!(a.body.contains("Lucas M."), "{}", a.body);
        assert!(!a.body.contains("Moreau"));
        let b = app
            .call("groups/page", Some(&cookie), &[("id", &other)])
            .await;
        assert_eq!(b.status, StatusCode::FORBIDDEN);
        // A malformed id is refused as such, naming the field, before any lookup.
        let bad = app
            .call("groups/page", Some(&cookie), &[("id", "../groupes")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(bad.json()["field"], "group", "{}", bad.body);
        let page = app
            .request(
                Method::GET,
                &format!("/groupes/{other}"),
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(!page.body.contains("Chloé"));
        // Nor a child of that group.
        let child = child_id(&app, "Chloé").await;
        assert_eq!(
            status_of(&app, "family/child", &cookie, &child).await,
            StatusCode::FORBIDDEN
        );
        // Their day: today's session is there.
        let today = app.call("attendance/today", Some(&cookie), &[]).await;
        assert_eq!(today.status, StatusCode::OK);
        assert_eq!(
            today.json()["sessions_today"].as_array().unwrap().len(),
            1,
            "{}",
            today.body
        );
    }
);

on_both!(
    organisation_a_cannot_read_organisation_b,
    |app: common::TestApp| async move {
        let cookie = app.login("coordination@autre-structure.test").await;
        let group_a = group_id(&app, "CP-CE2").await;
        let child_a = child_id(&app, "Inès").await;
        assert_eq!(
            status_of(&app, "groups/page", &cookie, &group_a).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status_of(&app, "family/child", &cookie, &child_a).await,
            StatusCode::FORBIDDEN
        );
        let page = app
            .request(
                Method::GET,
                &format!("/groupes/{group_a}"),
                Some(&cookie),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        // Their own week holds none of A's sessions.
        let week = app.call("planning/week", Some(&cookie), &[]).await;
        assert_eq!(week.status, StatusCode::OK);
        assert!(!week.body.contains("CP-CE2"));
        // And A's coordinator sees A's group.
        let cookie_a = app.login("coordination@demo.test").await;
        let own = app
            .call("groups/page", Some(&cookie_a), &[("id", &group_a)])
            .await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Lucas Moreau"));
    }
);

on_both!(
    roles_stay_in_their_lane,
    |app: common::TestApp| async move {
        let parent = app.login("parent@demo.test").await;
        for endpoint in [
            "planning/week",
            "admin/overview",
            "reports/territory",
            "auth/invitees",
            "attendance/today",
        ] {
            let a = app.call(endpoint, Some(&parent), &[]).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{endpoint}");
        }
        for endpoint in ["planning/week", "family/children", "admin/overview"] {
            assert_eq!(
                app.call(endpoint, None, &[]).await.status,
                StatusCode::UNAUTHORIZED,
                "{endpoint}"
            );
        }
    }
);

on_both!(
    the_funder_sees_figures_and_no_child_name,
    |app: common::TestApp| async move {
        let cookie = app.login("caf@demo.test").await;
        let a = app.call("reports/territory", Some(&cookie), &[]).await;
        assert_eq!(a.status, StatusCode::OK);
        let figures = a.json();
        assert_eq!(figures["organisations"].as_array().unwrap().len(), 2);
        assert!(figures["total"]["children"].as_u64().unwrap() >= 40);
        let page = app
            .request(Method::GET, "/bilan", Some(&cookie), None)
            .await;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT first_name || ' ' || last_name FROM children")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        for name in names {
            for part in std::iter::once(name.as_str()).chain(name.split(' ')) {
                assert!(
                    !common::contains_word(&a.body, part),
                    "{part} leaked in the figures"
                );
                assert!(
                    !common::contains_word(&page.body, part),
                    "{part} leaked in the page"
                );
            }
        }
        // A child page is no business of the funder's.
        let child = child_id(&app, "Inès").await;
        assert_eq!(
            status_of(&app, "family/child", &cookie, &child).await,
            StatusCode::FORBIDDEN
        );
    }
);

on_both!(
    invitations_work_once_and_expire,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let people = app
            .call("auth/invitees", Some(&coordinator), &[])
            .await
            .json();
        let helene = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Hélène Garnier")
            .expect("Hélène is an accompanist without account")
            .clone();
        assert_eq!(helene["has_account"], false);
        let link = app
            .call(
                "auth/invite",
                Some(&coordinator),
                &[
                    ("role", "accompanist"),
                    ("person_id", helene["id"].as_str().unwrap()),
                ],
            )
            .await;
        assert_eq!(link.status, StatusCode::OK, "{}", link.body);
        let path = link.json()["path"].as_str().unwrap().to_string();
        let token = path.trim_start_matches("/invitation/").to_string();

        let info = app
            .call("auth/invitation", None, &[("token", &token)])
            .await;
        assert_eq!(info.json()["display_name"], "Hélène Garnier");

        // A short password, then two different ones.
        let short = accept(&app, &token, "trop court", "trop court").await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(short.json()["problem"], "too_short");
        let mismatch = accept(
            &app,
            &token,
            "une phrase assez longue",
            "une autre phrase longue",
        )
        .await;
        assert_eq!(mismatch.json()["problem"], "mismatch");
        let empty = accept(&app, "", "", "").await;
        assert!(empty.status.is_client_error());

        let ok = accept(
            &app,
            &token,
            "une phrase assez longue",
            "une phrase assez longue",
        )
        .await;
        assert!(
            ok.status.is_success() || ok.status.is_redirection(),
            "{}",
            ok.body
        );
        let cookie = ok.session_cookie().expect("signed in after accepting");
        assert_eq!(
            app.call("auth/whoami", Some(&cookie), &[]).await.json()["role"],
            "Accompanist"
        );
        // She can log in with her new password.
        let again = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", "helene.garnier@tilleuls.test"),
                    ("password", "une phrase assez longue"),
                ],
            )
            .await;
        assert!(again.session_cookie().is_some(), "{}", again.body);

        // Reused.
        let reused = accept(
            &app,
            &token,
            "encore une phrase longue",
            "encore une phrase longue",
        )
        .await;
        assert_eq!(reused.status, StatusCode::GONE);
        assert_eq!(reused.json()["problem"], "used");

        // Expired.
        let julien = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Julien Morel")
            .unwrap()
            .clone();
        let link = app
            .call(
                "auth/invite",
                Some(&coordinator),
                &[
                    ("role", "accompanist"),
                    ("person_id", julien["id"].as_str().unwrap()),
                ],
            )
            .await
            .json();
        let token = link["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("/invitation/")
            .to_string();
        sqlx::query(
            "UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE used_at IS NULL",
        )
        .execute(&app.db.pool)
        .await
        .unwrap();
        let expired = accept(
            &app,
            &token,
            "une phrase assez longue",
            "une phrase assez longue",
        )
        .await;
        assert_eq!(expired.json()["problem"], "expired");
        // A forged token.
        let forged = app
            .call(
                "auth/invitation",
                None,
                &[("token", "<script>alert(1)</script>")],
            )
            .await;
        assert_eq!(forged.json()["problem"], "unknown");
        // Only coordinators invite, and only their own people.
        let parent = app.login("parent@demo.test").await;
        assert_eq!(
            app.call(
                "auth/invite",
                Some(&parent),
                &[
                    ("role", "accompanist"),
                    ("person_id", julien["id"].as_str().unwrap())
                ]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let other = app.login("coordination@autre-structure.test").await;
        assert_eq!(
            app.call(
                "auth/invite",
                Some(&other),
                &[
                    ("role", "accompanist"),
                    ("person_id", julien["id"].as_str().unwrap())
                ]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    pages_render_on_the_server_with_statuses,
    |app: common::TestApp| async move {
        let anonymous = app.request(Method::GET, "/planning", None, None).await;
        assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
        assert_eq!(anonymous.headers.get("location").unwrap(), "/connexion");
        let login = app.request(Method::GET, "/connexion", None, None).await;
        assert_eq!(login.status, StatusCode::OK);
        for label in ["Adresse e-mail", "Mot de passe", "Se connecter"] {
            assert!(login.body.contains(label), "{label}");
        }
        let missing = app.request(Method::GET, "/nulle-part", None, None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("Page introuvable"));
        let coordinator = app.login("coordination@demo.test").await;
        let planning = app
            .request(Method::GET, "/planning", Some(&coordinator), None)
            .await;
        assert_eq!(planning.status, StatusCode::OK);
        assert!(planning.body.contains("<h1>Planning"));
        assert!(planning.body.contains("data-session-id"));
        // A malformed week in the address is a clear message, not a 500.
        let bad = app
            .request(
                Method::GET,
                "/planning?semaine=2026-02-30",
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("pas au bon format"));
    }
);

on_both!(
    sessions_expire_when_idle_and_in_any_case,
    |app: common::TestApp| async move {
        let idle = app.login("parent@demo.test").await;
        let old = app.login("parent@demo.test").await;
        let fresh = app.login("parent@demo.test").await;
        let hash = |cookie: &str| app::auth::server::token_hash(cookie.split_once('=').unwrap().1);
        // 13 hours without a request: past the 12-hour idle limit (an hour
        // ago).
        let long_ago = app::db::timestamp(chrono::Utc::now() - chrono::Duration::hours(13));
        let idle_limit = app::db::timestamp(chrono::Utc::now() - chrono::Duration::hours(1));
        sqlx::query(
            "UPDATE login_sessions SET last_seen_at = $1, idle_until = $2 WHERE token_hash = $3",
        )
        .bind(&long_ago)
        .bind(&idle_limit)
        .bind(hash(&idle))
        .execute(&app.db.pool)
        .await
        .unwrap();
        // Active, but past the absolute expiry.
        sqlx::query("UPDATE login_sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(&long_ago)
            .bind(hash(&old))
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert!(app
            .call("auth/whoami", Some(&idle), &[])
            .await
            .json()
            .is_null());
        assert!(app
            .call("auth/whoami", Some(&old), &[])
            .await
            .json()
            .is_null());
        assert!(app
            .call("auth/whoami", Some(&fresh), &[])
            .await
            .json()
            .is_object());
        // A forged cookie is nobody.
        assert!(app
            .call("auth/whoami", Some("passerelle_session=AAAA"), &[])
            .await
            .json()
            .is_null());
    }
);

on_both!(
    sign_ins_and_invitations_are_audited,
    |app: common::TestApp| async move {
        app.login("coordination@demo.test").await;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'login'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1);
    }
);

#[test]
fn over_https_the_cookie_is_secure_and_host_prefixed() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = app::db::Db::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        let https = app::state::ServerState {
            db: db.clone(),
            https: true,
            proxies: Default::default(),
            accounts: Default::default(),
            mail: Default::default(),
        };
        let cookie = app::auth::server::session_cookie(
            &https,
            Some(("abc", app::domain::model::Role::Coordinator)),
        );
        assert!(
            cookie.starts_with("__Host-passerelle_session=abc;"),
            "{cookie}"
        );
        for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(part), "{cookie} lacks {part}");
        }
        let http = app::state::ServerState {
            db,
            https: false,
            proxies: Default::default(),
            accounts: Default::default(),
            mail: Default::default(),
        };
        let plain = app::auth::server::session_cookie(
            &http,
            Some(("abc", app::domain::model::Role::Coordinator)),
        );
        assert!(plain.starts_with("passerelle_session=abc;") && !plain.contains("Secure"));
    });
}

on_both!(
    the_database_enforces_the_invariants_too,
    |app: common::TestApp| async move {
        let child = child_id(&app, "Inès").await;
        let group = group_id(&app, "CP-CE2").await;
        // A child is in a group once.
        let twice = sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, '2026-09-01')")
        .bind(&group)
        .bind(&child)
        .execute(&app.db.pool)
        .await;
        assert!(twice.is_err(), "a child was added twice to a group");
        // One attendance row per session and child.
        let session: String = sqlx::query_scalar(
            "SELECT a.session_id FROM attendance a WHERE a.child_id = $1 LIMIT 1",
        )
        .bind(&child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let again = sqlx::query(
        "INSERT INTO attendance (session_id, child_id, status, mark_id, marked_at) VALUES ($1, $2, 'present', 'x', '2026-01-01T00:00:00Z')",
    )
    .bind(&session)
    .bind(&child)
    .execute(&app.db.pool)
    .await;
        assert!(
            again.is_err(),
            "two attendance rows for one session and child"
        );
        // A session ends after it starts; a cancelled one says why.
        let backwards = sqlx::query("UPDATE sessions SET ends_at = '08:00' WHERE id = $1")
            .bind(&session)
            .execute(&app.db.pool)
            .await;
        assert!(backwards.is_err());
        let silent = sqlx::query("UPDATE sessions SET status = 'cancelled' WHERE id = $1")
            .bind(&session)
            .execute(&app.db.pool)
            .await;
        assert!(silent.is_err());
        // Foreign keys hold on SQLite too.
        let orphan = sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ('nope', $1, '2026-09-01')")
        .bind(&child)
        .execute(&app.db.pool)
        .await;
        assert!(orphan.is_err(), "foreign keys are off");
    }
);
