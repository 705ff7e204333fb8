//! The family portal called as a phone calls it: a guardian reports an
//! absence and the accompanist's register shows the child excused; nobody
//! else can report for a child, nor for a session the child does not
//! attend or that has started. Both databases.

mod common;

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
        let other_family: String = sqlx::query_scalar(
            "SELECT c.id FROM children c WHERE c.id NOT IN
               (SELECT cg.child_id FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id
                JOIN users u ON u.id = g.user_id WHERE u.email = 'parent@demo.test')
             ORDER BY c.id LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
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
