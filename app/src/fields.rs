//! The field parsers every form shares: each reads what a person typed
//! (or a URL carried) and refuses it with the field's name and a typed
//! problem, which `i18n` turns into the French (or English) sentence.

use crate::domain::ids::SessionId;
use crate::error::{AppError, FieldProblem};
use chrono::NaiveDate;

/// Reads an id (a UUID's characters) from a URL or a form's `field`.
pub fn parse_id(field: &str, raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, FieldProblem::Missing));
    }
    if raw.len() > 64 || !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(AppError::invalid(field, FieldProblem::Malformed));
    }
    Ok(raw.to_string())
}

/// Checks an id that came typed in a call, as `parse_id` checks one read
/// from a form: the same refusal, naming `field`.
pub fn checked_id<I: AsRef<str>>(field: &str, id: I) -> Result<I, AppError> {
    parse_id(field, id.as_ref())?;
    Ok(id)
}

/// An optional id of a form's `field`: None when left empty.
pub fn parse_optional_id(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => parse_id(field, raw).map(Some),
    }
}

/// Reads a date typed or sent as `2026-11-30` (empty: malformed, as a
/// URL or a calendar sends it).
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, FieldProblem::Malformed))
}

/// Whether a checkbox was ticked (an HTML form sends `on`).
pub fn ticked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| matches!(v, "on" | "true" | "1"))
}

/// Whether `c` is a character nobody types in a form: a control character
/// (the line break aside, where `lines` allows it) or one of the
/// bidirectional controls that make a text read otherwise than it is
/// stored.
fn unwanted(c: char, lines: bool) -> bool {
    (c.is_control() && !(lines && c == '\n'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text as typed in `field`, trimmed, with line breaks written `\n` when
/// `lines` allows several lines (a textarea sends `\r\n`), else refused
/// with any other control character. Every free text of the app goes
/// through here: a carriage return in a venue's address once wrote
/// properties into families' calendars.
pub fn plain(field: &str, value: &str, lines: bool) -> Result<String, AppError> {
    let value = value.trim().replace("\r\n", "\n");
    if value.chars().any(|c| unwanted(c, lines)) {
        return Err(AppError::invalid(field, FieldProblem::Control));
    }
    Ok(value)
}

/// A one-line text of `min` to `max` characters.
pub fn line(field: &str, value: &str, min: usize, max: usize) -> Result<String, AppError> {
    let value = plain(field, value, false)?;
    match value.chars().count() {
        0 if min > 0 => Err(AppError::invalid(field, FieldProblem::Missing)),
        n if n < min => Err(AppError::invalid(field, FieldProblem::TooShort)),
        n if n > max => Err(AppError::invalid(field, FieldProblem::TooLong)),
        _ => Ok(value),
    }
}

/// A person's name: required, one line, at most 80 characters.
pub fn name(field: &str, value: &str) -> Result<String, AppError> {
    line(field, value, 1, 80)
}

/// A free text of at most `max` characters (empty allowed, several lines).
pub fn text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let value = plain(field, value, true)?;
    if value.chars().count() > max {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    Ok(value)
}

/// A required date, typed as `2026-11-30`.
pub fn date(field: &str, value: &str) -> Result<NaiveDate, AppError> {
    match value.trim() {
        "" => Err(AppError::invalid(field, FieldProblem::Missing)),
        v => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| AppError::invalid(field, FieldProblem::Malformed)),
    }
}

/// A phone number of at least ten digits (spaces, dots, dashes, `+` and
/// brackets allowed), or nothing.
pub fn phone(field: &str, value: &str) -> Result<Option<String>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().filter(char::is_ascii_digit).count() < 10
        || !value
            .chars()
            .all(|c| c.is_ascii_digit() || " .+-()".contains(c))
    {
        return Err(AppError::invalid(field, FieldProblem::Malformed));
    }
    Ok(Some(value.to_string()))
}

/// Reads a session id from a URL or a form.
pub fn parse_session(raw: &str) -> Result<SessionId, AppError> {
    parse_id("session", raw).map(SessionId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_in_every_text() {
        let control = Err(AppError::invalid("f", FieldProblem::Control));
        assert_eq!(name("f", "Inès\rX-INJECT:1"), control);
        assert_eq!(name("f", "Inès\nDupont"), control);
        assert_eq!(line("f", "a\u{0}b", 0, 10), control);
        assert_eq!(text("f", "12 rue\rDTSTART:1", 200), control);
        assert_eq!(text("f", "\u{202E}evil", 200), control);
        assert_eq!(text("f", "tab\there", 200), control);
        // Lines are allowed in free texts, written \n.
        assert_eq!(text("f", " a\r\nb \n c ", 200).unwrap(), "a\nb \n c");
        assert_eq!(name("f", "  Élodie N'Diaye ").unwrap(), "Élodie N'Diaye");
        assert_eq!(
            line("f", "ab", 3, 10),
            Err(AppError::invalid("f", FieldProblem::TooShort))
        );
        assert_eq!(
            line("f", "", 3, 10),
            Err(AppError::invalid("f", FieldProblem::Missing))
        );
    }
}
