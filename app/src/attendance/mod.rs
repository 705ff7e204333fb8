//! Attendance: the accompanist's day and the register taken on a tablet,
//! online or offline (`outbox`), applied by the server (`sync`).
//!
//! `types.rs`
//! (the sheet a tablet keeps, entries' outcomes, refusals), `register.rs` (the
//! register page: one tap per child, late, absent, excused, departure with an
//! authorised adult, notes, closing; what it shows is the server's last state
//! with the device's waiting entries on top, by the domain's rule; the
//! coordinator's notes about the children's needs come with the register read
//! online, `RegisterView::needs`, and are never in the sheet a tablet keeps),
//! `outbox.rs` (the device side: entries kept in localStorage through gloo-
//! storage at once, sent at load, on `online` and with back-off; sheets kept
//! for offline work; erased at logout; every change reads the storage before
//! writing it. The code that reads and sends what a device kept is a lazy
//! function, `wake`, fetched only by a device that kept something: not by the
//! parents' phones), `sync.rs` (server only: a batch grouped by session and
//! checked against the caller, then written with the syncs that arrived at the
//! same time in one transaction, `db/group_commit.rs`), `api.rs`, `pages.rs`
//! ("Aujourd'hui", and the coordinator's "Registres à vérifier" on the planning
//! page). `domain::register` holds the decisions (the newest mark wins, what a
//! disagreement is, who may take a child home) and `domain::register_merge` how
//! a batch merges into a register (outcome of each entry, corrections after
//! closing); `attendance/store.rs` the SQL. `public/sw.js` is the service
//! worker that keeps the app's files, "Aujourd'hui" and the registers for
//! opening with no network.

pub mod api;
pub mod outbox;
pub mod pages;
pub mod register;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod sync;
pub mod types;
