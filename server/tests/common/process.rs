//! The real `passerelle` binary as a child process, for the tests that
//! kill it or run two of it.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The server process, killed when dropped.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    /// Kills it at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free address on the loopback.
pub fn free_host() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

/// Starts `passerelle command` on `url`, listening on `host`, with `env`
/// set, and waits until it listens.
pub async fn start_with(command: &str, url: &str, host: &str, env: &[(&str, &str)]) -> Running {
    start_logging(command, url, host, env, Stdio::null()).await
}

/// `start_with`, its output (the log) going to `stdout`.
pub async fn start_logging(
    command: &str,
    url: &str,
    host: &str,
    env: &[(&str, &str)],
    stdout: Stdio,
) -> Running {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    cmd.arg(command)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", host)
        .env("RUST_LOG", "warn")
        .stdout(stdout);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let running = Running(cmd.spawn().expect("start passerelle"));
    for _ in 0..600 {
        if tokio::net::TcpStream::connect(host).await.is_ok() {
            return running;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("passerelle did not listen on {host}");
}

/// `start_with` and no other setting.
pub async fn start(command: &str, url: &str, host: &str) -> Running {
    start_with(command, url, host, &[]).await
}
