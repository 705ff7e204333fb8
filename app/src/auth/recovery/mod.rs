//! « Mot de passe oublié ? »: a link by mail to choose a new password.
//!
//! The answer is the same whether or not the address has an account (no
//! enumeration); requests are throttled per address and per account; the
//! link's token is stored hashed, works once and for one hour; using it
//! signs out every session of the account. `api` holds the server
//! functions, `pages` the two screens.

pub mod api;
pub mod pages;
