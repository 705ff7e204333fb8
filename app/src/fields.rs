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

/// A person's name: required, at most 80 characters.
pub fn name(field: &str, value: &str) -> Result<String, AppError> {
    let value = value.trim();
    match value.chars().count() {
        0 => Err(AppError::invalid(field, FieldProblem::Missing)),
        81.. => Err(AppError::invalid(field, FieldProblem::TooLong)),
        _ => Ok(value.to_string()),
    }
}

/// A free text of at most `max` characters (empty allowed).
pub fn text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(AppError::invalid(field, FieldProblem::TooLong));
    }
    Ok(value.to_string())
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
