//! A group's page: members, accompanists, next sessions.

pub mod api;
pub mod pages;
pub mod types;
