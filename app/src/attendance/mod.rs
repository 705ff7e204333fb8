//! Attendance: the accompanist's day. (The offline register builds on it.)

pub mod api;
pub mod pages;
