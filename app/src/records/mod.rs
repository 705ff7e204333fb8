//! The coordinator's records, one folder per capability, each with the same
//! files: `types.rs` (what the pages show and send, and each form's one
//! check), `api.rs` (the server functions), `pages.rs` (the pages) and
//! `store.rs` (its SQL, server only).
//!
//! - `children`: the children list and the enrolment, with the waiting lists;
//! - `import`: children from a spreadsheet, previewed line by line;
//! - `child`: one child's record, its contracts and the family's export;
//! - `settings`: the organisation's thresholds, accompanists, venues, schools;
//! - `school_year`: the year and its holidays;
//! - `next_year`: the next year prepared, and the children carried over;
//! - `logs`: the meetings with schools and partners.
//!
//! Forms use `components::CheckedForm`: the browser runs the same check as
//! the server before sending, and `components::Field` shows a refused
//! field's message beside it.

pub mod child;
pub mod children;
pub mod import;
pub mod logs;
pub mod next_year;
pub mod school_year;
pub mod settings;
