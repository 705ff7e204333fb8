//! When each notice is due, on the organisations' clocks, and queuing it:
//!
//! - from 19 h, the guardians' alerts of the day (every pass until midnight
//!   catches the marks made late; each alert is queued once, by its key);
//! - from 18 h, the coordinators' digest of yesterday 18 h to today 18 h,
//!   claimed once for the day across instances (`db::jobs`);
//! - on Mondays from 8 h, last week's registers not taken or not closed,
//!   claimed once for the week.
//!
//! Each runs in one write with its mails: a crash queues none, and the next
//! pass does it again.

use super::{letters, store};
use crate::db::{jobs, timestamp, Author, Db, Work};
use crate::domain::local_time;
use crate::i18n::Locale;
use crate::mail::outbox::{self, NewMail, Queued};
use crate::mail::MailKind;
use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc, Weekday};

/// The hour the guardians' alerts start.
pub const ALERT_HOUR: u32 = 19;
/// The hour the digest is sent, and the end of the day it covers.
pub const DIGEST_HOUR: u32 = 18;
/// The hour the Monday list is sent.
pub const WEEKLY_HOUR: u32 = 8;

/// What a pass queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ran {
    pub alerts: usize,
    pub digests: usize,
    pub weekly: usize,
}

fn queued(q: Queued) -> usize {
    usize::from(q == Queued::Queued)
}

/// Queues what is due at `at`, with links under `base`.
pub async fn run_due(db: &Db, base: &str, at: DateTime<Utc>) -> Result<Ran, sqlx::Error> {
    let local = local_time::local(at);
    let today = local.date();
    let mut ran = Ran::default();
    if local.hour() >= ALERT_HOUR {
        ran.alerts = alerts(db, base, at).await?;
    }
    if local.hour() >= DIGEST_HOUR {
        ran.digests = digests(db, base, at).await?;
    }
    if today.weekday() == Weekday::Mon && local.hour() >= WEEKLY_HOUR {
        ran.weekly = weekly(db, base, at).await?;
    }
    Ok(ran)
}

async fn alerts(db: &Db, base: &str, at: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let day = local_time::local_date(at);
    let mut work = Work::begin(db, Author::default(), at).await?;
    let stamp = work.at().to_string();
    let mut count = 0;
    for a in store::absences_without_notice(&mut work, day).await? {
        let l = Locale::from_code(&a.guardian.locale);
        let letter = letters::absence_alert(
            l,
            &a.guardian.name,
            &a.child_first_name,
            &a.group_name,
            &a.starts_at,
            &a.organisation_name,
            &format!("{base}/enfants/{}", a.child),
        );
        let mail = NewMail {
            organisation: Some(&a.organisation),
            user: Some(&a.guardian.user),
            recipient: &a.guardian.email,
            locale: l,
            kind: MailKind::AbsenceAlert,
            letter: &letter,
            dedupe_key: format!("absence:{}:{}:{}", a.session, a.child, a.guardian.user.0),
        };
        count += queued(outbox::queue(&mut work, &mail, base, &stamp).await?);
    }
    work.commit().await?;
    Ok(count)
}

async fn digests(db: &Db, base: &str, at: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let day = local_time::local_date(at);
    let six = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or_default();
    let to = timestamp(local_time::utc(day.and_time(six)));
    let from = timestamp(local_time::utc((day - Duration::days(1)).and_time(six)));
    let mut work = Work::begin(db, Author::default(), at).await?;
    let stamp = work.at().to_string();
    if !jobs::claim(&mut work, "digest", &day.to_string(), &stamp).await? {
        return Ok(0);
    }
    let mut count = 0;
    for org in store::coordinators(&mut work).await? {
        let events = store::day_events(&mut work, &org.organisation, &from, &to).await?;
        if events.is_empty() {
            continue;
        }
        let letter = |l, name: &str| {
            letters::daily_digest(
                l,
                name,
                day,
                &events,
                &org.name,
                &format!("{base}/planning"),
            )
        };
        let job = CoordinatorsMail {
            kind: MailKind::DailyDigest,
            key: &format!("digest:{day}"),
            base,
            stamp: &stamp,
        };
        count += job.queue(&mut work, &org, letter).await?;
    }
    let said = format!("{count} mail(s)");
    jobs::finish(&mut work, "digest", &day.to_string(), &stamp, &said).await?;
    work.commit().await?;
    Ok(count)
}

async fn weekly(db: &Db, base: &str, at: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let monday = local_time::local_date(at);
    let (from, to) = (monday - Duration::days(7), monday - Duration::days(1));
    let mut work = Work::begin(db, Author::default(), at).await?;
    let stamp = work.at().to_string();
    if !jobs::claim(&mut work, "weekly_registers", &monday.to_string(), &stamp).await? {
        return Ok(0);
    }
    let mut count = 0;
    for org in store::coordinators(&mut work).await? {
        let open = store::open_registers(&mut work, &org.organisation, from, to).await?;
        if open.is_empty() {
            continue;
        }
        let letter = |l, name: &str| {
            letters::weekly_registers(l, name, &open, &org.name, &format!("{base}/planning"))
        };
        let job = CoordinatorsMail {
            kind: MailKind::WeeklyRegisters,
            key: &format!("weekly:{monday}"),
            base,
            stamp: &stamp,
        };
        count += job.queue(&mut work, &org, letter).await?;
    }
    let said = format!("{count} mail(s)");
    jobs::finish(
        &mut work,
        "weekly_registers",
        &monday.to_string(),
        &stamp,
        &said,
    )
    .await?;
    work.commit().await?;
    Ok(count)
}

/// A mail of a job to the coordinators of an organisation: its kind, the
/// period in its dedupe key (`digest:2026-12-06`), the site's address.
struct CoordinatorsMail<'a> {
    kind: MailKind,
    key: &'a str,
    base: &'a str,
    stamp: &'a str,
}

impl CoordinatorsMail<'_> {
    /// Queues the letter `letter(language, name)` to each coordinator of
    /// `org`: how many were queued.
    async fn queue(
        &self,
        work: &mut Work,
        org: &store::Coordinated,
        letter: impl Fn(Locale, &str) -> crate::mail::letter::Letter,
    ) -> Result<usize, sqlx::Error> {
        let mut count = 0;
        for coordinator in &org.coordinators {
            let l = Locale::from_code(&coordinator.locale);
            let letter = letter(l, &coordinator.name);
            let mail = NewMail {
                organisation: Some(&org.organisation),
                user: Some(&coordinator.user),
                recipient: &coordinator.email,
                locale: l,
                kind: self.kind,
                letter: &letter,
                dedupe_key: format!("{}:{}:{}", self.key, org.organisation.0, coordinator.user.0),
            };
            count += queued(outbox::queue(work, &mail, self.base, self.stamp).await?);
        }
        Ok(count)
    }
}

/// Runs `run_due` every five minutes until the process ends.
pub fn spawn(db: Db, base: String) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5 * 60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match run_due(&db, &base, crate::state::now()).await {
                Ok(ran) if ran != Ran::default() => tracing::info!(?ran, "notices queued"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "notices"),
            }
        }
    });
}
