//! A child's record during the year, as the coordinator's pages call it:
//! the waiting list and the place a leaving child frees, follow-up and
//! authorised adults, the contract (printed, accepted, changed), the school
//! and partner meetings, and a family's data export. Every change is in the
//! audit log; another structure's coordinator sees none of it. Both
//! databases.

use crate::common;

use http::{Method, StatusCode};

/// The demo structure's first group: (id, organisation, children in it).
async fn first_group(app: &common::TestApp) -> (String, String, i64) {
    sqlx::query_as(
        "SELECT g.id, g.organisation_id, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id)
         FROM groups g JOIN users u ON u.organisation_id = g.organisation_id
         WHERE u.email = 'coordination@demo.test' ORDER BY g.name LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// A current child of the group, with a contract: the demo's first by name.
async fn member(app: &common::TestApp, group: &str) -> String {
    sqlx::query_scalar(
        "SELECT c.id FROM children c JOIN group_members gm ON gm.child_id = c.id
         WHERE gm.group_id = $1 ORDER BY c.last_name, c.first_name LIMIT 1",
    )
    .bind(group)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// Fills the group up to `size` children.
async fn fill(app: &common::TestApp, group: &str, org: &str, from: i64, size: i64) {
    for n in from..size {
        let id = format!("rempli-{n}");
        sqlx::query(
            "INSERT INTO children (id, organisation_id, first_name, last_name, birth_year, sex, school_level, status, created_at)
             VALUES ($1, $2, 'Remplissage', 'Test', 2016, 'M', 'CM1', 'inscrit', '2026-09-01T00:00:00Z')",
        )
        .bind(&id)
        .bind(org)
        .execute(&app.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, '2026-09-01')")
            .bind(group)
            .bind(&id)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
}

fn enrolment(first_name: &str, group: &str, wait: bool) -> Vec<(String, String)> {
    let mut fields = vec![
        ("first_name", first_name),
        ("last_name", "Attente"),
        ("birth_date", "2016-05-10"),
        ("sex", "M"),
        ("school", ""),
        ("level", "CM1"),
        ("referral_source", "famille"),
        ("referral_date", "2026-10-01"),
        ("referral_need", ""),
        ("guardian1_first_name", "Nadia"),
        ("guardian1_last_name", "Attente"),
        ("guardian1_phone", ""),
        ("guardian1_email", ""),
        ("guardian2_first_name", ""),
        ("guardian2_last_name", ""),
        ("guardian2_phone", ""),
        ("guardian2_email", ""),
        ("consent_by", "1"),
        ("consent_date", "2026-10-02"),
        ("consent_method", "oral"),
        ("group", group),
    ];
    if wait {
        fields.push(("waiting_list", "on"));
    }
    fields
        .iter()
        .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

async fn status_of(app: &common::TestApp, child: &str) -> String {
    app.scalar("SELECT status FROM children WHERE id = $1", child)
        .await
}

async fn audited(app: &common::TestApp, action: &str, child: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND entity_id = $2")
        .bind(action)
        .bind(child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

on_both!(
    a_full_group_keeps_a_waiting_list_and_a_freed_place_goes_to_the_first,
    |app: common::TestApp| async move {
        let (group, org, enrolled) = first_group(&app).await;
        fill(&app, &group, &org, enrolled, 15).await;
        let coordinator = app.login("coordination@demo.test").await;

        let first = app
            .call_owned(
                "records/enrol",
                &coordinator,
                &enrolment("Premier", &group, true),
            )
            .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(first.json()["waiting"], 1);
        let first = first.json()["child"].as_str().unwrap().to_string();
        assert_eq!(status_of(&app, &first).await, "oriente");
        let second = app
            .call_owned(
                "records/enrol",
                &coordinator,
                &enrolment("Second", &group, true),
            )
            .await;
        assert_eq!(second.json()["waiting"], 2, "{}", second.body);
        let second = second.json()["child"].as_str().unwrap().to_string();

        // Nobody has left: the group is full, the first waits.
        let early = app
            .call_owned(
                "records/waiting-admit",
                &coordinator,
                &pairs(&[("child", &first), ("group", &group)]),
            )
            .await;
        assert_eq!(common::codes(&early), ["GROUP_OVER_MAX"], "{}", early.body);
        assert_eq!(status_of(&app, &first).await, "oriente", "nothing changed");

        // A child leaves: the place is offered to the first on the list.
        let leaver = member(&app, &group).await;
        let future = app
            .call_owned(
                "records/child-leave",
                &coordinator,
                &pairs(&[
                    ("child", &leaver),
                    ("form[on]", "2099-01-01"),
                    ("form[reason]", "Déménagement"),
                ]),
            )
            .await;
        assert_eq!(future.json()["field"], "left_on", "{}", future.body);
        let left = app
            .call_owned(
                "records/child-leave",
                &coordinator,
                &pairs(&[
                    ("child", &leaver),
                    ("form[on]", "2026-11-27"),
                    ("form[reason]", "Déménagement"),
                ]),
            )
            .await;
        assert_eq!(left.status, StatusCode::OK, "{}", left.body);
        let offers = left.json();
        assert_eq!(offers.as_array().unwrap().len(), 1, "{offers}");
        assert_eq!(offers[0]["child"], first.as_str());
        assert_eq!(offers[0]["group"], group.as_str());
        assert_eq!(status_of(&app, &leaver).await, "sorti");
        let reason = app
            .scalar("SELECT left_reason FROM children WHERE id = $1", &leaver)
            .await;
        assert_eq!(reason, "Déménagement");

        let admitted = app
            .call_owned(
                "records/waiting-admit",
                &coordinator,
                &pairs(&[("child", &first), ("group", &group)]),
            )
            .await;
        assert_eq!(admitted.status, StatusCode::OK, "{}", admitted.body);
        assert_eq!(status_of(&app, &first).await, "inscrit");
        let (_, _, now) = first_group(&app).await;
        assert_eq!(now, 15);
        // The group is full again: the second still waits, now first.
        let page = app.call("records/children", Some(&coordinator), &[]).await;
        let waiting = &page.json()["waiting"];
        assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");
        assert_eq!(waiting[0]["child"], second.as_str());
        assert_eq!(waiting[0]["position"], 1);

        assert_eq!(audited(&app, "child.leave", &leaver).await, 1);
        assert_eq!(audited(&app, "child.admit", &first).await, 1);
    }
);

on_both!(
    record_changes_are_checked_audited_and_shown_in_the_history,
    |app: common::TestApp| async move {
        let (group, _, _) = first_group(&app).await;
        let child = member(&app, &group).await;
        let coordinator = app.login("coordination@demo.test").await;

        let follow_up = app
            .call_owned(
                "records/child-follow-up",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[may_leave_alone]", "on"),
                    ("form[needs_note]", "Besoin de calme pour lire."),
                ]),
            )
            .await;
        assert_eq!(follow_up.status, StatusCode::OK, "{}", follow_up.body);
        let note = app
            .scalar("SELECT needs_note FROM children WHERE id = $1", &child)
            .await;
        assert_eq!(note, "Besoin de calme pour lire.");

        let bad_phone = app
            .call_owned(
                "records/adult-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[name]", "Mme Diallo"),
                    ("form[relationship]", "voisine"),
                    ("form[phone]", "12"),
                ]),
            )
            .await;
        assert_eq!(
            bad_phone.json()["field"],
            "adult_phone",
            "{}",
            bad_phone.body
        );
        let added = app
            .call_owned(
                "records/adult-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[name]", "Mme Diallo"),
                    ("form[relationship]", "voisine"),
                    ("form[phone]", "06 11 22 33 44"),
                ]),
            )
            .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let adult = app
            .scalar(
                "SELECT id FROM authorised_adults WHERE child_id = $1 AND name = 'Mme Diallo'",
                &child,
            )
            .await;

        let record = app
            .call("records/child", Some(&coordinator), &[("id", &child)])
            .await;
        assert_eq!(record.status, StatusCode::OK, "{}", record.body);
        let json = record.json();
        assert!(json["adults"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Mme Diallo"));
        let actions: Vec<&str> = json["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"child.update") && actions.contains(&"child.adult_add"),
            "{actions:?}"
        );
        assert!(
            !json["history"][0]["who"].as_str().unwrap().is_empty(),
            "who made it"
        );

        // Another structure's coordinator, a parent, an accompanist: no.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call("records/child", Some(&other), &[("id", &child)])
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
        let theirs = app
            .call("records/family-export", Some(&other), &[("child", &child)])
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
        let theirs = app
            .call_owned(
                "records/adult-remove",
                &other,
                &pairs(&[("child", &child), ("adult", &adult)]),
            )
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
        for email in ["parent@demo.test", "accompagnateur@demo.test"] {
            let cookie = app.login(email).await;
            let refused = app
                .call("records/child", Some(&cookie), &[("id", &child)])
                .await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
        }

        let guardian = app
            .call_owned(
                "records/guardian-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[first_name]", "Yasmine"),
                    ("form[last_name]", "Essai"),
                    ("form[phone]", ""),
                    ("form[email]", "pas-une-adresse"),
                ]),
            )
            .await;
        assert_eq!(
            guardian.json()["field"],
            "guardian_email",
            "{}",
            guardian.body
        );
        let guardian = app
            .call_owned(
                "records/guardian-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[first_name]", "Yasmine"),
                    ("form[last_name]", "Essai"),
                    ("form[phone]", "06 98 76 54 32"),
                    ("form[email]", ""),
                ]),
            )
            .await;
        assert_eq!(guardian.status, StatusCode::OK, "{}", guardian.body);
        let record = app
            .call("records/child", Some(&coordinator), &[("id", &child)])
            .await;
        assert!(record.json()["guardians"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["name"] == "Yasmine Essai"));

        let identity = |birth: &str| {
            pairs(&[
                ("child", &child),
                ("form[first_name]", "Rayane"),
                ("form[last_name]", "Essai"),
                ("form[birth_date]", birth),
                ("form[sex]", "M"),
                ("form[school]", ""),
                ("form[level]", "6E"),
            ])
        };
        let too_young = app
            .call_owned(
                "records/child-identity",
                &coordinator,
                &identity("2024-01-01"),
            )
            .await;
        assert_eq!(
            too_young.json()["field"],
            "birth_date",
            "{}",
            too_young.body
        );
        let fixed = app
            .call_owned(
                "records/child-identity",
                &coordinator,
                &identity("2014-03-02"),
            )
            .await;
        assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
        let (first, level, year): (String, String, i64) = sqlx::query_as(
            "SELECT first_name, school_level, birth_year FROM children WHERE id = $1",
        )
        .bind(&child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            (first.as_str(), level.as_str(), year),
            ("Rayane", "6E", 2014)
        );
        assert_eq!(audited(&app, "child.identity", &child).await, 1);

        let referral = app
            .call_owned(
                "records/referral-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[source]", "pre"),
                    ("form[on]", "2026-11-20"),
                    ("form[need]", "Confiance"),
                ]),
            )
            .await;
        assert_eq!(referral.status, StatusCode::OK, "{}", referral.body);
        let someone_else = app
            .call_owned(
                "records/consent-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[guardian]", &adult),
                    ("form[on]", "2026-11-20"),
                    ("form[method]", "oral"),
                ]),
            )
            .await;
        assert_eq!(
            someone_else.json()["field"],
            "consent_guardian",
            "{}",
            someone_else.body
        );
        let parent_id = app
            .scalar(
                "SELECT guardian_id FROM child_guardians WHERE child_id = $1 LIMIT 1",
                &child,
            )
            .await;
        let consent = app
            .call_owned(
                "records/consent-new",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[guardian]", &parent_id),
                    ("form[on]", "2026-11-20"),
                    ("form[method]", "oral"),
                ]),
            )
            .await;
        assert_eq!(consent.status, StatusCode::OK, "{}", consent.body);
        let record = app
            .call("records/child", Some(&coordinator), &[("id", &child)])
            .await
            .json();
        assert_eq!(record["referral"]["need"], "Confiance");
        assert_eq!(record["consent"]["method"], "oral");

        let removed = app
            .call_owned(
                "records/adult-remove",
                &coordinator,
                &pairs(&[("child", &child), ("adult", &adult)]),
            )
            .await;
        assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
        assert_eq!(audited(&app, "child.adult_remove", &child).await, 1);
    }
);

on_both!(
    a_changed_contract_is_accepted_again_and_prints_one_sheet_per_child,
    |app: common::TestApp| async move {
        let (group, _, _) = first_group(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        // The demo's contracts, and the group's members who have one.
        let with_contract: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM group_members gm JOIN contracts k ON k.child_id = gm.child_id
             JOIN children c ON c.id = gm.child_id WHERE gm.group_id = $1 AND c.status <> 'sorti'",
        )
        .bind(&group)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(with_contract > 1, "the demo group has contracts");
        let print = app
            .call(
                "records/contracts",
                Some(&coordinator),
                &[("child", ""), ("group", &group)],
            )
            .await;
        assert_eq!(print.status, StatusCode::OK, "{}", print.body);
        assert_eq!(
            print.json()["sheets"].as_array().unwrap().len() as i64,
            with_contract
        );

        let child = member(&app, &group).await;
        sqlx::query("UPDATE contracts SET accepted_at = '2026-10-01T10:00:00Z', accepted_by_guardian_id = (SELECT guardian_id FROM child_guardians WHERE child_id = $1 LIMIT 1) WHERE child_id = $1")
            .bind(&child)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let empty = app
            .call_owned(
                "records/contract-save",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    ("form[objectives]", " \n "),
                    ("form[engagements]", ""),
                ]),
            )
            .await;
        assert_eq!(empty.json()["field"], "objectives", "{}", empty.body);
        let saved = app
            .call_owned(
                "records/contract-save",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    (
                        "form[objectives]",
                        "Lire seul un album\n\nFaire ses devoirs avec méthode",
                    ),
                    ("form[engagements]", "Venir deux fois par semaine"),
                ]),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let (objectives, accepted): (String, Option<String>) =
            sqlx::query_as("SELECT objectives, accepted_at FROM contracts WHERE child_id = $1")
                .bind(&child)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            objectives,
            "Lire seul un album\nFaire ses devoirs avec méthode"
        );
        assert_eq!(accepted, None, "a changed contract is accepted again");
        let one = app
            .call(
                "records/contracts",
                Some(&coordinator),
                &[("child", &child), ("group", "")],
            )
            .await;
        assert_eq!(
            one.json()["sheets"].as_array().unwrap().len(),
            1,
            "{}",
            one.body
        );
        assert_eq!(audited(&app, "child.contract", &child).await, 1);
    }
);

on_both!(
    school_and_partner_meetings_are_logged_for_the_year,
    |app: common::TestApp| async move {
        let (group, _, _) = first_group(&app).await;
        let child = member(&app, &group).await;
        let coordinator = app.login("coordination@demo.test").await;
        let meeting = |about: (&str, &str)| {
            pairs(&[
                ("form[kind]", "diagnostic"),
                ("form[child]", about.0),
                ("form[group]", about.1),
                ("form[met_on]", "2026-11-20"),
                ("form[participants]", "Mme Robert (CM1), la coordinatrice"),
                ("form[notes]", "Lecture fragile"),
                ("form[objectives_reviewed]", "Lire seul"),
            ])
        };
        let nobody = app
            .call_owned("records/liaison-new", &coordinator, &meeting(("", "")))
            .await;
        assert_eq!(nobody.json()["field"], "liaison_about", "{}", nobody.body);
        let saved = app
            .call_owned("records/liaison-new", &coordinator, &meeting((&child, "")))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let partner = app
            .call_owned(
                "records/partner-meeting-new",
                &coordinator,
                &pairs(&[
                    ("form[met_on]", "2026-11-18"),
                    ("form[partners]", "PRE, médiathèque"),
                    ("form[notes]", ""),
                ]),
            )
            .await;
        assert_eq!(partner.status, StatusCode::OK, "{}", partner.body);

        let logs = app.call("records/logs", Some(&coordinator), &[]).await;
        let json = logs.json();
        assert!(
            json["liaisons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["notes"] == "Lecture fragile"),
            "{json}"
        );
        assert!(json["partner_meetings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["partners"] == "PRE, médiathèque"));
        let record = app
            .call("records/child", Some(&coordinator), &[("id", &child)])
            .await;
        assert!(record.json()["liaisons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["notes"] == "Lecture fragile"));

        // Another structure cannot log a meeting about this child, nor read these.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call_owned("records/liaison-new", &other, &meeting((&child, "")))
            .await;
        assert_eq!(theirs.json()["field"], "liaison_about", "{}", theirs.body);
        let their_logs = app.call("records/logs", Some(&other), &[]).await;
        assert!(!their_logs.body.contains("Lecture fragile"));
    }
);

on_both!(
    a_family_export_holds_what_is_kept_about_the_family,
    |app: common::TestApp| async move {
        let (group, _, _) = first_group(&app).await;
        let child = member(&app, &group).await;
        let coordinator = app.login("coordination@demo.test").await;
        // The page shows the data and writes nothing.
        let preview = app
            .call(
                "records/family-preview",
                Some(&coordinator),
                &[("child", &child)],
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        assert_eq!(audited(&app, "child.export", &child).await, 0);
        // A link on another site (a GET) exports nothing and writes nothing.
        let link = app
            .request(
                Method::GET,
                &format!("/api/records/family-export?child={child}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert!(!link.status.is_success(), "{}", link.status);
        assert_eq!(audited(&app, "child.export", &child).await, 0);
        // Nor a form on another site.
        let forged = http::Request::builder()
            .method(Method::POST)
            .uri("/api/records/family-export")
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://evil.test")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &coordinator)
            .body(axum::body::Body::from(format!("child={child}")))
            .unwrap();
        assert_eq!(app.send(forged).await.status, StatusCode::FORBIDDEN);
        assert_eq!(audited(&app, "child.export", &child).await, 0);
        // As the page's form: a browser's post, with its Referer.
        let form = http::Request::builder()
            .method(Method::POST)
            .uri("/api/records/family-export")
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://127.0.0.1:3000")
            .header("accept", "text/html")
            .header(
                "referer",
                format!("http://127.0.0.1:3000/donnees-famille/{child}"),
            )
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &coordinator)
            .body(axum::body::Body::from(format!("child={child}")))
            .unwrap();
        let answer = app.send(form).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "the form downloads the file, no redirect: {:?}",
            answer.headers
        );
        assert!(answer
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("donnees-famille.json")));
        let json = answer.json();
        let children = json["children"].as_array().unwrap();
        assert_eq!(children[0]["record"]["id"], child.as_str());
        assert!(!json["guardians"].as_array().unwrap().is_empty());
        let guardian: String = sqlx::query_scalar(
            "SELECT g.last_name FROM guardians g JOIN child_guardians cg ON cg.guardian_id = g.id WHERE cg.child_id = $1 LIMIT 1",
        )
        .bind(&child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(answer.body.contains(&guardian));
        let marks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE child_id = $1")
            .bind(&child)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(
            children[0]["attendance"].as_array().unwrap().len() as i64,
            marks
        );
        // Nobody else's children.
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM children WHERE organisation_id = (SELECT organisation_id FROM children WHERE id = $1)",
        )
        .bind(&child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!((children.len() as i64) < others);
        assert_eq!(audited(&app, "child.export", &child).await, 1);

        // The messages the family received, with what each guardian did.
        let ines = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
                "Inès",
            )
            .await;
        let samira = app.login("parent@demo.test").await;
        let message = app
            .scalar(
                "SELECT id FROM family_messages WHERE subject = $1",
                "Sortie à la médiathèque mardi",
            )
            .await;
        let opened = app
            .call("messages/open", Some(&samira), &[("id", &message)])
            .await;
        assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
        let export = app
            .call(
                "records/family-export",
                Some(&coordinator),
                &[("child", &ines)],
            )
            .await;
        assert_eq!(export.status, StatusCode::OK, "{}", export.body);
        let messages = export.json()["messages"].as_array().unwrap().clone();
        let mother = messages
            .iter()
            .find(|m| m["guardian"] == "Samira Benali" && m["child"] == "Inès Benali")
            .unwrap_or_else(|| panic!("{messages:?}"));
        assert_eq!(mother["subject"], "Sortie à la médiathèque mardi");
        assert!(mother["read_at"].is_string(), "{mother}");
        let preview = app
            .call(
                "records/family-preview",
                Some(&coordinator),
                &[("child", &ines)],
            )
            .await;
        assert!(preview.body.contains("Sortie à la médiathèque mardi"));

        let parent = app.login("parent@demo.test").await;
        let refused = app
            .call("records/family-export", Some(&parent), &[("child", &child)])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    the_needs_note_reaches_the_childs_accompanists_and_no_one_else,
    |app: common::TestApp| async move {
        // A session of a group the demo accompanist leads, and a child of it.
        let (session, child): (String, String) = sqlx::query_as(
            "SELECT s.id, gm.child_id FROM sessions s
             JOIN session_accompanists sa ON sa.session_id = s.id
             JOIN accompanists a ON a.id = sa.accompanist_id JOIN users u ON u.id = a.user_id
             JOIN group_members gm ON gm.group_id = s.group_id
             WHERE u.email = 'accompagnateur@demo.test' ORDER BY s.on_date, gm.child_id LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let coordinator = app.login("coordination@demo.test").await;
        let saved = app
            .call_owned(
                "records/child-follow-up",
                &coordinator,
                &pairs(&[
                    ("child", &child),
                    (
                        "form[needs_note]",
                        "Dyslexie : lire les consignes à voix haute.",
                    ),
                ]),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let accompanist = app.login("accompagnateur@demo.test").await;
        let needs = app
            .call(
                "attendance/needs",
                Some(&accompanist),
                &[("session", &session)],
            )
            .await;
        assert_eq!(needs.status, StatusCode::OK, "{}", needs.body);
        assert!(needs.body.contains("Dyslexie"), "{}", needs.body);
        // Never in the register itself, nor in its page's HTML, which the
        // tablet keeps for when the network goes.
        let register = app
            .call(
                "attendance/register",
                Some(&accompanist),
                &[("session", &session)],
            )
            .await;
        assert_eq!(register.status, StatusCode::OK, "{}", register.body);
        assert!(!register.body.contains("Dyslexie"), "{}", register.body);
        let page = app
            .request(
                http::Method::GET,
                &format!("/appel/{session}"),
                Some(&accompanist),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("register-row") || page.body.contains("Appel"));
        assert!(!page.body.contains("Dyslexie"));
        // Another accompanist's session: refused.
        let other: String = sqlx::query_scalar(
            "SELECT s.id FROM sessions s WHERE s.id NOT IN (
               SELECT sa.session_id FROM session_accompanists sa JOIN accompanists a ON a.id = sa.accompanist_id
               JOIN users u ON u.id = a.user_id WHERE u.email = 'accompagnateur@demo.test') LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let refused = app
            .call(
                "attendance/needs",
                Some(&accompanist),
                &[("session", &other)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        // The family's pages never carry it.
        let parent = app.login("parent@demo.test").await;
        for endpoint in ["family/children", "family/events"] {
            let page = app.call(endpoint, Some(&parent), &[]).await;
            assert!(!page.body.contains("Dyslexie"), "{endpoint}");
        }
    }
);
