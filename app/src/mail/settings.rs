//! How mail leaves: the SMTP server, the sender, the site's address for the
//! links, and the worker's pace. Read once at start from the environment.

use std::time::Duration;

/// The mail settings (`Default`: no SMTP server; mails are written to the
/// log instead of sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    /// `PASSERELLE_SMTP_URL`: `smtp://host:25` (plain, for a local relay),
    /// `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465`. Unset: no mail leaves.
    pub smtp_url: Option<String>,
    /// `PASSERELLE_MAIL_FROM`: the sender, `Nom <adresse>` or an address.
    pub from: String,
    /// `PASSERELLE_PUBLIC_URL`: the site's address in mails' links
    /// (`https://clas.example.org`). Unset: the address a request came to,
    /// and for the background jobs `http://localhost:3000`.
    pub public_url: Option<String>,
    /// `PASSERELLE_MAIL_RETRY_SECONDS`: the first wait after a failed
    /// attempt, doubled at each attempt up to an hour.
    pub retry: Duration,
    /// `PASSERELLE_MAIL_TIMEOUT_SECONDS`: how long a conversation with the
    /// SMTP server may take.
    pub timeout: Duration,
    /// `PASSERELLE_MAIL_POLL_MS`: how often the worker looks for mail due.
    pub poll: Duration,
}

/// A mail not sent after this many attempts is `failed`.
pub const MAX_ATTEMPTS: i64 = 16;

/// The longest wait between two attempts.
pub const MAX_RETRY: Duration = Duration::from_secs(60 * 60);

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_url: None,
            from: "Passerelle <passerelle@localhost>".into(),
            public_url: None,
            retry: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
            poll: Duration::from_secs(2),
        }
    }
}

impl MailSettings {
    /// Reads the settings; a value that is not understood is an error that
    /// names it.
    pub fn from_env() -> Result<MailSettings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let seconds = |name: &str, default: Duration, max: u64| -> Result<Duration, String> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .map(Duration::from_secs)
                    .ok_or_else(|| format!("{name}: {v:?} (a whole number from 1 to {max})")),
            }
        };
        let defaults = MailSettings::default();
        let smtp_url = var("PASSERELLE_SMTP_URL").map(|u| u.trim().to_string());
        if let Some(url) = &smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err("PASSERELLE_SMTP_URL: expected smtp://… or smtps://…".into());
            }
        }
        let from = var("PASSERELLE_MAIL_FROM").unwrap_or(defaults.from);
        if from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(format!("PASSERELLE_MAIL_FROM: {from:?} is not an address"));
        }
        let public_url =
            var("PASSERELLE_PUBLIC_URL").map(|u| u.trim().trim_end_matches('/').to_string());
        if let Some(url) = &public_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err("PASSERELLE_PUBLIC_URL: expected https://…".into());
            }
        }
        let poll = match var("PASSERELLE_MAIL_POLL_MS") {
            None => defaults.poll,
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (50..=60_000).contains(n))
                .map(Duration::from_millis)
                .ok_or_else(|| format!("PASSERELLE_MAIL_POLL_MS: {v:?} (50 to 60000)"))?,
        };
        Ok(MailSettings {
            smtp_url,
            from,
            public_url,
            retry: seconds("PASSERELLE_MAIL_RETRY_SECONDS", defaults.retry, 3600)?,
            timeout: seconds("PASSERELLE_MAIL_TIMEOUT_SECONDS", defaults.timeout, 600)?,
            poll,
        })
    }

    /// How long a mail being sent is held by the instance sending it: past
    /// this, the instance is taken to have stopped while sending.
    pub fn lease(&self) -> Duration {
        self.timeout * 2 + Duration::from_secs(1)
    }

    /// The wait before attempt `attempts + 1`: `retry`, doubled each time,
    /// at most an hour.
    pub fn backoff(&self, attempts: i64) -> Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 20) as u32;
        self.retry
            .checked_mul(1u32 << doublings)
            .unwrap_or(MAX_RETRY)
            .min(MAX_RETRY)
    }

    /// The site's address for links made outside a request.
    pub fn base_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| "http://localhost:3000".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_an_hour() {
        let s = MailSettings::default();
        assert_eq!(s.backoff(1), Duration::from_secs(30));
        assert_eq!(s.backoff(2), Duration::from_secs(60));
        assert_eq!(s.backoff(4), Duration::from_secs(240));
        assert_eq!(s.backoff(15), MAX_RETRY);
        assert_eq!(s.backoff(1000), MAX_RETRY);
    }
}
