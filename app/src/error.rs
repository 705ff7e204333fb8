//! The one error type of every server function. It travels to the browser as
//! JSON and carries data (kinds, field names, rule findings), never English
//! sentences: `i18n` turns it into a French (or English) message. Database
//! and internal failures are logged on the server and reach the client as an
//! opaque `Internal`, so nothing about the internals leaks.

use crate::domain::Finding;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Why a field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Missing,
    TooShort,
    TooLong,
    Malformed,
    Mismatch,
    Unknown,
    /// Too easy to guess: a common password, or one made of the person's
    /// name or address (`auth::common`).
    Guessable,
    /// Holds a character nobody types (a control character, or one that
    /// turns the text around).
    Control,
}

/// What went wrong with an invitation link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationProblem {
    Unknown,
    Used,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    /// Nobody is signed in (or the session expired).
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but this person may not touch that data.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A field of a form or a call was refused.
    #[error("invalid field {field}")]
    Invalid {
        field: String,
        problem: FieldProblem,
    },
    /// Wrong e-mail or password (never says which).
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed logins: wait before trying again.
    #[error("throttled")]
    Throttled { retry_after_seconds: i64 },
    /// Too many requests of this kind are being served (sign-ins under a
    /// flood): try again in a moment.
    #[error("busy")]
    Busy { retry_after_seconds: i64 },
    #[error("invitation {problem:?}")]
    Invitation { problem: InvitationProblem },
    /// A « mot de passe oublié » link that is unknown, used or expired.
    #[error("reset link {problem:?}")]
    ResetLink { problem: InvitationProblem },
    /// The CLAS rules refuse the change; the findings say why.
    #[error("refused by the rules")]
    Rules { findings: Vec<Finding> },
    /// An imported file was refused as a whole: every bad line and why.
    #[error("import refused")]
    Import { problems: Vec<LineProblem> },
    /// A spreadsheet refused as a whole (the children's import): the lines'
    /// own problems are in its preview, never an error.
    #[error("import file refused")]
    ImportFile { problem: SheetProblem },
    /// Someone else changed the data first.
    #[error("stale")]
    Stale,
    /// A state-changing call from another site.
    #[error("bad origin")]
    BadOrigin,
    /// The request could not be read (wrong types, too large, malformed).
    #[error("bad request")]
    BadRequest,
    #[error("request too large")]
    TooLarge,
    /// The server could not be reached (only ever made in the browser).
    #[error("network")]
    Network,
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn invalid(field: &str, problem: FieldProblem) -> Self {
        AppError::Invalid {
            field: field.to_string(),
            problem,
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::BadOrigin => 403,
            AppError::NotFound => 404,
            AppError::Stale => 409,
            AppError::Invitation { .. } | AppError::ResetLink { .. } => 410,
            AppError::TooLarge => 413,
            AppError::Invalid { .. }
            | AppError::Rules { .. }
            | AppError::Import { .. }
            | AppError::ImportFile { .. }
            | AppError::BadRequest => 422,
            AppError::Throttled { .. } => 429,
            AppError::Network | AppError::Busy { .. } => 503,
            AppError::Internal => 500,
        }
    }

    /// The error's kind, as its JSON says it (`bad_credentials`...).
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid { .. } => "invalid",
            AppError::BadCredentials => "bad_credentials",
            AppError::Throttled { .. } => "throttled",
            AppError::Busy { .. } => "busy",
            AppError::Invitation { .. } => "invitation",
            AppError::ResetLink { .. } => "reset_link",
            AppError::Rules { .. } => "rules",
            AppError::Import { .. } => "import",
            AppError::ImportFile { .. } => "import_file",
            AppError::Stale => "stale",
            AppError::BadOrigin => "bad_origin",
            AppError::BadRequest => "bad_request",
            AppError::TooLarge => "too_large",
            AppError::Network => "network",
            AppError::Internal => "internal",
        }
    }

    /// How long to wait before trying again, for the `Retry-After` header.
    pub fn retry_after_seconds(&self) -> Option<i64> {
        match self {
            AppError::Throttled {
                retry_after_seconds,
            }
            | AppError::Busy {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }

    /// Logs an internal failure and returns the opaque error sent instead.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(context, %error, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Response(_) => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal("database", error)
    }
}

// The holiday import's refusals, carried by `AppError::Import`.

/// Why a line (or the whole file) was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CsvProblem {
    /// The file is empty or is not text.
    Empty,
    /// The header lacks a column this import needs.
    MissingColumn { column: String },
    /// A line could not be read as CSV (a quote left open, wrong number of
    /// fields).
    Unreadable,
    /// A line of the zone and year without a description.
    MissingName,
    /// A date that is not a date.
    BadDate { column: String, value: String },
    /// The period ends before it starts.
    EndBeforeStart,
    /// No line of the file is about this zone and school year.
    NothingForYear { zone: String, year: String },
}

/// Why a spreadsheet is refused as a whole (the children's import).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetProblem {
    Empty,
    TooLarge,
    TooManyLines,
    /// Neither a spreadsheet nor CSV text.
    Unreadable,
    /// The first line lacks columns every line needs.
    MissingColumns(Vec<String>),
}

/// One refusal: the line of the file (1 is the header), or 0 for the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: u64,
    pub problem: CsvProblem,
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn the_kind_is_the_json_tag() {
        for e in [
            AppError::Unauthenticated,
            AppError::BadCredentials,
            AppError::Throttled {
                retry_after_seconds: 1,
            },
            AppError::Busy {
                retry_after_seconds: 1,
            },
            AppError::BadOrigin,
            AppError::TooLarge,
            AppError::invalid("f", FieldProblem::Control),
            AppError::ImportFile {
                problem: SheetProblem::Unreadable,
            },
        ] {
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["error"], e.kind());
        }
    }
}
