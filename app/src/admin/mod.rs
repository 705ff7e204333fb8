//! Administration: the platform's organisations and accounts.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
