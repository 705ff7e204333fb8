//! What the server gives every request (server only): the database and the
//! settings that change how cookies are sent.

use crate::db::Db;
use crate::error::AppError;

#[derive(Clone, Debug)]
pub struct ServerState {
    pub db: Db,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub https: bool,
    /// The proxies whose `X-Forwarded-For` is believed.
    pub proxies: TrustedProxies,
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
