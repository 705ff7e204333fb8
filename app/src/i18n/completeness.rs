//! The catalogue's own test: every key of every part (`families`,
//! `errors`) has every language the app speaks, names the same values in
//! each, and its Arabic is written in Arabic.

use super::catalogue::placeholders;
use crate::locale::Locale;

/// A part of the catalogue: each key with its (language, text) pairs.
type Entries = &'static [(&'static str, &'static [(&'static str, &'static str)])];

/// Every part of the catalogue, by name.
fn parts() -> Vec<(&'static str, Entries)> {
    vec![
        ("families", super::families::ENTRIES),
        ("errors", super::errors::ENTRIES),
        ("accessibility", super::accessibility::ENTRIES),
    ]
}

/// What is missing in `entries`: a key without a language (or with an
/// empty text), or a language the app does not speak.
fn missing(part: &str, entries: Entries) -> Vec<String> {
    let mut found = Vec::new();
    for (key, texts) in entries {
        for l in Locale::ALL {
            match texts.iter().find(|(c, _)| *c == l.code()) {
                Some((_, t)) if !t.trim().is_empty() => {}
                _ => found.push(format!("{part}::{key} has no text in {}", l.code())),
            }
        }
        for (code, _) in texts.iter() {
            if !Locale::ALL.iter().any(|l| l.code() == *code) {
                found.push(format!("{part}::{key} names an unknown language {code}"));
            }
        }
    }
    found
}

#[test]
fn every_key_has_every_language() {
    let found: Vec<String> = parts()
        .into_iter()
        .flat_map(|(part, entries)| missing(part, entries))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_key_without_arabic_is_found() {
    const SOME: Entries = &[
        ("whole", &[("fr", "Oui"), ("en", "Yes"), ("ar", "نعم")]),
        ("no_arabic", &[("fr", "Non"), ("en", "No")]),
        (
            "empty_english",
            &[("fr", "Peut-être"), ("en", " "), ("ar", "ربما")],
        ),
    ];
    assert_eq!(
        missing("test", SOME),
        vec![
            "test::no_arabic has no text in ar",
            "test::empty_english has no text in en"
        ]
    );
}

#[test]
fn every_language_names_the_same_values() {
    for (part, entries) in parts() {
        for (key, texts) in entries {
            let french = placeholders(texts[0].1);
            for (code, text) in texts.iter() {
                assert_eq!(
                    placeholders(text),
                    french,
                    "{part}::{key} in {code} does not name the values French names"
                );
            }
        }
    }
}

/// A text without the values it names.
fn words(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn arabic_texts_are_written_in_arabic() {
    // Every Arabic text with words in it (not only values and
    // punctuation, as « {field}: {problem}. ») has Arabic letters.
    let arabic = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
    for (part, entries) in parts() {
        for (key, texts) in entries {
            let Some((_, t)) = texts.iter().find(|(c, _)| *c == "ar") else {
                continue;
            };
            let french = texts
                .iter()
                .find(|(c, _)| *c == "fr")
                .map_or("", |(_, t)| *t);
            if words(french).chars().any(char::is_alphabetic) {
                assert!(t.chars().any(arabic), "{part}::{key}: {t:?} is not Arabic");
            }
        }
    }
}
