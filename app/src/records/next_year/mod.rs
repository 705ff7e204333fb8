//! « Préparer l'année suivante » (issue 22, `/annee-suivante`, linked from
//! « Année scolaire »): the next school year with this one's holiday zone
//! and this one's groups copied into it (levels, usual venue, planned
//! activities, accompanists; the structure's venues and thresholds are the
//! structure's and carry on) and the CAF dossier's project facts (its
//! dates and budget are the next year's to enter), its holidays from the ministry's file, then
//! every current child carried over in one transaction: a group of the next
//! year from its first day, with consent and contract marked to renew
//! (`children.renew_from`, shown on the record), or « sorti » the day after
//! this year's last day. This year's group places, registers and report are
//! left as they were. The next year's groups appear in the planning and the
//! forms once it is the year in effect (`planning::store::YEAR_IN_EFFECT`).
//!
//! `types.rs` the page and the check of the dates, `api.rs` the server
//! functions, `pages.rs` the page, `store.rs` (server only) the SQL.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
