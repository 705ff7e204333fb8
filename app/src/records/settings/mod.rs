//! The organisation's settings (« Structure », `/structure`): the thresholds
//! (a preset or custom values, `Thresholds::validate`) and the anonymisation
//! delay, the accompanists, the venues, the schools (UAI with its check
//! letter) and their timetables, which DURING_SCHOOL_TIME reads; every change
//! goes through `api::server::settings_change` (coordinator, organisation's lock, audit).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
