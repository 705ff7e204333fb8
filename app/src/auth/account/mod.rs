//! A person's own account (« Mon compte »): their password, their second
//! factor and the devices signed in. `api` holds the server functions,
//! `pages` the account page and the page that sets up a second factor.

pub mod api;
pub mod pages;
