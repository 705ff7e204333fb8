//! The coordinator's records: children and enrolment, the organisation's
//! settings and school year, the logs kept for the funding axes, privacy.
//!
//! `types.rs` the school year,
//! its holidays and `HolidayForm::check` (the one check of a holiday entered by
//! hand); `holidays_csv.rs` (pure) reads the ministry's school calendar file
//! (the open-data CSV: every zone and year, `;`, BOM, timestamps) for one year
//! and zone and refuses a file with any bad line, naming each line
//! (`AppError::Import`); `api.rs` the children list, the enrolment and the
//! holidays (each change to the holidays runs behind the planning lock, since
//! IN_HOLIDAYS reads them, and is audited); `pages.rs` « Année scolaire »
//! (`/annee-scolaire`). `children.rs` the enrolment form and its check
//! (`ChildForm::check_fields`, then `NewChild::refusals` with the domain's
//! rules; `placement`: a full group takes the child on its waiting list when
//! the form asks), `enrolment.rs` « Enfants » (`/inscriptions`, with the
//! waiting lists and the places they may fill). `record.rs` a child's record
//! (what the page shows, each form's check, `offers`: a free place goes to the
//! first child waiting), `record_api.rs` its server functions, all through
//! `child_change` (coordinator of the child's organisation, one transaction
//! behind the planning lock, an audit entry), the printable contracts and the
//! family export; `record_page.rs` « Fiche de l'enfant » (`/inscriptions/:id`),
//! `contract_print.rs` « Contrats » (`/contrats?groupe=…|enfant=…`, one page
//! per child on paper), `export_page.rs` « Données de la famille » (`/donnees-famille/:child`
//!; the same data as JSON at `GET /api/records/family-export`,
//! which the guard serves as a download). `logs.rs`, `logs_api.rs`,
//! `logs_page.rs` the meetings with schools and partners (« Suivi », `/suivi`).
//! `settings.rs`, `settings_api.rs`, `settings_page.rs` the organisation's
//! settings (« Structure », `/structure`): the thresholds (a preset or custom
//! values, `Thresholds::validate`) and the anonymisation delay, the
//! accompanists, the venues, the schools (UAI with its check letter) and their
//! timetables, which DURING_SCHOOL_TIME reads; every change goes through
//! `settings_change` (coordinator, planning lock, audit). The SQL is in
//! `records/store/`. Forms use `components::CheckedForm`: the browser runs the
//! same check as the server before sending, and `field_error` shows the message
//! beside the field. The guard lets the import's body reach 4 MiB
//! (`server/src/guard.rs`, `IMPORTS`).

pub mod api;
pub mod children;
pub mod contract_print;
pub mod enrolment;
pub mod export_page;
pub mod holidays_csv;
pub mod logs;
pub mod logs_api;
pub mod logs_page;
pub mod pages;
pub mod record;
pub mod record_api;
pub mod record_page;
pub mod settings;
pub mod settings_api;
pub mod settings_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
