//! Reports: the CAF's figures. The funder reads aggregates only.

pub mod api;
pub mod pages;
pub mod types;
