//! A person's own account (« Mon compte »): their password, their second
//! factor, the devices signed in and the mails they receive. `api` holds
//! the server functions, `pages` the account page and the page that sets
//! up a second factor, `mail` the mail choices and the stop link.

pub mod api;
pub mod mail;
pub mod pages;
