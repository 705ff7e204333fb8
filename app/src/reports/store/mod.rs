//! The report's storage (server only).

pub mod report;
pub mod sheets;
