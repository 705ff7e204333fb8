//! `passerelle generate` and `passerelle report-timing`: the national-scale
//! dataset (`app::db::generate`) and the report's and the CAF dossier's
//! timings on it.

use app::db::{generate, Db};
use std::time::{Duration, Instant};

pub async fn generate(db: &Db) -> Result<(), String> {
    let divisor: u32 = match std::env::args().nth(2) {
        Some(n) => n.parse().map_err(|_| format!("not a divisor: {n:?}"))?,
        None => 1,
    };
    let scale = generate::Scale::divided(divisor);
    println!("Génération : {scale:?}");
    let started = Instant::now();
    let done = generate::generate(db, scale, app::state::today(), |n| {
        if n % 100 == 0 || n == scale.organisations {
            println!(
                "  {n} structures ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    })
    .await
    .map_err(|e| format!("generate: {e}"))?;
    let written = started.elapsed();
    generate::analyse(db).await.map_err(|e| e.to_string())?;
    let bytes = generate::database_bytes(db)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Écrit en {:.0} s (+ ANALYZE : {:.0} s) : {} structures, {} groupes, {} enfants, {} séances, {} présences. Base : {:.0} Mo.",
        written.as_secs_f64(),
        (started.elapsed() - written).as_secs_f64(),
        done.organisations,
        done.groups,
        done.children,
        done.sessions,
        done.attendance,
        bytes as f64 / 1e6
    );
    Ok(())
}

/// The best and the median of `runs` timings.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "médiane {:.1} ms, meilleure {:.1} ms ({} essais)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times.len()
    )
}

pub async fn report_timing(db: &Db) -> Result<(), String> {
    use app::reports::api::server::{organisation_report, territory_report};
    let label: String = sqlx::query_scalar("SELECT label FROM school_years WHERE id = 'o00000-y'")
        .fetch_one(&db.pool)
        .await
        .map_err(|e| format!("no generated data ({e}): run `passerelle generate` first"))?;
    let org = app::domain::OrganisationId("o00000".into());
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let r = organisation_report(db, &org, Some(&label))
            .await
            .map_err(|e| format!("{e:?}"))?;
        times.push(t.elapsed());
        if r.report.sessions_held == 0 {
            return Err("the generated organisation has no session held".into());
        }
    }
    println!("Bilan d'une structure : {}", summary(times));
    // The CAF dossier of the same structure: read, laid out, written as a
    // PDF and as a workbook, as a download does.
    let mut times = Vec::new();
    let mut sizes = (0, 0);
    for _ in 0..7 {
        let t = Instant::now();
        let (view, report) =
            app::reports::dossier::api::server::dossier(db, &org, Some(&label), true)
                .await
                .map_err(|e| format!("{e:?}"))?;
        let doc = app::reports::dossier::document::document(&view, &report);
        let pdf = app::reports::dossier::pdf::pdf(&doc);
        let xlsx = app::reports::dossier::sheet::xlsx(&doc).map_err(|e| e.to_string())?;
        times.push(t.elapsed());
        sizes = (pdf.len(), xlsx.len());
    }
    println!(
        "Dossier CAF d'une structure (PDF de {} Ko et tableur de {} Ko) : {}",
        sizes.0 / 1024,
        sizes.1 / 1024,
        summary(times)
    );
    let mut times = Vec::new();
    let mut organisations = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let r = territory_report(db, "G000", Some(&label))
            .await
            .map_err(|e| format!("{e:?}"))?;
        times.push(t.elapsed());
        organisations = r.organisations.len();
    }
    println!(
        "Bilan d'un territoire ({organisations} structures) : {}",
        summary(times)
    );
    Ok(())
}
