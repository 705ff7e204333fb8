//! The coordinator's records: children and enrolment, the organisation's
//! settings and school year, the logs kept for the funding axes, privacy.

pub mod api;
pub mod children;
pub mod enrolment;
pub mod holidays_csv;
pub mod pages;
pub mod types;
