//! A group's page: members, accompanists, next sessions.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
