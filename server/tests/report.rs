//! The CAF's report: the figures match what the test counts on its own in
//! the database, the CSV holds the same figures in the French spreadsheet
//! format, the funder reads figures and never a child's name, and the
//! attendance sheets list the group. Both databases.

use crate::common;

use http::{Method, StatusCode};
use std::collections::BTreeSet;

/// Every value of a one-column query.
async fn column(app: &common::TestApp, sql: &'static str, bind: &str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

/// The demo organisation's id and its school year's (id, label).
async fn demo_org(app: &common::TestApp) -> (String, String, String) {
    let (org, year, label): (String, String, String) = sqlx::query_as(
        "SELECT y.organisation_id, y.id, y.label FROM school_years y
         JOIN users u ON u.organisation_id = y.organisation_id
         WHERE u.email = 'coordination@demo.test'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    (org, year, label)
}

/// The CSV's lines as fields (no field of the report holds a `;`).
fn csv_lines(body: &str) -> Vec<Vec<String>> {
    body.trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split(';')
                .map(|f| f.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

fn csv_value(lines: &[Vec<String>], label: &str) -> String {
    lines
        .iter()
        .find(|l| l[1] == label)
        .unwrap_or_else(|| panic!("no line {label}"))[2]
        .clone()
}

on_both!(
    the_report_counts_what_the_database_holds_and_the_csv_says_the_same,
    |app: common::TestApp| async move {
        let (org, year, label) = demo_org(&app).await;
        let today = app::state::today().to_string();
        let coordinator = app.login("coordination@demo.test").await;
        let a = app
            .call("reports/organisation", Some(&coordinator), &[])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let view = a.json();
        assert_eq!(view["year"], label.as_str());
        assert_eq!(view["drill_down"], true);
        let r = &view["report"];

        // The children reached, counted here from the raw rows.
        let members = column(
            &app,
            "SELECT m.child_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.school_year_id = $1",
            &year,
        )
        .await;
        let marked = column(
            &app,
            "SELECT a.child_id FROM attendance a JOIN sessions s ON s.id = a.session_id
             JOIN groups g ON g.id = s.group_id WHERE g.school_year_id = $1",
            &year,
        )
        .await;
        let reached: BTreeSet<String> = members.into_iter().chain(marked).collect();
        assert!(reached.len() > 10);
        assert_eq!(r["children"], reached.len());
        let qpv = column(
            &app,
            "SELECT id FROM children WHERE priority_area = 1 AND organisation_id = $1",
            &org,
        )
        .await;
        assert_eq!(
            r["priority_area"],
            qpv.iter().filter(|c| reached.contains(*c)).count()
        );
        let girls = column(
            &app,
            "SELECT id FROM children WHERE sex = 'F' AND organisation_id = $1",
            &org,
        )
        .await;
        assert_eq!(
            r["girls"],
            girls.iter().filter(|c| reached.contains(*c)).count()
        );
        let by_stage: u64 = r["by_stage"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s[1].as_u64().unwrap())
            .sum();
        assert_eq!(by_stage, reached.len() as u64, "every child has a stage");

        // Sessions held and their attendance.
        let held: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT s.id, s.starts_at, s.ends_at FROM sessions s JOIN groups g ON g.id = s.group_id
             WHERE g.school_year_id = $1 AND s.status = 'held' AND s.on_date <= $2",
        )
        .bind(&year)
        .bind(&today)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert!(!held.is_empty());
        assert_eq!(r["sessions_held"], held.len());
        let minutes: i64 = held
            .iter()
            .map(|(_, s, e)| {
                let t =
                    |x: &str| x[..2].parse::<i64>().unwrap() * 60 + x[3..].parse::<i64>().unwrap();
                t(e) - t(s)
            })
            .sum();
        assert_eq!(r["minutes_held"], minutes);
        let statuses = column(
            &app,
            "SELECT a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
             JOIN groups g ON g.id = s.group_id WHERE g.school_year_id = $1 AND s.status = 'held'",
            &year,
        )
        .await;
        let came = statuses
            .iter()
            .filter(|s| *s == "present" || *s == "late")
            .count();
        assert_eq!(r["attendance"]["marked"], statuses.len());
        assert_eq!(r["attendance"]["attended"], came);
        let rate = (came * 100 + statuses.len() / 2) / statuses.len();

        // The CSV: a file, French headers, `;`, BOM, the same figures.
        let csv = app
            .request(
                Method::GET,
                &format!("/api/reports/csv?year={label}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("bilan.csv"));
        assert!(csv.body.starts_with('\u{feff}'));
        let lines = csv_lines(&csv.body);
        assert_eq!(lines[0], ["Rubrique", "Indicateur", "Valeur", "Unité"]);
        assert!(
            lines.iter().all(|l| l.len() == 4),
            "four fields on every line"
        );
        assert_eq!(
            csv_value(&lines, "Enfants accompagnés"),
            reached.len().to_string()
        );
        assert_eq!(csv_value(&lines, "Séances tenues"), held.len().to_string());
        assert_eq!(csv_value(&lines, "Taux de présence"), rate.to_string());
        assert_eq!(
            csv_value(&lines, "Heures d'accompagnement"),
            format!("{:.1}", minutes as f64 / 60.0).replace('.', ",")
        );
        assert_eq!(csv_value(&lines, "Année scolaire"), label);

        // The children behind a figure are the ones it counts.
        let behind = app
            .call("reports/children", Some(&coordinator), &[("filter", "qpv")])
            .await
            .json();
        assert_eq!(
            behind["children"].as_array().unwrap().len() as u64,
            r["priority_area"].as_u64().unwrap()
        );
        let bad = app
            .call(
                "reports/children",
                Some(&coordinator),
                &[("filter", "n'importe quoi")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["field"], "filtre");
        let unknown_year = app
            .call(
                "reports/organisation",
                Some(&coordinator),
                &[("year", "1999-2000")],
            )
            .await;
        assert_eq!(unknown_year.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(unknown_year.json()["field"], "school_year");

        // The page renders the report on the server.
        let page = app
            .request(Method::GET, "/bilan", Some(&coordinator), None)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Enfants accompagnés"));
    }
);

on_both!(
    the_funder_reads_figures_of_their_territory_only_and_never_a_name,
    |app: common::TestApp| async move {
        let funder = app.login("caf@demo.test").await;
        let t = app.call("reports/territory", Some(&funder), &[]).await;
        assert_eq!(t.status, StatusCode::OK, "{}", t.body);
        let t = t.json();
        let orgs = t["organisations"].as_array().unwrap().clone();
        assert_eq!(orgs.len(), 2);
        let sum: u64 = orgs.iter().map(|o| o["children"].as_u64().unwrap()).sum();
        assert_eq!(t["total"]["children"].as_u64().unwrap(), sum);
        assert_eq!(t["total"]["organisations"], 2);

        let mut texts = vec![t.to_string()];
        texts.push(
            app.request(Method::GET, "/bilan", Some(&funder), None)
                .await
                .body,
        );
        let csv = app
            .request(Method::GET, "/api/reports/csv", Some(&funder), None)
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("Par structure"));
        texts.push(csv.body);
        for o in &orgs {
            let id = o["id"].as_str().unwrap();
            let one = app
                .call("reports/organisation", Some(&funder), &[("structure", id)])
                .await;
            assert_eq!(one.status, StatusCode::OK, "{}", one.body);
            assert_eq!(one.json()["drill_down"], false);
            assert_eq!(one.json()["report"]["children"], o["children"]);
            texts.push(one.body);
            let path = format!("/bilan?structure={id}");
            texts.push(
                app.request(Method::GET, &path, Some(&funder), None)
                    .await
                    .body,
            );
            let csv = format!("/api/reports/csv?structure={id}");
            texts.push(
                app.request(Method::GET, &csv, Some(&funder), None)
                    .await
                    .body,
            );
        }
        let names: Vec<(String, String)> =
            sqlx::query_as("SELECT first_name, last_name FROM children")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert!(names.len() >= 40);
        for (first, last) in &names {
            for text in &texts {
                for part in [first, last] {
                    assert!(
                        !common::contains_word(text, part),
                        "{part} leaked to the funder"
                    );
                }
            }
        }
        // No list of children, no sheet.
        let behind = app
            .call("reports/children", Some(&funder), &[("filter", "tous")])
            .await;
        assert_eq!(behind.status, StatusCode::FORBIDDEN);
        let group: String = app
            .scalar("SELECT id FROM groups WHERE name LIKE $1", "%")
            .await;
        let sheet = app
            .call("reports/sheet", Some(&funder), &[("group", &group)])
            .await;
        assert_eq!(sheet.status, StatusCode::FORBIDDEN);

        // An organisation of another territory is not theirs.
        let now = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO territories (code, name) VALUES ('75', 'Paris')")
            .execute(&app.db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO organisations (id, name, kind, territory_code, created_at) VALUES ('org-paris', 'Ailleurs', 'association', '75', $1)")
            .bind(now)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let other = app
            .call(
                "reports/organisation",
                Some(&funder),
                &[("structure", "org-paris")],
            )
            .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        // Nor is another organisation its coordinator's.
        let coordinator = app.login("coordination@autre-structure.test").await;
        let own: String = app
            .scalar(
                "SELECT organisation_id FROM users WHERE email = $1",
                "coordination@autre-structure.test",
            )
            .await;
        for o in &orgs {
            let id = o["id"].as_str().unwrap();
            let a = app
                .call(
                    "reports/organisation",
                    Some(&coordinator),
                    &[("structure", id)],
                )
                .await;
            let expected = if id == own {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(a.status, expected, "{id}");
        }
        let parent = app.login("parent@demo.test").await;
        assert_eq!(
            app.call("reports/organisation", Some(&parent), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.request(Method::GET, "/api/reports/csv", Some(&parent), None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
);

on_both!(
    an_attendance_sheet_lists_the_group_and_its_marks,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let (group, name): (String, String) = sqlx::query_as(
            "SELECT g.id, g.name FROM groups g JOIN group_accompanists ga ON ga.group_id = g.id
             JOIN accompanists a ON a.id = ga.accompanist_id JOIN users u ON u.id = a.user_id
             WHERE u.email = 'accompagnateur@demo.test' ORDER BY g.name LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        // The month of the group's last session held.
        let day: String = app
            .scalar(
                "SELECT MAX(on_date) FROM sessions WHERE group_id = $1 AND status = 'held'",
                &group,
            )
            .await;
        let month = &day[..7];
        let a = app
            .call(
                "reports/sheet",
                Some(&coordinator),
                &[("group", &group), ("month", month)],
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let sheet = a.json();
        assert_eq!(sheet["group"], name.as_str());
        assert!(sheet["month"].as_bool().unwrap());
        let sessions = sheet["sessions"].as_array().unwrap();
        let expected: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions WHERE group_id = $1 AND on_date LIKE $2 AND status IN ('planned', 'held')",
        )
        .bind(&group)
        .bind(format!("{month}%"))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(sessions.len() as i64, expected);
        let members = column(
            &app,
            "SELECT child_id FROM group_members WHERE group_id = $1",
            &group,
        )
        .await;
        let children = sheet["children"].as_array().unwrap();
        assert!(children.len() >= members.len());
        for c in children {
            assert_eq!(c["marks"].as_array().unwrap().len(), sessions.len());
        }
        let marks_taken = children
            .iter()
            .flat_map(|c| c["marks"].as_array().unwrap().iter())
            .filter(|m| !m.is_null())
            .count();
        assert!(marks_taken > 0, "the marks of sessions held are printed");

        // One session's sheet, for the group's accompanist.
        let session = sessions[0]["id"].as_str().unwrap();
        let accompanist = app.login("accompagnateur@demo.test").await;
        let one = app
            .call("reports/sheet", Some(&accompanist), &[("session", session)])
            .await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.body);
        assert!(!one.json()["month"].as_bool().unwrap());
        assert_eq!(one.json()["sessions"].as_array().unwrap().len(), 1);

        // Bad input and other people.
        let bad = app
            .call(
                "reports/sheet",
                Some(&coordinator),
                &[("group", &group), ("month", "2026-13")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["field"], "date");
        let none = app.call("reports/sheet", Some(&coordinator), &[]).await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        let other = app.login("coordination@autre-structure.test").await;
        assert_eq!(
            app.call("reports/sheet", Some(&other), &[("group", &group)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let parent = app.login("parent@demo.test").await;
        assert_eq!(
            app.call("reports/sheet", Some(&parent), &[("session", session)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let page = app
            .request(
                Method::GET,
                &format!("/emargement?groupe={group}&mois={month}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Feuille d'émargement"));
    }
);

on_both!(
    the_national_generator_writes_a_year_the_report_reads,
    |app: common::TestApp| async move {
        use app::db::generate::{generate, Scale};
        let scale = Scale::divided(1000);
        let done = generate(&app.db, scale, app::state::today(), |_| {})
            .await
            .unwrap();
        assert_eq!(done.organisations, scale.organisations as u64);
        assert_eq!(done.children, scale.children as u64);
        assert_eq!(done.sessions, scale.groups as u64 * 2 * scale.weeks as u64);
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE s.organisation_id LIKE 'o0%'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(rows as u64, done.attendance);
        let label: String = app
            .scalar("SELECT label FROM school_years WHERE id = $1", "o00000-y")
            .await;
        let t = app::reports::api::server::territory_report(&app.db, "G000", Some(&label))
            .await
            .unwrap();
        assert_eq!(t.organisations.len() as u32, scale.organisations);
        assert_eq!(t.total.children, scale.children);
        assert_eq!(t.total.groups, scale.groups);
        assert_eq!(
            t.total.sessions_held + t.total.sessions_cancelled,
            done.sessions as u32
        );
        assert_eq!(t.total.attendance.marked as u64, done.attendance);
        assert_eq!(t.total.accompanists_paid, scale.organisations);
        // A whole year past: every school week is counted, 30 of them had
        // two sessions unless one was cancelled.
        assert!(t.total.school_weeks >= scale.groups * scale.weeks);
        assert!(t.total.regular_weeks <= scale.groups * scale.weeks);
        assert!(t.total.regular_weeks > scale.groups * scale.weeks * 8 / 10);
    }
);

on_both!(
    reports_asked_all_at_once_are_all_answered,
    |app: common::TestApp| async move {
        // Three times as many requests as the pool has connections: a
        // request that held one connection while it waited for a second
        // left them all waiting until the pool gave up (an error for each).
        let coordinator = app.login("coordination@demo.test").await;
        let app = std::sync::Arc::new(app);
        for status in app
            .call_at_once(24, "reports/organisation", &coordinator, &[])
            .await
        {
            assert_eq!(status, StatusCode::OK);
        }
    }
);
