//! Parents keep their data current (issue 22): « Mes coordonnées »
//! (`/mes-coordonnees`), where a guardian corrects their phone, e-mail and
//! address (the enrolment form's rules; each of their children's history
//! records who changed what) and proposes the adults who may take a child
//! home. A proposal waits (`authorised_adults.pending`) until a coordinator
//! approves it on the child's record: the register shows only approved
//! adults (`attendance::store`). The coordinator can ask every family to
//! check its data (the start of the year, on « Familles »); each guardian's
//! home then shows that request first, until they save or confirm.
//!
//! `types.rs` what the pages show and the one check of the form, `api.rs`
//! the server functions, `pages.rs` the guardian's page, the notice on
//! their home and the coordinator's section, `store.rs` (server only) the
//! SQL.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
