//! The reader's language: French first, English second.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// The code used in the cookie and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Reads a code; French for anything else.
    pub fn from_code(code: &str) -> Locale {
        match code.trim() {
            "en" => Locale::En,
            _ => Locale::Fr,
        }
    }

    /// The other language, the one the switch offers.
    pub fn other(self) -> Locale {
        match self {
            Locale::Fr => Locale::En,
            Locale::En => Locale::Fr,
        }
    }
}
