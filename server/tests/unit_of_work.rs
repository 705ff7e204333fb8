//! The unit of work (`app::db::Work`): a write and its audit rows commit
//! together or not at all, on both databases, through the type itself and
//! through a family portal's write whose audit row is refused.

use crate::common;

use app::db::{Author, Work};
use app::domain::ids::{OrganisationId, UserId};
use http::StatusCode;

async fn organisation_name(app: &common::TestApp, org: &str) -> String {
    app.scalar("SELECT name FROM organisations WHERE id = $1", org)
        .await
}

async fn rename(conn: &mut sqlx::AnyConnection, org: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(org)
        .execute(conn)
        .await?;
    Ok(())
}

async fn audit_rows(app: &common::TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Refuses, from now on, every audit row of `action`: the database fails
/// the write after its change, as a full disk or a lost connection would.
async fn refuse_audit_of(app: &common::TestApp, action: &'static str) {
    let statements: Vec<String> = match app.db.backend {
        app::db::Backend::Sqlite => vec![format!(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = '{action}'
             BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )],
        app::db::Backend::Postgres => vec![
            format!(
                "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$
                 BEGIN IF NEW.action = '{action}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END
                 $$ LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
             FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
                .to_string(),
        ],
    };
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&app.db.pool)
            .await
            .expect("create the refusing trigger");
    }
}

async fn allow_audit_again(app: &common::TestApp) {
    let sql = match app.db.backend {
        app::db::Backend::Sqlite => "DROP TRIGGER refuse_audit",
        app::db::Backend::Postgres => "DROP TRIGGER refuse_audit ON audit_log",
    };
    sqlx::query(sql).execute(&app.db.pool).await.unwrap();
}

on_both!(
    a_write_that_fails_after_its_change_leaves_neither_change_nor_audit,
    |app: common::TestApp| async move {
        let org = app
            .scalar("SELECT id FROM organisations WHERE name LIKE $1", "%")
            .await;
        let before = organisation_name(&app, &org).await;
        let author = Author {
            organisation: Some(OrganisationId(org.clone())),
            user: None::<UserId>,
        };

        // The change and its audit row are written, then the write fails.
        let mut work = Work::begin(&app.db, author.clone(), app::state::now())
            .await
            .unwrap();
        work.lock_organisation().await.unwrap();
        rename(&mut work, &org, "Renommée").await.unwrap();
        work.audit("test.rename", ("organisation", &org), "Renommée")
            .await
            .unwrap();
        let failed = sqlx::query("INSERT INTO audit_log (id) VALUES (NULL)")
            .execute(&mut *work)
            .await;
        assert!(failed.is_err(), "the failing statement must fail");
        drop(work);
        assert_eq!(organisation_name(&app, &org).await, before);
        assert_eq!(audit_rows(&app, "test.rename").await, 0);

        // The same write committed: both are there.
        let mut work = Work::begin(&app.db, author, app::state::now())
            .await
            .unwrap();
        rename(&mut work, &org, "Renommée").await.unwrap();
        work.audit("test.rename", ("organisation", &org), "Renommée")
            .await
            .unwrap();
        work.commit().await.unwrap();
        assert_eq!(organisation_name(&app, &org).await, "Renommée");
        assert_eq!(audit_rows(&app, "test.rename").await, 1);
    }
);

on_both!(
    a_parents_absence_and_its_audit_row_are_one_write,
    |app: common::TestApp| async move {
        let child = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
                "Inès",
            )
            .await;
        let session: String = sqlx::query_scalar(
            "SELECT s.id FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
             WHERE gm.child_id = $1 AND s.status = 'planned' AND s.on_date > $2
             ORDER BY s.on_date LIMIT 1",
        )
        .bind(&child)
        .bind(app::state::today().to_string())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let notices = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM absence_notices WHERE session_id = $1",
            )
            .bind(&session)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
        };
        let parent = app.login("parent@demo.test").await;
        let form = [
            ("child", child.as_str()),
            ("session", session.as_str()),
            ("reason", "Rendez-vous chez le dentiste."),
        ];

        refuse_audit_of(&app, "family.absence").await;
        let refused = app.call("family/absence", Some(&parent), &form).await;
        assert_ne!(refused.status, StatusCode::OK, "{}", refused.body);
        assert_eq!(
            notices().await,
            0,
            "the absence was kept without its audit row"
        );

        allow_audit_again(&app).await;
        let answer = app.call("family/absence", Some(&parent), &form).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(notices().await, 1);
        assert_eq!(audit_rows(&app, "family.absence").await, 1);
    }
);
