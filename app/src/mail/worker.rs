//! The background sender: every `poll`, it marks the mails whose sender
//! stopped as interrupted, then sends those due, each claimed first (one
//! instance sends it). Without an SMTP server it writes them to the log.

use super::outbox::{self, Outcome, Outgoing};
use super::settings::{MailSettings, MAX_ATTEMPTS};
use crate::db::Db;
use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub logged: usize,
    pub retried: usize,
    pub failed: usize,
    pub interrupted: usize,
}

/// The sender, with its transport.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    settings: MailSettings,
    from: Mailbox,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Worker {
    pub fn new(db: Db, settings: MailSettings) -> Result<Worker, String> {
        let from = settings
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("PASSERELLE_MAIL_FROM: {e}"))?;
        let transport = match &settings.smtp_url {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("PASSERELLE_SMTP_URL: {e}"))?
                    .timeout(Some(settings.timeout))
                    .build(),
            ),
        };
        Ok(Worker {
            db,
            settings,
            from,
            transport,
        })
    }

    /// One pass at `at`: recover, then send what is due (a batch).
    pub async fn run_once(&self, at: DateTime<Utc>) -> Result<Pass, sqlx::Error> {
        let mut pass = Pass {
            interrupted: outbox::recover(&self.db, at).await? as usize,
            ..Pass::default()
        };
        let lease = chrono::Duration::from_std(self.settings.lease())
            .unwrap_or(chrono::Duration::minutes(5));
        for id in outbox::due(&self.db, at, 50).await? {
            let Some(mail) = outbox::claim(&self.db, &id, Utc::now() + lease).await? else {
                continue; // another instance took it
            };
            let outcome = self.attempt(&mail).await;
            match &outcome {
                Outcome::Sent => pass.sent += 1,
                Outcome::Logged => pass.logged += 1,
                Outcome::Retry(..) => pass.retried += 1,
                Outcome::Failed(_) => pass.failed += 1,
                Outcome::Interrupted(_) => pass.interrupted += 1,
            }
            metrics::counter!("passerelle_mails_total", "outcome" => outcome_label(&outcome))
                .increment(1);
            outbox::finish(&self.db, &mail.id, &outcome, Utc::now()).await?;
        }
        Ok(pass)
    }

    async fn attempt(&self, mail: &Outgoing) -> Outcome {
        let Some(transport) = &self.transport else {
            tracing::info!(
                to = %mail.recipient,
                subject = %mail.subject,
                "no SMTP server configured (PASSERELLE_SMTP_URL): this mail was not sent\n{}",
                mail.text_body
            );
            return Outcome::Logged;
        };
        let message = match self.message(mail) {
            Ok(m) => m,
            Err(e) => return Outcome::Failed(format!("message: {e}")),
        };
        let retry = |why: String| {
            if mail.attempts >= MAX_ATTEMPTS {
                Outcome::Failed(format!("{why} (after {MAX_ATTEMPTS} attempts)"))
            } else {
                let wait = chrono::Duration::from_std(self.settings.backoff(mail.attempts))
                    .unwrap_or(chrono::Duration::hours(1));
                Outcome::Retry(Utc::now() + wait, why)
            }
        };
        // Whether the server can be reached at all: until it can, nothing
        // was sent and the mail can safely wait for the next attempt.
        match transport.test_connection().await {
            Ok(true) => {}
            Ok(false) => return retry("the SMTP server did not answer".into()),
            Err(e) => return retry(format!("SMTP server unreachable: {e}")),
        }
        match transport.send(message).await {
            Ok(_) => Outcome::Sent,
            // 4xx: the server did not take it; try again.
            Err(e) if e.is_transient() => retry(format!("refused for now: {e}")),
            Err(e) if e.is_permanent() => Outcome::Failed(format!("refused: {e}")),
            // The conversation broke after it began: the mail may have
            // been taken. Never sent twice on its own.
            Err(e) => Outcome::Interrupted(format!("interrupted: {e}")),
        }
    }

    fn message(&self, mail: &Outgoing) -> Result<Message, String> {
        let to = mail
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| e.to_string())?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{}@passerelle>", mail.id)));
        if let Some(url) = &mail.stop_url {
            // RFC 2369 and RFC 8058: the mail client's own « unsubscribe »,
            // a POST to this address (a browser opening it gets the page).
            let url = url.replace("/courriels/arret/", "/courriels/desabonnement/");
            let name =
                |n: &str| HeaderName::new_from_ascii(n.to_string()).map_err(|e| e.to_string());
            builder = builder
                .raw_header(HeaderValue::new(
                    name("List-Unsubscribe")?,
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    name("List-Unsubscribe-Post")?,
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                mail.text_body.clone(),
                mail.html_body.clone(),
            ))
            .map_err(|e| e.to_string())
    }

    /// Runs passes every `poll` until the process ends.
    pub fn spawn(self) {
        tokio::spawn(async move {
            let mut every = tokio::time::interval(self.settings.poll);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if let Err(e) = self.run_once(Utc::now()).await {
                    tracing::error!(error = %e, "mail worker");
                }
            }
        });
    }
}

fn outcome_label(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Sent => "sent",
        Outcome::Logged => "logged",
        Outcome::Retry(..) => "retry",
        Outcome::Failed(_) => "failed",
        Outcome::Interrupted(_) => "interrupted",
    }
}
