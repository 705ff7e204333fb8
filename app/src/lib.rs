//! Passerelle: the application, compiled twice (server with `ssr`, browser
//! with `hydrate`). See ARCHITECTURE.md for the code map.

// Why: the calendar's view types are deep; release builds (without
// `erase_components`) need more room to compute their layout.
#![recursion_limit = "256"]

pub mod accessibility;
pub mod admin;
pub mod app;
pub mod attendance;
pub mod auth;
pub mod authz;
pub mod components;
/// The CLAS rules: the crate `app/domain`, seen here as `crate::domain`.
pub use ::domain;
pub mod error;
pub mod family;
pub mod fields;
pub mod form_messages;
pub mod format;
pub mod groups;
pub mod header;
pub mod hydration;
pub mod i18n;
pub mod lazy;
pub mod locale;
pub mod mail;
pub mod messages;
#[cfg(feature = "ssr")]
pub mod notices;
pub mod paint;
pub mod planning;
pub mod records;
pub mod reports;
#[cfg(feature = "ssr")]
pub mod request;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{shell, App};
