//! The reader's language. French first, English second: every page speaks
//! both. Arabic, written right to left, is the families' third language:
//! the pages a guardian reads speak it (`i18n::families`); the staff's pages
//! do not offer it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
    Ar,
}

impl Locale {
    /// Every language, in the order the switch lists them.
    pub const ALL: [Locale; 3] = [Locale::Fr, Locale::En, Locale::Ar];

    /// The languages of the staff's pages.
    pub const STAFF: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The code used in the cookie, in `users.locale` and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    /// Reads a code; French for anything else.
    pub fn from_code(code: &str) -> Locale {
        match code.trim() {
            "en" => Locale::En,
            "ar" => Locale::Ar,
            _ => Locale::Fr,
        }
    }

    /// The direction of the writing, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar => "rtl",
            Locale::Fr | Locale::En => "ltr",
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
            Locale::Ar => "العربية",
        }
    }

    /// The language a staff member's pages take: Arabic is offered on the
    /// families' pages only, so a staff member who chose it reads French.
    pub fn for_staff(self) -> Locale {
        match self {
            Locale::Ar => Locale::Fr,
            l => l,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_code(l.code()), l);
        }
        assert_eq!(Locale::from_code("de"), Locale::Fr);
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::Ar.for_staff(), Locale::Fr);
        assert_eq!(Locale::En.for_staff(), Locale::En);
    }
}
