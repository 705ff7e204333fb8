//! The coordinator's records: children and enrolment, the organisation's
//! settings and school year, the logs kept for the funding axes, privacy.

pub mod api;
pub mod children;
pub mod contract_print;
pub mod enrolment;
pub mod export_page;
pub mod holidays_csv;
pub mod logs;
pub mod logs_api;
pub mod logs_page;
pub mod pages;
pub mod record;
pub mod record_api;
pub mod record_page;
pub mod settings;
pub mod settings_api;
pub mod settings_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
