//! Children and enrolment: « Enfants » (`/inscriptions`), the enrolment form
//! and its check (`ChildForm::check_fields`, then `NewChild::refusals` with the
//! domain's rules; a full group takes the child on its waiting list when the
//! form asks), and the waiting lists with the places they may fill.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
