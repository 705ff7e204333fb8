//! Administration: the platform's organisations and accounts, and the
//! outbox of mails (`mail`), and the first accounts of a deployment
//! (`setup`, used by the CLI).

pub mod api;
pub mod mail;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod setup;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
