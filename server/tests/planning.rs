//! The planning's server functions called directly: the server refuses what
//! the calendar would block, with the same rule codes. Both databases.

use crate::common;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use http::StatusCode;

/// A coming session of a group: (id, version, date).
async fn next_session(app: &common::TestApp, group: &str) -> (String, i64, NaiveDate) {
    let today = app::state::today().to_string();
    let row: (String, i64, String) = sqlx::query_as(
        "SELECT s.id, s.version, s.on_date FROM sessions s JOIN groups g ON g.id = s.group_id
         WHERE g.name = $1 AND s.on_date > $2 AND s.status = 'planned' ORDER BY s.on_date LIMIT 1",
    )
    .bind(group)
    .bind(today)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    (
        row.0,
        row.1,
        NaiveDate::parse_from_str(&row.2, "%Y-%m-%d").unwrap(),
    )
}

async fn venue(app: &common::TestApp, name: &str) -> String {
    app.scalar("SELECT id FROM venues WHERE name = $1", name)
        .await
}

fn next(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let mut d = day + Duration::days(1);
    while d.weekday() != weekday {
        d += Duration::days(1);
    }
    d
}

async fn move_to(
    app: &common::TestApp,
    cookie: &str,
    id: &str,
    version: i64,
    (date, start, end): (&str, &str, &str),
    venue: &str,
) -> common::Answer {
    let version = version.to_string();
    app.call(
        "planning/move",
        Some(cookie),
        &[
            ("id", id),
            ("version", &version),
            ("slot[date]", date),
            ("slot[time][start]", start),
            ("slot[time][end]", end),
            ("venue", venue),
        ],
    )
    .await
}

on_both!(
    a_valid_move_is_saved_and_versioned,
    |app: common::TestApp| async move {
        let cookie = app.login("coordination@demo.test").await;
        let (id, version, day) = next_session(&app, "CP-CE2").await;
        let hall = venue(&app, "Salle des Tilleuls").await;
        let wednesday = next(day, Weekday::Wed).to_string();
        let a = move_to(
            &app,
            &cookie,
            &id,
            version,
            (&wednesday, "14:00", "15:30"),
            &hall,
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.json()["session"]["date"], wednesday);
        let (on, starts, v): (String, String, i64) =
            sqlx::query_as("SELECT on_date, starts_at, version FROM sessions WHERE id = $1")
                .bind(&id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (on.as_str(), starts.as_str(), v),
            (wednesday.as_str(), "14:00", version + 1)
        );
        // The same move again with the old version: someone changed it meanwhile.
        let stale = move_to(
            &app,
            &cookie,
            &id,
            version,
            (&wednesday, "14:15", "15:45"),
            &hall,
        )
        .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(stale.error_kind(), "stale");
    }
);

on_both!(
    a_move_into_school_time_is_refused_with_its_code,
    |app: common::TestApp| async move {
        let cookie = app.login("coordination@demo.test").await;
        let (id, version, day) = next_session(&app, "CP-CE2").await;
        let hall = venue(&app, "Salle des Tilleuls").await;
        let tuesday = next(day, Weekday::Tue).to_string();
        let a = move_to(
            &app,
            &cookie,
            &id,
            version,
            (&tuesday, "15:00", "16:30"),
            &hall,
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert_eq!(a.error_kind(), "rules");
        assert!(
            common::codes(&a).contains(&"DURING_SCHOOL_TIME".to_string()),
            "{}",
            a.body
        );
        // Nothing changed.
        let (on, v): (String, i64) =
            sqlx::query_as("SELECT on_date, version FROM sessions WHERE id = $1")
                .bind(&id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((on, v), (day.to_string(), version));
        // The very domain function gives the same code.
        let slot = app::domain::Slot::new(
            next(day, Weekday::Tue),
            app::domain::calendar::hm(15, 0),
            app::domain::calendar::hm(16, 30),
        );
        let pupils = [app::domain::model::PupilTimetable {
            child: app::domain::ChildId::new("c"),
            timetable: app::domain::SchoolTimetable::primary_default(),
        }];
        let f = app::domain::rules::during_school_time(
            &app::domain::SessionId::new(&id),
            &slot,
            &pupils,
            &[],
        );
        assert_eq!(f[0].code.as_str(), "DURING_SCHOOL_TIME");
    }
);

on_both!(
    conflicts_and_invalid_slots_are_refused,
    |app: common::TestApp| async move {
        let cookie = app.login("coordination@demo.test").await;
        let (id, version, _) = next_session(&app, "CP-CE2").await;
        let (_, _, other_day) = next_session(&app, "CM1-CM2").await;
        let hall = venue(&app, "Salle des Tilleuls").await;
        // Onto CM1-CM2's session in the same room at the same time.
        let a = move_to(
            &app,
            &cookie,
            &id,
            version,
            (&other_day.to_string(), "16:45", "18:15"),
            &hall,
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(
            common::codes(&a).contains(&"VENUE_CONFLICT".to_string()),
            "{}",
            a.body
        );
        // Backwards times, too short: the rules refuse the slot.
        for (date, start, end) in [
            (&other_day.to_string()[..], "18:00", "17:00"),
            (&other_day.to_string()[..], "18:00", "18:10"),
        ] {
            let b = move_to(&app, &cookie, &id, version, (date, start, end), &hall).await;
            assert_eq!(
                b.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{date} {start} {end}: {}",
                b.body
            );
            assert_eq!(common::codes(&b), ["INVALID_SLOT"], "{date} {start} {end}");
        }
        // Dates that do not exist and garbage are not a slot at all: the
        // call is refused before it reaches the rules (the calendar only
        // ever sends a typed slot; a person's typing is read in the browser).
        for (date, start, end) in [("2027-02-30", "17:00", "18:00"), ("demain", "soir", "tard")] {
            let b = move_to(&app, &cookie, &id, version, (date, start, end), &hall).await;
            assert_eq!(
                b.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{date}: {}",
                b.body
            );
            assert_eq!(b.json()["error"], "bad_request", "{date} {start} {end}");
        }
        // A venue of another organisation.
        let theirs = venue(&app, "Local associatif Les Petits Pas").await;
        let c = move_to(
            &app,
            &cookie,
            &id,
            version,
            (&other_day.to_string(), "14:00", "15:00"),
            &theirs,
        )
        .await;
        assert_eq!(c.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(c.json()["field"], "venue");
        // A version that is not a number.
        let d = app
            .call(
                "planning/move",
                Some(&cookie),
                &[
                    ("id", &id),
                    ("version", "abc"),
                    ("slot[date]", "2027-01-01"),
                    ("slot[time][start]", "17:00"),
                    ("slot[time][end]", "18:00"),
                    ("venue", &hall),
                ],
            )
            .await;
        assert_eq!(d.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(d.error_kind(), "bad_request");
    }
);

on_both!(
    only_the_organisations_coordinator_plans,
    |app: common::TestApp| async move {
        let (id, version, day) = next_session(&app, "CP-CE2").await;
        let hall = venue(&app, "Salle des Tilleuls").await;
        let wednesday = next(day, Weekday::Wed).to_string();
        for email in [
            "coordination@autre-structure.test",
            "accompagnateur@demo.test",
            "parent@demo.test",
        ] {
            let cookie = app.login(email).await;
            let a = move_to(
                &app,
                &cookie,
                &id,
                version,
                (&wednesday, "14:00", "15:30"),
                &hall,
            )
            .await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
        }
    }
);

on_both!(
    staffing_changes_are_checked,
    |app: common::TestApp| async move {
        let cookie = app.login("coordination@demo.test").await;
        let (id, version, _) = next_session(&app, "CM1-CM2").await;
        let staff: Vec<String> = sqlx::query_scalar("SELECT accompanist_id FROM session_accompanists WHERE session_id = $1 ORDER BY accompanist_id")
        .bind(&id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(staff.len(), 2);
        let call = |version: i64, who: String, assigned: bool| {
            let cookie = cookie.clone();
            let id = id.clone();
            let app = &app;
            async move {
                let v = version.to_string();
                let a = if assigned { "true" } else { "false" };
                app.call(
                    "planning/staff",
                    Some(&cookie),
                    &[
                        ("id", &id),
                        ("version", &v),
                        ("accompanist", &who),
                        ("assigned", a),
                    ],
                )
                .await
            }
        };
        // 12 children with one adult: allowed, with RATIO_EXCEEDED.
        let one = call(version, staff[0].clone(), false).await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.body);
        let found: Vec<String> = one.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(found, ["RATIO_EXCEEDED"]);
        // Removing the last adult is refused.
        let none = call(version + 1, staff[1].clone(), false).await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(common::codes(&none), ["NO_ACCOMPANIST"]);
        // Someone back: the finding goes.
        let back = call(version + 1, staff[0].clone(), true).await;
        assert_eq!(back.status, StatusCode::OK, "{}", back.body);
        assert!(
            back.json()["findings"].as_array().unwrap().is_empty(),
            "{}",
            back.body
        );
        // Someone busy elsewhere at that time: Julien leads CP-CE2, which does not
        // meet on CM1-CM2's days, so he is free; Karim is too. Assign Julien.
        let julien = app
            .scalar(
                "SELECT id FROM accompanists WHERE first_name = $1",
                "Julien",
            )
            .await;
        let extra = call(version + 2, julien, true).await;
        assert_eq!(extra.status, StatusCode::OK, "{}", extra.body);
    }
);
