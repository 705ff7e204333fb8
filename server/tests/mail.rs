//! E-mail (issue 21): invitations and password resets sent through a real
//! SMTP server (`.ci/smtp_sink.py`), the outbox's delivery when the server
//! is down and comes back, mails written to the log without SMTP, the
//! admin's outbox page, the choices and the one-click stop link. Both
//! databases.

use crate::common;

use app::mail::settings::MailSettings;
use app::mail::worker::Worker;
use common::smtp::Sink;
use http::StatusCode;
use std::time::Duration;

const COORDINATOR: &str = "coordination@demo.test";
const PARENT: &str = "parent@demo.test";
const ADMIN: &str = "admin@demo.test";

fn settings(sink: &Sink) -> MailSettings {
    MailSettings {
        smtp_url: Some(sink.url()),
        from: "Passerelle <passerelle@demo.test>".into(),
        public_url: Some("http://passerelle.test".into()),
        retry: Duration::from_secs(30),
        timeout: Duration::from_secs(5),
        poll: Duration::from_millis(100),
    }
}

fn worker(app: &common::TestApp, sink: &Sink) -> Worker {
    Worker::new(app.db.clone(), settings(sink)).expect("worker")
}

/// The first invitee without an account, and their role's code.
async fn invitee(app: &common::TestApp, coordinator: &str) -> (String, String, String) {
    let people = app
        .call("auth/invitees", Some(coordinator), &[])
        .await
        .json();
    let p = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["has_account"] == false)
        .expect("someone to invite")
        .clone();
    (
        p["role"].as_str().unwrap().to_lowercase(),
        p["id"].as_str().unwrap().to_string(),
        p["name"].as_str().unwrap().to_string(),
    )
}

async fn invite(app: &common::TestApp, coordinator: &str, email: &str) -> serde_json::Value {
    let (role, id, _) = invitee(app, coordinator).await;
    let a = app
        .call(
            "auth/invite",
            Some(coordinator),
            &[("role", &role), ("person_id", &id), ("email", email)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

async fn states(app: &common::TestApp) -> Vec<String> {
    sqlx::query_scalar::<_, String>("SELECT state FROM outbox ORDER BY created_at, id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

on_both!(
    an_invitation_is_mailed_in_both_bodies_with_the_structure_name,
    |app: common::TestApp| async move {
        let sink = Sink::start().await;
        let coordinator = app.login(COORDINATOR).await;
        let link = invite(&app, &coordinator, "  Nouvelle.Personne@Example.TEST ").await;
        assert_eq!(link["mailed_to"], "nouvelle.personne@example.test");
        let path = link["path"].as_str().unwrap();
        // Queued in the change's own transaction, sent by the worker.
        assert_eq!(states(&app).await, ["queued"]);
        let pass = worker(&app, &sink)
            .run_once(chrono::Utc::now())
            .await
            .unwrap();
        assert_eq!(pass.sent, 1, "{pass:?}");
        let mails = sink.wait_for(1, 10).await;
        assert_eq!(mails.len(), 1);
        let mail = &mails[0];
        assert_eq!(mail.to, "nouvelle.personne@example.test");
        assert!(
            mail.subject.contains("vous invite sur Passerelle"),
            "{}",
            mail.subject
        );
        // The address the coordinator's request came to (no public address set).
        let address = format!("http://127.0.0.1:3000{path}");
        assert!(mail.text.contains(&address), "{}", mail.text);
        assert!(mail.html.contains(&address), "{}", mail.html);
        let org: String =
            sqlx::query_scalar("SELECT name FROM organisations ORDER BY name LIMIT 1")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(
            mail.text.contains("Centre") || mail.text.contains(&org),
            "the structure's name: {}",
            mail.text
        );
        // An access mail cannot be stopped: no stop link.
        assert!(mail.list_unsubscribe.is_none());
        assert_eq!(states(&app).await, ["sent"]);
        // Nothing more to send.
        let pass = worker(&app, &sink)
            .run_once(chrono::Utc::now())
            .await
            .unwrap();
        assert_eq!(pass.sent, 0);
    }
);

on_both!(
    mails_queued_while_the_server_is_down_arrive_once_when_it_is_back,
    |app: common::TestApp| async move {
        let mut sink = Sink::stopped();
        let coordinator = app.login(COORDINATOR).await;
        for n in 0..3 {
            invite(&app, &coordinator, &format!("personne{n}@example.test")).await;
        }
        let now = chrono::Utc::now();
        let worker = worker(&app, &sink);
        let pass = worker.run_once(now).await.unwrap();
        assert_eq!((pass.sent, pass.retried), (0, 3), "{pass:?}");
        assert_eq!(states(&app).await, ["queued", "queued", "queued"]);
        let errors: Vec<String> = sqlx::query_scalar("SELECT last_error FROM outbox ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
        assert!(
            errors.iter().all(|e| e.contains("unreachable")),
            "{errors:?}"
        );
        // Still down at the next attempt: the wait doubles.
        let pass = worker
            .run_once(now + chrono::Duration::minutes(1))
            .await
            .unwrap();
        assert_eq!(pass.retried, 3);
        sink.run(0.0).await;
        // Not due yet: nothing is sent before its time.
        let pass = worker.run_once(chrono::Utc::now()).await.unwrap();
        assert_eq!(pass.sent, 0, "{pass:?}");
        let later = chrono::Utc::now() + chrono::Duration::hours(2);
        let pass = worker.run_once(later).await.unwrap();
        assert_eq!(pass.sent, 3, "{pass:?}");
        let pass = worker.run_once(later).await.unwrap();
        assert_eq!(pass.sent, 0);
        let mails = sink.wait_for(3, 10).await;
        let mut to: Vec<String> = mails.iter().map(|m| m.to.clone()).collect();
        to.sort();
        assert_eq!(
            to,
            [
                "personne0@example.test",
                "personne1@example.test",
                "personne2@example.test"
            ]
        );
        let mut ids: Vec<String> = mails.iter().map(|m| m.message_id.clone()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3, "each mail once");
        assert_eq!(states(&app).await, ["sent", "sent", "sent"]);
    }
);

on_both!(
    without_smtp_a_mail_is_written_to_the_log_and_said_so,
    |app: common::TestApp| async move {
        let coordinator = app.login(COORDINATOR).await;
        invite(&app, &coordinator, "journal@example.test").await;
        let worker = Worker::new(app.db.clone(), MailSettings::default()).unwrap();
        let pass = worker.run_once(chrono::Utc::now()).await.unwrap();
        assert_eq!(pass.logged, 1);
        assert_eq!(states(&app).await, ["logged"]);
        let admin = app.login(ADMIN).await;
        let list = app.call("admin/outbox", Some(&admin), &[]).await.json();
        assert_eq!(list[0]["state"], "Logged", "{list}");
        assert_eq!(list[0]["recipient"], "journal@example.test");
    }
);

on_both!(
    the_admin_lists_the_outbox_and_sends_a_failed_mail_again,
    |app: common::TestApp| async move {
        let coordinator = app.login(COORDINATOR).await;
        invite(&app, &coordinator, "echec@example.test").await;
        sqlx::query("UPDATE outbox SET state = 'failed', last_error = 'refused: 550'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let admin = app.login(ADMIN).await;
        let failed = app
            .call("admin/outbox", Some(&admin), &[("state", "failed")])
            .await
            .json();
        assert_eq!(failed.as_array().unwrap().len(), 1, "{failed}");
        assert_eq!(failed[0]["last_error"], "refused: 550");
        let sent = app
            .call("admin/outbox", Some(&admin), &[("state", "sent")])
            .await
            .json();
        assert_eq!(sent.as_array().unwrap().len(), 0);
        let bad = app
            .call("admin/outbox", Some(&admin), &[("state", "perdu")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Others may not read it.
        let refused = app.call("admin/outbox", Some(&coordinator), &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let id = failed[0]["id"].as_str().unwrap();
        let again = app
            .call("admin/outbox-retry", Some(&admin), &[("id", id)])
            .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(states(&app).await, ["queued"]);
        // Only a failed or interrupted mail can be sent again.
        let twice = app
            .call("admin/outbox-retry", Some(&admin), &[("id", id)])
            .await;
        assert_eq!(twice.status, StatusCode::NOT_FOUND);
        let sink = Sink::start().await;
        worker(&app, &sink)
            .run_once(chrono::Utc::now())
            .await
            .unwrap();
        assert_eq!(sink.wait_for(1, 10).await.len(), 1);
        // The page itself.
        let page = app
            .request(
                http::Method::GET,
                "/administration/courriels?etat=sent",
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("echec@example.test"), "{}", page.body);
    }
);

/// Asks for a reset link of `email`: the answer.
async fn forgot(app: &common::TestApp, email: &str) -> common::Answer {
    app.call("auth/forgot", None, &[("email", email)]).await
}

/// The token of the reset link in the newest mail to `to`.
fn reset_token(sink: &Sink, to: &str) -> String {
    let mail = sink
        .mails()
        .into_iter()
        .rev()
        .find(|m| m.to == to)
        .expect("a mail");
    let start = mail.text.find("/mot-de-passe/").expect("a link") + "/mot-de-passe/".len();
    mail.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

on_both!(
    a_forgotten_password_gets_a_link_that_works_once_and_signs_out_every_session,
    |app: common::TestApp| async move {
        let sink = Sink::start().await;
        let phone = app.login(PARENT).await;
        let laptop = app.login(PARENT).await;
        // The same answer whether or not the account exists.
        let known = forgot(&app, PARENT).await;
        let unknown = forgot(&app, "personne@nulle-part.test").await;
        assert!(
            known.status.is_success() || known.status.is_redirection(),
            "{}",
            known.body
        );
        assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
        assert_eq!(
            known.headers.get("location"),
            unknown.headers.get("location")
        );
        worker(&app, &sink)
            .run_once(chrono::Utc::now())
            .await
            .unwrap();
        let mails = sink.wait_for(1, 10).await;
        assert_eq!(mails.len(), 1, "one mail, to the account that exists");
        assert_eq!(mails[0].to, PARENT);
        assert!(
            mails[0].subject.contains("mot de passe"),
            "{}",
            mails[0].subject
        );
        let token = reset_token(&sink, PARENT);
        // Stored hashed.
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM password_resets")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(stored, [app::db::ids::token_hash(&token)]);
        assert!(!stored.contains(&token));
        let info = app
            .call("auth/reset-link", None, &[("token", &token)])
            .await;
        assert_eq!(info.json()["email"], PARENT);
        let new = "une autre phrase pour ce compte";
        let reset = app
            .call(
                "auth/reset",
                None,
                &[
                    ("token", &token),
                    ("password", new),
                    ("password_confirmation", new),
                ],
            )
            .await;
        assert!(reset.status.is_success(), "{} {}", reset.status, reset.body);
        // Every session of the account ended.
        for cookie in [&phone, &laptop] {
            let who = app.call("auth/whoami", Some(cookie), &[]).await;
            assert!(who.json().is_null(), "still signed in: {}", who.body);
        }
        // The new password works, the old one does not.
        let old = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", PARENT),
                    ("password", app::db::demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(old.status, StatusCode::UNAUTHORIZED);
        let ok = app
            .call("auth/login", None, &[("email", PARENT), ("password", new)])
            .await;
        assert!(ok.session_cookie().is_some(), "{}", ok.body);
        // Once only.
        let again = app
            .call(
                "auth/reset",
                None,
                &[
                    ("token", &token),
                    ("password", new),
                    ("password_confirmation", new),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::GONE);
        assert_eq!(again.error_kind(), "reset_link");
        let unknown = app
            .call("auth/reset-link", None, &[("token", "pas-un-jeton")])
            .await;
        assert_eq!(unknown.status, StatusCode::GONE);
    }
);

on_both!(
    a_reset_link_ends_after_an_hour,
    |app: common::TestApp| async move {
        let sink = Sink::start().await;
        forgot(&app, PARENT).await;
        worker(&app, &sink)
            .run_once(chrono::Utc::now())
            .await
            .unwrap();
        sink.wait_for(1, 10).await;
        let token = reset_token(&sink, PARENT);
        let expires: String = sqlx::query_scalar("SELECT expires_at FROM password_resets")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let made: String = sqlx::query_scalar("SELECT created_at FROM password_resets")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let span =
            app::db::parse_timestamp(&expires).unwrap() - app::db::parse_timestamp(&made).unwrap();
        assert_eq!(span, chrono::Duration::hours(1));
        sqlx::query("UPDATE password_resets SET expires_at = $1")
            .bind(app::db::timestamp(
                chrono::Utc::now() - chrono::Duration::seconds(1),
            ))
            .execute(&app.db.pool)
            .await
            .unwrap();
        let new = "une autre phrase pour ce compte";
        let late = app
            .call(
                "auth/reset",
                None,
                &[
                    ("token", &token),
                    ("password", new),
                    ("password_confirmation", new),
                ],
            )
            .await;
        assert_eq!(late.status, StatusCode::GONE);
        assert!(late.body.contains("expired"), "{}", late.body);
    }
);

on_both!(
    reset_requests_are_throttled_per_account_and_per_address,
    |app: common::TestApp| async move {
        // Per account: the fourth request in a row waits, whether or not
        // the account exists (the throttle tells nothing either).
        for email in [PARENT, "personne@nulle-part.test"] {
            for _ in 0..3 {
                let a = forgot(&app, email).await;
                assert!(
                    a.status.is_success() || a.status.is_redirection(),
                    "{}",
                    a.body
                );
            }
            let fourth = forgot(&app, email).await;
            assert_eq!(
                fourth.status,
                StatusCode::TOO_MANY_REQUESTS,
                "{email}: {}",
                fourth.body
            );
        }
        // At most three links an hour for one account.
        let links: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM password_resets")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(links, 3);
        // Per address: many addresses from one client.
        let mut statuses = Vec::new();
        for n in 0..25 {
            statuses.push(
                forgot(&app, &format!("inconnu{n}@nulle-part.test"))
                    .await
                    .status,
            );
        }
        assert!(
            statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
        // The sign-in of the account is not blocked by it.
        app.login(PARENT).await;
    }
);

on_both!(
    a_person_stops_a_kind_of_mail_in_the_app_or_by_its_link,
    |app: common::TestApp| async move {
        let parent = app.login(PARENT).await;
        let choices = app.call("account/mail", Some(&parent), &[]).await.json();
        assert_eq!(choices[0]["kind"], "AbsenceAlert", "{choices}");
        assert_eq!(choices[0]["wanted"], false, "asked for, off until then");
        let on = app
            .call(
                "account/mail-choice",
                Some(&parent),
                &[("kind", "absence_alert"), ("wanted", "oui")],
            )
            .await;
        assert_eq!(on.status, StatusCode::OK, "{}", on.body);
        let choices = app.call("account/mail", Some(&parent), &[]).await.json();
        assert_eq!(choices[0]["wanted"], true);
        // A parent cannot choose a coordinator's kind.
        let other = app
            .call(
                "account/mail-choice",
                Some(&parent),
                &[("kind", "daily_digest"), ("wanted", "non")],
            )
            .await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The coordinator's page lists theirs.
        let coordinator = app.login(COORDINATOR).await;
        let theirs = app
            .call("account/mail", Some(&coordinator), &[])
            .await
            .json();
        assert_eq!(theirs.as_array().unwrap().len(), 2, "{theirs}");
        let page = app
            .request(http::Method::GET, "/compte", Some(&parent), None)
            .await;
        assert!(page.body.contains("Courriels"), "{}", page.body);
        assert!(page.body.contains("Alerte le soir même"));
        // Strangers cannot.
        let stranger = app.call("account/mail", None, &[]).await;
        assert_eq!(stranger.status, StatusCode::UNAUTHORIZED);
        let bad = app
            .call("mail/stop-link", None, &[("token", "inconnu")])
            .await;
        assert_eq!(bad.status, StatusCode::NOT_FOUND);
    }
);
