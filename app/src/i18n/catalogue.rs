//! How the message catalogue is written: one entry per key, each in every
//! language, declared with `texts!`. An entry becomes a function of the
//! reader's language, so a page names its text by key
//! (`families::my_children(l)`) and the build keeps each text with the only
//! code that shows it (a lazy page's texts travel in its own WASM file).
//! A text with values in it names them in braces (`{first_name}`) and is
//! completed by `fill`. `completeness` fails when a key lacks a language,
//! or when its languages do not name the same values.

use crate::locale::Locale;

/// Declares keyed texts:
/// `my_children { fr: "Mes enfants", en: "My children", ar: "أطفالي" }`
/// becomes `pub fn my_children(l: Locale) -> &'static str`. A language left
/// out reads French (and fails the catalogue's test), so a page never shows
/// a bare key.
macro_rules! texts {
    ($( $(#[doc = $doc:literal])* $key:ident { $($lang:ident: $text:literal),+ $(,)? } )*) => {
        $(
            $(#[doc = $doc])*
            pub fn $key(l: $crate::locale::Locale) -> &'static str {
                $crate::i18n::catalogue::choose(l, &[$((stringify!($lang), $text)),+])
            }
        )*

        /// Every entry of this part of the catalogue, for its test.
        #[cfg(test)]
        pub(crate) const ENTRIES: &[(&str, &[(&str, &str)])] =
            &[$((stringify!($key), &[$((stringify!($lang), $text)),+])),*];
    };
}
pub(crate) use texts;

/// A catalogue entry: its text in a language.
pub type Text = fn(Locale) -> &'static str;

/// The text in the reader's language, else in French.
pub fn choose(l: Locale, texts: &[(&'static str, &'static str)]) -> &'static str {
    let find = |code: &str| texts.iter().find(|(c, _)| *c == code).map(|(_, t)| *t);
    find(l.code()).or_else(|| find("fr")).unwrap_or_default()
}

/// Puts values in a text: `fill("Venu à {rate}", &[("rate", "80 %")])`.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The names in braces of a text, sorted.
#[cfg(test)]
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_falls_back_to_french_and_fills_its_values() {
        let texts = [("fr", "Bonjour {name}"), ("en", "Hello {name}")];
        assert_eq!(choose(Locale::Ar, &texts), "Bonjour {name}");
        assert_eq!(choose(Locale::En, &texts), "Hello {name}");
        assert_eq!(
            fill(choose(Locale::En, &texts), &[("name", "Inès")]),
            "Hello Inès"
        );
        assert_eq!(placeholders("{b} et {a}"), vec!["a", "b"]);
    }
}
