//! Shared UI atoms: the page frame, notices, badges, loading states.

pub mod focus;
mod forms;
mod layout;
mod notice;

#[cfg(feature = "hydrate")]
pub use forms::chosen_file;
pub use forms::{field_error, form_error, CheckedForm, Field, FormEnd};
pub use layout::Page;
pub use notice::{submit_error, successes, ErrorNotice, FindingBadge, Loaded, Loading};
