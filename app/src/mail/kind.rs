//! The kinds of mail Passerelle sends, who receives each, and which a
//! person may stop (or, for the evening alert, must ask for).

use crate::domain::model::Role;
use crate::locale::Locale;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailKind {
    /// A coordinator invited the person to create their account.
    Invitation,
    /// « Mot de passe oublié » : the link to choose a new password.
    PasswordReset,
    /// A guardian: their child was expected today and marked absent
    /// without a notice (asked for: off until the guardian turns it on).
    AbsenceAlert,
    /// A coordinator: yesterday evening to this evening, the absence
    /// notices, contracts accepted and family-event answers.
    DailyDigest,
    /// A coordinator, on Mondays: last week's registers not taken or not
    /// closed.
    WeeklyRegisters,
    /// A guardian: a message the coordinator wrote to their family (asked
    /// for: off until the guardian turns it on; the message is on their
    /// home either way).
    FamilyMessage,
}

/// Every kind, in the order the account page lists them.
pub const ALL: [MailKind; 6] = [
    MailKind::Invitation,
    MailKind::PasswordReset,
    MailKind::AbsenceAlert,
    MailKind::FamilyMessage,
    MailKind::DailyDigest,
    MailKind::WeeklyRegisters,
];

impl MailKind {
    /// The code stored in the outbox and in people's choices.
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::AbsenceAlert => "absence_alert",
            MailKind::DailyDigest => "daily_digest",
            MailKind::WeeklyRegisters => "weekly_registers",
            MailKind::FamilyMessage => "family_message",
        }
    }

    pub fn parse(code: &str) -> Option<MailKind> {
        ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a person may stop (or ask for) this kind: the mails that
    /// give access to an account always go.
    pub fn chosen(self) -> bool {
        !matches!(self, MailKind::Invitation | MailKind::PasswordReset)
    }

    /// What a person receives before they choose: the evening alert and
    /// the messages by mail are asked for, the coordinators' summaries
    /// come until stopped.
    pub fn wanted_by_default(self) -> bool {
        !matches!(self, MailKind::AbsenceAlert | MailKind::FamilyMessage)
    }

    /// The kinds a person of `role` may choose.
    pub fn chosen_by(role: Role) -> Vec<MailKind> {
        let kinds: &[MailKind] = match role {
            Role::Parent => &[MailKind::AbsenceAlert, MailKind::FamilyMessage],
            Role::Coordinator => &[MailKind::DailyDigest, MailKind::WeeklyRegisters],
            _ => &[],
        };
        kinds.to_vec()
    }

    /// The kind's name, as the account page and the stop page say it.
    pub fn label(self, l: Locale) -> &'static str {
        let (fr, en) = match self {
            MailKind::Invitation => ("Invitation à créer son compte", "Invitation to create an account"),
            MailKind::PasswordReset => ("Nouveau mot de passe", "New password"),
            MailKind::AbsenceAlert => (
                "Alerte le soir même quand votre enfant était attendu et a été noté absent sans que vous l'ayez signalé",
                "An alert the same evening when your child was expected and marked absent without a notice from you",
            ),
            MailKind::FamilyMessage => (
                "Les messages de la structure, aussi par courriel (ils sont toujours sur votre page)",
                "The centre's messages, by mail too (they are always on your page)",
            ),
            MailKind::DailyDigest => (
                "Résumé du jour : absences signalées, contrats acceptés, réponses aux rencontres",
                "Daily summary: absence notices, contracts accepted, answers to family events",
            ),
            MailKind::WeeklyRegisters => (
                "Le lundi : les registres de la semaine passée non faits ou non clos",
                "On Mondays: last week's registers not taken or not closed",
            ),
        };
        crate::i18n::pick(l, fr, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_access_mails_cannot_be_stopped() {
        for kind in ALL {
            assert_eq!(MailKind::parse(kind.code()), Some(kind));
        }
        assert!(!MailKind::Invitation.chosen() && !MailKind::PasswordReset.chosen());
        assert!(MailKind::chosen_by(Role::Parent).iter().all(|k| k.chosen()));
        assert!(!MailKind::AbsenceAlert.wanted_by_default());
        assert!(!MailKind::FamilyMessage.wanted_by_default());
        assert_eq!(MailKind::parse("spam"), None);
    }
}
