//! « Dossier CAF » (`/dossier`): what the CAF judges a CLAS project on,
//! beyond the report's figures. `domain::dossier` decides everything: the
//! axis of each recorded action and the axes with nothing (AXIS_EMPTY), the
//! budget's totals and result in exact cents, the CAF's share against its
//! cap of 2 563 € per group (CAF_SHARE_OVER_CAP), the volunteers' time
//! valued in kind, and the reminders as a CAF date comes near.
//! `reports/store/dossier.rs` reads and writes the facts (`dossier_facts`)
//! and the budget (`budget_lines`) per school year, and the year's actions.
//! `api.rs`: `load_dossier` (a coordinator's own organisation, a funder's
//! of their territory, titles left out), `save_facts` and `save_budget`
//! (coordinators, audited), `dossier_pdf` and `dossier_xlsx` (the files,
//! which the guard serves as downloads). `document.rs` (server only) lays
//! the whole bilan out as sections of lines, tables and bar charts;
//! `pdf.rs` writes it as a PDF (`pdf-writer`, Helvetica in Windows-1252),
//! `sheet.rs` as an XLSX workbook (`rust_xlsxwriter`). `pages.rs` the page
//! and the reminders on the coordinator's home, `axes.rs` the four axes'
//! cards (also on « Bilan »); `types.rs` its forms' one
//! check each.

pub mod api;
pub mod axes;
#[cfg(feature = "ssr")]
pub mod document;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod sheet;
pub mod types;
