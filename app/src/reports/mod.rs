//! Reports: the CAF's end-of-year figures (`domain::report` computes them),
//! the charts, the CSV, and the attendance sheets. The funder reads
//! aggregates only.
//!
//! `domain::report` (pure)
//! computes every figure from `ReportFacts`: children by stage, level, age band
//! and sex, QPV, families (children sharing a guardian are one family), groups,
//! sessions held and cancelled and their hours, attendance and its spread over
//! children, regularity (school weeks with the threshold's sessions held),
//! accompanists and the children per adult observed, parent actions, school
//! meetings by kind, partners, referral sources, and the weeks each warning
//! held (the planning's own rules, week by week). `ChildFilter` is the test a
//! children's figure counts with; the drill-down lists the same children.
//! `Report::add` sums organisations for a territory. `reports/store/report.rs`
//! reads the facts of one organisation's school year: counts per session and
//! per child are done in SQL, so a year of registers comes back as a few
//! hundred rows. The children reached are the year's group members and anyone
//! marked in its sessions (a child who left keeps their marks).
//! `reports/figures.rs` turns a report into labelled rows; the page's tables
//! and the CSV (`reports/csv.rs`: BOM, `;`, French headers, decimal commas,
//! through the `csv` crate) are both written from them, so they say the same.
//! `reports/api.rs`: `load_report` (a coordinator's own organisation, or a
//! funder's organisation of their territory: `Access::Organisation`),
//! `load_territory` (funders), `report_csv` (`GET /api/reports/csv`, which the
//! guard serves as `bilan.csv`), `load_children_behind` (coordinators).
//! `pages.rs` « Bilan » (`/bilan`: the coordinator's report or the funder's
//! territory, and `?structure=…` an organisation of it;
//! `/bilan/enfants?annee=…&filtre=…`), `charts.rs` the SVG charts (attendance
//! week by week, each group's or organisation's attendance and regularity),
//! `sheets.rs` « Feuilles d'émargement » (`/emargement`: a group's month or one
//! session, with the marks taken and a line to sign; a month prints landscape);
//! the SQL is in `reports/store/sheets.rs`. `db/generate.rs` writes the
//! national-scale dataset (`passerelle generate`); every lookup the report
//! makes by child, year or organisation has its index (the migration
//! `…_lookup_indexes.sql`: without them, one organisation's report took 0.6 s
//! at that scale); `passerelle report-timing` times the report on it
//! (`server/src/scale.rs`).

pub mod api;
pub mod charts;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod dossier;
pub mod figures;
pub mod pages;
pub mod sheets;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
