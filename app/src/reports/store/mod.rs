//! The report's storage (server only).

pub mod dossier;
pub mod report;
pub mod sheets;
