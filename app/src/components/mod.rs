//! Shared UI atoms: the page frame, notices, badges, loading states.

mod layout;
mod notice;

pub use layout::{Header, Page};
pub use notice::{submit_error, successes, ErrorNotice, FindingBadge, Loaded, Loading};
