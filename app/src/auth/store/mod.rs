//! Accounts, sessions and the directory of people (server only).

pub mod accounts;
pub mod directory;
