//! Planning: the coordinator's week, in a drag-and-drop calendar checked
//! live by the CLAS rules, and the server functions that change it.

pub mod api;
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod change;
pub mod dialogs;
pub mod geometry;
pub mod pages;
pub mod planner;
pub mod series;
#[cfg(feature = "ssr")]
pub mod store;
pub mod tools;
pub mod types;
