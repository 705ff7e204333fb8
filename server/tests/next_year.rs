//! « Préparer l'année suivante », called as the coordinator's computer
//! calls it: the next year with this year's groups, its holidays, every
//! child carried over in one step (a group, or « sorti » at the year's
//! end), consent and contract to renew; this year's registers and report
//! exactly as before; the next year's groups kept out of this year's forms.
//! Both databases.

use crate::common;

use http::StatusCode;
use serde_json::Value;

async fn page(app: &common::TestApp, cookie: &str) -> Value {
    let a = app.call("records/next-year", Some(cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

async fn report(app: &common::TestApp, cookie: &str) -> Value {
    let a = app.call("reports/organisation", Some(cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

/// The carry-over form of `page` as a browser sends it, with `leaves`
/// leaving and everyone else going to the proposed group.
fn carry_form(page: &Value, leaves: &str) -> Vec<(String, String)> {
    let mut form = Vec::new();
    for (i, c) in page["children"].as_array().unwrap().iter().enumerate() {
        let child = c["child"].as_str().unwrap().to_string();
        let to = if child == leaves {
            "sorti".to_string()
        } else {
            c["proposed"].as_str().unwrap_or("").to_string()
        };
        form.push((format!("carry[{i}][child]"), child));
        form.push((format!("carry[{i}][to]"), to));
    }
    form
}

on_both!(
    the_next_year_is_prepared_and_the_children_carried_over_leaving_this_year_unchanged,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let before_report = report(&app, &coordinator).await;
        let marks_before = app
            .count("SELECT COUNT(*) FROM attendance WHERE $1 = $1", "x")
            .await;
        let first = page(&app, &coordinator).await;
        assert!(first["next"].is_null());
        let current_label = first["current"]["label"].as_str().unwrap().to_string();
        let (from, to) = (
            first["proposed"][0].as_str().unwrap().to_string(),
            first["proposed"][1].as_str().unwrap().to_string(),
        );
        let groups_before = app
            .call("messages/page", Some(&coordinator), &[])
            .await
            .json()["groups"]
            .clone();

        // The CAF dossier's facts of this year, which the next one carries.
        let facts = app
            .call(
                "reports/dossier-facts",
                Some(&coordinator),
                &[
                    ("form[year]", &current_label),
                    ("form[commune]", "Bobigny"),
                    ("form[neighbourhood]", ""),
                    ("form[setting]", "rural"),
                    ("form[priority_area]", "non"),
                    ("form[education_plan]", ""),
                    ("form[premises]", ""),
                    ("form[call_for_projects]", "2027-05-15"),
                    ("form[bilan_due]", ""),
                    ("form[volunteer_rate]", "11"),
                ],
            )
            .await;
        assert_eq!(facts.status, StatusCode::OK, "{}", facts.body);

        // Bad dates are refused with their field; then the year is prepared.
        let bad = app
            .call(
                "records/next-year-prepare",
                Some(&coordinator),
                &[("first_day", "2020-09-01"), ("last_day", &to)],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(bad.json()["field"], "next_first_day");
        let ok = app
            .call(
                "records/next-year-prepare",
                Some(&coordinator),
                &[("first_day", &from), ("last_day", &to)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let again = app
            .call(
                "records/next-year-prepare",
                Some(&coordinator),
                &[("first_day", &from), ("last_day", &to)],
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "prepared once"
        );

        let prepared = page(&app, &coordinator).await;
        let next_label = prepared["next"]["label"].as_str().unwrap().to_string();
        assert_ne!(next_label, current_label);
        let names = |groups: &Value| {
            let mut n: Vec<String> = groups
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g[1].as_str().unwrap().to_string())
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(&prepared["next_groups"]), names(&groups_before));
        // The accompanists came along; this year's forms still offer this
        // year's groups only.
        let next_year = prepared["next"]["id"].as_str().unwrap().to_string();
        assert!(
            app.count(
                "SELECT COUNT(*) FROM group_accompanists ga JOIN groups g ON g.id = ga.group_id
                 WHERE g.school_year_id = $1",
                &next_year
            )
            .await
                > 0
        );
        // The project's facts came along; the CAF's dates are the next
        // year's to set.
        let next_dossier = app
            .call(
                "reports/dossier",
                Some(&coordinator),
                &[("year", &next_label)],
            )
            .await
            .json();
        assert_eq!(next_dossier["facts"]["commune"], "Bobigny");
        assert_eq!(next_dossier["facts"]["setting"], "Rural");
        assert_eq!(next_dossier["facts"]["priority_area"], false);
        assert!(next_dossier["facts"]["call_for_projects"].is_null());
        assert_eq!(next_dossier["budget"]["volunteer_rate"], 1100);
        let groups_now = app
            .call("messages/page", Some(&coordinator), &[])
            .await
            .json()["groups"]
            .clone();
        assert_eq!(groups_now, groups_before);

        // The next year's holidays, from the ministry's file.
        let year = next_label.clone();
        let start: i32 = year[..4].parse().unwrap();
        let csv = format!(
            "\u{feff}Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n\
             Vacances de la Toussaint;-;{start}-10-16;{start}-11-02;Paris;Zone C;{year}\n\
             Vacances de Noël;-;{start}-12-18;{}-01-04;Paris;Zone C;{year}\n\
             Vacances de Noël;-;{}-12-19;{}-01-05;Paris;Zone C;{current_label}\n",
            start + 1,
            start - 1,
            start,
        );
        let imported = app
            .call(
                "records/next-year-holidays",
                Some(&coordinator),
                &[("text", &csv)],
            )
            .await;
        assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
        assert_eq!(imported.json(), 2);
        assert_eq!(page(&app, &coordinator).await["next_holidays"], 2);

        // Every child in one step: Inès stays, Yanis leaves.
        let ines = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
                "Inès",
            )
            .await;
        let yanis = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Bouzid'",
                "Yanis",
            )
            .await;
        let prepared = page(&app, &coordinator).await;
        let line = |id: &str| {
            prepared["children"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["child"] == id)
                .unwrap()
                .clone()
        };
        assert!(line(&ines)["proposed"].is_string(), "{}", line(&ines));

        // A group that is not the next year's: refused, nothing written.
        let mut wrong = carry_form(&prepared, &yanis);
        let this_years_group = app
            .scalar(
                "SELECT group_id FROM group_members WHERE child_id = $1",
                &ines,
            )
            .await;
        wrong[1].1 = this_years_group;
        let refused = app
            .call_owned("records/next-year-carry", &coordinator, &wrong)
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert_eq!(refused.json()["field"], "next_group");
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM group_members gm JOIN groups g ON g.id = gm.group_id
                 WHERE g.school_year_id = $1",
                &next_year
            )
            .await,
            0
        );

        // A group carried over above the structure's maximum: the
        // enrolment's own rule refuses it, and nothing is written.
        let form = carry_form(&prepared, &yanis);
        let org = app
            .scalar("SELECT organisation_id FROM children WHERE id = $1", &ines)
            .await;
        let max = app
            .count("SELECT group_max FROM organisations WHERE id = $1", &org)
            .await;
        let set_max = |n: i64| {
            let (pool, org) = (app.db.pool.clone(), org.clone());
            async move {
                sqlx::query("UPDATE organisations SET group_max = $1 WHERE id = $2")
                    .bind(n)
                    .bind(org)
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        };
        set_max(5).await;
        let full = app
            .call_owned("records/next-year-carry", &coordinator, &form)
            .await;
        assert_eq!(full.error_kind(), "rules", "{}", full.body);
        assert!(!common::codes(&full).is_empty());
        assert!(common::codes(&full).iter().all(|c| c == "GROUP_OVER_MAX"));
        assert_eq!(
            app.scalar("SELECT status FROM children WHERE id = $1", &yanis)
                .await,
            "inscrit"
        );
        set_max(max).await;

        let done = app
            .call_owned("records/next-year-carry", &coordinator, &form)
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let carried = page(&app, &coordinator).await;
        assert_eq!(carried["leaving"], 1);
        let ines_line = carried["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["child"] == ines.as_str())
            .unwrap()
            .clone();
        assert_eq!(ines_line["next_group"], ines_line["proposed"]);
        let next_places = |child: String| {
            let (pool, year) = (app.db.pool.clone(), next_year.clone());
            async move {
                sqlx::query_scalar::<_, String>(
                    "SELECT gm.joined_on FROM group_members gm JOIN groups g ON g.id = gm.group_id
                     WHERE gm.child_id = $1 AND g.school_year_id = $2",
                )
                .bind(child)
                .bind(year)
                .fetch_all(&pool)
                .await
                .unwrap()
            }
        };
        assert_eq!(next_places(ines.clone()).await, vec![from.clone()]);
        assert!(next_places(yanis.clone()).await.is_empty());
        let record = app
            .call("records/child", Some(&coordinator), &[("id", &ines)])
            .await
            .json();
        assert_eq!(record["renew_from"], from.as_str());
        assert!(record["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["action"] == "child.next_year"));
        // Yanis leaves the day after the year's last day; his places stay.
        let yanis_status = app
            .scalar("SELECT status FROM children WHERE id = $1", &yanis)
            .await;
        assert_eq!(yanis_status, "sorti");
        let last_day = first["current"]["last_day"].as_str().unwrap();
        let day_after = (last_day.parse::<chrono::NaiveDate>().unwrap()
            + chrono::Duration::days(1))
        .to_string();
        assert_eq!(
            app.scalar("SELECT left_on FROM children WHERE id = $1", &yanis)
                .await,
            day_after
        );
        assert!(
            app.count(
                "SELECT COUNT(*) FROM group_members WHERE child_id = $1",
                &yanis
            )
            .await
                > 0
        );

        // This year's registers and report read exactly as before.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM attendance WHERE $1 = $1", "x")
                .await,
            marks_before
        );
        let mut after_report = report(&app, &coordinator).await;
        let years = after_report
            .as_object_mut()
            .unwrap()
            .remove("years")
            .unwrap();
        assert_eq!(years, serde_json::json!([next_label, current_label]));
        // The project's facts were set in between (above).
        let project = after_report
            .as_object_mut()
            .unwrap()
            .remove("project")
            .unwrap();
        assert_eq!(project["commune"], "Bobigny");
        let mut before_report = before_report;
        before_report.as_object_mut().unwrap().remove("years");
        before_report.as_object_mut().unwrap().remove("project");
        assert_eq!(after_report, before_report);

        // Carrying again changes nothing more (Inès is in one next group).
        let again = app
            .call_owned(
                "records/next-year-carry",
                &coordinator,
                &carry_form(&page(&app, &coordinator).await, ""),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(next_places(ines.clone()).await, vec![from.clone()]);
    }
);

on_both!(
    only_the_coordinator_prepares_and_carries_over,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let first = page(&app, &coordinator).await;
        let from = first["proposed"][0].as_str().unwrap().to_string();
        let to = first["proposed"][1].as_str().unwrap().to_string();
        for email in [
            "parent@demo.test",
            "accompagnateur@demo.test",
            "caf@demo.test",
        ] {
            let cookie = app.login(email).await;
            assert_eq!(
                app.call("records/next-year", Some(&cookie), &[])
                    .await
                    .status,
                StatusCode::FORBIDDEN
            );
            let a = app
                .call(
                    "records/next-year-prepare",
                    Some(&cookie),
                    &[("first_day", &from), ("last_day", &to)],
                )
                .await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}");
        }
        // Carrying over before the next year exists says what to do first.
        let someone = first["children"][0]["child"].as_str().unwrap().to_string();
        let form = carry_form(&first, &someone);
        let early = app
            .call_owned("records/next-year-carry", &coordinator, &form)
            .await;
        assert_eq!(
            early.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            early.body
        );
        assert_eq!(early.json()["field"], "next_first_day");
        // A child who is not the structure's is refused.
        let ok = app
            .call(
                "records/next-year-prepare",
                Some(&coordinator),
                &[("first_day", &from), ("last_day", &to)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK);
        let stranger = app
            .call_owned(
                "records/next-year-carry",
                &coordinator,
                &[
                    ("carry[0][child]".to_string(), "nobody".to_string()),
                    ("carry[0][to]".to_string(), "sorti".to_string()),
                ],
            )
            .await;
        assert_eq!(
            stranger.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            stranger.body
        );
        assert_eq!(stranger.json()["field"], "child");
    }
);
