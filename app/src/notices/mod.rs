//! The mails Passerelle writes on its own (server only): the guardian's
//! evening alert when their child was expected and marked absent without a
//! notice, the coordinator's daily digest (absence notices, contracts
//! accepted, family-event answers) and the Monday list of last week's
//! registers not taken or not closed.
//!
//! `store` reads what happened, `letters` writes the mails in the
//! recipient's language, `jobs` decides when each is due (on the
//! organisations' clocks) and queues them, once across instances.

pub mod jobs;
pub mod letters;
pub mod store;
