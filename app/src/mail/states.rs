//! The states of a mail in the outbox and a mail as the admin page lists
//! it (both builds: the admin page shows them).

use serde::{Deserialize, Serialize};

/// Where a mail is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailState {
    Queued,
    Sending,
    Sent,
    Failed,
    Interrupted,
    Logged,
}

/// Every state, in the admin page's order.
pub const STATES: [MailState; 6] = [
    MailState::Queued,
    MailState::Sending,
    MailState::Sent,
    MailState::Failed,
    MailState::Interrupted,
    MailState::Logged,
];

impl MailState {
    pub fn code(self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Sending => "sending",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Interrupted => "interrupted",
            MailState::Logged => "logged",
        }
    }

    pub fn parse(code: &str) -> Option<MailState> {
        STATES.into_iter().find(|s| s.code() == code)
    }
}

impl MailState {
    /// The state's name on the admin page.
    pub fn label(self) -> &'static str {
        match self {
            MailState::Queued => "En attente",
            MailState::Sending => "En cours d'envoi",
            MailState::Sent => "Envoyé",
            MailState::Failed => "Échec",
            MailState::Interrupted => "Interrompu",
            MailState::Logged => "Non envoyé (pas de serveur SMTP)",
        }
    }

    /// Whether an admin may put it back in the queue.
    pub fn retried(self) -> bool {
        matches!(self, MailState::Failed | MailState::Interrupted)
    }
}

/// A mail as the admin page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    // Times are said in French on the organisations' clocks.
    pub id: String,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub state: MailState,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: String,
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
}
