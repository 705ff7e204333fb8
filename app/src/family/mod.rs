//! The family portal: a guardian's children, their sessions and attendance.

pub mod api;
pub mod coordinator;
pub mod events;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
