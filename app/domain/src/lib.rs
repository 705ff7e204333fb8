//! The CLAS domain: the glossary's types and every rule of `DOMAIN.md` (in
//! this crate's folder).
//!
//! Architecture invariant: this crate is pure Rust. Its dependencies (serde,
//! chrono, and chrono-tz for the server's `local_time`) are all it can name:
//! no leptos, sqlx, tokio, nor the application. It reads no clock and no
//! environment (`today`/`now` are parameters), so the browser (WASM) and the
//! server run the very same functions; `tests::purity` looks for a clock read.

pub mod calendar;
pub mod check;
pub mod dossier;
pub mod findings;
pub mod ids;
#[cfg(feature = "local-time")]
pub mod local_time;
pub mod model;
pub mod register;
pub mod register_merge;
pub mod repeat;
pub mod report;
pub mod rules;
pub mod scenarios;
pub mod thresholds;

pub use calendar::{Holiday, SchoolTimetable, Slot, TimeRange};
pub use findings::{Code, Finding, Measure, Severity, Subject, Unit};
pub use ids::*;
pub use thresholds::{Preset, Thresholds};

#[cfg(test)]
mod tests;
