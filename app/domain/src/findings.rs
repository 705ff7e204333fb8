//! What a rule says: a finding with a stable code, a severity, what it is
//! about, and the threshold and value that produced it. Findings are data
//! (codes and numbers), never sentences: the UI translates them.

use crate::ids::*;
use serde::{Deserialize, Serialize};

/// The codes of DOMAIN.md's rule table. Their `as_str` spelling is the
/// public contract (API, `data-finding-code` attributes, reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    GroupOverMax,
    GroupUnderMin,
    RatioExceeded,
    NoAccompanist,
    WeeklyFrequencyLow,
    DuringSchoolTime,
    AccompanistConflict,
    VenueConflict,
    ChildConflict,
    InHolidays,
    NoConsent,
    NoReferral,
    HomeworkOnly,
    InvalidSlot,
    AxisEmpty,
    CafShareOverCap,
}

impl Code {
    pub const ALL: [Code; 16] = [
        Code::GroupOverMax,
        Code::GroupUnderMin,
        Code::RatioExceeded,
        Code::NoAccompanist,
        Code::WeeklyFrequencyLow,
        Code::DuringSchoolTime,
        Code::AccompanistConflict,
        Code::VenueConflict,
        Code::ChildConflict,
        Code::InHolidays,
        Code::NoConsent,
        Code::NoReferral,
        Code::HomeworkOnly,
        Code::InvalidSlot,
        Code::AxisEmpty,
        Code::CafShareOverCap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::GroupOverMax => "GROUP_OVER_MAX",
            Code::GroupUnderMin => "GROUP_UNDER_MIN",
            Code::RatioExceeded => "RATIO_EXCEEDED",
            Code::NoAccompanist => "NO_ACCOMPANIST",
            Code::WeeklyFrequencyLow => "WEEKLY_FREQUENCY_LOW",
            Code::DuringSchoolTime => "DURING_SCHOOL_TIME",
            Code::AccompanistConflict => "ACCOMPANIST_CONFLICT",
            Code::VenueConflict => "VENUE_CONFLICT",
            Code::ChildConflict => "CHILD_CONFLICT",
            Code::InHolidays => "IN_HOLIDAYS",
            Code::NoConsent => "NO_CONSENT",
            Code::NoReferral => "NO_REFERRAL",
            Code::HomeworkOnly => "HOMEWORK_ONLY",
            Code::InvalidSlot => "INVALID_SLOT",
            Code::AxisEmpty => "AXIS_EMPTY",
            Code::CafShareOverCap => "CAF_SHARE_OVER_CAP",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Errors block saving; warnings are shown and counted.
    pub fn severity(self) -> Severity {
        match self {
            Code::GroupUnderMin
            | Code::RatioExceeded
            | Code::WeeklyFrequencyLow
            | Code::InHolidays
            | Code::HomeworkOnly
            | Code::AxisEmpty
            | Code::CafShareOverCap => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Group(GroupId),
    Session(SessionId),
    Child(ChildId),
    Accompanist(AccompanistId),
    Venue(VenueId),
    /// An ISO week, as `2026-W49`.
    Week(String),
    /// A funding axis of the dossier, by its code (`ecole`).
    Axis(String),
    /// A column of the budget (`prevu`, `realise`).
    Budget(String),
}

/// The unit of a threshold or a measured value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Children,
    ChildrenPerAdult,
    Adults,
    SessionsPerWeek,
    Minutes,
    /// Euro cents (amounts of the budget).
    Cents,
}

/// A number with its unit. Ratios are kept as hundredths so that findings
/// compare exactly on every platform (7.5 children per adult is 750).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Measure {
    pub value: i64,
    pub unit: Unit,
}

impl Measure {
    pub fn new(value: i64, unit: Unit) -> Self {
        Self { value, unit }
    }
    pub fn children(value: i64) -> Self {
        Self::new(value, Unit::Children)
    }
    /// Children per adult, in hundredths.
    pub fn per_adult_hundredths(value: i64) -> Self {
        Self::new(value, Unit::ChildrenPerAdult)
    }
}

/// One result of one rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The entities concerned, the main one first.
    pub about: Vec<Subject>,
    /// The threshold the rule used, when it has one.
    pub threshold: Option<Measure>,
    /// The value that crossed it.
    pub actual: Option<Measure>,
}

impl Finding {
    pub fn new(code: Code, about: Vec<Subject>) -> Self {
        Self {
            code,
            severity: code.severity(),
            about,
            threshold: None,
            actual: None,
        }
    }

    pub fn measured(mut self, threshold: Measure, actual: Measure) -> Self {
        self.threshold = Some(threshold);
        self.actual = Some(actual);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when any finding blocks saving.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}
