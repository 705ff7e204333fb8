//! The mails Passerelle writes on its own (issue 21): the guardian's evening
//! alert, the coordinator's daily digest and Monday list, each queued once
//! whoever runs the job, in the recipient's language, with a stop link
//! that works in one click. Both databases.

use crate::common;

use app::mail::settings::MailSettings;
use app::mail::worker::Worker;
use app::notices::jobs::run_due;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use common::smtp::Sink;
use http::StatusCode;
use sqlx::Row;

const PARENT: &str = "parent@demo.test";
const COORDINATOR: &str = "coordination@demo.test";
const BASE: &str = "http://passerelle.test";

fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    app::domain::local_time::utc(day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
}

fn worker(app: &common::TestApp, sink: &Sink) -> Worker {
    Worker::new(
        app.db.clone(),
        MailSettings {
            smtp_url: Some(sink.url()),
            public_url: Some(BASE.into()),
            ..MailSettings::default()
        },
    )
    .unwrap()
}

/// A session of the parent's child: (session, day, child, child's first name).
async fn parents_session(app: &common::TestApp) -> (String, NaiveDate, String, String) {
    let r = sqlx::query(
        "SELECT s.id, s.on_date, c.id AS child_id, c.first_name FROM users u
         JOIN guardians g ON g.user_id = u.id
         JOIN child_guardians cg ON cg.guardian_id = g.id
         JOIN children c ON c.id = cg.child_id
         JOIN group_members gm ON gm.child_id = c.id
         JOIN sessions s ON s.group_id = gm.group_id
         WHERE u.email = $1 AND s.status IN ('planned', 'held')
         ORDER BY s.on_date DESC, s.id LIMIT 1",
    )
    .bind(PARENT)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let day: String = r.try_get("on_date").unwrap();
    (
        r.try_get("id").unwrap(),
        day.parse().unwrap(),
        r.try_get("child_id").unwrap(),
        r.try_get("first_name").unwrap(),
    )
}

/// Marks `child` absent at `session`, with or without a family's notice.
async fn absent(app: &common::TestApp, session: &str, child: &str, notice: bool) {
    for sql in [
        "DELETE FROM absence_notices WHERE session_id = $1 AND child_id = $2",
        "DELETE FROM attendance WHERE session_id = $1 AND child_id = $2",
    ] {
        sqlx::query(sql)
            .bind(session)
            .bind(child)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    sqlx::query(
        "INSERT INTO attendance (session_id, child_id, status, mark_id, marked_at)
         VALUES ($1, $2, 'absent', $3, '2026-01-01T00:00:00.000Z')",
    )
    .bind(session)
    .bind(child)
    .bind(app::db::new_id())
    .execute(&app.db.pool)
    .await
    .unwrap();
    if notice {
        sqlx::query(
            "INSERT INTO absence_notices (id, session_id, child_id, guardian_id, reason, created_at)
             SELECT $1, $2, $3, cg.guardian_id, 'malade', $4 FROM child_guardians cg
             WHERE cg.child_id = $3 LIMIT 1",
        )
        .bind(app::db::new_id())
        .bind(session)
        .bind(child)
        .bind(app::db::timestamp(Utc::now()))
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
}

async fn to_parent(app: &common::TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2")
        .bind(PARENT)
        .bind(kind)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

on_both!(
    a_guardian_who_asked_is_told_the_same_evening_once,
    |app: common::TestApp| async move {
        let (session, day, child, first_name) = parents_session(&app).await;
        absent(&app, &session, &child, false).await;
        // Not asked for yet: nothing.
        run_due(&app.db, BASE, at(day, 19, 5)).await.unwrap();
        assert_eq!(to_parent(&app, "absence_alert").await, 0);
        let parent = app.login(PARENT).await;
        app.call(
            "account/mail-choice",
            Some(&parent),
            &[("kind", "absence_alert"), ("wanted", "oui")],
        )
        .await;
        // Before 19 h: not yet.
        run_due(&app.db, BASE, at(day, 18, 30)).await.unwrap();
        assert_eq!(to_parent(&app, "absence_alert").await, 0);
        let ran = run_due(&app.db, BASE, at(day, 19, 5)).await.unwrap();
        assert!(ran.alerts >= 1, "{ran:?}");
        assert_eq!(to_parent(&app, "absence_alert").await, 1);
        // Every later pass of the evening: still one.
        run_due(&app.db, BASE, at(day, 21, 0)).await.unwrap();
        assert_eq!(to_parent(&app, "absence_alert").await, 1);
        let sink = Sink::start().await;
        // The session's day may be ahead of today: the worker runs then.
        worker(&app, &sink)
            .run_once(at(day, 22, 0).max(Utc::now()))
            .await
            .unwrap();
        let mails = sink.mails();
        let mail = mails.iter().find(|m| m.to == PARENT).expect("the alert");
        assert!(mail.subject.contains(&first_name), "{}", mail.subject);
        assert!(
            mail.text.contains(&format!("{BASE}/enfants/{child}")),
            "{}",
            mail.text
        );
        // The stop link, in the body and for the mail client.
        let stop = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
        assert!(stop.contains("/courriels/desabonnement/"), "{stop}");
        assert!(mail.text.contains("/courriels/arret/"), "{}", mail.text);
        let token = stop
            .trim_matches(|c| c == '<' || c == '>')
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        let info = app.call("mail/stop-link", None, &[("token", &token)]).await;
        assert_eq!(info.json()["wanted"], true, "{}", info.body);
        // The mail client's one click (RFC 8058): a POST from elsewhere.
        let click = app
            .send(
                http::Request::builder()
                    .method(http::Method::POST)
                    .uri(format!("/courriels/desabonnement/{token}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
                    .unwrap(),
            )
            .await;
        assert_eq!(click.status, StatusCode::OK);
        let choices = app.call("account/mail", Some(&parent), &[]).await.json();
        assert_eq!(choices[0]["wanted"], false, "the choice is seen in the app");
        // The next absence: no mail.
        sqlx::query("DELETE FROM outbox")
            .execute(&app.db.pool)
            .await
            .unwrap();
        run_due(&app.db, BASE, at(day, 20, 0)).await.unwrap();
        assert_eq!(to_parent(&app, "absence_alert").await, 0);
    }
);

on_both!(
    no_alert_when_the_family_gave_notice,
    |app: common::TestApp| async move {
        let (session, day, child, _) = parents_session(&app).await;
        absent(&app, &session, &child, true).await;
        let parent = app.login(PARENT).await;
        app.call(
            "account/mail-choice",
            Some(&parent),
            &[("kind", "absence_alert"), ("wanted", "oui")],
        )
        .await;
        run_due(&app.db, BASE, at(day, 19, 30)).await.unwrap();
        assert_eq!(to_parent(&app, "absence_alert").await, 0);
    }
);

on_both!(
    the_coordinator_gets_a_daily_digest_and_a_monday_list_once,
    |app: common::TestApp| async move {
        let (session, _, child, _) = parents_session(&app).await;
        absent(&app, &session, &child, true).await;
        let today = app::domain::local_time::local_date(Utc::now());
        // The notice was written now: today's digest, sent from 18 h (or
        // tomorrow's, when the test runs after 18 h).
        let digest_day = if Utc::now() >= at(today, 18, 0) {
            today + chrono::Duration::days(1)
        } else {
            today
        };
        let ran = run_due(&app.db, BASE, at(digest_day, 18, 10))
            .await
            .unwrap();
        assert_eq!(ran.digests, 1, "{ran:?}");
        let again = run_due(&app.db, BASE, at(digest_day, 18, 15))
            .await
            .unwrap();
        assert_eq!(again.digests, 0, "claimed once for the day");
        let body: String = sqlx::query_scalar(
            "SELECT text_body FROM outbox WHERE kind = 'daily_digest' AND recipient = $1",
        )
        .bind(COORDINATOR)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(body.contains("Absence signalée"), "{body}");
        assert!(body.contains("« malade »"), "{body}");
        // The Monday after a week with a register left open.
        let monday = {
            let mut d = today + chrono::Duration::days(1);
            while chrono::Datelike::weekday(&d) != chrono::Weekday::Mon {
                d += chrono::Duration::days(1);
            }
            d
        };
        let last_week = monday - chrono::Duration::days(3);
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE on_date >= $1 AND on_date < $2
             AND status IN ('planned', 'held') AND closed_at IS NULL",
        )
        .bind((monday - chrono::Duration::days(7)).to_string())
        .bind(monday.to_string())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let ran = run_due(&app.db, BASE, at(monday, 8, 30)).await.unwrap();
        let weekly: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'weekly_registers' AND recipient = $1",
        )
        .bind(COORDINATOR)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            weekly,
            i64::from(open > 0),
            "{ran:?} {open} open before {last_week}"
        );
        let all_weekly = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM outbox WHERE kind = 'weekly_registers'",
            )
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
        };
        let before = all_weekly().await;
        run_due(&app.db, BASE, at(monday, 9, 0)).await.unwrap();
        assert_eq!(all_weekly().await, before, "claimed once for the week");
        // A coordinator who stopped the digest gets none.
        let coordinator = app.login(COORDINATOR).await;
        let off = app
            .call(
                "account/mail-choice",
                Some(&coordinator),
                &[("kind", "daily_digest"), ("wanted", "non")],
            )
            .await;
        assert_eq!(off.status, StatusCode::OK);
        for sql in [
            "DELETE FROM job_runs WHERE job = 'digest'",
            "DELETE FROM outbox WHERE kind = 'daily_digest'",
        ] {
            sqlx::query(sql).execute(&app.db.pool).await.unwrap();
        }
        run_due(&app.db, BASE, at(digest_day, 18, 20))
            .await
            .unwrap();
        let digests: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'daily_digest' AND recipient = $1",
        )
        .bind(COORDINATOR)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(digests, 0);
    }
);

on_both!(
    mails_are_written_in_the_recipients_language,
    |app: common::TestApp| async move {
        let (session, day, child, first_name) = parents_session(&app).await;
        absent(&app, &session, &child, false).await;
        // The parent signs in in English: their mails follow.
        let login = app
            .send(
                http::Request::builder()
                    .method(http::Method::POST)
                    .uri("/api/auth/login")
                    .header("host", "127.0.0.1:3000")
                    .header("origin", "http://127.0.0.1:3000")
                    .header("cookie", "passerelle_lang=en")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(axum::body::Body::from(common::form_body(&[
                        ("email", PARENT),
                        ("password", app::db::demo::DEMO_PASSWORD),
                    ])))
                    .unwrap(),
            )
            .await;
        let parent = login.session_cookie().expect("signed in");
        app.call(
            "account/mail-choice",
            Some(&parent),
            &[("kind", "absence_alert"), ("wanted", "oui")],
        )
        .await;
        run_due(&app.db, BASE, at(day, 19, 30)).await.unwrap();
        let r = sqlx::query("SELECT subject, text_body, locale FROM outbox WHERE recipient = $1")
            .bind(PARENT)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let subject: String = r.try_get("subject").unwrap();
        let locale: String = r.try_get("locale").unwrap();
        assert_eq!(subject, format!("{first_name} was absent today"));
        assert_eq!(locale, "en");
        let text: String = r.try_get("text_body").unwrap();
        assert!(
            text.contains("To stop receiving this kind of mail"),
            "{text}"
        );
    }
);
