//! Planning: the coordinator's week, in a drag-and-drop calendar checked
//! live by the CLAS rules, and the server functions that change it.
//!
//! The planning is the largest feature: `api.rs` (the week, and changes to one
//! session: move, staff, plan, create, restore, publish), `series.rs` (changes
//! beyond one session: "celle-ci et les suivantes", cancel and delete, copying
//! a week to the end of the year, undoing a copy by the `copy_batch` its
//! sessions carry), `change.rs` (server only: how every change runs:
//! coordinator check, one transaction opened by the organisation's planning
//! lock, rules checked inside it, audit log), `planner.rs` (the calendar's
//! state in the browser and the calls it makes, with undo), `calendar.rs` (the
//! grid, blocks, drag and drop with pointer events, live findings, side lists,
//! keyboard arrows), `dialogs.rs` (every drag's keyboard alternative:
//! "Déplacer…", "Séance…", "Nouvelle séance…", the series question), `tools.rs`
//! (undo, publish, copy, the report of skipped occurrences), `geometry.rs` (the
//! pure arithmetic of the grid, tested natively).

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
