//! The organisation's settings as the « Structure » page calls them: the
//! thresholds the planning's rules use, the accompanists, venues, schools
//! (UAI checked) and their timetables; audited, and kept to the
//! coordinator's own structure. Both databases.

use crate::common;

use http::StatusCode;

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
        .collect()
}

on_both!(
    thresholds_follow_the_preset_or_custom_values_and_the_rules_use_them,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let custom = |min: &str, max: &str| {
            form(&[
                ("preset", "custom"),
                ("group_min", min),
                ("group_max", max),
                ("max_children_per_adult", "6"),
                ("min_adults_per_session", "1"),
                ("sessions_per_week", "2"),
                ("anonymise_after_months", "36"),
            ])
        };
        let backwards = app
            .call_owned(
                "records/settings-thresholds",
                &coordinator,
                &custom("10", "8"),
            )
            .await;
        assert_eq!(backwards.json()["field"], "group_min", "{}", backwards.body);
        let saved = app
            .call_owned(
                "records/settings-thresholds",
                &coordinator,
                &custom("4", "10"),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let page = app.call("records/settings", Some(&coordinator), &[]).await;
        let json = page.json();
        assert_eq!(json["thresholds"]["group_max"], 10, "{json}");
        assert_eq!(json["anonymise_after_months"], 36);
        // The enrolment form offers groups up to the new maximum.
        let children = app.call("records/children", Some(&coordinator), &[]).await;
        assert_eq!(children.json()["group_max"], 10);

        let national = app
            .call_owned(
                "records/settings-thresholds",
                &coordinator,
                &form(&[
                    ("preset", "caf_national"),
                    ("group_min", ""),
                    ("group_max", ""),
                    ("max_children_per_adult", ""),
                    ("min_adults_per_session", ""),
                    ("sessions_per_week", ""),
                    ("anonymise_after_months", "24"),
                ]),
            )
            .await;
        assert_eq!(national.status, StatusCode::OK, "{}", national.body);
        let page = app
            .call("records/settings", Some(&coordinator), &[])
            .await
            .json();
        assert_eq!(page["thresholds"]["preset"], "caf_national");
        assert_eq!(
            (
                page["thresholds"]["group_min"].clone(),
                page["thresholds"]["min_adults_per_session"].clone()
            ),
            (serde_json::json!(8), serde_json::json!(2))
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.thresholds'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 2);
    }
);

on_both!(
    accompanists_venues_schools_and_timetables_are_added_checked_and_kept_apart,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let accompanist = app
            .call_owned(
                "records/accompanist-new",
                &coordinator,
                &form(&[
                    ("first_name", "Jeanne"),
                    ("last_name", "Essai"),
                    ("paid", "0"),
                    ("email", "jeanne@exemple.fr"),
                    ("phone", ""),
                    ("availability", "mardi et jeudi après 16 h"),
                ]),
            )
            .await;
        assert_eq!(accompanist.status, StatusCode::OK, "{}", accompanist.body);
        let venue = form(&[
            ("name", "Salle Essai"),
            ("address", "1 rue des Écoles"),
            ("kind", "municipal"),
        ]);
        assert_eq!(
            app.call_owned("records/venue-new", &coordinator, &venue)
                .await
                .status,
            StatusCode::OK
        );
        let twice = app
            .call_owned("records/venue-new", &coordinator, &venue)
            .await;
        assert_eq!(twice.json()["field"], "venue_name", "{}", twice.body);

        let bad_uai = app
            .call_owned(
                "records/school-new",
                &coordinator,
                &form(&[
                    ("name", "École Essai"),
                    ("uai", "0931234K"),
                    ("stage", "primaire"),
                ]),
            )
            .await;
        assert_eq!(bad_uai.json()["field"], "uai", "{}", bad_uai.body);
        let school = app
            .call_owned(
                "records/school-new",
                &coordinator,
                &form(&[
                    ("name", "École Essai"),
                    ("uai", "0931234l"),
                    ("stage", "primaire"),
                    ("usual_timetable", "on"),
                ]),
            )
            .await;
        assert_eq!(school.status, StatusCode::OK, "{}", school.body);
        let page = app
            .call("records/settings", Some(&coordinator), &[])
            .await
            .json();
        let ours = page["schools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "École Essai")
            .unwrap()
            .clone();
        assert_eq!(ours["uai"], "0931234L");
        assert_eq!(
            ours["timetable"].as_array().unwrap().len(),
            8,
            "two periods on four days"
        );
        assert!(page["accompanists"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Jeanne Essai" && a["paid"] == false));
        // The organisation's audit log names her by id, never by name.
        let named: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'settings.accompanist%'
               AND (detail LIKE '%Jeanne%' OR detail LIKE '%Essai%')",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(named, 0);
        assert!(page["venues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["name"] == "Salle Essai"));
        let school_id = ours["id"].as_str().unwrap().to_string();

        let period = |end: &str| {
            form(&[
                ("school", &school_id),
                ("weekday", "3"),
                ("start", "08:30"),
                ("end", end),
            ])
        };
        let backwards = app
            .call_owned("records/timetable-new", &coordinator, &period("08:00"))
            .await;
        assert_eq!(
            backwards.json()["field"],
            "period_end",
            "{}",
            backwards.body
        );
        assert_eq!(
            app.call_owned("records/timetable-new", &coordinator, &period("11:30"))
                .await
                .status,
            StatusCode::OK
        );
        let first_period = ours["timetable"][0]["id"].as_str().unwrap().to_string();

        // Another structure can neither add to this school nor delete its hours.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call_owned("records/timetable-new", &other, &period("11:30"))
            .await;
        assert_eq!(theirs.json()["field"], "school", "{}", theirs.body);
        let delete = app
            .call(
                "records/timetable-delete",
                Some(&other),
                &[("id", &first_period)],
            )
            .await;
        assert_eq!(delete.status, StatusCode::NOT_FOUND);
        let their_page = app.call("records/settings", Some(&other), &[]).await;
        assert!(
            !their_page.body.contains("École Essai") && !their_page.body.contains("Jeanne Essai")
        );
        let periods: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM school_timetables WHERE school_id = $1")
                .bind(&school_id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(periods, 9);
        let deleted = app
            .call(
                "records/timetable-delete",
                Some(&coordinator),
                &[("id", &first_period)],
            )
            .await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);

        for email in ["accompagnateur@demo.test", "parent@demo.test"] {
            let cookie = app.login(email).await;
            let refused = app.call("records/settings", Some(&cookie), &[]).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
        }
    }
);

on_both!(
    accompanists_venues_and_schools_are_changed_and_removed_when_nothing_uses_them,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let with_id = |id: &str, pairs: &[(&str, &str)]| {
            let mut f = form(pairs);
            f.push(("id".into(), id.into()));
            f
        };
        // An accompanist who led sessions: changed, but never removed.
        let busy: String = app
            .scalar(
                "SELECT a.id FROM accompanists a JOIN session_accompanists sa ON sa.accompanist_id = a.id
                 JOIN users u ON u.id = a.user_id WHERE u.email = $1 LIMIT 1",
                "accompagnateur@demo.test",
            )
            .await;
        let changed = app
            .call_owned(
                "records/accompanist-update",
                &coordinator,
                &with_id(
                    &busy,
                    &[
                        ("first_name", "Camille"),
                        ("last_name", "Roux"),
                        ("paid", "1"),
                        ("email", ""),
                        ("phone", "06 12 34 56 78"),
                        ("availability", "mardi, jeudi"),
                    ],
                ),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        let (name, paid): (String, i64) = sqlx::query_as(
            "SELECT first_name || ' ' || last_name, paid FROM accompanists WHERE id = $1",
        )
        .bind(&busy)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!((name.as_str(), paid), ("Camille Roux", 1));
        let bad = app
            .call_owned(
                "records/accompanist-update",
                &coordinator,
                &with_id(
                    &busy,
                    &[
                        ("first_name", ""),
                        ("last_name", "Roux"),
                        ("paid", "1"),
                        ("email", ""),
                        ("phone", ""),
                        ("availability", ""),
                    ],
                ),
            )
            .await;
        assert_eq!(bad.json()["field"], "accompanist_first_name");
        let kept = app
            .call(
                "records/accompanist-remove",
                Some(&coordinator),
                &[("id", &busy)],
            )
            .await;
        assert_eq!(kept.json()["field"], "accompanist_in_use", "{}", kept.body);

        // A new accompanist, never staffed: removed.
        let added = app
            .call_owned(
                "records/accompanist-new",
                &coordinator,
                &form(&[
                    ("first_name", "Léa"),
                    ("last_name", "Nouvelle"),
                    ("paid", "0"),
                    ("email", ""),
                    ("phone", ""),
                    ("availability", ""),
                ]),
            )
            .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let new: String = app
            .scalar(
                "SELECT id FROM accompanists WHERE last_name = $1",
                "Nouvelle",
            )
            .await;
        let gone = app
            .call(
                "records/accompanist-remove",
                Some(&coordinator),
                &[("id", &new)],
            )
            .await;
        assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accompanists WHERE id = $1")
            .bind(&new)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(left, 0);

        // Venues: a used one stays, a name already taken is refused.
        let used: String = app.scalar("SELECT venue_id FROM sessions s JOIN users u ON u.organisation_id = s.organisation_id WHERE u.email = $1 LIMIT 1", "coordination@demo.test").await;
        let refused = app
            .call("records/venue-remove", Some(&coordinator), &[("id", &used)])
            .await;
        assert_eq!(refused.json()["field"], "venue_in_use");
        app.call_owned(
            "records/venue-new",
            &coordinator,
            &form(&[
                ("name", "Salle neuve"),
                ("address", ""),
                ("kind", "municipal"),
            ]),
        )
        .await;
        let fresh: String = app
            .scalar("SELECT id FROM venues WHERE name = $1", "Salle neuve")
            .await;
        let used_name: String = app
            .scalar("SELECT name FROM venues WHERE id = $1", &used)
            .await;
        let clash = app
            .call_owned(
                "records/venue-update",
                &coordinator,
                &with_id(
                    &fresh,
                    &[("name", &used_name), ("address", ""), ("kind", "municipal")],
                ),
            )
            .await;
        assert_eq!(clash.json()["field"], "venue_name");
        let renamed = app
            .call_owned(
                "records/venue-update",
                &coordinator,
                &with_id(
                    &fresh,
                    &[
                        ("name", "Salle des fêtes"),
                        ("address", "1 place de la Mairie"),
                        ("kind", "municipal"),
                    ],
                ),
            )
            .await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
        assert_eq!(
            app.call(
                "records/venue-remove",
                Some(&coordinator),
                &[("id", &fresh)]
            )
            .await
            .status,
            StatusCode::OK
        );

        // Schools: a school of enrolled children stays; a bad UAI is refused.
        let school: String = app.scalar("SELECT school_id FROM children c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = $1 AND school_id IS NOT NULL LIMIT 1", "coordination@demo.test").await;
        assert_eq!(
            app.call(
                "records/school-remove",
                Some(&coordinator),
                &[("id", &school)]
            )
            .await
            .json()["field"],
            "school_in_use"
        );
        let bad_uai = app
            .call_owned(
                "records/school-update",
                &coordinator,
                &with_id(
                    &school,
                    &[
                        ("name", "École Jaurès"),
                        ("uai", "0931234A"),
                        ("stage", "primaire"),
                    ],
                ),
            )
            .await;
        assert_eq!(bad_uai.json()["field"], "uai");
        let renamed = app
            .call_owned(
                "records/school-update",
                &coordinator,
                &with_id(
                    &school,
                    &[
                        ("name", "École Jean-Jaurès"),
                        ("uai", ""),
                        ("stage", "primaire"),
                    ],
                ),
            )
            .await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);

        // Another structure's coordinator reaches none of them; parents nothing.
        let other = app.login("coordination@autre-structure.test").await;
        for (endpoint, id) in [
            ("records/accompanist-remove", &busy),
            ("records/venue-remove", &used),
            ("records/school-remove", &school),
        ] {
            assert_eq!(
                app.call(endpoint, Some(&other), &[("id", id)]).await.status,
                StatusCode::NOT_FOUND,
                "{endpoint}"
            );
        }
        let parent = app.login("parent@demo.test").await;
        assert_eq!(
            app.call("records/venue-remove", Some(&parent), &[("id", &used)])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Every change is in the audit log.
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('settings.accompanist_update', 'settings.accompanist_remove', 'settings.venue_update', 'settings.venue_remove', 'settings.school_update')")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(audited, 5);
    }
);
