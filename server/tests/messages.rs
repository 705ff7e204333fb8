//! Messages to families, called as the coordinator's computer and the
//! parents' phones call them: a message to a group reaches each family's
//! guardians with the child's name, opening it marks it read for the
//! family, the coordinator sees who read and who answered; nobody else
//! reads, answers or sends; the mail goes only to who asked for it; the
//! messages go with the child and with the school year. Both databases.

use crate::common;

use http::StatusCode;
use serde_json::Value;

/// Inès Benali's id and her group's, with the demo's message gone: each
/// test starts from no message.
async fn ines(app: &common::TestApp) -> (String, String) {
    for table in ["family_message_recipients", "family_messages"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    let child = app
        .scalar(
            "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
            "Inès",
        )
        .await;
    let group = app
        .scalar(
            "SELECT group_id FROM group_members WHERE child_id = $1",
            &child,
        )
        .await;
    (child, group)
}

async fn send(app: &common::TestApp, cookie: &str, to: &str, ask: &str) -> common::Answer {
    app.call(
        "messages/send",
        Some(cookie),
        &[
            ("to", to),
            ("subject", "Sortie à la médiathèque"),
            (
                "body",
                "Bonjour,\r\nMardi nous irons à la médiathèque.\r\n\r\nL'équipe",
            ),
            ("ask", ask),
        ],
    )
    .await
}

async fn mine(app: &common::TestApp, cookie: &str) -> Vec<Value> {
    let a = app.call("messages/mine", Some(cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json().as_array().unwrap().clone()
}

async fn sent(app: &common::TestApp, cookie: &str) -> Vec<Value> {
    let a = app.call("messages/page", Some(cookie), &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()["sent"].as_array().unwrap().clone()
}

async fn open(app: &common::TestApp, cookie: &str, id: &str) -> common::Answer {
    app.call("messages/open", Some(cookie), &[("id", id)]).await
}

async fn answer(app: &common::TestApp, cookie: &str, id: &str, reply: &str) -> common::Answer {
    app.call(
        "messages/answer",
        Some(cookie),
        &[("message", id), ("reply", reply)],
    )
    .await
}

on_both!(
    a_message_to_a_group_is_read_by_its_families_and_the_coordinator_sees_who,
    |app: common::TestApp| async move {
        let (_, group) = ines(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let page = app.call("messages/page", Some(&coordinator), &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let to = format!("group:{group}");
        assert!(
            page.json()["groups"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g[0] == to.as_str()),
            "{}",
            page.body
        );
        let a = send(&app, &coordinator, &to, "yes_no").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        // Every guardian of every current member of the group, once per child.
        let expected = app
            .count(
                "SELECT COUNT(*) FROM group_members gm JOIN children c ON c.id = gm.child_id
                 JOIN child_guardians cg ON cg.child_id = c.id
                 WHERE gm.group_id = $1 AND c.status <> 'sorti' AND c.anonymised_at IS NULL",
                &group,
            )
            .await;
        let stored = app
            .count(
                "SELECT COUNT(*) FROM family_message_recipients r
                 JOIN family_messages m ON m.id = r.message_id WHERE m.audience_id = $1",
                &group,
            )
            .await;
        assert!(expected > 2);
        assert_eq!(stored, expected);

        // Both of Inès's parents find it unread, about Inès.
        let samira = app.login("parent@demo.test").await;
        let youssef = app.login("parent2@demo.test").await;
        let list = mine(&app, &samira).await;
        assert_eq!(list.len(), 1, "{list:?}");
        let id = list[0]["id"].as_str().unwrap().to_string();
        assert_eq!(list[0]["read"], false);
        assert!(list[0]["children"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Inès")));
        assert_eq!(mine(&app, &youssef).await[0]["read"], false);
        let counts = &sent(&app, &coordinator).await[0];
        let families = counts["families"].as_u64().unwrap();
        assert!(families >= 3, "{counts}");
        assert_eq!(
            (counts["read"].as_u64(), counts["replied"].as_u64()),
            (Some(0), Some(0))
        );

        // Samira opens it: it is read for her, and for the family.
        let opened = open(&app, &samira, &id).await;
        assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
        let opened = opened.json();
        assert_eq!(opened["subject"], "Sortie à la médiathèque");
        assert_eq!(
            opened["body"],
            "Bonjour,\nMardi nous irons à la médiathèque.\n\nL'équipe"
        );
        assert_eq!(opened["ask"], "YesNo");
        assert!(
            opened["receipts"].is_null(),
            "a parent sees no one else's receipt"
        );
        assert_eq!(mine(&app, &samira).await[0]["read"], true);
        assert_eq!(mine(&app, &youssef).await[0]["read"], false);
        let first_read = app
            .scalar(
                "SELECT MIN(r.read_at) FROM family_message_recipients r
                 JOIN guardians g ON g.id = r.guardian_id WHERE r.message_id = $1",
                &id,
            )
            .await;
        let counts = &sent(&app, &coordinator).await[0];
        let benali_children = app
            .count(
                "SELECT COUNT(*) FROM family_message_recipients r JOIN guardians g ON g.id = r.guardian_id
                 WHERE r.message_id = $1 AND g.first_name = 'Samira'",
                &id,
            )
            .await;
        assert_eq!(counts["read"].as_i64(), Some(benali_children));

        // The coordinator sees which families read it, with each guardian.
        let receipts = open(&app, &coordinator, &id).await;
        assert_eq!(receipts.status, StatusCode::OK, "{}", receipts.body);
        let receipts = receipts.json()["receipts"].as_array().unwrap().clone();
        assert_eq!(receipts.len() as u64, families);
        let ines_family = receipts
            .iter()
            .find(|r| r["child_name"] == "Inès Benali")
            .unwrap_or_else(|| panic!("{receipts:?}"));
        let guardians = ines_family["guardians"].as_array().unwrap();
        assert_eq!(guardians.len(), 2, "{ines_family}");
        let samira_row = guardians
            .iter()
            .find(|g| g["name"] == "Samira Benali")
            .unwrap();
        let youssef_row = guardians
            .iter()
            .find(|g| g["name"] == "Youssef Benali")
            .unwrap();
        assert!(samira_row["read_at"].is_string() && youssef_row["read_at"].is_null());
        let unread: Vec<&Value> = receipts
            .iter()
            .filter(|r| {
                r["guardians"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|g| g["read_at"].is_null())
            })
            .collect();
        assert_eq!(unread.len() as i64, families as i64 - benali_children);
        // A coordinator's opening is no family's reading.
        assert_eq!(
            sent(&app, &coordinator).await[0]["read"].as_i64(),
            Some(benali_children)
        );

        // An answer the message does not ask for is refused; then yes.
        let wrong = answer(&app, &samira, &id, "ack").await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            wrong.body
        );
        assert_eq!(wrong.json()["field"], "message_reply");
        let bad = answer(&app, &samira, &id, "peut-être").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert_eq!(
            answer(&app, &samira, &id, "yes").await.status,
            StatusCode::OK
        );
        assert_eq!(open(&app, &samira, &id).await.json()["reply"], "Yes");
        assert_eq!(
            answer(&app, &samira, &id, "no").await.status,
            StatusCode::OK
        );
        assert_eq!(open(&app, &samira, &id).await.json()["reply"], "No");
        assert_eq!(
            sent(&app, &coordinator).await[0]["replied"].as_i64(),
            Some(benali_children)
        );
        // Youssef answering reads it too; Samira's first reading stays.
        assert_eq!(
            answer(&app, &youssef, &id, "yes").await.status,
            StatusCode::OK
        );
        assert_eq!(mine(&app, &youssef).await[0]["read"], true);
        assert_eq!(
            app.scalar(
                "SELECT r.read_at FROM family_message_recipients r JOIN guardians g ON g.id = r.guardian_id
                 WHERE r.message_id = $1 AND g.first_name = 'Samira' ORDER BY r.read_at LIMIT 1",
                &id,
            )
            .await,
            first_read
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'message.read' AND entity_id = $1",
                &id
            )
            .await,
            1,
            "Samira's reading is audited once, however often she opened it"
        );
    }
);

on_both!(
    a_message_to_a_session_or_a_child_reaches_exactly_their_families,
    |app: common::TestApp| async move {
        let (child, group) = ines(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let session = app
            .scalar(
                "SELECT id FROM sessions WHERE group_id = $1 AND status = 'planned'
                 ORDER BY on_date LIMIT 1",
                &group,
            )
            .await;
        let a = send(&app, &coordinator, &format!("session:{session}"), "ack").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = send(&app, &coordinator, &format!("child:{child}"), "").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let list = sent(&app, &coordinator).await;
        assert_eq!(list.len(), 2);
        let about_child = list
            .iter()
            .find(|m| m["about"]["Child"].is_string())
            .unwrap();
        assert_eq!(about_child["about"]["Child"], "Inès Benali");
        assert_eq!(about_child["families"], 1);
        let about_session = list
            .iter()
            .find(|m| m["about"]["Session"].is_object())
            .unwrap();
        assert!(about_session["families"].as_u64().unwrap() >= 3);

        // The parents of the child get both; the child message names her alone.
        let samira = app.login("parent@demo.test").await;
        let list = mine(&app, &samira).await;
        assert_eq!(list.len(), 2, "{list:?}");
        let only_ines = list.iter().find(|m| m["ask"] == "Nothing").unwrap();
        assert_eq!(only_ines["children"], serde_json::json!(["Inès"]));
        assert_eq!(
            list.iter().find(|m| m["ask"] == "Receipt").unwrap()["children"]
                .as_array()
                .unwrap()
                .len(),
            app.count(
                "SELECT COUNT(*) FROM group_members gm JOIN children c ON c.id = gm.child_id
                 WHERE gm.group_id = $1 AND c.last_name = 'Benali'",
                &group
            )
            .await as usize
        );
    }
);

on_both!(
    nobody_else_reads_answers_or_sends,
    |app: common::TestApp| async move {
        let (child, group) = ines(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        // A child of another family, and a message about them alone.
        let other = app
            .scalar(
                "SELECT c.id FROM children c JOIN child_guardians cg ON cg.child_id = c.id
                 WHERE c.last_name <> 'Benali' AND c.status = 'inscrit' AND c.id <> $1
                 ORDER BY c.id LIMIT 1",
                &child,
            )
            .await;
        assert_eq!(
            send(&app, &coordinator, &format!("child:{other}"), "ack")
                .await
                .status,
            StatusCode::OK
        );
        let id = sent(&app, &coordinator).await[0]["id"]
            .as_str()
            .unwrap()
            .to_string();

        let samira = app.login("parent@demo.test").await;
        assert!(mine(&app, &samira).await.is_empty());
        assert_eq!(open(&app, &samira, &id).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            answer(&app, &samira, &id, "ack").await.status,
            StatusCode::NOT_FOUND
        );
        let accompanist = app.login("accompagnateur@demo.test").await;
        assert_eq!(
            open(&app, &accompanist, &id).await.status,
            StatusCode::FORBIDDEN
        );
        let funder = app.login("caf@demo.test").await;
        assert_eq!(open(&app, &funder, &id).await.status, StatusCode::FORBIDDEN);
        let to = format!("group:{group}");
        for cookie in [&samira, &accompanist, &funder] {
            assert_eq!(
                send(&app, cookie, &to, "").await.status,
                StatusCode::FORBIDDEN
            );
            let page = app.call("messages/page", Some(cookie), &[]).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(
            app.call("messages/mine", Some(&coordinator), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(open(&app, "", &id).await.status, StatusCode::UNAUTHORIZED);

        // Bad forms: each named, in French, nothing written.
        let refused = |answer: common::Answer| {
            assert_eq!(
                answer.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                answer.body
            );
            answer.json()["field"].as_str().unwrap().to_string()
        };
        assert_eq!(
            refused(send(&app, &coordinator, "", "").await),
            "message_to"
        );
        assert_eq!(
            refused(send(&app, &coordinator, "group:nope", "").await),
            "message_to"
        );
        assert_eq!(
            refused(send(&app, &coordinator, "ecole:x", "").await),
            "message_to"
        );
        assert_eq!(
            refused(send(&app, &coordinator, &to, "peut-etre").await),
            "message_ask"
        );
        let empty = app
            .call(
                "messages/send",
                Some(&coordinator),
                &[("to", &to), ("subject", "Hi"), ("body", "x"), ("ask", "")],
            )
            .await;
        assert_eq!(refused(empty), "message_subject");
        assert_eq!(
            refused(
                app.call("messages/open", Some(&coordinator), &[("id", "<x>")])
                    .await
            ),
            "message"
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM family_messages WHERE audience_id <> $1",
                &other
            )
            .await,
            0
        );
    }
);

on_both!(
    the_mail_goes_only_to_guardians_who_asked_for_it,
    |app: common::TestApp| async move {
        let (child, _) = ines(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        let samira = app.login("parent@demo.test").await;
        let mails = |app: &common::TestApp| {
            let pool = app.db.pool.clone();
            async move {
                sqlx::query_as::<_, (String, String)>(
                    "SELECT recipient, text_body FROM outbox WHERE kind = 'family_message' ORDER BY recipient",
                )
                .fetch_all(&pool)
                .await
                .unwrap()
            }
        };
        assert_eq!(
            send(&app, &coordinator, &format!("child:{child}"), "")
                .await
                .status,
            StatusCode::OK
        );
        assert!(mails(&app).await.is_empty(), "nobody asked for it yet");

        let chose = app
            .call(
                "account/mail-choice",
                Some(&samira),
                &[("kind", "family_message"), ("wanted", "oui")],
            )
            .await;
        assert_eq!(chose.status, StatusCode::OK, "{}", chose.body);
        assert_eq!(
            send(&app, &coordinator, &format!("child:{child}"), "ack")
                .await
                .status,
            StatusCode::OK
        );
        let queued = mails(&app).await;
        assert_eq!(queued.len(), 1, "{queued:?}");
        assert_eq!(queued[0].0, "parent@demo.test");
        assert!(queued[0].1.contains("au sujet de Inès"), "{}", queued[0].1);
        assert!(queued[0].1.contains("Mardi nous irons à la médiathèque."));
        assert!(queued[0].1.contains("/messages/"), "{}", queued[0].1);
    }
);

on_both!(
    messages_go_with_the_child_and_with_the_school_year,
    |app: common::TestApp| async move {
        let (child, group) = ines(&app).await;
        let coordinator = app.login("coordination@demo.test").await;
        assert_eq!(
            send(&app, &coordinator, &format!("child:{child}"), "")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            send(&app, &coordinator, &format!("group:{group}"), "")
                .await
                .status,
            StatusCode::OK
        );

        // Inès left long ago: anonymised, her messages go with her.
        sqlx::query("UPDATE children SET status = 'sorti', left_on = '2020-01-01', last_contact_on = NULL WHERE id = $1")
            .bind(&child)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let done =
            app::db::privacy::anonymise_departed(&app.db, app::state::today(), app::state::now())
                .await
                .unwrap();
        assert_eq!(done.children, 1);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM family_messages WHERE audience_id = $1",
                &child
            )
            .await,
            0
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM family_message_recipients WHERE child_id = $1",
                &child
            )
            .await,
            0
        );
        let group_message = app
            .count(
                "SELECT COUNT(*) FROM family_messages WHERE audience_id = $1",
                &group,
            )
            .await;
        assert_eq!(
            group_message, 1,
            "the group's message stays for the other families"
        );

        // The next school year: last year's messages go.
        let this_year = app::messages::store::year_start(app::state::today());
        assert_eq!(
            app::db::privacy::purge_past_messages(&app.db, &this_year)
                .await
                .unwrap(),
            0
        );
        let next_year =
            app::messages::store::year_start(app::state::today() + chrono::Duration::days(366));
        assert_eq!(
            app::db::privacy::purge_past_messages(&app.db, &next_year)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM family_message_recipients WHERE $1 = $1",
                "x"
            )
            .await,
            0
        );
    }
);
