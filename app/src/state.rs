//! What the server gives every request (server only): the database and the
//! settings that change how cookies are sent.

use crate::db::Db;
use crate::domain::model::Role;
use crate::error::AppError;

#[derive(Clone, Debug)]
pub struct ServerState {
    pub db: Db,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub https: bool,
    /// The proxies whose `X-Forwarded-For` is believed.
    pub proxies: TrustedProxies,
    /// Second factor and session lifetimes.
    pub accounts: AccountSettings,
    /// The SMTP server and the site's address in mails.
    pub mail: crate::mail::settings::MailSettings,
}

impl ServerState {
    /// The site's address for a mail's links: the public address when
    /// set, else the one this request came to.
    pub fn public_url(&self) -> String {
        match &self.mail.public_url {
            Some(url) => url.clone(),
            None => {
                let host = leptos::prelude::use_context::<http::request::Parts>()
                    .and_then(|p| {
                        p.headers
                            .get(http::header::HOST)
                            .and_then(|h| h.to_str().ok())
                            .map(str::to_string)
                    })
                    .filter(|h| {
                        h.chars()
                            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                    });
                match host {
                    Some(host) => {
                        format!("{}://{host}", if self.https { "https" } else { "http" })
                    }
                    None => self.mail.base_url(),
                }
            }
        }
    }
}

/// How long a session lasts: it ends after `idle_minutes` without a
/// request, and in any case `max_hours` after sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLifetime {
    pub idle_minutes: i64,
    pub max_hours: i64,
}

/// Parents, coordinators, admins and funders, on their own devices.
pub const SESSION: SessionLifetime = SessionLifetime {
    idle_minutes: 12 * 60,
    max_hours: 14 * 24,
};

/// Accompanists, on tablets the structure shares: a working day at most,
/// and three hours without a request (a session and the way back). Their
/// marks taken offline wait on the tablet until they sign in again.
pub const TABLET_SESSION: SessionLifetime = SessionLifetime {
    idle_minutes: 3 * 60,
    max_hours: 12,
};

// The shared tablets' sessions are the shorter ones (checked when built).
const _: () = assert!(
    TABLET_SESSION.idle_minutes < SESSION.idle_minutes
        && TABLET_SESSION.max_hours < SESSION.max_hours
);

/// How accounts are protected: whether coordinators and admins must use a
/// second factor, and how long sessions last (shorter for accompanists,
/// whose tablets are shared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountSettings {
    pub second_factor_required: bool,
    pub session: SessionLifetime,
    pub tablet_session: SessionLifetime,
}

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            second_factor_required: true,
            session: SESSION,
            tablet_session: TABLET_SESSION,
        }
    }
}

impl AccountSettings {
    /// How long a session of this role lasts.
    pub fn lifetime(&self, role: Role) -> SessionLifetime {
        match role {
            Role::Accompanist => self.tablet_session,
            _ => self.session,
        }
    }

    /// Reads the settings (`PASSERELLE_SECOND_FACTOR`, `required` or
    /// `optional`; `PASSERELLE_SESSION_IDLE_MINUTES`,
    /// `PASSERELLE_SESSION_MAX_HOURS` and their `PASSERELLE_TABLET_`
    /// versions). `demo`: the demo lets staff in without a second factor
    /// unless told otherwise, so that it can be tried at once.
    pub fn from_env(demo: bool) -> Result<AccountSettings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let second_factor_required = match var("PASSERELLE_SECOND_FACTOR").as_deref() {
            None => !demo,
            Some("required") => true,
            Some("optional") => false,
            Some(other) => {
                return Err(format!(
                    "PASSERELLE_SECOND_FACTOR: {other:?} (required or optional)"
                ))
            }
        };
        let number = |name: &str, default: i64, max: i64| -> Result<i64, String> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| format!("{name}: {v:?} (a whole number from 1 to {max})")),
            }
        };
        let lifetime =
            |prefix: &str, default: SessionLifetime| -> Result<SessionLifetime, String> {
                Ok(SessionLifetime {
                    idle_minutes: number(
                        &format!("PASSERELLE_{prefix}SESSION_IDLE_MINUTES"),
                        default.idle_minutes,
                        60 * 24 * 30,
                    )?,
                    max_hours: number(
                        &format!("PASSERELLE_{prefix}SESSION_MAX_HOURS"),
                        default.max_hours,
                        24 * 90,
                    )?,
                })
            };
        Ok(AccountSettings {
            second_factor_required,
            session: lifetime("", SESSION)?,
            tablet_session: lifetime("TABLET_", TABLET_SESSION)?,
        })
    }
}

/// The addresses of the reverse proxies in front of the server
/// (`PASSERELLE_TRUSTED_PROXIES`: addresses or networks, comma-separated).
/// Behind one, every request comes from the proxy: the client is the
/// address the proxy wrote in `X-Forwarded-For`, believed only from them.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(std::sync::Arc<Vec<ipnet::IpNet>>);

impl TrustedProxies {
    /// Reads the setting: `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let nets = text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<ipnet::IpNet>()
                    .or_else(|_| t.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("not an address or a network: {t}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(std::sync::Arc::new(nets)))
    }

    fn trusts(&self, ip: &std::net::IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client behind a request that came from `peer` with this
    /// `X-Forwarded-For` (each proxy appends the address it saw): the
    /// nearest address no trusted proxy holds. A header that is not a list
    /// of addresses is not believed at all.
    pub fn client(&self, peer: std::net::IpAddr, forwarded: Option<&str>) -> std::net::IpAddr {
        if !self.trusts(&peer) {
            return peer;
        }
        let Some(list) = forwarded else {
            return peer;
        };
        let hops: Option<Vec<std::net::IpAddr>> =
            list.split(',').map(|h| h.trim().parse().ok()).collect();
        let Some(hops) = hops else {
            return peer;
        };
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            client = hop;
            if !self.trusts(&hop) {
                break;
            }
        }
        client
    }
}

/// The server state, from the context provided by the router.
pub fn server_state() -> Result<ServerState, AppError> {
    leptos::prelude::use_context::<ServerState>()
        .ok_or_else(|| AppError::internal("context", "ServerState missing"))
}

/// The current time (the only clock the application reads).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Today in the organisations' time zone (`domain::local_time`).
pub fn today() -> chrono::NaiveDate {
    crate::domain::local_time::local_date(now())
}

#[cfg(test)]
mod tests {
    use super::TrustedProxies;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_client_is_believed_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let proxy = ip("127.0.0.1");
        assert_eq!(
            proxies.client(proxy, Some("203.0.113.7")),
            ip("203.0.113.7")
        );
        // The client may write its own header first: only the hop the
        // trusted proxy appended is believed.
        assert_eq!(
            proxies.client(proxy, Some("198.51.100.1, 203.0.113.7")),
            ip("203.0.113.7")
        );
        // Through two trusted proxies.
        assert_eq!(
            proxies.client(proxy, Some("203.0.113.7, 10.1.2.3")),
            ip("203.0.113.7")
        );
        // From anyone else, the header is ignored.
        assert_eq!(
            proxies.client(ip("203.0.113.9"), Some("203.0.113.7")),
            ip("203.0.113.9")
        );
        assert_eq!(proxies.client(proxy, Some("garbage")), proxy);
        assert_eq!(proxies.client(proxy, None), proxy);
        assert_eq!(
            TrustedProxies::default().client(proxy, Some("203.0.113.7")),
            proxy
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("").is_ok());
    }
}
