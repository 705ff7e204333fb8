//! The family portal: a guardian's children, their sessions and attendance.
//!
//! `pages.rs` the guardian's pages: « Mes
//! enfants » (one card per child, the family events with « Je viendrai », the
//! calendar subscription) and a child's page (coming sessions with « Prévenir
//! d'une absence », attendance rates and the monthly SVG chart, the history,
//! the contract with « J'ai lu et j'accepte »). `coordinator.rs` the
//! coordinator's « Familles » page (the year's events with each family's
//! answer, a form for a new one, the families' data checks). `details/`
//! « Mes coordonnées » (see its `mod.rs`). `events.rs` the events' types and
//! `EventForm::check`, the one check of a new event. `ics.rs` (server only) the
//! calendar subscription: `/calendrier/{token}.ics` (an axum route in
//! `server/src/lib.rs`), written with the `icalendar` crate in UTC. `api.rs`
//! the server functions: absences (`report_absence`, `withdraw_absence`:
//! parents of that child only, a session the child is expected at that has not
//! started, `domain::register::takes_notices`), events (`answer_family_event`,
//! `load_event_answers`, `create_family_event`), the contract
//! (`accept_contract`: the first acceptance is kept, with who and when) and the
//! calendar address (`new_calendar_feed` replaces, `revoke_calendar_feed`
//! deletes). The SQL is in `family/store/`. Every form is a plain `ActionForm`:
//! the pages work without JavaScript. So the family pages (`/mes-enfants`,
//! `/enfants/…`, `/mes-coordonnees`, `/messages/…`) load no JS or WASM when
//! they are opened (`app.rs`, `hydrates`); every other page hydrates.

pub mod api;
pub mod coordinator;
pub mod details;
pub mod events;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
