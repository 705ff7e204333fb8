//! `passerelle`: the server binary.
//!
//! ```text
//! passerelle            serve (DATABASE_URL, or the SQLite file passerelle.db)
//! passerelle demo       seed the demo if this database has none, print the demo accounts, serve
//! passerelle seed-demo  seed the demo if needed and exit
//! passerelle migrate    create or migrate the database and exit
//! passerelle anonymise  anonymise the children whose retention period is over and exit
//! passerelle generate [N]  write the national-scale dataset (1/N of it) into an empty database
//! passerelle report-timing time one organisation's report and one territory's (generated data)
//! ```
//!
//! The server runs the anonymisation itself at start and then every day.

use app::db::{demo, privacy, url_from_setting, Connections, Db};
use app::state::{ServerState, TrustedProxies};
use server::{leptos_options, router, Server};
use std::process::ExitCode;

mod scale;

/// Why: argon2id allocates 19 MiB per login. glibc then raises its mmap
/// threshold and keeps each freed block in its heaps, so a burst of twenty
/// logins left 170 MB resident; a fixed threshold returns them at once
/// (measured: 18 MB after the same burst).
fn return_large_allocations_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator settings; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() -> ExitCode {
    return_large_allocations_to_the_system();
    match server::runtime() {
        Ok(runtime) => runtime.block_on(start()),
        Err(e) => {
            eprintln!("passerelle: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn start() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match run(&command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("passerelle: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: &str) -> Result<(), String> {
    if !matches!(
        command,
        "serve" | "demo" | "seed-demo" | "migrate" | "anonymise" | "generate" | "report-timing"
    ) {
        return Err(format!(
            "unknown command {command:?} (serve, demo, seed-demo, migrate, anonymise, generate, report-timing)"
        ));
    }
    let url = url_from_setting(std::env::var("DATABASE_URL").ok().as_deref());
    let db = Db::connect_with(&url, Connections::from_env())
        .await
        .map_err(|e| format!("database {}: {e}", redact(&url)))?;
    tracing::info!(database = %redact(&url), "database ready");
    match command {
        "migrate" => return Ok(()),
        "anonymise" => return anonymise(&db).await,
        "generate" => return scale::generate(&db).await,
        "report-timing" => return scale::report_timing(&db).await,
        "demo" | "seed-demo" => seed_demo(&db).await?,
        _ => {}
    }
    if command == "seed-demo" {
        return Ok(());
    }
    serve(db, command == "demo").await
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}

async fn seed_demo(db: &Db) -> Result<(), String> {
    if demo::is_seeded(db).await.map_err(|e| e.to_string())? {
        println!("La démo est déjà en place dans cette base.");
    } else {
        let hash = app::auth::server::hash_password(demo::DEMO_PASSWORD.to_string())
            .await
            .map_err(|e| format!("{e:?}"))?;
        let seeded = demo::seed(db, app::state::today(), &hash)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "Démo créée ({} séance(s) aujourd'hui pour l'accompagnateur).",
            seeded.today_sessions
        );
    }
    println!(
        "Comptes de démonstration (mot de passe « {} ») :",
        demo::DEMO_PASSWORD
    );
    for (email, role) in demo::DEMO_ACCOUNTS {
        println!("  {email:<38} {}", role.as_str());
    }
    Ok(())
}

/// One run of the privacy job (`app::db::privacy`).
async fn anonymise(db: &Db) -> Result<(), String> {
    let done = privacy::anonymise_departed(db, app::state::today(), app::state::now())
        .await
        .map_err(|e| format!("anonymisation: {e}"))?;
    if done.children > 0 {
        tracing::info!(
            children = done.children,
            guardians = done.guardians,
            "anonymised the children whose retention period is over"
        );
    }
    let (sessions, throttle) = app::auth::server::purge_ended(db, app::state::now())
        .await
        .map_err(|e| format!("purge: {e}"))?;
    tracing::info!(
        sessions,
        throttle,
        "purged ended sessions and old throttle rows"
    );
    Ok(())
}

/// The privacy job, at start and then once a day. Several instances may
/// run it at once: each child is done once (`anonymise_departed`).
fn spawn_daily_jobs(db: Db) {
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
        loop {
            every_day.tick().await;
            if let Err(message) = anonymise(&db).await {
                tracing::error!("{message}");
            }
        }
    });
}

async fn serve(db: Db, demo: bool) -> Result<(), String> {
    spawn_daily_jobs(db.clone());
    let leptos_options = leptos_options()?;
    let addr = leptos_options.site_addr;
    let https = std::env::var("PASSERELLE_HTTPS").is_ok_and(|v| v == "1" || v == "true");
    let proxies =
        TrustedProxies::parse(&std::env::var("PASSERELLE_TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|e| format!("PASSERELLE_TRUSTED_PROXIES: {e}"))?;
    let accounts = app::state::AccountSettings::from_env(demo)?;
    if !accounts.second_factor_required {
        println!(
            "Double authentification facultative (PASSERELLE_SECOND_FACTOR=required pour l'exiger des coordinations et de l'administration)."
        );
    }
    let app = router(Server {
        leptos_options,
        state: ServerState {
            db,
            https,
            proxies,
            accounts,
        },
    });
    let limits = server::serve::Limits::from_env()?;
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("bind {addr}: {e}"))?;
    println!("Passerelle écoute sur http://{addr}");
    server::serve::serve(
        listener,
        app.layer(server::request_timeout(limits)),
        limits,
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    )
    .await;
    Ok(())
}
