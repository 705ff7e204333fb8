//! Accounts, sessions, second factors and the directory of people (server
//! only).

pub mod accounts;
pub mod directory;
pub mod factors;
pub mod resets;
