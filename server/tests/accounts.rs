//! Accounts to ASVS level 2 (issue 20, item 6): the second factor that
//! coordinators and admins must use, recovery codes, password change,
//! common passwords, the devices of an account and the sessions' lifetimes.
//! Both databases.

use crate::common;

use app::auth::second_factor::code_at;
use app::db::demo::DEMO_PASSWORD;
use axum::body::Body;
use http::{Method, Request, StatusCode};

const COORDINATOR: &str = "coordination@demo.test";
const PARENT: &str = "parent@demo.test";

/// Production's settings: coordinators and admins must use a second factor.
fn required() -> app::state::AccountSettings {
    Default::default()
}

/// A sign-in from a browser whose user agent is `agent`.
async fn login_as(
    app: &common::TestApp,
    email: &str,
    password: &str,
    agent: &str,
) -> common::Answer {
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/auth/login")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("user-agent", agent)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(common::form_body(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap();
    app.send(req).await
}

/// The secret being set up for an account (what the phone scanned).
async fn pending_secret(app: &common::TestApp, email: &str) -> String {
    app.scalar(
        "SELECT pending_secret FROM second_factors WHERE user_id = (SELECT id FROM users WHERE email = $1)",
        email,
    )
    .await
}

async fn confirmed_secret(app: &common::TestApp, email: &str) -> String {
    app.scalar(
        "SELECT secret FROM second_factors WHERE user_id = (SELECT id FROM users WHERE email = $1)",
        email,
    )
    .await
}

/// Signs in with the password and answers the second step with `code`.
async fn code_answer(app: &common::TestApp, challenge: &str, code: &str) -> common::Answer {
    app.call("auth/code", Some(challenge), &[("code", code)])
        .await
}

fn invalid(answer: &common::Answer) -> (String, String) {
    let json = answer.json();
    (
        json["field"].as_str().unwrap_or_default().to_string(),
        json["problem"].as_str().unwrap_or_default().to_string(),
    )
}

async fn signed_in(app: &common::TestApp, cookie: &str) -> bool {
    let who = app.call("auth/whoami", Some(cookie), &[]).await;
    !who.json().is_null()
}

on_both!(
    a_coordinator_sets_up_a_second_factor_then_needs_it,
    accounts = required(),
    |app: common::TestApp| async move {
        // The password alone gives no session: the second step, with a
        // cookie of its own.
        let a = login_as(&app, COORDINATOR, DEMO_PASSWORD, "test").await;
        assert_eq!(a.headers["location"], "/connexion/code", "{}", a.body);
        assert!(a.session_cookie().is_none());
        let challenge = a.cookie("passerelle_challenge").expect("challenge cookie");
        assert!(!signed_in(&app, &challenge).await);
        // Nothing of the platform is open to the challenge.
        let refused = app.call("planning/week", Some(&challenge), &[]).await;
        assert!(!refused.status.is_success(), "{}", refused.body);

        // The set-up: a QR code, the key, ten recovery codes.
        let step = app.call("auth/step", Some(&challenge), &[]).await;
        assert_eq!(step.status, StatusCode::OK, "{}", step.body);
        let enrolment = &step.json()["enrolment"];
        assert!(enrolment["qr_svg"].as_str().unwrap().starts_with("<svg"));
        let codes: Vec<String> = enrolment["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(codes.len(), 10);
        let secret = pending_secret(&app, COORDINATOR).await;
        assert_eq!(
            enrolment["secret"].as_str().unwrap().replace(' ', ""),
            secret
        );

        // A wrong code, then the right one.
        let wrong = code_answer(&app, &challenge, "000000").await;
        assert_eq!(
            invalid(&wrong),
            ("code".into(), "mismatch".into()),
            "{}",
            wrong.body
        );
        let now = app::state::now();
        let right = code_answer(&app, &challenge, &code_at(&secret, now).unwrap()).await;
        assert_eq!(right.headers["location"], "/planning", "{}", right.body);
        let session = right.session_cookie().expect("session");
        assert!(signed_in(&app, &session).await);
        // The challenge is over.
        assert_eq!(
            invalid(&code_answer(&app, &challenge, "123456").await),
            ("code".into(), "unknown".into())
        );
        assert_eq!(confirmed_secret(&app, COORDINATOR).await, secret);
        let audited = app
            .scalar(
                "SELECT action FROM audit_log WHERE action = $1",
                "account.second_factor",
            )
            .await;
        assert_eq!(audited, "account.second_factor");

        // Next sign-in: the app's next code works once.
        let again = login_as(&app, COORDINATOR, DEMO_PASSWORD, "test").await;
        let challenge = again.cookie("passerelle_challenge").expect("challenge");
        let step = app.call("auth/step", Some(&challenge), &[]).await;
        assert!(step.json()["enrolment"].is_null(), "{}", step.body);
        let next = code_at(&secret, now + chrono::Duration::seconds(30)).unwrap();
        let ok = code_answer(&app, &challenge, &next).await;
        assert!(ok.session_cookie().is_some(), "{} {}", ok.status, ok.body);
        let replay = login_as(&app, COORDINATOR, DEMO_PASSWORD, "test").await;
        let challenge = replay.cookie("passerelle_challenge").expect("challenge");
        let used = code_answer(&app, &challenge, &next).await;
        assert_eq!(
            invalid(&used),
            ("code".into(), "mismatch".into()),
            "{}",
            used.body
        );

        // A recovery code works once, typed in any case.
        let recovered = code_answer(&app, &challenge, &codes[3].to_uppercase()).await;
        assert!(recovered.session_cookie().is_some(), "{}", recovered.body);
        let replay = login_as(&app, COORDINATOR, DEMO_PASSWORD, "test").await;
        let challenge = replay.cookie("passerelle_challenge").expect("challenge");
        let used = code_answer(&app, &challenge, &codes[3]).await;
        assert_eq!(invalid(&used), ("code".into(), "mismatch".into()));

        // The account page counts the codes left.
        let account = app.call("account/load", Some(&session), &[]).await;
        assert_eq!(account.json()["recovery_codes_left"], 9, "{}", account.body);
        assert_eq!(account.json()["second_factor"], true);
        assert_eq!(account.json()["second_factor_required"], true);
        // And it cannot be removed from a role that requires it.
        let remove = app
            .call(
                "account/second-factor/remove",
                Some(&session),
                &[("current_password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(remove.status, StatusCode::FORBIDDEN, "{}", remove.body);

        // A parent signs in with the password alone.
        let parent = login_as(&app, PARENT, DEMO_PASSWORD, "test").await;
        assert!(parent.session_cookie().is_some(), "{}", parent.body);
    }
);

on_both!(
    wrong_codes_count_against_the_account,
    accounts = required(),
    |app: common::TestApp| async move {
        let a = login_as(&app, "admin@demo.test", DEMO_PASSWORD, "test").await;
        let challenge = a.cookie("passerelle_challenge").expect("challenge");
        app.call("auth/step", Some(&challenge), &[]).await;
        // The password counted one attempt; four wrong codes make five.
        for _ in 0..4 {
            let wrong = code_answer(&app, &challenge, "000000").await;
            assert_eq!(
                invalid(&wrong),
                ("code".into(), "mismatch".into()),
                "{}",
                wrong.body
            );
        }
        // The account now waits, even with the right code.
        let secret = pending_secret(&app, "admin@demo.test").await;
        let right = code_answer(
            &app,
            &challenge,
            &code_at(&secret, app::state::now()).unwrap(),
        )
        .await;
        assert_eq!(
            right.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            right.body
        );
        assert!(right.headers.contains_key("retry-after"));
        assert!(right.session_cookie().is_none());
        // A code without a challenge is refused as such.
        let none = app.call("auth/code", None, &[("code", "123456")]).await;
        assert_eq!(invalid(&none), ("code".into(), "unknown".into()));
        let garbage = code_answer(&app, &challenge, "douze").await;
        assert!(!garbage.status.is_success());
    }
);

on_both!(
    a_new_password_signs_out_the_other_devices,
    |app: common::TestApp| async move {
        let phone = login_as(
            &app,
            PARENT,
            DEMO_PASSWORD,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1",
        )
        .await
        .session_cookie()
        .unwrap();
        let laptop = login_as(
            &app,
            PARENT,
            DEMO_PASSWORD,
            "Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/121.0",
        )
        .await
        .session_cookie()
        .unwrap();
        let change = |current: &'static str, new: &'static str| {
            let app = &app;
            let phone = phone.clone();
            async move {
                app.call(
                    "account/password",
                    Some(&phone),
                    &[
                        ("current_password", current),
                        ("password", new),
                        ("password_confirmation", new),
                    ],
                )
                .await
            }
        };
        let wrong = change("pas le mot de passe", "une phrase toute neuve").await;
        assert_eq!(
            invalid(&wrong),
            ("current_password".into(), "mismatch".into())
        );
        for guessable in [
            "motdepasse2024",
            "azertyuiop123",
            "Samira Benali 1985",
            "passerelle-demo",
        ] {
            let refused = change(DEMO_PASSWORD, guessable).await;
            assert_eq!(
                invalid(&refused),
                ("password".into(), "guessable".into()),
                "{guessable}: {}",
                refused.body
            );
        }
        let short = change(DEMO_PASSWORD, "court").await;
        assert_eq!(invalid(&short), ("password".into(), "too_short".into()));
        assert!(signed_in(&app, &laptop).await);

        let done = change(DEMO_PASSWORD, "une phrase toute neuve").await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert!(signed_in(&app, &phone).await, "this device stays signed in");
        assert!(
            !signed_in(&app, &laptop).await,
            "the other device is signed out"
        );
        let old = login_as(&app, PARENT, DEMO_PASSWORD, "test").await;
        assert!(old.session_cookie().is_none());
        let new = login_as(&app, PARENT, "une phrase toute neuve", "test").await;
        assert!(new.session_cookie().is_some(), "{}", new.body);
        let audited = app
            .scalar(
                "SELECT action FROM audit_log WHERE action = $1",
                "account.password",
            )
            .await;
        assert_eq!(audited, "account.password");
    }
);

on_both!(
    the_account_lists_its_devices_and_signs_out_the_others,
    |app: common::TestApp| async move {
        let tablet = login_as(
            &app,
            COORDINATOR,
            DEMO_PASSWORD,
            "Mozilla/5.0 (Linux; Android 13; SM-T220) Chrome/120.0 Safari/537.36",
        )
        .await
        .session_cookie()
        .unwrap();
        let desk = login_as(
            &app,
            COORDINATOR,
            DEMO_PASSWORD,
            "Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/121.0",
        )
        .await
        .session_cookie()
        .unwrap();
        let account = app.call("account/load", Some(&desk), &[]).await.json();
        let devices = account["devices"].as_array().unwrap();
        assert_eq!(devices.len(), 2, "{account}");
        let labels: Vec<(&str, bool)> = devices
            .iter()
            .map(|d| {
                (
                    d["label"].as_str().unwrap(),
                    d["current"].as_bool().unwrap(),
                )
            })
            .collect();
        assert!(labels.contains(&("Firefox · Windows", true)), "{labels:?}");
        assert!(labels.contains(&("Chrome · Android", false)), "{labels:?}");
        // The raw user agent is not kept.
        let stored = app
            .scalar(
                "SELECT device FROM login_sessions WHERE device LIKE $1",
                "%Android%",
            )
            .await;
        assert_eq!(stored, "Chrome · Android");

        let out = app.call("account/sign-out-others", Some(&desk), &[]).await;
        assert_eq!(out.json(), 1, "{}", out.body);
        assert!(signed_in(&app, &desk).await);
        assert!(!signed_in(&app, &tablet).await);
        // Another person's devices are untouched, and nobody else's are listed.
        let parent = app.login(PARENT).await;
        let theirs = app.call("account/load", Some(&parent), &[]).await.json();
        assert_eq!(theirs["devices"].as_array().unwrap().len(), 1);
        let anonymous = app.call("account/load", None, &[]).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
);

on_both!(
    an_accompanists_session_is_short_and_ends_with_the_browser,
    |app: common::TestApp| async move {
        let tablet = login_as(&app, "accompagnateur@demo.test", DEMO_PASSWORD, "test").await;
        let cookie = tablet.set_cookie("passerelle_session").unwrap();
        assert!(!cookie.contains("Max-Age"), "{cookie}");
        let phone = login_as(&app, PARENT, DEMO_PASSWORD, "test").await;
        let cookie = phone.set_cookie("passerelle_session").unwrap();
        assert!(cookie.contains("Max-Age=1209600"), "{cookie}");

        let lasts = |email: &'static str, column: &'static str| {
            let app = &app;
            async move {
                let sql = format!(
                    "SELECT {column} FROM login_sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)"
                );
                let (created, until): (String, String) =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.replace(
                        &format!("SELECT {column}"),
                        &format!("SELECT created_at, {column}"),
                    )))
                    .bind(email)
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
                let parse = |t: &str| app::db::parse_timestamp(t).unwrap();
                (parse(&until) - parse(&created)).num_minutes()
            }
        };
        assert_eq!(lasts("accompagnateur@demo.test", "idle_until").await, 180);
        assert_eq!(
            lasts("accompagnateur@demo.test", "expires_at").await,
            12 * 60
        );
        assert_eq!(lasts(PARENT, "idle_until").await, 12 * 60);

        // Unused past its idle limit, a session ends.
        let session = tablet.session_cookie().unwrap();
        assert!(signed_in(&app, &session).await);
        sqlx::query("UPDATE login_sessions SET idle_until = $1")
            .bind(app::db::timestamp(
                app::state::now() - chrono::Duration::minutes(1),
            ))
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert!(!signed_in(&app, &session).await);
    }
);

on_both!(
    an_invitation_refuses_a_guessable_password,
    |app: common::TestApp| async move {
        let coordinator = app.login(COORDINATOR).await;
        let people = app
            .call("auth/invitees", Some(&coordinator), &[])
            .await
            .json();
        let person = people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["has_account"] == false && !p["email"].is_null())
            .expect("someone to invite")
            .clone();
        let link = app
            .call(
                "auth/invite",
                Some(&coordinator),
                &[
                    ("role", &person["role"].as_str().unwrap().to_lowercase()),
                    ("person_id", person["id"].as_str().unwrap()),
                ],
            )
            .await
            .json();
        let token = link["path"]
            .as_str()
            .unwrap_or_else(|| panic!("{person} {link}"))
            .to_string();
        let token = token.trim_start_matches("/invitation/").to_string();
        let accept = |password: &'static str| {
            let (app, token) = (&app, token.clone());
            async move {
                app.call(
                    "auth/accept",
                    None,
                    &[
                        ("token", &token),
                        ("password", password),
                        ("password_confirmation", password),
                    ],
                )
                .await
            }
        };
        let refused = accept("123456789012").await;
        assert_eq!(
            invalid(&refused),
            ("password".into(), "guessable".into()),
            "{}",
            refused.body
        );
        let ok = accept("une phrase facile à retenir").await;
        assert!(ok.session_cookie().is_some(), "{}", ok.body);
    }
);
