//! Messages to families with read receipts (issue 22).
//!
//! The coordinator writes to the families of a group, of a session or of
//! one child (`/messages`); each guardian of those children finds it on
//! their home (`/mes-enfants`, unread first) and by mail if they asked for
//! it (`MailKind::FamilyMessage`, opt-in). Opening it (`/messages/:id`)
//! marks it read for that guardian; a family has read it when one of its
//! guardians did. The coordinator opens the same address to see which
//! families have read it and which have not, with the phone numbers to
//! call. A message may ask for « J'ai bien reçu » or a yes/no answer.
//! Recipients are fixed when it is sent. Messages are shown for the school
//! year; the privacy job deletes those of past years and those about a
//! child it anonymises (`db::privacy`).
//!
//! `types.rs` what the pages show and the one check of a new message,
//! `api.rs` the server functions, `pages.rs` the coordinator's page, the
//! message's page and the guardian's list, `store.rs` (server only) the
//! SQL, `letters.rs` (server only) the mail.

pub mod api;
#[cfg(feature = "ssr")]
pub mod letters;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
