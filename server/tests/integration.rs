//! The server's integration tests, one module per subject, in one binary
//! (see server/Cargo.toml). Filter one subject with nextest, e.g.
//! `cargo nextest run -p server -E 'test(/^security::/)'`.

#[macro_use]
mod common;

mod accounts;
mod api;
mod attendance;
mod backup;
mod child_record;
mod crash;
mod display;
mod dossier;
mod family;
mod family_details;
mod import;
mod instances;
mod languages;
mod mail;
mod messages;
mod next_year;
mod notices;
mod ops;
mod planning;
mod planning_changes;
mod privacy;
mod records;
mod report;
mod security;
mod settings;
mod unit_of_work;
