//! The field parsers every form shares: each reads what a person typed
//! (or a URL carried) and refuses it with the field's name and a typed
//! problem, which `i18n` turns into the French (or English) sentence.

use crate::domain::dossier::money::{Cents, MAX_LINE};
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

/// An amount in euros as people type it: « 1 234,56 », « 1234.5 »,
/// « 2 563 € » (spaces and the euro sign are ignored; a comma or a point
/// before the cents). Empty is zero; more than two decimals, a sign, or
/// more than `MAX_LINE` is refused. Exact: read into cents as digits.
pub fn euros(field: &str, value: &str) -> Result<Cents, AppError> {
    let bad = || AppError::invalid(field, FieldProblem::Malformed);
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '\u{202F}' | '\u{a0}'))
        .collect();
    if compact.is_empty() {
        return Ok(Cents::ZERO);
    }
    // With both separators, the last is the decimal one (« 1.234,56 »).
    let decimal = compact.rfind([',', '.']);
    let (whole, fraction) = match decimal {
        Some(at) => (&compact[..at], &compact[at + 1..]),
        None => (compact.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| !matches!(c, '.' | ',')).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(&whole) || (decimal.is_some() && !digits(fraction)) || fraction.len() > 2 {
        return Err(bad());
    }
    if whole.len() > 10 {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    let euros: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    let amount = Cents(euros * 100 + cents);
    if amount > MAX_LINE {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    Ok(amount)
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

    #[test]
    fn amounts_are_read_to_the_cent_as_people_type_them() {
        let ok = |v: &str| euros("f", v).unwrap().0;
        assert_eq!(ok("1 234,56"), 123_456);
        assert_eq!(ok("1\u{202F}234,5 €"), 123_450);
        assert_eq!(ok("2563"), 256_300);
        assert_eq!(ok("2 563 €"), 256_300);
        assert_eq!(ok("1234.5"), 123_450);
        assert_eq!(ok("1.234,56"), 123_456);
        assert_eq!(ok("0,01"), 1);
        assert_eq!(ok("  "), 0);
        assert_eq!(ok("10000000"), 1_000_000_000);
        let malformed = Err(AppError::invalid("f", FieldProblem::Malformed));
        for bad in ["-5", "12,345", "1,2,3x", "abc", ",5", "5,", "1e3", "+3"] {
            assert_eq!(euros("f", bad), malformed, "{bad}");
        }
        let too_much = Err(AppError::invalid("f", FieldProblem::TooLong));
        assert_eq!(euros("f", "10000000,01"), too_much);
        assert_eq!(euros("f", "99999999999999999999"), too_much);
    }
}
