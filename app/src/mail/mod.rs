//! E-mail: what is sent and how it leaves.
//!
//! `kind` names the kinds of mail and who may stop which, `states` the
//! states of a queued mail (both builds: the pages show them); the rest is server only. `letter` turns a
//! letter into its plain-text and HTML bodies; `outbox` queues a mail in the
//! transaction of the change that causes it and moves it through its states;
//! `choices` keeps what each person asked to receive; `settings` reads the
//! SMTP settings; `worker` sends the queued mails in the background, with
//! retries and back-off, through a real SMTP server (`lettre`).

#[cfg(feature = "ssr")]
pub mod choices;
pub mod kind;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod settings;
pub mod states;
#[cfg(feature = "ssr")]
pub mod worker;

pub use kind::MailKind;
