//! The school year's holidays, as the coordinator's page calls them: entered
//! by hand, imported from the ministry's calendar file (a file with a bad
//! line changes nothing), and refused to anyone but the organisation's
//! coordinators. Both databases.

use crate::common;

use chrono::Datelike;
use http::StatusCode;

/// The demo organisation's school year: (id, label, first day).
async fn demo_year(app: &common::TestApp) -> (String, String, chrono::NaiveDate) {
    let (id, label, first): (String, String, String) = sqlx::query_as(
        "SELECT y.id, y.label, y.first_day FROM school_years y
         JOIN users u ON u.organisation_id = y.organisation_id
         WHERE u.email = 'coordination@demo.test'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    (id, label, first.parse().unwrap())
}

/// The year's holidays as (name, first day, last day), in date order.
async fn holidays(app: &common::TestApp, year: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT name, first_day, last_day FROM holidays WHERE school_year_id = $1
         ORDER BY first_day, name",
    )
    .bind(year)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// A calendar file as the ministry publishes it, with the year's first
/// holidays for zones A and C, and `extra` lines.
fn calendar(label: &str, first: chrono::NaiveDate, extra: &[String]) -> String {
    let start_year = first.year();
    let next = start_year + 1;
    let mut lines = vec![
        "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire".to_string(),
        format!("Vacances de la Toussaint;-;{start_year}-10-17T00:00:00+02:00;{start_year}-11-02T00:00:00+01:00;Créteil;Zone C;{label}"),
        format!("Vacances de la Toussaint;-;{start_year}-10-17T00:00:00+02:00;{start_year}-11-02T00:00:00+01:00;Paris;Zone C;{label}"),
        format!("Vacances de Noël;-;{start_year}-12-19;{next}-01-04;Paris;Zone C;{label}"),
        format!("Vacances de Noël;-;{start_year}-12-12;{next}-01-04;Lyon;Zone A;{label}"),
    ];
    lines.extend(extra.iter().cloned());
    format!("\u{feff}{}\n", lines.join("\n"))
}

on_both!(
    a_calendar_with_a_bad_line_changes_nothing_and_a_good_one_replaces_the_holidays,
    |app: common::TestApp| async move {
        let (year, label, first) = demo_year(&app).await;
        let before = holidays(&app, &year).await;
        assert!(!before.is_empty(), "the demo has holidays");
        let coordinator = app.login("coordination@demo.test").await;

        let bad = calendar(
            &label,
            first,
            &[format!(
                "Vacances d'Hiver;-;le 6 février;2027-02-22;Paris;Zone C;{label}"
            )],
        );
        let refused = app
            .call(
                "records/holidays-import",
                Some(&coordinator),
                &[("text", &bad)],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert_eq!(refused.error_kind(), "import");
        let problems = refused.json()["problems"].as_array().unwrap().clone();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0]["line"], 6);
        assert_eq!(problems[0]["problem"]["kind"], "bad_date");
        assert_eq!(
            holidays(&app, &year).await,
            before,
            "nothing imported half-way"
        );

        let good = calendar(&label, first, &[]);
        let done = app
            .call(
                "records/holidays-import",
                Some(&coordinator),
                &[("text", &good)],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json(), 2);
        let y = first.year();
        assert_eq!(
            holidays(&app, &year).await,
            vec![
                (
                    "Vacances de la Toussaint".to_string(),
                    format!("{y}-10-17"),
                    format!("{y}-11-01")
                ),
                (
                    "Vacances de Noël".to_string(),
                    format!("{y}-12-19"),
                    format!("{}-01-03", y + 1)
                ),
            ]
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'holiday.import' AND entity_id = $1",
        )
        .bind(&year)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
    }
);

on_both!(
    holidays_are_entered_by_hand_within_the_year,
    |app: common::TestApp| async move {
        let (year, _, first) = demo_year(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let day = (first + chrono::Duration::days(70)).to_string();
        let add = |name: &'static str, from: String, to: String| {
            let coordinator = coordinator.clone();
            let app = &app;
            async move {
                app.call(
                    "records/holiday-new",
                    Some(&coordinator),
                    &[("name", name), ("first_day", &from), ("last_day", &to)],
                )
                .await
            }
        };
        let backwards = add(
            "Pont",
            day.clone(),
            (first + chrono::Duration::days(69)).to_string(),
        )
        .await;
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(backwards.json()["field"], "holiday_last_day");
        let outside = add(
            "Avant la rentrée",
            (first - chrono::Duration::days(3)).to_string(),
            day.clone(),
        )
        .await;
        assert_eq!(outside.json()["field"], "holiday_first_day");
        let ok = add("Pont du 11 novembre", day.clone(), day.clone()).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let id: String = sqlx::query_scalar(
            "SELECT id FROM holidays WHERE school_year_id = $1 AND name = 'Pont du 11 novembre'",
        )
        .bind(&year)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let page = app
            .call("records/school-year", Some(&coordinator), &[])
            .await;
        assert!(page.body.contains("Pont du 11 novembre"), "{}", page.body);

        // Another structure's coordinator cannot delete it.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call("records/holiday-delete", Some(&other), &[("id", &id)])
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        let deleted = app
            .call("records/holiday-delete", Some(&coordinator), &[("id", &id)])
            .await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    }
);

on_both!(
    only_coordinators_read_and_change_the_school_year,
    |app: common::TestApp| async move {
        let (year, label, first) = demo_year(&app).await;
        let before = holidays(&app, &year).await;
        let file = calendar(&label, first, &[]);
        for email in [
            "accompagnateur@demo.test",
            "parent@demo.test",
            "caf@demo.test",
            "admin@demo.test",
        ] {
            let cookie = app.login(email).await;
            for (endpoint, form) in [
                ("records/school-year", vec![]),
                ("records/holidays-import", vec![("text", file.as_str())]),
            ] {
                let answer = app.call(endpoint, Some(&cookie), &form).await;
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{email} {endpoint}");
            }
        }
        let anonymous = app
            .call("records/holidays-import", None, &[("text", &file)])
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        // The other structure's import goes to its own year only.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call("records/holidays-import", Some(&other), &[("text", &file)])
            .await;
        assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
        assert_eq!(holidays(&app, &year).await, before);
        // A file larger than the import limit is refused before reading.
        let coordinator = app.login("coordination@demo.test").await;
        let huge = "x".repeat(server::guard::MAX_IMPORT_BYTES + 1);
        let too_large = app
            .call(
                "records/holidays-import",
                Some(&coordinator),
                &[("text", &huge)],
            )
            .await;
        assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    }
);

/// The demo structure's first group: (id, how many children it holds).
async fn first_group(app: &common::TestApp) -> (String, i64) {
    sqlx::query_as(
        "SELECT g.id, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id)
         FROM groups g JOIN users u ON u.organisation_id = g.organisation_id
         WHERE u.email = 'coordination@demo.test' ORDER BY g.name LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// A complete enrolment form for `first_name` in `group`.
fn enrolment(first_name: &str, group: &str) -> Vec<(String, String)> {
    [
        ("first_name", first_name),
        ("last_name", "Martin"),
        ("birth_date", "2017-04-02"),
        ("sex", "F"),
        ("school", ""),
        ("level", "CE2"),
        ("priority_area", "on"),
        ("referral_source", "enseignant"),
        ("referral_date", "2026-10-01"),
        ("referral_need", "Lecture à voix haute"),
        ("guardian1_first_name", "Claire"),
        ("guardian1_last_name", "Martin"),
        ("guardian1_phone", "06 12 34 56 78"),
        ("guardian1_email", ""),
        ("guardian2_first_name", "Paul"),
        ("guardian2_last_name", "Martin"),
        ("guardian2_phone", ""),
        ("guardian2_email", "paul.martin@exemple.fr"),
        ("consent_by", "2"),
        ("consent_date", "2026-10-05"),
        ("consent_method", "papier"),
        ("group", group),
    ]
    .iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
    .collect()
}

async fn enrol(app: &common::TestApp, cookie: &str, form: &[(String, String)]) -> common::Answer {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call("records/enrol", Some(cookie), &form).await
}

fn without(form: &[(String, String)], field: &str) -> Vec<(String, String)> {
    form.iter()
        .map(|(k, v)| {
            let emptied = k == &format!("form[{field}]");
            (k.clone(), if emptied { String::new() } else { v.clone() })
        })
        .collect()
}

async fn children_named(app: &common::TestApp, first_name: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM children WHERE first_name = $1")
        .bind(first_name)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

on_both!(
    a_child_is_enrolled_with_referral_consent_and_two_guardians,
    |app: common::TestApp| async move {
        let (group, enrolled) = first_group(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let answer = enrol(&app, &coordinator, &enrolment("Louise", &group)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let child = answer.json()["child"].as_str().unwrap().to_string();
        let facts: (String, String, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT c.status, c.school_level,
                (SELECT COUNT(*) FROM child_guardians WHERE child_id = c.id),
                (SELECT COUNT(*) FROM referrals WHERE child_id = c.id AND source = 'enseignant'),
                (SELECT COUNT(*) FROM consents k JOIN guardians g ON g.id = k.guardian_id
                   WHERE k.child_id = c.id AND g.first_name = 'Paul'),
                (SELECT COUNT(*) FROM group_members WHERE child_id = c.id AND group_id = $2)
             FROM children c WHERE c.id = $1",
        )
        .bind(&child)
        .bind(&group)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(facts, ("inscrit".into(), "CE2".into(), 2, 1, 1, 1));
        let (_, now) = first_group(&app).await;
        assert_eq!(now, enrolled + 1);
        let page = app.call("records/children", Some(&coordinator), &[]).await;
        assert!(page.body.contains("Louise Martin"), "{}", page.body);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'child.enrol' AND entity_id = $1",
        )
        .bind(&child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
    }
);

on_both!(
    no_consent_no_referral_and_a_full_group_are_refused_and_change_nothing,
    |app: common::TestApp| async move {
        let (group, enrolled) = first_group(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let form = enrolment("Capucine", &group);

        let no_consent = enrol(&app, &coordinator, &without(&form, "consent_by")).await;
        assert_eq!(
            no_consent.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            no_consent.body
        );
        assert_eq!(common::codes(&no_consent), ["NO_CONSENT"]);
        let no_referral = enrol(&app, &coordinator, &without(&form, "referral_source")).await;
        assert_eq!(common::codes(&no_referral), ["NO_REFERRAL"]);
        let bad_field = enrol(&app, &coordinator, &without(&form, "guardian1_first_name")).await;
        assert_eq!(bad_field.json()["field"], "guardian1_first_name");
        assert_eq!(children_named(&app, "Capucine").await, 0);

        // Fill the group to 15 (the guide's maximum): the 16th is refused.
        let org: String = sqlx::query_scalar("SELECT organisation_id FROM groups WHERE id = $1")
            .bind(&group)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        for n in enrolled..15 {
            let id = format!("rempli-{n}");
            sqlx::query(
                "INSERT INTO children (id, organisation_id, first_name, last_name, birth_year, sex, school_level, status, created_at)
                 VALUES ($1, $2, 'Remplissage', 'Test', 2016, 'M', 'CM1', 'inscrit', '2026-09-01T00:00:00Z')",
            )
            .bind(&id)
            .bind(&org)
            .execute(&app.db.pool)
            .await
            .unwrap();
            sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, '2026-09-01')")
                .bind(&group)
                .bind(&id)
                .execute(&app.db.pool)
                .await
                .unwrap();
        }
        let full = enrol(&app, &coordinator, &form).await;
        assert_eq!(
            full.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            full.body
        );
        assert_eq!(common::codes(&full), ["GROUP_OVER_MAX"]);
        assert_eq!(children_named(&app, "Capucine").await, 0);
    }
);

on_both!(
    only_the_structures_coordinator_enrols_in_its_groups,
    |app: common::TestApp| async move {
        let (group, _) = first_group(&app).await;
        let form = enrolment("Anouk", &group);
        for email in [
            "accompagnateur@demo.test",
            "parent@demo.test",
            "caf@demo.test",
        ] {
            let cookie = app.login(email).await;
            assert_eq!(
                enrol(&app, &cookie, &form).await.status,
                StatusCode::FORBIDDEN,
                "{email}"
            );
            let list = app.call("records/children", Some(&cookie), &[]).await;
            assert_eq!(list.status, StatusCode::FORBIDDEN, "{email}");
        }
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = enrol(&app, &other, &form).await;
        assert_eq!(theirs.json()["field"], "group", "{}", theirs.body);
        let list = app.call("records/children", Some(&other), &[]).await;
        assert!(
            !list.body.contains("Benali"),
            "another structure's children"
        );
        assert_eq!(children_named(&app, "Anouk").await, 0);
    }
);
