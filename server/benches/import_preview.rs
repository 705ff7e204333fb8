//! The children's import at a thousand lines: the preview's work (the file
//! read, the structure's children read, every line checked and matched)
//! on a file of new children, then on the same file once imported (every
//! line matched with a child already here), and the commit in between.
//!
//! cargo bench -p server --bench import_preview
//! (PostgreSQL too when TEST_DATABASE_URL is set; LINES changes the size.)

#[path = "support.rs"]
mod support;

use app::db::{demo, new_id, Db};
use app::records::import::{plan, sheet, store};
use std::time::Instant;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A file of `lines` children, fourteen to a group.
fn file(lines: usize) -> String {
    let mut text = String::from(
        "Prénom;Nom;Date de naissance;Sexe;Classe;Groupe;Orienté par;Date d'orientation;Besoin;Responsable 1 prénom;Responsable 1 nom;Responsable 1 téléphone;Responsable 1 courriel;Accord donné par;Date de l'accord;Forme de l'accord\n",
    );
    for i in 0..lines {
        text.push_str(&format!(
            "Enfant{i};Banc-{i};{:02}/04/2017;{};CE2;Banc {};enseignant;15/09/2026;Lecture;Parent{i};Banc-{i};06 12 34 {:02} {:02};parent{i}@exemple.fr;1;20/09/2026;papier\n",
            1 + i % 28,
            if i % 2 == 0 { "F" } else { "M" },
            i / 14,
            i % 100,
            (i / 100) % 100,
        ));
    }
    text
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[times.len() / 2]
}

async fn run(label: &str, url: &str) {
    let lines = setting("LINES", 1000);
    let db = Db::connect_with(url, app::db::Connections::from_env())
        .await
        .expect("connect");
    let hash = app::auth::server::hash_password(demo::DEMO_PASSWORD.into())
        .await
        .unwrap();
    let today = app::state::today();
    demo::seed(&db, today, &hash).await.unwrap();
    let (org, year): (String, String) = sqlx::query_as(
        "SELECT o.id, y.id FROM organisations o JOIN school_years y ON y.organisation_id = o.id
         JOIN users u ON u.organisation_id = o.id WHERE u.email = 'coordination@demo.test'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    for g in 0..lines.div_ceil(14) {
        sqlx::query(
            "INSERT INTO groups (id, organisation_id, school_year_id, name) VALUES ($1, $2, $3, $4)",
        )
        .bind(new_id())
        .bind(&org)
        .bind(&year)
        .bind(format!("Banc {g}"))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let (org, year) = (
        app::domain::OrganisationId(org),
        app::domain::SchoolYearId(year),
    );
    let bytes = file(lines).into_bytes();
    let preview = || async {
        let started = Instant::now();
        let read = sheet::read(&bytes).unwrap();
        let mut conn = db.pool.acquire().await.unwrap();
        let cx = store::context(&mut conn, &org, &year, today).await.unwrap();
        let (preview, actions) = plan::plan(&read, &cx).unwrap();
        (started.elapsed().as_secs_f64() * 1000.0, preview, actions)
    };

    let mut times = Vec::new();
    let mut planned = None;
    for _ in 0..5 {
        let (ms, preview, actions) = preview().await;
        times.push(ms);
        planned = Some((preview, actions));
    }
    let (first, actions) = planned.unwrap();
    assert_eq!(first.counts(), (lines, 0, 0, 0), "every line is new");
    println!(
        "{label}: preview of {lines} new children ({} KB of CSV): median {:.0} ms (5 runs)",
        bytes.len() / 1024,
        median(times)
    );

    let started = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    let now = app::db::timestamp(chrono::Utc::now());
    for action in &actions {
        store::apply(&mut tx, &org, action, &today.to_string(), &now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "{label}: commit of {lines} children: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut times = Vec::new();
    for _ in 0..5 {
        let (ms, preview, _) = preview().await;
        assert_eq!(preview.counts(), (0, 0, lines, 0), "every line is here");
        times.push(ms);
    }
    println!(
        "{label}: preview of the same {lines} lines once imported: median {:.0} ms (5 runs)",
        median(times)
    );
}

fn main() {
    support::each_database(
        "import.db",
        |label, url| async move { run(label, &url).await },
    );
}
