//! Administration: the platform's organisations and accounts.

pub mod api;
pub mod pages;
pub mod types;
