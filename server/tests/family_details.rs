//! Parents keep their data current, called as their phones and the
//! coordinator's computer call it: a guardian corrects their phone, e-mail
//! and address and the child's history says who changed what; a pick-up
//! adult they propose stays off the register until a coordinator approves
//! them; the coordinator asks the families to check their data and sees
//! who did. Both databases.

use crate::common;

use http::StatusCode;
use serde_json::Value;

async fn ines(app: &common::TestApp) -> String {
    app.scalar(
        "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
        "Inès",
    )
    .await
}

async fn details(app: &common::TestApp, cookie: &str) -> Value {
    let a = app.call("family/details", Some(cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

async fn record(app: &common::TestApp, cookie: &str, child: &str) -> Value {
    let a = app
        .call("records/child", Some(cookie), &[("id", child)])
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

/// The pick-up labels of the child on the register of the group's next
/// session, as the accompanist's tablet receives them.
async fn register_pick_ups(app: &common::TestApp, child: &str) -> Vec<String> {
    let session = app
        .scalar(
            "SELECT s.id FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
             WHERE gm.child_id = $1 AND s.status = 'planned' ORDER BY s.on_date LIMIT 1",
            child,
        )
        .await;
    let coordinator = app.login("coordination@demo.test").await;
    let a = app
        .call(
            "attendance/register",
            Some(&coordinator),
            &[("session", &session)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let page = a.json();
    let children = page["sheet"]["children"]
        .as_array()
        .unwrap_or_else(|| panic!("{page}"));
    children
        .iter()
        .find(|c| c["id"] == child)
        .unwrap_or_else(|| panic!("{page}"))["pick_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap().to_string())
        .collect()
}

async fn checks(app: &common::TestApp, cookie: String) -> Value {
    let a = app.call("family/checks", Some(&cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

on_both!(
    a_guardian_corrects_their_data_and_the_history_says_who,
    |app: common::TestApp| async move {
        let child = ines(&app).await;
        let samira = app.login("parent@demo.test").await;
        let before = details(&app, &samira).await;
        assert_eq!(before["first_name"], "Samira");
        assert_eq!(before["check_asked"], false);

        // A bad phone: refused with its field, nothing written.
        let bad = app
            .call(
                "family/details-save",
                Some(&samira),
                &[("phone", "12"), ("email", ""), ("address", "")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(bad.json()["field"], "guardian_phone");
        assert_eq!(details(&app, &samira).await["phone"], before["phone"]);

        let saved = app
            .call(
                "family/details-save",
                Some(&samira),
                &[
                    ("phone", "07 98 76 54 32"),
                    ("email", "Samira.Benali@Example.org"),
                    ("address", "12 rue des Lilas\r\n69008 Lyon"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let after = details(&app, &samira).await;
        assert_eq!(after["phone"], "07 98 76 54 32");
        assert_eq!(after["email"], "samira.benali@example.org");
        assert_eq!(after["address"], "12 rue des Lilas\n69008 Lyon");

        // The coordinator's record shows it, and who changed it.
        let coordinator = app.login("coordination@demo.test").await;
        let r = record(&app, &coordinator, &child).await;
        let samira_line = r["guardians"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == "Samira Benali")
            .unwrap()
            .clone();
        assert_eq!(samira_line["phone"], "07 98 76 54 32");
        assert_eq!(samira_line["address"], "12 rue des Lilas\n69008 Lyon");
        let change = r["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["action"] == "child.guardian_update")
            .unwrap_or_else(|| panic!("{}", r["history"]))
            .clone();
        assert_eq!(change["who"], "Samira Benali");
        let detail = change["detail"].as_str().unwrap();
        assert!(
            detail.contains("téléphone :") && detail.contains("→ 07 98 76 54 32"),
            "{detail}"
        );
        assert!(detail.contains("adresse modifiée"), "{detail}");
        // The family's data export (right of access) holds the address.
        let export = app
            .call(
                "records/family-preview",
                Some(&coordinator),
                &[("child", &child)],
            )
            .await;
        assert_eq!(export.status, StatusCode::OK, "{}", export.body);
        assert!(export.body.contains("12 rue des Lilas"), "{}", export.body);
        // Her other child's history says it too.
        let sami = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
                "Sami",
            )
            .await;
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'child.guardian_update' AND entity_id = $1",
                &sami
            )
            .await,
            1
        );
        // Only a guardian has data of their own here.
        for cookie in [&coordinator, &app.login("accompagnateur@demo.test").await] {
            let a = app
                .call(
                    "family/details-save",
                    Some(cookie),
                    &[("phone", ""), ("email", ""), ("address", "")],
                )
                .await;
            assert_eq!(a.status, StatusCode::FORBIDDEN);
        }
    }
);

on_both!(
    a_proposed_pick_up_adult_waits_for_the_coordinator_before_the_register_shows_them,
    |app: common::TestApp| async move {
        let child = ines(&app).await;
        let samira = app.login("parent@demo.test").await;
        let propose = |cookie: String, name: &'static str| {
            let (app, child) = (&app, child.clone());
            async move {
                app.call(
                    "family/adult-propose",
                    Some(&cookie),
                    &[
                        ("child", &child),
                        ("name", name),
                        ("relationship", "tante"),
                        ("phone", "06 11 22 33 44"),
                    ],
                )
                .await
            }
        };
        let a = propose(samira.clone(), "Leïla Haddad").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let mine = details(&app, &samira).await;
        let ines_adults = mine["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["first_name"] == "Inès")
            .unwrap()["adults"]
            .clone();
        let leila = ines_adults
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "Leïla Haddad")
            .unwrap_or_else(|| panic!("{ines_adults}"))
            .clone();
        assert_eq!(leila["pending"], true);
        let adult = leila["id"].as_str().unwrap().to_string();

        // The register does not trust her yet.
        assert!(!register_pick_ups(&app, &child)
            .await
            .iter()
            .any(|l| l.contains("Leïla")));

        // The coordinator sees the proposal, on « Familles » and the record.
        let coordinator = app.login("coordination@demo.test").await;
        let checks = app.call("family/checks", Some(&coordinator), &[]).await;
        assert_eq!(checks.status, StatusCode::OK, "{}", checks.body);
        let pending = checks.json()["pending"].clone();
        assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");
        assert_eq!(pending[0]["proposed_by"], "Samira Benali");
        assert_eq!(pending[0]["child_name"], "Inès Benali");
        let r = record(&app, &coordinator, &child).await;
        let line = r["adults"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == adult.as_str())
            .unwrap()
            .clone();
        assert_eq!(line["proposed_by"], "Samira Benali");

        // Neither a parent nor an accompanist approves.
        let approve = |cookie: String| {
            let (app, child, adult) = (&app, child.clone(), adult.clone());
            async move {
                app.call(
                    "records/adult-approve",
                    Some(&cookie),
                    &[("child", &child), ("adult", &adult)],
                )
                .await
            }
        };
        assert_eq!(approve(samira.clone()).await.status, StatusCode::FORBIDDEN);
        let accompanist = app.login("accompagnateur@demo.test").await;
        assert_eq!(
            approve(accompanist.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        // Nor does anyone but the child's guardians propose.
        assert_eq!(
            propose(accompanist.clone(), "Quelqu'un").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            propose(coordinator.clone(), "Quelqu'un").await.status,
            StatusCode::FORBIDDEN
        );
        let bad = app
            .call(
                "family/adult-propose",
                Some(&samira),
                &[
                    ("child", &child),
                    ("name", ""),
                    ("relationship", "tante"),
                    ("phone", ""),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["field"], "adult_name");

        let a = approve(coordinator.clone()).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert!(register_pick_ups(&app, &child)
            .await
            .iter()
            .any(|l| l.contains("Leïla Haddad")));
        assert_eq!(
            approve(coordinator.clone()).await.status,
            StatusCode::NOT_FOUND,
            "approved once"
        );
        let mine = details(&app, &samira).await;
        assert!(mine.to_string().contains("\"pending\":false"));
        let history = record(&app, &coordinator, &child).await["history"].clone();
        let actions: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"child.adult_proposed") && actions.contains(&"child.adult_approve")
        );
        let proposed = history
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["action"] == "child.adult_proposed")
            .unwrap();
        assert_eq!(proposed["who"], "Samira Benali");
    }
);

on_both!(
    the_coordinator_asks_families_to_check_and_sees_who_did,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let samira = app.login("parent@demo.test").await;
        let before = checks(&app, coordinator.clone()).await;
        assert!(before["asked_at"].is_null());
        assert_eq!(
            app.call("family/ask-check", Some(&samira), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let a = app.call("family/ask-check", Some(&coordinator), &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let asked = checks(&app, coordinator.clone()).await;
        assert!(asked["asked_at"].is_string());
        assert_eq!(asked["checked"], 0);
        let guardians = asked["guardians"].as_u64().unwrap();
        assert!(guardians > 10, "{asked}");
        assert_eq!(details(&app, &samira).await["check_asked"], true);

        // « Mes coordonnées sont à jour ».
        let a = app.call("family/details-confirm", Some(&samira), &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(details(&app, &samira).await["check_asked"], false);
        let after = checks(&app, coordinator.clone()).await;
        assert_eq!(after["checked"], 1);
        assert_eq!(after["guardians"].as_u64(), Some(guardians));

        // Saving counts as checking too.
        let youssef = app.login("parent2@demo.test").await;
        assert_eq!(details(&app, &youssef).await["check_asked"], true);
        let a = app
            .call(
                "family/details-save",
                Some(&youssef),
                &[("phone", "06 55 44 33 22"), ("email", ""), ("address", "")],
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(checks(&app, coordinator.clone()).await["checked"], 2);
    }
);
