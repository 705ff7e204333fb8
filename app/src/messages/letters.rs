//! The mail that brings a message to a guardian who asked for it (opt-in:
//! `MailKind::FamilyMessage`), in French, English or Arabic. The message's own
//! words are in it; reading it in Passerelle is what counts as read.

use crate::i18n::Locale;
use crate::mail::letter::Letter;
use crate::messages::types::{Ask, NewMessage};

/// The mail of `message` about `children` (first names).
pub fn family_message(
    l: Locale,
    guardian: &str,
    children: &[String],
    message: &NewMessage,
    organisation: &str,
    link: &str,
) -> Letter {
    let (subject, body) = (&message.subject, &message.body);
    let children = children.join(", ");
    let (intro, answer, button) = match l {
        Locale::Fr => (
            format!("{organisation} vous écrit au sujet de {children} :"),
            "Une réponse vous est demandée : répondez depuis Passerelle.",
            "Lire et répondre",
        ),
        Locale::En => (
            format!("{organisation} writes to you about {children}:"),
            "An answer is asked of you: answer in Passerelle.",
            "Read and answer",
        ),
        Locale::Ar => (
            format!("تكتب لكم {organisation} بخصوص {children}:"),
            "يُطلب منكم جواب: أجيبوا من «باسريل».",
            "القراءة والجواب",
        ),
    };
    let mut paragraphs = vec![intro, format!("{subject}\n\n{body}")];
    if message.ask != Ask::Nothing {
        paragraphs.push(answer.to_string());
    }
    Letter {
        subject: format!("{organisation} : {subject}"),
        greeting: match l {
            Locale::Fr => format!("Bonjour {guardian},"),
            Locale::En => format!("Hello {guardian},"),
            Locale::Ar => format!("مرحبًا {guardian}،"),
        },
        paragraphs,
        action: Some((button.to_string(), link.to_string())),
        signature: organisation.to_string(),
        ..Letter::default()
    }
}
