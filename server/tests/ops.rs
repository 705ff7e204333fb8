//! What an operator watches (issue 21): `/healthz`, `/readyz` (database,
//! migrations, outbox), `/metrics` behind its token, and the request id of
//! every answer. Both databases.

use crate::common;

use http::{Method, Request, StatusCode};

async fn get(app: &common::TestApp, path: &str, auth: Option<&str>) -> common::Answer {
    let mut req = Request::builder().method(Method::GET).uri(path);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    app.send(req.body(axum::body::Body::empty()).unwrap()).await
}

on_both!(health_and_readiness, |app: common::TestApp| async move {
    let health = get(&app, "/healthz", None).await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    let ready = get(&app, "/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    let found = ready.json();
    assert_eq!(found["database"], true);
    assert_eq!(found["migrations_current"], true);
    assert_eq!(found["mails_overdue"], 0);
    // A mail stuck in the queue for an hour: not ready, and why.
    let old = app::db::timestamp(chrono::Utc::now() - chrono::Duration::hours(1));
    sqlx::query(
        "INSERT INTO outbox (id, recipient, locale, kind, subject, text_body, html_body,
                 dedupe_key, state, attempts, next_attempt_at, created_at)
             VALUES ('x', 'a@b.test', 'fr', 'invitation', 's', 't', 'h', 'k', 'queued', 0, $1, $1)",
    )
    .bind(&old)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let stuck = get(&app, "/readyz", None).await;
    assert_eq!(stuck.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(stuck.json()["mails_overdue"], 1);
    // Migrations behind the binary: not ready either.
    sqlx::query("DELETE FROM outbox")
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let behind = get(&app, "/readyz", None).await;
    assert_eq!(behind.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(behind.json()["migrations_current"], false);
});

on_both!(
    metrics_need_their_token_and_count_requests_syncs_and_mails,
    |app: common::TestApp| async move {
        assert_eq!(
            get(&app, "/metrics", None).await.status,
            StatusCode::UNAUTHORIZED
        );
        let wrong = get(&app, "/metrics", Some("Bearer pas-le-bon-jeton-du-tout")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        // Some traffic: a page, a server function, a sync.
        let cookie = app.login("accompagnateur@demo.test").await;
        app.request(Method::GET, "/aujourdhui", Some(&cookie), None)
            .await;
        let today = app
            .call("attendance/today", Some(&cookie), &[])
            .await
            .json();
        let sheet = &today["sheets"][0];
        let entry = serde_json::json!({
            "kind": "mark", "id": app::db::new_id(),
            "session": sheet["session"], "child": sheet["children"][0]["id"],
            "status": "Present", "arrived_at": null, "departure": null, "base": null,
            "device": "tablette-metrics",
            "made_at": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        });
        let sync = app
            .call_json(
                "attendance/sync",
                Some(&cookie),
                &serde_json::json!({ "entries": [entry] }),
            )
            .await;
        assert_eq!(sync.status, StatusCode::OK, "{}", sync.body);
        let auth = format!("Bearer {}", common::METRICS_TOKEN);
        let m = get(&app, "/metrics", Some(&auth)).await;
        assert_eq!(m.status, StatusCode::OK);
        assert!(m.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        for needle in [
            "passerelle_http_requests_total{route=\"/api/auth/login\",status=\"200\"}",
            "route=\"/aujourdhui\"",
            "passerelle_http_request_duration_seconds_bucket{route=\"/api/attendance/sync\",le=\"0.1\"}",
            "passerelle_sync_entries_total{outcome=\"applied\"}",
            "passerelle_outbox_mails{state=\"queued\"}",
            "passerelle_db_connections{pool=\"readers\",state=\"open\"}",
        ] {
            assert!(m.body.contains(needle), "{needle} missing from:\n{}", m.body);
        }
        // An address nobody routes is `other`, never the path itself.
        get(&app, "/n-importe-quoi-123", None).await;
        let m = get(&app, "/metrics", Some(&auth)).await;
        assert!(!m.body.contains("n-importe-quoi"));
    }
);

on_both!(
    every_answer_carries_a_request_id,
    |app: common::TestApp| async move {
        let a = get(&app, "/healthz", None).await;
        let id = a.headers["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let b = get(&app, "/healthz", None).await;
        assert_ne!(b.headers["x-request-id"].to_str().unwrap(), id);
        // A proxy's id is kept.
        let req = Request::builder()
            .uri("/connexion")
            .header("x-request-id", "proxy-1234")
            .body(axum::body::Body::empty())
            .unwrap();
        let c = app.send(req).await;
        assert_eq!(c.headers["x-request-id"], "proxy-1234");
    }
);
