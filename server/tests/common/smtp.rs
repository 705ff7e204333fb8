//! A real SMTP server for the tests (`.ci/smtp_sink.py`, aiosmtpd): it
//! stores what it receives in a Maildir that the tests read back.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The SMTP server, stopped when dropped. Its Maildir outlives a stop, so
/// that it can be started again on the same port and folder.
pub struct Sink {
    child: Option<Child>,
    pub port: u16,
    pub maildir: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

/// A mail as the server received it.
#[derive(Clone, Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub list_unsubscribe: Option<String>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sink {
    /// A new server on a free port, with a new Maildir.
    pub async fn start() -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("mail");
        let mut sink = Sink {
            child: None,
            port: free_port(),
            maildir,
            _dir: Some(dir),
        };
        sink.run(0.0).await;
        sink
    }

    /// A port and a Maildir with no server yet (`run` starts it).
    pub fn stopped() -> Sink {
        let dir = tempfile::tempdir().unwrap();
        Sink {
            child: None,
            port: free_port(),
            maildir: dir.path().join("mail"),
            _dir: Some(dir),
        }
    }

    /// Starts the server (answering each mail after `delay` seconds).
    pub async fn run(&mut self, delay: f64) {
        self.stop();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.ci/smtp_sink.py");
        let child = Command::new("python3")
            .arg(script)
            .arg("--port")
            .arg(self.port.to_string())
            .arg("--maildir")
            .arg(&self.maildir)
            .arg("--delay")
            .arg(delay.to_string())
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 .ci/smtp_sink.py (aiosmtpd: bash .ci/tools.sh)");
        self.child = Some(child);
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the SMTP sink did not listen on {}", self.port);
    }

    /// Stops the server (the mails stay).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// `smtp://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        let new = self.maildir.join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter_map(|f| std::fs::read(f).ok())
            .map(|raw| parse(&raw))
            .collect()
    }

    /// Waits until `count` mails arrived (at most `seconds`).
    pub async fn wait_for(&self, count: usize, seconds: u64) -> Vec<Mail> {
        let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let mails = self.mails();
            if mails.len() >= count || std::time::Instant::now() > deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn parse(raw: &[u8]) -> Mail {
    let message = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a mail");
    let to = message
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_string();
    Mail {
        to,
        subject: message.subject().unwrap_or_default().to_string(),
        text: message
            .body_text(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        html: message
            .body_html(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        message_id: message.message_id().unwrap_or_default().to_string(),
        list_unsubscribe: message
            .header_raw("List-Unsubscribe")
            .map(|h| h.trim().to_string()),
    }
}
