//! How every planning change runs on the server: the caller must be a
//! coordinator, the change happens in one transaction that first takes the
//! organisation's planning lock, the rules are checked inside it against
//! what is really there, and the change is written to the audit log.

use crate::db::{Db, Work};
use crate::domain::calendar::Slot;
use crate::domain::check::{check_session, PlanningContext};
use crate::domain::findings::has_errors;
use crate::domain::ids::*;
use crate::domain::model::{PlannedSession, SessionStatus};
use crate::domain::Finding;
use crate::error::{AppError, FieldProblem};
use crate::planning::store as db_planning;
use crate::planning::types::CheckedSession;
use chrono::NaiveDate;

/// One planning change in progress.
pub struct Change {
    pub db: Db,
    /// The write, behind the organisation's lock.
    pub work: Work,
    pub org: OrganisationId,
    /// The time of the change, as stored (the work's).
    pub now: String,
}

/// Starts a change for the calling coordinator: their organisation's
/// planning is locked until the change commits or is dropped.
pub async fn planning_change() -> Result<Change, AppError> {
    let crate::authz::CoordinatorWork { db, org, work, .. } =
        crate::authz::coordinator_work().await?;
    let now = work.at().to_string();
    Ok(Change { db, work, org, now })
}

/// The session being changed, as the rules see it, and its series.
pub struct Editing {
    pub session: SessionId,
    pub candidate: PlannedSession,
    pub series: Option<String>,
}

/// Starts a change of one of the caller's sessions: it must be their
/// organisation's, still at the `version` they saw, and in a status that
/// `allowed` accepts.
pub async fn editable_session(
    session: SessionId,
    version: i64,
    allowed: fn(SessionStatus) -> bool,
) -> Result<(Change, Editing), AppError> {
    let mut change = planning_change().await?;
    let state = db_planning::session_state(&mut change.work, &session)
        .await?
        .ok_or(AppError::NotFound)?;
    if state.organisation != change.org {
        return Err(AppError::Forbidden);
    }
    if state.version != version {
        return Err(AppError::Stale);
    }
    if !allowed(state.status) {
        return Err(AppError::invalid("status", FieldProblem::Unknown));
    }
    let candidate = db_planning::planned_session(&mut change.work, &change.org, &session)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        change,
        Editing {
            session,
            candidate,
            series: state.series,
        },
    ))
}

impl Change {
    /// Moves the session being edited to `slot` and `venue`: the venue must
    /// be the organisation's, the slot valid (else INVALID_SLOT), and the
    /// rules find no error there. Gives the findings that remain.
    pub async fn move_to(
        &mut self,
        editing: &mut Editing,
        slot: Slot,
        venue: VenueId,
    ) -> Result<Vec<Finding>, AppError> {
        self.require_owned(db_planning::Owned::Venue, &venue.0, "venue")
            .await?;
        let thresholds = db_planning::thresholds(&mut self.work, &self.org).await?;
        let findings = crate::domain::rules::invalid_slot(&editing.session, &slot, &thresholds);
        if !findings.is_empty() {
            return Err(AppError::Rules { findings });
        }
        editing.candidate.slot = slot;
        editing.candidate.venue = venue.clone();
        let findings = self.check(&editing.candidate).await?;
        db_planning::set_slot(&mut self.work, &editing.session, &slot, &venue, &self.now).await?;
        let detail = format!("{} {}", slot.date, slot.time.start.format("%H:%M"));
        self.audit("session.move", &editing.session, &detail)
            .await?;
        Ok(findings)
    }

    /// Refuses a venue or an accompanist that is not the organisation's,
    /// naming the `field` that held it.
    pub async fn require_owned(
        &mut self,
        table: db_planning::Owned,
        id: &str,
        field: &str,
    ) -> Result<(), AppError> {
        if db_planning::owns(&mut self.work, table, id, &self.org).await? {
            Ok(())
        } else {
            Err(AppError::invalid(field, FieldProblem::Unknown))
        }
    }

    /// What the rules need around `from`..`to`, read inside the change.
    pub async fn context(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PlanningContext, AppError> {
        Ok(db_planning::context(&mut self.work, &self.org, from, to).await?)
    }

    /// The session's findings in its context; an error finding refuses the
    /// change with the rules' codes.
    pub async fn check(&mut self, candidate: &PlannedSession) -> Result<Vec<Finding>, AppError> {
        let ctx = self
            .context(candidate.slot.date, candidate.slot.date)
            .await?;
        let findings = check_session(candidate, &ctx);
        if has_errors(&findings) {
            return Err(AppError::Rules { findings });
        }
        Ok(findings)
    }

    /// Writes the change to the audit log.
    pub async fn audit(
        &mut self,
        action: &str,
        session: &SessionId,
        detail: &str,
    ) -> Result<(), AppError> {
        Ok(self
            .work
            .audit(action, ("session", &session.0), detail)
            .await?)
    }

    /// Commits, then reads the saved session as the page shows it, with the
    /// findings the rules gave before it was saved.
    pub async fn commit_checked(
        self,
        session: &SessionId,
        date: NaiveDate,
        findings: Vec<Finding>,
    ) -> Result<CheckedSession, AppError> {
        let db = self.db.clone();
        self.work.commit().await?;
        checked(&db, session, date, findings).await
    }
}

/// A session as the page shows it, with its findings: the one session the
/// change left, read after the commit.
pub async fn checked(
    db: &Db,
    session: &SessionId,
    date: NaiveDate,
    findings: Vec<Finding>,
) -> Result<CheckedSession, AppError> {
    let line = db_planning::sessions(
        &mut *db.pool.acquire().await?,
        db_planning::Scope::Session(session),
        date,
        date,
    )
    .await?
    .into_iter()
    .find(|s| &s.id == session)
    .ok_or(AppError::NotFound)?;
    Ok(CheckedSession {
        session: line,
        findings,
    })
}
