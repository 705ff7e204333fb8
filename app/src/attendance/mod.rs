//! Attendance: the accompanist's day and the register taken on a tablet,
//! online or offline (`outbox`), applied by the server (`sync`).

pub mod api;
pub mod outbox;
pub mod pages;
pub mod register;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod sync;
pub mod types;
