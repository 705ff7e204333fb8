//! The school year and its holidays (« Année scolaire », `/annee-scolaire`):
//! `HolidayForm::check` (the one check of a holiday entered by hand) and
//! `holidays_csv` (pure), which reads the ministry's school calendar file and
//! refuses a file with any bad line, naming each line (`AppError::Import`).
//! Each change to the holidays runs behind the organisation's lock, since
//! IN_HOLIDAYS reads them, and is audited. The guard lets the import's body
//! reach 4 MiB (`server/src/guard.rs`, `IMPORTS`).

pub mod api;
pub mod holidays_csv;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
