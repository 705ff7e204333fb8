//! What the register pages show and what a sync answers.

use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, AttendanceStatus, SessionStatus};
use crate::domain::register::{Mark, PickUp};
pub use crate::domain::register_merge::{Outcome, Refusal};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A choice of who takes the child home, as the register lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickUpChoice {
    pub by: PickUp,
    /// « Samira B. (parent) », « Mamie Benali (grand-parent) ».
    pub label: String,
}

/// A child expected at a session, with only what the tablet needs: first
/// name and initial, who may take them home. Never notes about their needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterChild {
    pub id: ChildId,
    /// « Inès B. »
    pub name: String,
    pub may_leave_alone: bool,
    pub pick_ups: Vec<PickUpChoice>,
    /// The family said in advance the child would not come.
    pub notice: bool,
}

/// A parent who may come to the session (for the notes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentChoice {
    pub id: GuardianId,
    pub label: String,
}

/// The notes of a session as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesState {
    pub activities: Vec<ActivityCategory>,
    pub parents: Vec<GuardianId>,
    /// When the device wrote them (`None`: never written).
    pub made_at: Option<DateTime<Utc>>,
}

/// What the server holds of a register: the newest mark of each child,
/// the notes, whether it is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterState {
    pub session: SessionId,
    pub marks: Vec<Mark>,
    pub notes: NotesState,
    pub closed_at: Option<DateTime<Utc>>,
    /// When the server read it: of two copies, the device keeps the newer
    /// (a page the service worker kept may be older than the last sync).
    pub as_of: DateTime<Utc>,
}

/// One register as a tablet keeps it: enough to work with no network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterSheet {
    pub session: SessionId,
    pub group_name: String,
    pub venue_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub planned: Vec<ActivityCategory>,
    pub children: Vec<RegisterChild>,
    pub parents: Vec<ParentChoice>,
    pub state: RegisterState,
}

/// One mark of a disagreement, as the coordinator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenMark {
    pub status: AttendanceStatus,
    pub by: String,
    pub made_at: DateTime<Utc>,
}

/// Two tablets (or more) marked one child differently without seeing each
/// other's mark; `kept` is what the register holds now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    pub child: ChildId,
    pub child_name: String,
    pub marks: Vec<SeenMark>,
    pub kept: AttendanceStatus,
}

/// A register where tablets disagreed, for the coordinator to check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterToCheck {
    pub session: SessionId,
    pub date: NaiveDate,
    pub group_name: String,
    /// How many children the tablets disagreed about.
    pub children: u32,
}

/// The register page: the sheet, and what the caller may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterView {
    pub sheet: RegisterSheet,
    /// The day (Paris) the server made this view: the page first shows what
    /// the server showed, then judges by the device's own day (a tablet
    /// whose clock says another day would not hydrate the server's page).
    pub rendered_on: NaiveDate,
    pub coordinator: bool,
    pub disagreements: Vec<Disagreement>,
    /// Corrections made after the register was closed (audit log).
    pub corrections: u32,
}

/// The answer to a sync: one outcome per entry, in the order sent, and the
/// registers they touched as the server now holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    pub outcomes: Vec<(EntryId, Outcome)>,
    pub states: Vec<RegisterState>,
}

/// The largest batch a tablet sends in one call.
pub const MAX_BATCH: usize = 60;

/// A batch too large to read is refused as a whole (the tablet sends less).
pub fn check_batch_size(len: usize) -> Result<(), AppError> {
    if len > MAX_BATCH {
        Err(AppError::TooLarge)
    } else {
        Ok(())
    }
}
