//! A small HTTP/1.1 client for what must go through a real socket: the load
//! benchmark and the crash test, which talk to a server listening on TCP.
//! (hyper-util's client: the same HTTP stack as the server.)

#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    /// `127.0.0.1:port`
    pub host: String,
}

pub struct Reply {
    pub status: u16,
    pub cookie: Option<String>,
    pub body: String,
}

impl Http {
    pub fn new(host: &str) -> Http {
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(256)
            .build_http();
        Http {
            client,
            host: host.to_string(),
        }
    }

    /// POSTs to `path` as the site's own pages do (same origin).
    pub async fn post(
        &self,
        path: &str,
        cookie: Option<&str>,
        content_type: &str,
        body: String,
    ) -> Result<Reply, String> {
        let mut request = http::Request::post(format!("http://{}{path}", self.host))
            .header("host", &self.host)
            .header("origin", format!("http://{}", self.host))
            .header("content-type", content_type)
            .header("accept", "application/json");
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| e.to_string())?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let cookie = response
            .headers()
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| {
                v.starts_with("passerelle_session=") && !v.starts_with("passerelle_session=;")
            })
            .map(|v| v.split(';').next().unwrap_or_default().to_string());
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(Reply {
            status,
            cookie,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// Signs in and returns the session cookie.
    pub async fn login(&self, email: &str, password: &str) -> Result<String, String> {
        let body = format!("email={}&password={}", email.replace('@', "%40"), password);
        let reply = self
            .post(
                "/api/auth/login",
                None,
                "application/x-www-form-urlencoded",
                body,
            )
            .await?;
        reply
            .cookie
            .ok_or_else(|| format!("login {email}: {} {}", reply.status, reply.body))
    }

    /// Sends a tablet's entries; the reply's JSON.
    pub async fn sync(&self, cookie: &str, entries: &[serde_json::Value]) -> Result<Reply, String> {
        let body = serde_json::json!({ "entries": entries }).to_string();
        self.post(
            "/api/attendance/sync",
            Some(cookie),
            "application/json",
            body,
        )
        .await
    }
}
