//! A child's record: « Fiche de l'enfant » (`/inscriptions/:id`), its server
//! functions, all through `api::server::child_change` (coordinator of the
//! child's organisation, one unit of work behind the organisation's lock, an
//! audit entry); the printable contracts (`contracts.rs`, « Contrats »,
//! `/contrats?groupe=…|enfant=…`, one page per child on paper) and the family
//! export (`export.rs`, « Données de la famille », `/donnees-famille/:child`;
//! the same data as JSON by a form's POST to `/api/records/family-export`,
//! which the guard serves as a download and the child's history records).

pub mod api;
pub mod contracts;
pub mod export;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
