//! `passerelle`: the server binary.
//!
//! ```text
//! passerelle            serve (DATABASE_URL, or the SQLite file passerelle.db)
//! passerelle demo       seed the demo if this database has none, print the demo accounts, serve
//! passerelle seed-demo  seed the demo if needed and exit
//! passerelle migrate    create or migrate the database and exit
//! passerelle anonymise  anonymise the children whose retention period is over and exit
//! passerelle generate [N]  write the national-scale dataset (1/N of it) into an empty database
//! passerelle report-timing time one organisation's report and CAF dossier, and one territory's report (generated data)
//! passerelle backup FILE [--recipient age1…]   copy the database (while it serves), encrypted if asked
//! passerelle restore FILE [--identity KEYFILE] restore a backup into the empty DATABASE_URL
//! passerelle backup-key FILE                   write a new backup key to FILE, print its recipient
//! passerelle create-admin EMAIL NAME           an admin account; prints the link to choose its password
//! passerelle create-structure NAME DEPT DEPT_NAME EMAIL COORDINATOR
//!                                              a structure and its first coordinator (same link)
//! ```
//!
//! The server runs the anonymisation itself at start and then every day,
//! sends the outbox's mails, queues the notices, and makes a daily backup
//! when `PASSERELLE_BACKUP_DIR` is set.

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
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    // JSON lines for a log collector, each with its request's span (and
    // so its request id); else lines for people.
    if std::env::var("PASSERELLE_LOG_FORMAT").is_ok_and(|f| f == "json") {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().cloned().unwrap_or_else(|| "serve".into());
    let result = match command.as_str() {
        "restore" => restore(&args[1..]).await,
        "backup-key" => backup_key(&args[1..]),
        _ => run(&command, &args[1..]).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("passerelle: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in `args`, and the first other argument.
fn option_and_file<'a>(args: &'a [String], name: &str) -> (Option<&'a str>, Option<&'a str>) {
    let mut option = None;
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == name {
            option = args.get(i + 1).map(String::as_str);
            i += 2;
        } else {
            file = file.or(Some(args[i].as_str()));
            i += 1;
        }
    }
    (option, file)
}

fn database_url() -> String {
    url_from_setting(std::env::var("DATABASE_URL").ok().as_deref())
}

/// `passerelle restore FILE [--identity KEYFILE]`: into an empty database
/// only (it is not connected to first: connecting would create it).
async fn restore(args: &[String]) -> Result<(), String> {
    let (identity, file) = option_and_file(args, "--identity");
    let file = file.ok_or("usage: passerelle restore FILE [--identity KEYFILE]")?;
    let identity = identity
        .map(str::to_string)
        .or_else(|| std::env::var("PASSERELLE_BACKUP_IDENTITY").ok())
        .map(|f| server::backup::identity(std::path::Path::new(&f)))
        .transpose()?;
    let url = database_url();
    server::backup::restore(&url, std::path::Path::new(file), identity.as_ref()).await?;
    println!("Sauvegarde restaurée dans {} et vérifiée.", redact(&url));
    Ok(())
}

/// `passerelle backup-key FILE`: a new key pair; the secret key goes to
/// FILE (readable by its owner only), the recipient is printed.
fn backup_key(args: &[String]) -> Result<(), String> {
    let file = args.first().ok_or("usage: passerelle backup-key FILE")?;
    let (text, recipient) = server::backup::new_key();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    options
        .open(file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("{file}: {e}"))?;
    println!("Clé secrète écrite dans {file} : gardez-en une copie hors du serveur.");
    println!("Destinataire (PASSERELLE_BACKUP_RECIPIENT) : {recipient}");
    Ok(())
}

async fn run(command: &str, args: &[String]) -> Result<(), String> {
    if !matches!(
        command,
        "serve"
            | "demo"
            | "seed-demo"
            | "migrate"
            | "anonymise"
            | "generate"
            | "report-timing"
            | "backup"
            | "create-admin"
            | "create-structure"
    ) {
        return Err(format!(
            "unknown command {command:?} (serve, demo, seed-demo, migrate, anonymise, generate, report-timing, backup, restore, backup-key, create-admin, create-structure)"
        ));
    }
    let url = database_url();
    let db = Db::connect_with(&url, Connections::from_env())
        .await
        .map_err(|e| format!("database {}: {e}", redact(&url)))?;
    tracing::info!(database = %redact(&url), "database ready");
    match command {
        "migrate" => return Ok(()),
        "anonymise" => return anonymise(&db).await,
        "generate" => return scale::generate(&db).await,
        "report-timing" => return scale::report_timing(&db).await,
        "backup" => return backup(&db, &url, args).await,
        "create-admin" | "create-structure" => return setup(&db, command, args).await,
        "demo" | "seed-demo" => seed_demo(&db).await?,
        _ => {}
    }
    if command == "seed-demo" {
        return Ok(());
    }
    serve(db, url, command == "demo").await
}

/// `create-admin EMAIL NAME` and `create-structure NAME DEPT DEPT_NAME
/// EMAIL COORDINATOR`: prints the link that lets the account's owner
/// choose a password (mailed too once SMTP is set and the server runs).
async fn setup(db: &Db, command: &str, args: &[String]) -> Result<(), String> {
    let base = app::mail::settings::MailSettings::from_env()?.base_url();
    let now = app::state::now();
    let explain = |e: app::error::AppError| app::i18n::error_message(&e, app::i18n::Locale::Fr);
    let link = match (command, args) {
        ("create-admin", [email, name]) => {
            app::admin::setup::create_admin(db, email, name, &base, now).await
        }
        ("create-structure", [name, code, territory, email, coordinator]) => {
            app::admin::setup::create_structure(
                db,
                name,
                code,
                territory,
                email,
                coordinator,
                &base,
                now,
            )
            .await
        }
        ("create-admin", _) => return Err("usage: passerelle create-admin EMAIL NAME".into()),
        _ => {
            return Err(
                "usage: passerelle create-structure NAME DEPT DEPT_NAME EMAIL COORDINATOR".into(),
            )
        }
    }
    .map_err(explain)?;
    println!(
        "Compte créé. Lien pour choisir le mot de passe (valable {} jours) :",
        app::admin::setup::FIRST_ACCESS_DAYS
    );
    println!("  {link}");
    Ok(())
}

/// `passerelle backup FILE [--recipient age1…]`.
async fn backup(db: &Db, url: &str, args: &[String]) -> Result<(), String> {
    let (recipient, file) = option_and_file(args, "--recipient");
    let file = file.ok_or("usage: passerelle backup FILE [--recipient age1…]")?;
    let recipient = recipient
        .map(str::to_string)
        .or_else(|| {
            std::env::var("PASSERELLE_BACKUP_RECIPIENT")
                .ok()
                .filter(|r| !r.is_empty())
        })
        .map(|r| server::backup::recipient(&r))
        .transpose()?;
    let written =
        server::backup::backup(db, url, std::path::Path::new(file), recipient.as_ref()).await?;
    app::db::backups::record(
        db,
        file,
        written.bytes,
        written.encrypted,
        &app::db::timestamp(app::state::now()),
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Sauvegarde écrite dans {file} ({} octets{}).",
        written.bytes,
        if written.encrypted { ", chiffrée" } else { "" }
    );
    Ok(())
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
    let now = app::state::now();
    let mails = app::mail::outbox::purge(db, now)
        .await
        .map_err(|e| format!("purge: {e}"))?;
    let resets =
        app::auth::store::resets::purge(db, &app::db::timestamp(now - chrono::Duration::days(1)))
            .await
            .map_err(|e| format!("purge: {e}"))?;
    let runs = app::db::jobs::purge(db, &app::db::timestamp(now - chrono::Duration::days(400)))
        .await
        .map_err(|e| format!("purge: {e}"))?;
    let year_start = app::messages::store::year_start(app::state::today());
    let messages = privacy::purge_past_messages(db, &year_start)
        .await
        .map_err(|e| format!("purge: {e}"))?;
    tracing::info!(
        sessions,
        throttle,
        mails,
        resets,
        runs,
        messages,
        "purged ended sessions, old throttle rows, old mails, reset links, job runs and past years' messages"
    );
    Ok(())
}

/// The privacy job and the purges, once a day across instances: every
/// hour, the instance that claims the day's run does it (`db::jobs`).
fn spawn_daily_jobs(db: Db) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            let now = app::state::now();
            let day = app::domain::local_time::local_date(now).to_string();
            let claimed = match db.pool.acquire().await {
                Ok(mut conn) => {
                    app::db::jobs::claim(&mut conn, "privacy", &day, &app::db::timestamp(now)).await
                }
                Err(e) => Err(e),
            };
            match claimed {
                Ok(true) => {
                    if let Err(message) = anonymise(&db).await {
                        tracing::error!("{message}");
                    }
                }
                Ok(false) => {}
                Err(e) => tracing::error!(error = %e, "privacy job"),
            }
        }
    });
}

async fn serve(db: Db, url: String, demo: bool) -> Result<(), String> {
    spawn_daily_jobs(db.clone());
    let mail = app::mail::settings::MailSettings::from_env()?;
    if mail.smtp_url.is_none() {
        println!("Pas de serveur SMTP (PASSERELLE_SMTP_URL) : les courriels sont écrits dans le journal, pas envoyés.");
    }
    app::mail::worker::Worker::new(db.clone(), mail.clone())?.spawn();
    app::notices::jobs::spawn(db.clone(), mail.base_url());
    if let Some(daily) = server::backup::DailyBackups::from_env()? {
        println!("Sauvegarde quotidienne dans {}.", daily.dir.display());
        server::backup::spawn_daily(db.clone(), url, daily);
    }
    let ops = server::ops::OpsSettings::from_env()?;
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
            mail,
        },
        ops,
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
