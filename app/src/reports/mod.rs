//! Reports: the CAF's end-of-year figures (`domain::report` computes them),
//! the charts, the CSV, and the attendance sheets. The funder reads
//! aggregates only.

pub mod api;
pub mod charts;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod figures;
pub mod pages;
pub mod sheets;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
