//! The family portal called as a phone calls it: a guardian reports an
//! absence and the accompanist's register shows the child excused; nobody
//! else can report for a child, nor for a session the child does not
//! attend or that has started. Both databases.

use crate::common;

use http::StatusCode;

/// Inès (the demo parent's daughter), one of her group's coming sessions
/// and one of its past sessions.
struct Ines {
    child: String,
    coming: String,
    past: String,
}

async fn ines(app: &common::TestApp) -> Ines {
    let child: String = sqlx::query_scalar(
        "SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let session = |when: &'static str| {
        let sql = format!(
            "SELECT s.id FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
             WHERE gm.child_id = $1 AND s.status {when} ORDER BY s.on_date LIMIT 1"
        );
        let child = child.clone();
        async move {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
                .bind(&child)
                .bind(app::state::today().to_string())
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
        }
    };
    Ines {
        coming: session("= 'planned' AND s.on_date > $2").await,
        past: session("<> 'draft' AND s.on_date < $2").await,
        child,
    }
}

async fn report(
    app: &common::TestApp,
    cookie: &str,
    child: &str,
    session: &str,
    reason: &str,
) -> common::Answer {
    app.call(
        "family/absence",
        Some(cookie),
        &[("child", child), ("session", session), ("reason", reason)],
    )
    .await
}

async fn notices(app: &common::TestApp, session: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT child_id, reason FROM absence_notices WHERE session_id = $1")
        .bind(session)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

/// The first child id in `table.column` that is not a child of the demo
/// parent (parent@demo.test): another family's.
async fn another_familys(app: &common::TestApp, table: &str, column: &str) -> String {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {column} FROM {table} WHERE {column} NOT IN
           (SELECT cg.child_id FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id
            JOIN users u ON u.id = g.user_id WHERE u.email = 'parent@demo.test')
         ORDER BY {column} LIMIT 1"
    )))
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

on_both!(
    an_absence_reported_by_a_parent_shows_excused_on_the_register,
    |app: common::TestApp| async move {
        let i = ines(&app).await;
        let parent = app.login("parent@demo.test").await;
        let answer = report(
            &app,
            &parent,
            &i.child,
            &i.coming,
            "Rendez-vous chez le dentiste.",
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        // Reporting again replaces the reason: still one notice.
        let again = report(
            &app,
            &parent,
            &i.child,
            &i.coming,
            "Dentiste, puis fatiguée.",
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(
            notices(&app, &i.coming).await,
            vec![(i.child.clone(), "Dentiste, puis fatiguée.".to_string())]
        );
        // The page says so.
        let page = app
            .call("family/child", Some(&parent), &[("id", &i.child)])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let listed = page.json()["notices"].as_array().unwrap().clone();
        assert!(
            listed.iter().any(|n| n["session"] == i.coming.as_str()),
            "{listed:?}"
        );
        assert_eq!(page.json()["guardian"], true);
        // The coordinator's view of the register shows her excused already.
        let coordinator = app.login("coordination@demo.test").await;
        let view = app
            .call(
                "attendance/register",
                Some(&coordinator),
                &[("session", &i.coming)],
            )
            .await;
        assert_eq!(view.status, StatusCode::OK, "{}", view.body);
        let children = view.json()["sheet"]["children"].as_array().unwrap().clone();
        let her = children
            .iter()
            .find(|c| c["id"] == i.child.as_str())
            .unwrap();
        assert_eq!(her["notice"], true);
        // Withdrawn: the register expects her again; withdrawing twice is 404.
        let form = [("child", i.child.as_str()), ("session", i.coming.as_str())];
        let withdraw = || app.call("family/absence-withdraw", Some(&parent), &form);
        assert_eq!(withdraw().await.status, StatusCode::OK);
        assert!(notices(&app, &i.coming).await.is_empty());
        assert_eq!(withdraw().await.status, StatusCode::NOT_FOUND);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE entity_id = $1 AND action LIKE 'family.absence%'",
        )
        .bind(&i.coming)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 3);
    }
);

on_both!(
    only_the_childs_guardians_report_and_only_for_coming_sessions,
    |app: common::TestApp| async move {
        let i = ines(&app).await;
        let reason = "Malade.";
        // Other people: the parent of other children, staff, nobody.
        let other_family = another_familys(&app, "children", "id").await;
        let parent = app.login("parent@demo.test").await;
        let refused = report(&app, &parent, &other_family, &i.coming, reason).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let page = app
            .call("family/child", Some(&parent), &[("id", &other_family)])
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        for staff in ["coordination@demo.test", "accompagnateur@demo.test"] {
            let cookie = app.login(staff).await;
            let a = report(&app, &cookie, &i.child, &i.coming, reason).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{staff}: {}", a.body);
        }
        let anonymous = app
            .call(
                "family/absence",
                None,
                &[
                    ("child", &i.child),
                    ("session", &i.coming),
                    ("reason", reason),
                ],
            )
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        // A session she does not attend, one already over, a bad reason, a
        // malformed id.
        let elsewhere: String = sqlx::query_scalar(
            "SELECT s.id FROM sessions s WHERE s.group_id NOT IN
               (SELECT group_id FROM group_members WHERE child_id = $1) AND s.status = 'planned' LIMIT 1",
        )
        .bind(&i.child)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let a = report(&app, &parent, &i.child, &elsewhere, reason).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
        let past = report(&app, &parent, &i.child, &i.past, reason).await;
        assert_eq!(
            past.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            past.body
        );
        assert_eq!(past.json()["field"], "absence_session");
        let empty = report(&app, &parent, &i.child, &i.coming, "  ").await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(empty.json()["field"], "absence_reason");
        let bad = report(&app, &parent, "../x", &i.coming, reason).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for session in [&i.coming, &elsewhere, &i.past] {
            let left = notices(&app, session).await;
            assert!(
                left.iter().all(|(c, r)| c != &i.child || r != reason),
                "{left:?}"
            );
        }
    }
);

/// The children of a demo parent, by first name.
async fn children_of(app: &common::TestApp, email: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT c.id, c.first_name FROM children c JOIN child_guardians cg ON cg.child_id = c.id
         JOIN guardians g ON g.id = cg.guardian_id JOIN users u ON u.id = g.user_id
         WHERE u.email = $1 ORDER BY c.first_name",
    )
    .bind(email)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// An event of a calendar, as a calendar library reads it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct CalendarEvent {
    uid: String,
    start: chrono::NaiveDateTime,
    cancelled: bool,
}

/// Reads an ICS text with the `ical` crate (not the crate that wrote it).
fn parse_calendar(text: &str) -> Vec<CalendarEvent> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("valid ICS");
    assert!(calendars.next().is_none(), "a single calendar");
    let mut events: Vec<CalendarEvent> = calendar
        .events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_else(|| panic!("{name} missing in {e:?}"))
            };
            let utc = chrono::NaiveDateTime::parse_from_str(&prop("DTSTART"), "%Y%m%dT%H%M%SZ")
                .expect("DTSTART in UTC")
                .and_utc();
            CalendarEvent {
                uid: prop("UID"),
                start: utc.with_timezone(&chrono_tz::Europe::Paris).naive_local(),
                cancelled: prop("STATUS") == "CANCELLED",
            }
        })
        .collect();
    events.sort();
    events
}

/// What the subscription of `email` must hold: every published session of
/// their children's groups from the start of the school year on, one per
/// child, in local time.
async fn expected_calendar(app: &common::TestApp, email: &str) -> Vec<CalendarEvent> {
    let today = app::state::today();
    let from = app::domain::calendar::school_year_start(today).to_string();
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT s.id, c.id, s.on_date, s.starts_at, s.status FROM sessions s
         JOIN group_members gm ON gm.group_id = s.group_id JOIN children c ON c.id = gm.child_id
         JOIN child_guardians cg ON cg.child_id = c.id JOIN guardians g ON g.id = cg.guardian_id
         JOIN users u ON u.id = g.user_id
         WHERE u.email = $1 AND s.status <> 'draft' AND s.on_date >= $2",
    )
    .bind(email)
    .bind(from)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut events: Vec<CalendarEvent> = rows
        .into_iter()
        .map(|(session, child, date, start, status)| CalendarEvent {
            uid: format!("{session}.{child}@passerelle"),
            start: chrono::NaiveDateTime::parse_from_str(
                &format!("{date} {start}"),
                "%Y-%m-%d %H:%M",
            )
            .unwrap(),
            cancelled: status == "cancelled",
        })
        .collect();
    events.sort();
    events
}

/// The path of a calendar address.
fn feed_path(answer: &common::Answer) -> String {
    let url = answer.json().as_str().expect("an address").to_string();
    let path = url
        .strip_prefix("http://127.0.0.1:3000")
        .unwrap_or_else(|| panic!("{url}"));
    assert!(
        path.starts_with("/calendrier/") && path.ends_with(".ics"),
        "{path}"
    );
    path.to_string()
}

on_both!(
    the_calendar_feed_holds_exactly_the_childrens_sessions_until_revoked,
    |app: common::TestApp| async move {
        use http::Method;
        // One of Sami's coming sessions is cancelled: the feed says so.
        let sami = children_of(&app, "parent@demo.test").await[1].0.clone();
        sqlx::query(
            "UPDATE sessions SET status = 'cancelled', cancel_reason = 'Grève des transports'
             WHERE id = (SELECT s.id FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
                         WHERE gm.child_id = $1 AND s.status = 'planned' AND s.on_date > $2
                         ORDER BY s.on_date LIMIT 1)",
        )
        .bind(&sami)
        .bind(app::state::today().to_string())
        .execute(&app.db.pool)
        .await
        .unwrap();

        let parent = app.login("parent@demo.test").await;
        let none = app.call("family/calendar", Some(&parent), &[]).await;
        assert_eq!(none.status, StatusCode::OK, "{}", none.body);
        assert!(none.json().is_null());
        assert_eq!(
            app.call("family/calendar-new", Some(&parent), &[])
                .await
                .status,
            StatusCode::OK
        );
        let path = feed_path(&app.call("family/calendar", Some(&parent), &[]).await);

        // Read without a session, as a calendar app reads it.
        let feed = app.request(Method::GET, &path, None, None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        let events = parse_calendar(&feed.body);
        assert_eq!(events, expected_calendar(&app, "parent@demo.test").await);
        assert!(events.iter().any(|e| e.cancelled));
        assert!(events.iter().any(|e| e.uid.contains(&sami)));

        // The second guardian of Inès only: his own address lists Inès's
        // sessions, not her brother's.
        let youssef = app.login("parent2@demo.test").await;
        assert_eq!(
            app.call("family/calendar-new", Some(&youssef), &[])
                .await
                .status,
            StatusCode::OK
        );
        let his = feed_path(&app.call("family/calendar", Some(&youssef), &[]).await);
        let his_events = parse_calendar(&app.request(Method::GET, &his, None, None).await.body);
        assert_eq!(
            his_events,
            expected_calendar(&app, "parent2@demo.test").await
        );
        assert!(!his_events.is_empty() && his_events.iter().all(|e| !e.uid.contains(&sami)));

        // A new address replaces the old one, which then gives nothing.
        assert_eq!(
            app.call("family/calendar-new", Some(&parent), &[])
                .await
                .status,
            StatusCode::OK
        );
        let replaced = app.request(Method::GET, &path, None, None).await;
        assert_eq!(replaced.status, StatusCode::NOT_FOUND);
        assert!(replaced.body.is_empty());
        let new_path = feed_path(&app.call("family/calendar", Some(&parent), &[]).await);
        assert_ne!(new_path, path);
        assert_eq!(
            app.request(Method::GET, &new_path, None, None).await.status,
            StatusCode::OK
        );
        // Revoked: nothing; revoking twice is 404; his address still works.
        assert_eq!(
            app.call("family/calendar-revoke", Some(&parent), &[])
                .await
                .status,
            StatusCode::OK
        );
        let revoked = app.request(Method::GET, &new_path, None, None).await;
        assert_eq!(revoked.status, StatusCode::NOT_FOUND);
        assert!(revoked.body.is_empty());
        assert_eq!(
            app.call("family/calendar-revoke", Some(&parent), &[])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.request(Method::GET, &his, None, None).await.status,
            StatusCode::OK
        );
        // Made-up and malformed addresses; staff have no calendar address.
        for bad in [
            "/calendrier/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
            "/calendrier/..%2F..%2Fetc.ics",
            "/calendrier/x",
        ] {
            assert_eq!(
                app.request(Method::GET, bad, None, None).await.status,
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
        let coordinator = app.login("coordination@demo.test").await;
        assert_eq!(
            app.call("family/calendar-new", Some(&coordinator), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.call("family/calendar-new", None, &[]).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    families_answer_events_and_the_coordinator_sees_who_comes,
    |app: common::TestApp| async move {
        let parent = app.login("parent@demo.test").await;
        let listed = app.call("family/events", Some(&parent), &[]).await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
        let events = listed.json().as_array().unwrap().clone();
        let shared = events
            .iter()
            .find(|e| e["kind"] == "SharedSession")
            .unwrap_or_else(|| panic!("{events:?}"))["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(events.iter().all(|e| e["reply"].is_null()));
        let answer = |cookie: &str, event: &str, coming: &str| {
            let (cookie, event, coming) =
                (cookie.to_string(), event.to_string(), coming.to_string());
            let app = &app;
            async move {
                app.call(
                    "family/event-answer",
                    Some(&cookie),
                    &[("event", &event), ("coming", &coming)],
                )
                .await
            }
        };
        assert_eq!(answer(&parent, &shared, "oui").await.status, StatusCode::OK);
        let reply_of = |body: serde_json::Value| {
            body.as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == shared.as_str())
                .unwrap()["reply"]
                .clone()
        };
        assert_eq!(
            reply_of(app.call("family/events", Some(&parent), &[]).await.json()),
            true
        );
        // Changing one's mind replaces the answer.
        assert_eq!(answer(&parent, &shared, "non").await.status, StatusCode::OK);
        assert_eq!(
            reply_of(app.call("family/events", Some(&parent), &[]).await.json()),
            false
        );

        // The coordinator sees it, with the children's names.
        let coordinator = app.login("coordination@demo.test").await;
        let page = app
            .call("family/event-answers", Some(&coordinator), &[])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let page = page.json();
        let event = page["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["event"]["id"] == shared.as_str())
            .unwrap()
            .clone();
        let samira: Vec<&serde_json::Value> = event["answers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["guardian"] == "Samira Benali")
            .collect();
        assert_eq!(samira.len(), 1, "{event}");
        assert_eq!(samira[0]["reply"], false);
        assert_eq!(samira[0]["children"], serde_json::json!(["Inès", "Sami"]));
        let stored: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM family_event_guests WHERE event_id = $1")
                .bind(&shared)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(stored as usize, event["answers"].as_array().unwrap().len());

        // A new event for every family reaches the parent.
        let date = (app::state::today() + chrono::Duration::days(20)).to_string();
        let create = |cookie: &str, title: &str, date: &str, group: &str| {
            let (cookie, title, date, group) = (
                cookie.to_string(),
                title.to_string(),
                date.to_string(),
                group.to_string(),
            );
            let app = &app;
            async move {
                app.call(
                    "family/event-new",
                    Some(&cookie),
                    &[
                        ("kind", "information"),
                        ("title", &title),
                        ("date", &date),
                        ("start", "18:00"),
                        ("end", "19:00"),
                        ("venue", ""),
                        ("group", &group),
                    ],
                )
                .await
            }
        };
        let made = create(&coordinator, "Réunion de rentrée des familles", &date, "").await;
        assert_eq!(made.status, StatusCode::OK, "{}", made.body);
        let titles = app.call("family/events", Some(&parent), &[]).await.json();
        assert!(titles
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["title"] == "Réunion de rentrée des familles"));
        // Bad forms say which field.
        let past = create(&coordinator, "Trop tard", "2020-01-01", "").await;
        assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(past.json()["field"], "event_date");
        let foreign_group: String = sqlx::query_scalar(
            "SELECT g.id FROM groups g JOIN organisations o ON o.id = g.organisation_id
             WHERE o.id <> (SELECT organisation_id FROM users WHERE email = 'coordination@demo.test') LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let foreign = create(&coordinator, "Chez les voisins", &date, &foreign_group).await;
        assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(foreign.json()["field"], "group");
        assert_eq!(
            create(&parent, "Moi aussi", &date, "").await.status,
            StatusCode::FORBIDDEN
        );

        // Another structure's event, a past one, a bad answer, staff.
        let other = app.login("coordination@autre-structure.test").await;
        assert_eq!(
            create(&other, "Fête des voisins", &date, "").await.status,
            StatusCode::OK
        );
        let theirs: String =
            sqlx::query_scalar("SELECT id FROM family_events WHERE title = 'Fête des voisins'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            answer(&parent, &theirs, "oui").await.status,
            StatusCode::NOT_FOUND
        );
        let gone: String =
            sqlx::query_scalar("SELECT id FROM family_events WHERE on_date < $1 LIMIT 1")
                .bind(app::state::today().to_string())
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            answer(&parent, &gone, "oui").await.status,
            StatusCode::NOT_FOUND
        );
        let bad = answer(&parent, &shared, "peut-être").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            answer(&coordinator, &shared, "oui").await.status,
            StatusCode::FORBIDDEN
        );
    }
);

on_both!(
    a_guardian_accepts_the_contract_with_who_and_when,
    |app: common::TestApp| async move {
        let ines = ines(&app).await.child;
        let parent = app.login("parent@demo.test").await;
        let page = || {
            let (app, parent, ines) = (&app, parent.clone(), ines.clone());
            async move {
                app.call("family/child", Some(&parent), &[("id", &ines)])
                    .await
                    .json()
            }
        };
        let before = page().await;
        assert!(
            before["contract"]["accepted"].is_null(),
            "{}",
            before["contract"]
        );
        assert!(before["contract"]["engagements"]
            .as_str()
            .unwrap()
            .contains("prévenir"));
        // The box must be ticked.
        let unticked = app
            .call("family/contract-accept", Some(&parent), &[("child", &ines)])
            .await;
        assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(unticked.json()["field"], "contract_read");
        let form = [("child", ines.as_str()), ("read", "on")];
        assert_eq!(
            app.call("family/contract-accept", Some(&parent), &form)
                .await
                .status,
            StatusCode::OK
        );
        let after = page().await;
        assert_eq!(after["contract"]["accepted"][0], "Samira Benali");
        // The other guardian accepting too keeps the first acceptance.
        let youssef = app.login("parent2@demo.test").await;
        assert_eq!(
            app.call("family/contract-accept", Some(&youssef), &form)
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            page().await["contract"]["accepted"],
            after["contract"]["accepted"]
        );
        let (by, at): (Option<String>, Option<String>) = sqlx::query_as(
            "SELECT g.first_name, k.accepted_at FROM contracts k LEFT JOIN guardians g ON g.id = k.accepted_by_guardian_id
             WHERE k.child_id = $1",
        )
        .bind(&ines)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(by.as_deref(), Some("Samira"));
        assert!(at.is_some());
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'contract.accept' AND detail = $1",
        )
        .bind(&ines)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
        // Staff and other families may not accept for her.
        let coordinator = app.login("coordination@demo.test").await;
        assert_eq!(
            app.call("family/contract-accept", Some(&coordinator), &form)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Nor may a parent accept another family's child's contract.
        let other_child = another_familys(&app, "contracts", "child_id").await;
        let theirs = [("child", other_child.as_str()), ("read", "on")];
        assert_eq!(
            app.call("family/contract-accept", Some(&parent), &theirs)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let untouched: Option<String> =
            sqlx::query_scalar("SELECT accepted_at FROM contracts WHERE child_id = $1")
                .bind(&other_child)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(untouched.is_none());
    }
);

on_both!(
    the_language_switch_is_remembered_and_stays_on_this_site,
    |app: common::TestApp| async move {
        use http::Method;
        let switch = app
            .request(Method::GET, "/langue/en?retour=/mes-enfants", None, None)
            .await;
        assert_eq!(switch.status, StatusCode::SEE_OTHER);
        assert_eq!(switch.headers["location"], "/mes-enfants");
        let cookie = switch.headers["set-cookie"].to_str().unwrap().to_string();
        assert!(
            cookie.starts_with("passerelle_lang=en;") && cookie.contains("Max-Age=31536000"),
            "{cookie}"
        );
        let english = app
            .request(Method::GET, "/connexion", Some("passerelle_lang=en"), None)
            .await;
        assert!(
            english.body.contains("<html lang=\"en\""),
            "{}",
            &english.body[..200]
        );
        assert!(english.body.contains("Sign in") && english.body.contains("Français"));
        let french = app.request(Method::GET, "/connexion", None, None).await;
        assert!(french.body.contains("<html lang=\"fr\"") && french.body.contains("Se connecter"));
        // Only paths of this site; anything else goes home.
        for bad in [
            "//exemple.test/x",
            "https://exemple.test",
            "/a%0D%0ASet-Cookie:x",
        ] {
            let path = format!("/langue/fr?retour={bad}");
            let a = app.request(Method::GET, &path, None, None).await;
            assert_eq!(a.headers["location"], "/", "{bad}");
        }
    }
);

on_both!(
    the_coordinator_marks_which_families_came_after_an_event,
    |app: common::TestApp| async move {
        // A past event of the demo structure, and one to come.
        let (org, guardian): (String, String) = sqlx::query_as(
            "SELECT organisation_id, id FROM guardians WHERE last_name = 'Benali' AND first_name = 'Samira'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        for (id, day) in [("passe", "2026-10-10"), ("futur", "2099-06-01")] {
            sqlx::query(
                "INSERT INTO family_events (id, organisation_id, kind, title, on_date, starts_at, ends_at)
                 VALUES ($1, $2, 'information', 'Réunion de rentrée', $3, '17:00', '18:30')",
            )
            .bind(id)
            .bind(&org)
            .bind(day)
            .execute(&app.db.pool)
            .await
            .unwrap();
        }
        let coordinator = app.login("coordination@demo.test").await;
        let mark = |event: &'static str, came: &'static str| {
            let (cookie, guardian) = (coordinator.clone(), guardian.clone());
            let app = &app;
            async move {
                app.call(
                    "family/event-attended",
                    Some(&cookie),
                    &[("event", event), ("guardian", &guardian), ("came", came)],
                )
                .await
            }
        };
        let early = mark("futur", "1").await;
        assert_eq!(early.json()["field"], "event_held", "{}", early.body);
        assert_eq!(mark("passe", "1").await.status, StatusCode::OK);
        let came = |page: serde_json::Value| {
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["event"]["id"] == "passe")
                .unwrap()["answers"]
                .clone()
        };
        let answers = came(
            app.call("family/event-answers", Some(&coordinator), &[])
                .await
                .json(),
        );
        assert_eq!(answers.as_array().unwrap().len(), 1, "{answers}");
        assert_eq!(answers[0]["attended"], true);
        assert!(answers[0]["reply"].is_null(), "she came without answering");
        assert_eq!(mark("passe", "0").await.status, StatusCode::OK);
        let attended: i64 =
            sqlx::query_scalar("SELECT attended FROM family_event_guests WHERE event_id = 'passe'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(attended, 0);

        // Another structure, or a parent: no.
        let other = app.login("coordination@autre-structure.test").await;
        let theirs = app
            .call(
                "family/event-attended",
                Some(&other),
                &[("event", "passe"), ("guardian", &guardian), ("came", "1")],
            )
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        let parent = app.login("parent@demo.test").await;
        let refused = app
            .call(
                "family/event-attended",
                Some(&parent),
                &[("event", "passe"), ("guardian", &guardian), ("came", "1")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    a_child_page_asked_by_many_at_once_is_always_answered,
    |app: common::TestApp| async move {
        // Each page held up to three connections at once: a few parents at
        // the same moment could leave the pool empty, each waiting for more.
        let ines = ines(&app).await.child;
        let parent = app.login("parent@demo.test").await;
        let app = std::sync::Arc::new(app);
        for status in app
            .call_at_once(24, "family/child", &parent, &[("id", ines)])
            .await
        {
            assert_eq!(status, StatusCode::OK);
        }
    }
);

on_both!(
    a_carriage_return_in_an_address_adds_nothing_to_families_calendars,
    |app: common::TestApp| async move {
        use http::Method;
        // The venue form refuses it now, with the field and its reason.
        let coordinator = app.login("coordination@demo.test").await;
        let refused = app
            .call(
                "records/venue-new",
                Some(&coordinator),
                &[
                    ("form[name]", "Salle piégée"),
                    ("form[address]", "1 rue\rX-INJECTED:1"),
                    ("form[kind]", "municipal"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.json()["field"], "address", "{}", refused.body);
        assert_eq!(refused.json()["problem"], "control", "{}", refused.body);
        // An address stored before that check: the feed escapes it.
        sqlx::query("UPDATE venues SET address = $1")
            .bind("12 rue des Écoles\rDTSTART:20300101T000000Z\rX-INJECTED:1; a, b\\c")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let parent = app.login("parent@demo.test").await;
        app.call("family/calendar-new", Some(&parent), &[]).await;
        let path = feed_path(&app.call("family/calendar", Some(&parent), &[]).await);
        let feed = app.request(Method::GET, &path, None, None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(feed
            .body
            .split("\r\n")
            .all(|l| l.len() <= 75 && !l.contains('\r')));
        // Read by another parser: the same events, and no property was added.
        let events = parse_calendar(&feed.body);
        assert_eq!(events, expected_calendar(&app, "parent@demo.test").await);
        let mut calendars = ical::IcalParser::new(std::io::BufReader::new(feed.body.as_bytes()));
        let calendar = calendars.next().unwrap().unwrap();
        for event in &calendar.events {
            let names: Vec<&str> = event.properties.iter().map(|p| p.name.as_str()).collect();
            assert!(!names.contains(&"X-INJECTED"), "{names:?}");
            assert_eq!(names.iter().filter(|n| **n == "DTSTART").count(), 1);
            let location = event
                .properties
                .iter()
                .find(|p| p.name == "LOCATION")
                .and_then(|p| p.value.clone())
                .unwrap();
            assert!(
                location.contains("\\nX-INJECTED:1\\; a\\, b\\\\c"),
                "{location}"
            );
        }
    }
);

on_both!(
    the_family_pages_load_no_app_code_and_the_staffs_pages_do,
    |app: common::TestApp| async move {
        use http::Method;
        // app.rs, `hydrates`: a parent's phone gets the server's HTML and
        // its stylesheet, nothing to download and run.
        let parent = app.login("parent@demo.test").await;
        let ines = ines(&app).await;
        let message = app
            .scalar(
                "SELECT id FROM family_messages WHERE subject = $1",
                "Sortie à la médiathèque mardi",
            )
            .await;
        let runs_code = |body: &str| {
            body.contains("/pkg/passerelle.js")
                || body.contains("modulepreload")
                || body.contains("/pkg/passerelle.wasm")
        };
        for path in [
            "/mes-enfants".to_string(),
            format!("/enfants/{}", ines.child),
            "/mes-coordonnees".to_string(),
            format!("/messages/{message}"),
        ] {
            let page = app.request(Method::GET, &path, Some(&parent), None).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.body.contains("<h1"), "{path} has a heading");
            assert!(!runs_code(&page.body), "{path} loads the app's code");
            assert!(page.body.contains("/pkg/passerelle.css"), "{path}");
        }
        // The parent's account page, and the staff's pages, come alive.
        let account = app
            .request(Method::GET, "/compte", Some(&parent), None)
            .await;
        assert!(runs_code(&account.body), "/compte");
        let coordinator = app.login("coordination@demo.test").await;
        for path in ["/planning", "/familles"] {
            let page = app
                .request(Method::GET, path, Some(&coordinator), None)
                .await;
            assert!(runs_code(&page.body), "{path}");
        }
    }
);
