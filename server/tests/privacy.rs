//! The anonymisation job (`app::db::privacy`): a child who left more than
//! the retention period ago loses every trace of identity in the whole
//! database, the figures the CAF's report counts stay, and current children
//! and families are untouched. Both databases.

use crate::common;

use app::db::privacy::{anonymise_departed, Anonymised};
use chrono::{Duration, Months};
use http::StatusCode;
use sqlx::Row;

/// Every (table, column) of the schema but sqlx's own.
async fn columns(app: &common::TestApp) -> Vec<(String, String)> {
    let sql = match app.db.backend {
        app::db::Backend::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'"
        }
        app::db::Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'"
        }
    };
    sqlx::query(sql)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("t"), r.get("c")))
        .collect()
}

/// Where `needle` appears anywhere in the database, as `table.column`.
async fn found_anywhere(app: &common::TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in columns(app).await {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE $1"
        )))
        .bind(format!("%{needle}%"))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

/// The rows the report counts for one child, and their group memberships.
async fn report_facts(app: &common::TestApp, child: &str) -> Vec<String> {
    let mut facts = Vec::new();
    for sql in [
        "SELECT sex || ' ' || school_level || ' ' || CAST(birth_year AS TEXT) || ' '
            || CAST(priority_area AS TEXT) || ' ' || status || ' ' || COALESCE(left_on, '-') AS f
         FROM children WHERE id = $1",
        "SELECT session_id || ' ' || status AS f FROM attendance WHERE child_id = $1 ORDER BY session_id",
        "SELECT source || ' ' || referred_on AS f FROM referrals WHERE child_id = $1 ORDER BY id",
        "SELECT group_id AS f FROM group_members WHERE child_id = $1 ORDER BY group_id",
        "SELECT kind || ' ' || met_on AS f FROM school_liaisons WHERE child_id = $1 ORDER BY id",
        "SELECT school_year_id AS f FROM contracts WHERE child_id = $1 ORDER BY id",
    ] {
        for r in sqlx::query(sql)
            .bind(child)
            .fetch_all(&app.db.pool)
            .await
            .unwrap()
        {
            facts.push(r.get::<String, _>("f"));
        }
    }
    facts
}

/// Everything about the children and guardians the job must leave alone.
async fn others(app: &common::TestApp, child: &str, guardian: &str) -> Vec<String> {
    sqlx::query(
        "SELECT c.id || c.first_name || c.last_name || COALESCE(c.birth_date, '') || c.needs_note
            || c.status AS f FROM children c WHERE c.id <> $1
         UNION ALL SELECT g.id || g.first_name || g.last_name || COALESCE(g.email, '') AS f
            FROM guardians g WHERE g.id <> $2
         UNION ALL SELECT a.child_id || a.name AS f FROM authorised_adults a WHERE a.child_id <> $1
         ORDER BY f",
    )
    .bind(child)
    .bind(guardian)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get("f"))
    .collect()
}

async fn one(app: &common::TestApp, sql: &'static str) -> String {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn exec(app: &common::TestApp, sql: &'static str, args: &[&str]) {
    let mut query = sqlx::query(sql);
    for a in args {
        query = query.bind(*a);
    }
    query.execute(&app.db.pool).await.unwrap();
}

on_both!(
    a_child_who_left_long_ago_leaves_no_trace_and_the_figures_stay,
    |app: common::TestApp| async move {
        let today = app::state::today();
        let three_years_ago = (today - Months::new(36)).to_string();
        let last_year = (today - Months::new(12)).to_string();
        let inès = one(
            &app,
            "SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'",
        )
        .await;
        let youssef = one(
            &app,
            "SELECT g.id FROM guardians g JOIN users u ON u.id = g.user_id
             WHERE u.email = 'parent2@demo.test'",
        )
        .await;
        // Her second guardian (parent2@demo.test) has no other child; her
        // mother has her brother.
        let parent2 = app.login("parent2@demo.test").await;
        exec(
            &app,
            "UPDATE guardians SET first_name = 'Philibert', phone = '07 98 76 54 32' WHERE id = $1",
            &[&youssef],
        )
        .await;
        // Her record as a coordinator would have written it, with words
        // found nowhere else, then she left three years ago.
        exec(
            &app,
            "UPDATE children SET first_name = 'Zéphyrine', needs_note = 'Suivi orthophonique confidentiel',
                status = 'sorti', left_on = $2, left_reason = 'Déménagement à Quimperlé',
                last_contact_on = $2 WHERE id = $1",
            &[&inès, &three_years_ago],
        )
        .await;
        exec(
            &app,
            "INSERT INTO authorised_adults (id, child_id, name, relationship) VALUES ('adulte-z', $1, 'Tante Gwenaëlle', 'tante')",
            &[&inès],
        )
        .await;
        exec(
            &app,
            "INSERT INTO referrals (id, child_id, source, referred_on, need) VALUES ('orientation-z', $1, 'enseignant', $2, 'Zéphyrine lit avec peine')",
            &[&inès, &three_years_ago],
        )
        .await;
        exec(
            &app,
            "INSERT INTO school_liaisons (id, organisation_id, kind, child_id, met_on, participants, notes, objectives_reviewed)
             SELECT 'liaison-z', organisation_id, 'suivi', id, $2, 'Mme Quéméneur-Zéphyr', 'Zéphyrine progresse', 'Lecture: atteint'
             FROM children WHERE id = $1",
            &[&inès, &three_years_ago],
        )
        .await;
        exec(
            &app,
            "UPDATE contracts SET objectives = 'Zéphyrine lira dix minutes par jour' WHERE child_id = $1",
            &[&inès],
        )
        .await;
        exec(
            &app,
            "INSERT INTO audit_log (id, at, action, entity, entity_id, detail) VALUES ('audit-z', $2, 'child.update', 'child', $1, 'prénom: Zéphyrine')",
            &[&inès, &three_years_ago],
        )
        .await;
        // A mark a tablet sent for her, its payload as received.
        exec(
            &app,
            "INSERT INTO register_entries (id, session_id, child_id, kind, device_id, made_at, received_at, payload)
             SELECT 'entree-z', session_id, child_id, 'mark', 'tablette', $2, $2, '{\"note\": \"Zéphyrine\"}'
             FROM attendance WHERE child_id = $1 ORDER BY session_id LIMIT 1",
            &[&inès, &three_years_ago],
        )
        .await;
        // Her brother left last year: his retention period is not over.
        let brother = one(
            &app,
            "SELECT id FROM children WHERE first_name = 'Sami' AND last_name = 'Benali'",
        )
        .await;
        exec(
            &app,
            "UPDATE children SET status = 'sorti', left_on = $2, last_contact_on = $2 WHERE id = $1",
            &[&brother, &last_year],
        )
        .await;
        let facts = report_facts(&app, &inès).await;
        assert!(facts.len() > 5, "the demo gives her a history: {facts:?}");
        let untouched = others(&app, &inès, &youssef).await;

        let done = anonymise_departed(&app.db, today, app::state::now())
            .await
            .unwrap();
        assert_eq!(
            done,
            Anonymised {
                children: 1,
                guardians: 1
            }
        );

        for needle in [
            "Zéphyrine",
            "orthophonique",
            "Quimperlé",
            "Gwenaëlle",
            "Philibert",
            "Youssef",
            "07 98 76 54 32",
            "parent2@demo.test",
            "lit avec peine",
            "progresse",
            "dix minutes",
            "Quéméneur",
        ] {
            assert_eq!(
                found_anywhere(&app, needle).await,
                Vec::<String>::new(),
                "{needle}"
            );
        }
        let row = sqlx::query(
            "SELECT first_name, last_name, birth_date, anonymised_at FROM children WHERE id = $1",
        )
        .bind(&inès)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            row.get::<String, _>("first_name"),
            app::db::privacy::ANONYMOUS_CHILD
        );
        assert_eq!(row.get::<String, _>("last_name"), "");
        assert_eq!(row.get::<Option<String>, _>("birth_date"), None);
        assert!(row.get::<Option<String>, _>("anonymised_at").is_some());
        // The report's figures are the same, the other children and
        // families too (her mother, her brother who left last year).
        assert_eq!(report_facts(&app, &inès).await, facts);
        assert_eq!(others(&app, &inès, &youssef).await, untouched);

        // Her father's login is gone: his session no longer works and his
        // password no longer opens anything. Her mother still logs in.
        let who = app.call("auth/whoami", Some(&parent2), &[]).await;
        assert_eq!(
            (who.status, who.body.trim()),
            (StatusCode::OK, "null"),
            "signed out"
        );
        let login = app
            .call(
                "auth/login",
                None,
                &[
                    ("email", "parent2@demo.test"),
                    ("password", app::db::demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_ne!(login.status, StatusCode::OK, "{}", login.body);
        assert!(login.session_cookie().is_none());
        app.login("parent@demo.test").await;

        // A second run finds nothing more to do.
        let again = anonymise_departed(&app.db, today, app::state::now())
            .await
            .unwrap();
        assert_eq!(again, Anonymised::default());
        // Her brother's turn comes once his period is over.
        let later = anonymise_departed(&app.db, today + Duration::days(366), app::state::now())
            .await
            .unwrap();
        assert_eq!(later.children, 1);
        assert_eq!(later.guardians, 1, "their mother has no current child left");
    }
);

on_both!(
    a_child_referred_who_never_joined_is_not_kept_past_the_retention_period,
    |app: common::TestApp| async move {
        let today = app::state::today();
        let three_years_ago = (today - chrono::Duration::days(3 * 365)).to_string();
        // Two children referred who never joined, on a waiting list: one
        // last heard of three years ago, one this month.
        let old = one(&app, "SELECT id FROM children WHERE first_name = 'Inès'").await;
        let recent = one(&app, "SELECT id FROM children WHERE first_name = 'Lucas'").await;
        exec(
            &app,
            "UPDATE children SET status = 'oriente', first_name = 'Zélie', left_on = NULL,
                last_contact_on = $2 WHERE id = $1",
            &[&old, &three_years_ago],
        )
        .await;
        exec(
            &app,
            "UPDATE children SET status = 'oriente', first_name = 'Octave', last_contact_on = $2 WHERE id = $1",
            &[&recent, &today.to_string()],
        )
        .await;
        let done = anonymise_departed(&app.db, today, app::state::now())
            .await
            .unwrap();
        assert_eq!(done.children, 1);
        assert_eq!(found_anywhere(&app, "Zélie").await, Vec::<String>::new());
        assert!(!found_anywhere(&app, "Octave").await.is_empty());
    }
);
