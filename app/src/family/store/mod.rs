//! The family portal's storage (server only).

pub mod absences;
pub mod contracts;
pub mod events;
pub mod feeds;
pub mod views;
