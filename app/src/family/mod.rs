//! The family portal: a guardian's children, their sessions and attendance.

pub mod api;
pub mod pages;
pub mod types;
