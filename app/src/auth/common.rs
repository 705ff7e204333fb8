//! Passwords too easy to guess (server only): the ones most often found in
//! leaks, and the ones made of the person's own name or address or of this
//! product's name (NIST SP 800-63B 3.1.1.2, ASVS 5.0 V6.2). The list stays
//! on the server: shipped to the browser it would weigh 78 kB.

use crate::error::{AppError, FieldProblem};
use std::collections::HashSet;
use std::sync::OnceLock;

/// One per line, lower-case; `#` starts a comment line.
const LIST: &str = include_str!("common_passwords.txt");

/// Words every account shares: a password made of them is guessed first.
const PRODUCT_WORDS: [&str; 3] = ["passerelle", "clas", "caf"];

/// What is left once the words are removed must be at least this long.
const MIN_OWN_CHARS: usize = 4;

fn list() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Letters and digits only, lower-case: « Azerty-123! » → « azerty123 ».
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a folded text is a common password, or one with a few
/// characters before or after it (« azertyuiop12 »), or one repeated
/// (« azertyazerty »), or only a few characters repeated.
fn common(text: &str) -> bool {
    let list = list();
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n < MIN_OWN_CHARS || list.contains(text) {
        return true;
    }
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for cut in 1..n {
        let (head, tail) = (part(0, cut), part(cut, n));
        if (list.contains(head.as_str()) && n - cut < MIN_OWN_CHARS)
            || (list.contains(tail.as_str()) && cut < MIN_OWN_CHARS)
        {
            return true;
        }
    }
    (1..=n / 2).filter(|p| n.is_multiple_of(*p)).any(|p| {
        let unit = part(0, p);
        unit.repeat(n / p) == text && (p < MIN_OWN_CHARS || list.contains(unit.as_str()))
    })
}

/// Refuses a new password that is common, or made of the `context` words
/// (the person's name, their e-mail address) and of the product's, with
/// digits around them. Letters are compared without case, spaces or
/// punctuation.
pub fn refuse_guessable(password: &str, context: &[&str]) -> Result<(), AppError> {
    let guessable = AppError::invalid("password", FieldProblem::Guessable);
    let whole = folded(password);
    if common(&whole) {
        return Err(guessable);
    }
    let mut rest = whole.clone();
    let words = context
        .iter()
        .flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric()))
        .map(folded)
        .chain(PRODUCT_WORDS.iter().map(|w| w.to_string()))
        .filter(|w| w.chars().count() >= 3);
    for word in words {
        rest = rest.replace(&word, "");
    }
    let own = rest.trim_matches(|c: char| c.is_ascii_digit());
    if own.chars().count() < MIN_OWN_CHARS || common(own) {
        return Err(guessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(password: &str) -> bool {
        refuse_guessable(password, &["Marie Dupont", "marie.dupont@exemple.fr"]).is_err()
    }

    #[test]
    fn the_list_is_shipped_whole() {
        assert!(list().len() >= 10_000);
        assert!(list().contains("123456"));
        assert!(list().contains("motdepasse"));
    }

    #[test]
    fn common_passwords_and_their_variants_are_refused() {
        for password in [
            "123456789012",
            "azertyuiopqsdfghjklm",
            "Azertyuiop12",
            "azertyazerty",
            "passwordpassword",
            "motdepasse123",
            "MotDePasse2026!",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "qwerty123456",
            "1qaz2wsx3edc",
        ] {
            assert!(refused(password), "{password} was accepted");
        }
    }

    #[test]
    fn passwords_made_of_the_person_or_the_product_are_refused() {
        for password in [
            "Marie Dupont 2024",
            "dupont.marie1985",
            "passerelle-demo",
            "Passerelle2026!!",
            "marie.dupont@exemple.fr",
        ] {
            assert!(refused(password), "{password} was accepted");
        }
    }

    #[test]
    fn sentences_of_ones_own_pass() {
        for password in [
            "une phrase facile à retenir",
            "douze-lettres",
            "Le chat de Marie dort au soleil",
            "chocolat maison jardin",
            "une phrase assez longue",
        ] {
            assert!(!refused(password), "{password} was refused");
        }
    }
}
