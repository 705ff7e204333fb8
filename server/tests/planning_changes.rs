//! The planning's changes beyond a single move, called directly: creating,
//! planning, cancelling, deleting, publishing, copying a week to the end of
//! the school year, changing "this session and the following ones", and two
//! changes racing for one room. Both databases.

use crate::common;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use http::StatusCode;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn id_of(app: &common::TestApp, sql: &'static str, arg: &str) -> String {
    app.scalar(sql, arg).await
}

/// The demo's holidays, first and last day.
async fn holidays(app: &common::TestApp) -> Vec<(NaiveDate, NaiveDate)> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT first_day, last_day FROM holidays")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    rows.iter().map(|(a, b)| (date(a), date(b))).collect()
}

fn in_holidays(day: NaiveDate, holidays: &[(NaiveDate, NaiveDate)]) -> bool {
    holidays.iter().any(|(a, b)| *a <= day && day <= *b)
}

/// The first Wednesday after next week that is a school day.
fn school_wednesday(holidays: &[(NaiveDate, NaiveDate)]) -> NaiveDate {
    let mut day = app::state::today() + Duration::days(7);
    while day.weekday() != Weekday::Wed || in_holidays(day, holidays) {
        day += Duration::days(1);
    }
    day
}

async fn create(
    app: &common::TestApp,
    cookie: &str,
    group: &str,
    (day, start, end): (&str, &str, &str),
    venue: &str,
) -> common::Answer {
    app.call(
        "planning/create",
        Some(cookie),
        &[
            ("group", group),
            ("slot[date]", day),
            ("slot[time][start]", start),
            ("slot[time][end]", end),
            ("venue", venue),
        ],
    )
    .await
}

/// A CP-CE2 child of the demo parent (parent@demo.test).
async fn parents_cp_child(app: &common::TestApp) -> String {
    sqlx::query_scalar(
        "SELECT c.id FROM children c JOIN group_members gm ON gm.child_id = c.id
         JOIN groups g ON g.id = gm.group_id JOIN child_guardians cg ON cg.child_id = c.id
         JOIN guardians gu ON gu.id = cg.guardian_id JOIN users u ON u.id = gu.user_id
         WHERE g.name = 'CP-CE2' AND u.email = 'parent@demo.test' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .expect("the demo parent has a child in CP-CE2")
}

struct Demo {
    cookie: String,
    cp: String,
    hall: String,
    wednesday: NaiveDate,
    holidays: Vec<(NaiveDate, NaiveDate)>,
}

async fn demo(app: &common::TestApp) -> Demo {
    let holidays = holidays(app).await;
    Demo {
        cookie: app.login("coordination@demo.test").await,
        cp: id_of(app, "SELECT id FROM groups WHERE name = $1", "CP-CE2").await,
        hall: id_of(
            app,
            "SELECT id FROM venues WHERE name = $1",
            "Salle des Tilleuls",
        )
        .await,
        wednesday: school_wednesday(&holidays),
        holidays,
    }
}

on_both!(
    a_group_dropped_on_a_slot_becomes_a_draft,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        let day = d.wednesday.to_string();
        let a = create(&app, &d.cookie, &d.cp, (&day, "14:00", "15:30"), &d.hall).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let session = &a.json()["session"];
        assert_eq!(session["status"], "Draft");
        assert_eq!(session["start"], "14:00:00");
        // The group's accompanists and planned activities come with it.
        assert_eq!(session["accompanists"].as_array().unwrap().len(), 2);
        assert!(!session["plan"]["activities"].as_array().unwrap().is_empty());
        // Families do not see drafts.
        let parent = app.login("parent@demo.test").await;
        let ines = parents_cp_child(&app).await;
        let page = app
            .call("family/child", Some(&parent), &[("id", &ines)])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let id = session["id"].as_str().unwrap();
        assert!(!page.body.contains(id), "a draft reached a parent");
        // In school time: refused with the rule's code, nothing created.
        let monday = (d.wednesday - Duration::days(2)).to_string();
        let b = create(&app, &d.cookie, &d.cp, (&monday, "10:00", "11:30"), &d.hall).await;
        assert_eq!(b.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", b.body);
        assert!(common::codes(&b).contains(&"DURING_SCHOOL_TIME".to_string()));
        // Another organisation's group is unknown here.
        let theirs = id_of(&app, "SELECT id FROM groups WHERE name = $1", "CM").await;
        let c = create(&app, &d.cookie, &theirs, (&day, "16:00", "17:30"), &d.hall).await;
        assert_eq!(c.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(c.json()["field"], "group");
        // Publishing the week: the draft is planned, and the parent sees it.
        let p = app
            .call("planning/publish", Some(&d.cookie), &[("date", &day)])
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        assert_eq!(p.body.trim(), "1");
        let page = app
            .call("family/child", Some(&parent), &[("id", &ines)])
            .await;
        assert!(page.body.contains(id), "{}", page.body);
    }
);

on_both!(
    a_session_is_planned_cancelled_with_a_reason_and_restored,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        let today = app::state::today().to_string();
        let (id, version): (String, i64) = sqlx::query_as(
            "SELECT s.id, s.version FROM sessions s JOIN groups g ON g.id = s.group_id
             WHERE g.name = 'CP-CE2' AND s.on_date > $1 AND s.status = 'planned' ORDER BY s.on_date LIMIT 1",
        )
        .bind(&today)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        // The plan: activities by category, parents welcome, shared session.
        let v = version.to_string();
        let plan = app
            .call(
                "planning/plan",
                Some(&d.cookie),
                &[
                    ("id", &id),
                    ("version", &v),
                    ("activities", "echange,culture,devoirs"),
                    ("parents_welcome", "true"),
                    ("shared_with_parents", "true"),
                ],
            )
            .await;
        assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
        let saved = &plan.json()["session"]["plan"];
        assert_eq!(
            saved["activities"],
            serde_json::json!(["Exchange", "Culture", "Homework"])
        );
        assert_eq!(saved["shared_with_parents"], true);
        let bad = app
            .call(
                "planning/plan",
                Some(&d.cookie),
                &[
                    ("id", &id),
                    ("version", &(version + 1).to_string()),
                    ("activities", "karaoke"),
                    ("parents_welcome", "false"),
                    ("shared_with_parents", "false"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["field"], "activities");
        // A cancellation needs a reason the families can read.
        let v = (version + 1).to_string();
        let empty = app
            .call(
                "planning/cancel",
                Some(&d.cookie),
                &[
                    ("id", &id),
                    ("version", &v),
                    ("reason", "  "),
                    ("following", "false"),
                ],
            )
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(empty.json()["field"], "reason");
        let ok = app
            .call(
                "planning/cancel",
                Some(&d.cookie),
                &[
                    ("id", &id),
                    ("version", &v),
                    ("reason", "Salle fermée (travaux)"),
                    ("following", "false"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let (status, reason): (String, String) =
            sqlx::query_as("SELECT status, cancel_reason FROM sessions WHERE id = $1")
                .bind(&id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (status.as_str(), reason.as_str()),
            ("cancelled", "Salle fermée (travaux)")
        );
        // The parent sees the cancellation and its reason.
        let parent = app.login("parent@demo.test").await;
        let child = parents_cp_child(&app).await;
        let page = app
            .call("family/child", Some(&parent), &[("id", &child)])
            .await;
        assert!(
            page.body.contains("Salle fermée (travaux)"),
            "{}",
            page.body
        );
        // A cancelled session is not deleted, and comes back with "restore".
        let v = (version + 2).to_string();
        let delete = app
            .call(
                "planning/delete",
                Some(&d.cookie),
                &[("id", &id), ("version", &v), ("following", "false")],
            )
            .await;
        assert_eq!(delete.status, StatusCode::UNPROCESSABLE_ENTITY);
        let back = app
            .call(
                "planning/restore",
                Some(&d.cookie),
                &[("id", &id), ("version", &v)],
            )
            .await;
        assert_eq!(back.status, StatusCode::OK, "{}", back.body);
        assert_eq!(back.json()["session"]["status"], "Planned");
        // Every change is in the audit log.
        let logged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'session' AND entity_id = $1",
        )
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(logged, 3);
    }
);

on_both!(
    copying_a_week_skips_exactly_the_holidays,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        let day = d.wednesday.to_string();
        let a = create(&app, &d.cookie, &d.cp, (&day, "14:00", "15:30"), &d.hall).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let copy = app
            .call(
                "planning/copy",
                Some(&d.cookie),
                &[("date", &day), ("until", "")],
            )
            .await;
        assert_eq!(copy.status, StatusCode::OK, "{}", copy.body);
        let report = copy.json();
        let year_end: String =
            sqlx::query_scalar("SELECT last_day FROM school_years ORDER BY first_day LIMIT 1")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(report["until"], year_end);
        // Every Wednesday after the copied one, to the end of the year.
        let mut expected_made = Vec::new();
        let mut expected_skipped = Vec::new();
        let mut w = d.wednesday + Duration::days(7);
        while w <= date(&year_end) {
            if in_holidays(w, &d.holidays) {
                expected_skipped.push(w.to_string());
            } else {
                expected_made.push(w.to_string());
            }
            w += Duration::days(7);
        }
        assert!(
            expected_skipped.len() >= 4,
            "the demo year has holidays on Wednesdays"
        );
        // The Wednesday session's copies, as stored.
        let series: String = sqlx::query_scalar(
            "SELECT series_id FROM sessions WHERE on_date = $1 AND starts_at = '14:00'",
        )
        .bind(&day)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let made: Vec<String> = sqlx::query_scalar(
            "SELECT on_date FROM sessions WHERE series_id = $1 AND on_date > $2 ORDER BY on_date",
        )
        .bind(&series)
        .bind(&day)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(made, expected_made);
        // The report lists each Wednesday skipped, for the holidays and nothing else.
        let skipped = report["skipped"].as_array().unwrap();
        let wednesdays: Vec<String> = skipped
            .iter()
            .filter(|s| s["start"] == "14:00:00")
            .map(|s| s["date"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(wednesdays, expected_skipped);
        for s in skipped {
            assert_eq!(s["reason"]["kind"], "holiday", "{s}");
            assert!(in_holidays(date(s["date"].as_str().unwrap()), &d.holidays));
        }
        // The demo's weekly sessions were already planned: left alone, not doubled.
        assert!(report["already_planned"].as_u64().unwrap() > 20);
        let doubled: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT group_id, on_date, starts_at FROM sessions
              GROUP BY group_id, on_date, starts_at HAVING COUNT(*) > 1) d",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(doubled, 0);
        // Copying again creates nothing; undoing the first copy removes its sessions.
        let again = app
            .call(
                "planning/copy",
                Some(&d.cookie),
                &[("date", &day), ("until", "")],
            )
            .await;
        assert_eq!(again.json()["created"], 0, "{}", again.body);
        let batch = report["batch"].as_str().unwrap();
        let undo = app
            .call("planning/uncopy", Some(&d.cookie), &[("batch", batch)])
            .await;
        assert_eq!(undo.status, StatusCode::OK, "{}", undo.body);
        assert_eq!(undo.body.trim(), report["created"].to_string());
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE copy_batch = $1")
            .bind(batch)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(left, 0);
        // A date before the week is refused with a clear field.
        let before = (d.wednesday - Duration::days(10)).to_string();
        let bad = app
            .call(
                "planning/copy",
                Some(&d.cookie),
                &[("date", &day), ("until", &before)],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["field"], "until");
    }
);

on_both!(
    moving_the_following_sessions_keeps_the_holidays_and_reports_them,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        // CP-CE2's Thursday series, from next week: move it to Wednesday 14:00.
        let from = (app::state::today() + Duration::days(7)).to_string();
        let (id, version, on): (String, i64, String) = sqlx::query_as(
            "SELECT s.id, s.version, s.on_date FROM sessions s JOIN groups g ON g.id = s.group_id
             WHERE g.name = 'CP-CE2' AND s.on_date > $1 AND s.status = 'planned' AND s.series_id IS NOT NULL
             ORDER BY s.on_date LIMIT 1",
        )
        .bind(&from)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let on = date(&on);
        let target = on - Duration::days(if on.weekday() == Weekday::Thu { 1 } else { -2 });
        assert_eq!(target.weekday(), Weekday::Wed);
        let series: String = id_of(&app, "SELECT series_id FROM sessions WHERE id = $1", &id).await;
        let following: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE series_id = $1 AND on_date > $2",
        )
        .bind(&series)
        .bind(on.to_string())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let a = app
            .call(
                "planning/move-following",
                Some(&d.cookie),
                &[
                    ("id", &id),
                    ("version", &version.to_string()),
                    ("slot[date]", &target.to_string()),
                    ("slot[time][start]", "14:00"),
                    ("slot[time][end]", "15:30"),
                    ("venue", &d.hall),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let change = a.json();
        let skipped = change["skipped"].as_array().unwrap();
        assert_eq!(
            change["following"].as_i64().unwrap() + skipped.len() as i64,
            following,
            "{}",
            a.body
        );
        // Every occurrence now on a Wednesday at 14:00, except the reported ones.
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT on_date, starts_at FROM sessions WHERE series_id = $1 AND on_date >= $2",
        )
        .bind(&series)
        .bind(target.to_string())
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        let left: Vec<String> = skipped
            .iter()
            .map(|s| s["date"].as_str().unwrap().to_string())
            .collect();
        for (on, start) in rows {
            if left.contains(&on) {
                assert_ne!(start, "14:00");
            } else {
                assert_eq!(
                    (date(&on).weekday(), start.as_str()),
                    (Weekday::Wed, "14:00"),
                    "{on}"
                );
                assert!(!in_holidays(date(&on), &d.holidays));
            }
        }
    }
);

on_both!(
    two_moves_into_one_room_at_once_cannot_both_pass,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        // Two drafts on the same Wednesday, different times, same room.
        let day = d.wednesday.to_string();
        let six = id_of(&app, "SELECT id FROM groups WHERE name = $1", "6e-5e").await;
        let a = create(&app, &d.cookie, &d.cp, (&day, "09:00", "10:30"), &d.hall).await;
        let b = create(&app, &d.cookie, &six, (&day, "14:00", "15:30"), &d.hall).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(b.status, StatusCode::OK, "{}", b.body);
        let (a, b) = (a.json()["session"].clone(), b.json()["session"].clone());
        // Both moved to 16:00 in that room at the same moment.
        let call = |s: &serde_json::Value| {
            let id = s["id"].as_str().unwrap().to_string();
            let version = s["version"].to_string();
            let (app, cookie, hall, day) = (&app, d.cookie.clone(), d.hall.clone(), day.clone());
            async move {
                app.call(
                    "planning/move",
                    Some(&cookie),
                    &[
                        ("id", &id),
                        ("version", &version),
                        ("slot[date]", &day),
                        ("slot[time][start]", "16:00"),
                        ("slot[time][end]", "17:30"),
                        ("venue", &hall),
                    ],
                )
                .await
            }
        };
        let (first, second) = tokio::join!(call(&a), call(&b));
        let statuses = [first.status, second.status];
        assert!(
            statuses.contains(&StatusCode::OK),
            "{} / {}",
            first.body,
            second.body
        );
        assert!(
            statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY),
            "both moves passed: {} / {}",
            first.body,
            second.body
        );
        let refused = if first.status == StatusCode::OK {
            &second
        } else {
            &first
        };
        assert!(
            common::codes(refused).contains(&"VENUE_CONFLICT".to_string()),
            "{}",
            refused.body
        );
        let at_four: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE on_date = $1 AND starts_at = '16:00'",
        )
        .bind(&day)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(at_four, 1);
    }
);

on_both!(
    only_a_coordinator_of_the_organisation_changes_its_planning,
    |app: common::TestApp| async move {
        let d = demo(&app).await;
        let day = d.wednesday.to_string();
        // Another organisation's coordinator does not know this group.
        let theirs = app.login("coordination@autre-structure.test").await;
        let a = create(&app, &theirs, &d.cp, (&day, "14:00", "15:30"), &d.hall).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert_eq!(a.json()["field"], "group");
        for email in ["accompagnateur@demo.test", "parent@demo.test"] {
            let cookie = app.login(email).await;
            let a = create(&app, &cookie, &d.cp, (&day, "14:00", "15:30"), &d.hall).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
            let c = app
                .call(
                    "planning/copy",
                    Some(&cookie),
                    &[("date", &day), ("until", "")],
                )
                .await;
            assert_eq!(c.status, StatusCode::FORBIDDEN, "{email}: {}", c.body);
        }
        let anonymous = app.call("planning/publish", None, &[("date", &day)]).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
);

on_both!(
    the_planning_lock_makes_a_second_change_wait_for_the_first,
    |app: common::TestApp| async move {
        use std::time::Duration as Wait;
        let org = app::domain::OrganisationId(
            id_of(
                &app,
                "SELECT id FROM organisations WHERE name = $1",
                "Centre social Les Tilleuls",
            )
            .await,
        );
        let author = app::db::Author {
            organisation: Some(org.clone()),
            user: None,
        };
        let begin = |db: app::db::Db, author: app::db::Author| async move {
            let mut work = app::db::Work::begin(&db, author, app::state::now())
                .await
                .unwrap();
            work.lock_organisation().await.unwrap();
            work
        };
        let first = begin(app.db.clone(), author.clone()).await;
        // A second change of the same organisation cannot start...
        let db = app.db.clone();
        let second = tokio::spawn(async move { begin(db, author).await.commit().await });
        tokio::time::sleep(Wait::from_millis(300)).await;
        assert!(!second.is_finished(), "the second change did not wait");
        // ...until the first one ends.
        first.commit().await.unwrap();
        tokio::time::timeout(Wait::from_secs(5), second)
            .await
            .expect("the second change goes on once the first is committed")
            .unwrap()
            .unwrap();
    }
);
