//! How the server takes what tablets send (server only). A sync's entries
//! are grouped by session and checked against what the caller may do
//! (reads, outside any transaction); then the syncs that arrive together are
//! written in one transaction (`db::group_commit`) that starts by locking
//! their sessions, so each decides against what the others wrote
//! (`domain::register_merge`) and a hundred tablets cost one commit.

use crate::attendance::store::{self as store, SessionFacts};
use crate::attendance::types::*;
use crate::auth::CurrentUser;
use crate::db::group_commit::GroupCommit;
use crate::db::{audit, Author, Db, Work};
use crate::domain::ids::*;
use crate::domain::register::*;
use crate::domain::register_merge::{merge, Correction};
use crate::domain::rules::{register_refusal, takes_register, RegisterSession, Taker};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// Who asks, as the register's rules see them.
fn taker(user: &CurrentUser) -> Taker<'_> {
    Taker {
        role: user.role,
        organisation: user.organisation.as_ref(),
        accompanist: user.accompanist.as_ref(),
    }
}

/// The session, as the register's rules see it.
fn register_session(facts: &SessionFacts) -> RegisterSession<'_> {
    RegisterSession {
        organisation: &facts.organisation,
        staff: &facts.staff,
        status: facts.status,
        date: facts.date,
    }
}

/// Whether `user` takes the register of this session
/// (`domain::rules::takes_register`).
pub fn may_take_register(user: &CurrentUser, facts: &SessionFacts) -> bool {
    takes_register(taker(user), register_session(facts))
}

/// One sync waiting for its write: a device's entries, grouped by session,
/// each with its place in the batch.
struct Job {
    user: CurrentUser,
    sessions: BTreeMap<SessionId, Vec<(usize, Entry)>>,
    received_at: DateTime<Utc>,
    today: NaiveDate,
}

/// What the write decided for one session of a sync.
pub struct Written {
    outcomes: Vec<(usize, Outcome)>,
    /// The session's facts and marks after the write (none if the session
    /// takes no entries from this caller).
    register: Option<(SessionFacts, Vec<Mark>)>,
}

type JobResult = Result<Vec<Written>, AppError>;

/// The register syncs waiting to be written together, one queue a database.
fn register_writes(db: &Db) -> std::sync::Arc<GroupCommit<Job, JobResult>> {
    db.shared(|| GroupCommit::new(db.writers()))
}

/// Applies a batch of entries from one device. Everything is read and
/// decided inside the write (under the sessions' locks), together with the
/// other syncs that arrived at the same time.
pub async fn apply(
    db: &Db,
    user: &CurrentUser,
    entries: Vec<Entry>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SyncReport, AppError> {
    check_batch_size(entries.len())?;
    let mut sessions: BTreeMap<SessionId, Vec<(usize, Entry)>> = BTreeMap::new();
    for (place, entry) in entries.iter().enumerate() {
        sessions
            .entry(entry.session().clone())
            .or_default()
            .push((place, entry.clone()));
    }
    let mut outcomes: Vec<Option<Outcome>> = vec![None; entries.len()];
    let mut states = Vec::new();
    if !sessions.is_empty() {
        let job = Job {
            user: user.clone(),
            sessions,
            received_at: now,
            today,
        };
        let writer = db.clone();
        let written = register_writes(db)
            .submit(job, move |jobs| {
                let db = writer.clone();
                async move { write_jobs(&db, jobs).await }
            })
            .await
            .ok_or(AppError::Internal)??;
        for session in written {
            for (place, outcome) in session.outcomes {
                outcomes[place] = Some(outcome);
            }
            if let Some((facts, marks)) = session.register {
                // Reads the notes only when there are some.
                let state = match facts.notes_made_at {
                    None => store::state_without_notes(&facts, marks),
                    Some(_) => {
                        let mut conn = db.pool.acquire().await?;
                        store::state_with_marks(&mut conn, &facts, marks).await?
                    }
                };
                states.push(state);
            }
        }
    }
    Ok(SyncReport {
        outcomes: entries
            .iter()
            .zip(outcomes)
            .map(|(e, o)| (e.id().clone(), o.unwrap_or(Outcome::Duplicate)))
            .collect(),
        states,
    })
}

/// Writes the syncs that arrived together in one transaction; if that
/// fails, each alone, so that one sync's failure is its own.
async fn write_jobs(db: &Db, jobs: Vec<Job>) -> Vec<JobResult> {
    match write_together(db, &jobs).await {
        Ok(all) => all.into_iter().map(Ok).collect(),
        Err(e) if jobs.len() == 1 => vec![Err(e)],
        Err(_) => {
            let mut results = Vec::new();
            for job in &jobs {
                let alone = write_together(db, std::slice::from_ref(job)).await;
                results.push(alone.map(|mut one| one.remove(0)));
            }
            results
        }
    }
}

/// An audit log line of a sync.
struct Audited<'a> {
    organisation: &'a OrganisationId,
    user: &'a UserId,
    session: &'a SessionId,
    action: &'static str,
    detail: String,
}

fn correction_detail(c: &Correction) -> String {
    format!(
        "{}: {} -> {}",
        c.child,
        c.before.map(|b| b.as_str()).unwrap_or("-"),
        c.after.as_str()
    )
}

async fn write_together(db: &Db, jobs: &[Job]) -> Result<Vec<Vec<Written>>, AppError> {
    let written_at = jobs.iter().map(|j| j.received_at).max().unwrap_or_default();
    let received_at = store::precise(written_at);
    // One write for all: each audit row names its own tablet's user.
    let mut tx = Work::begin_on(db, &db.write_pool, Author::default(), received_at.clone()).await?;
    let sessions: BTreeSet<&SessionId> = jobs.iter().flat_map(|j| j.sessions.keys()).collect();
    let sessions: Vec<&SessionId> = sessions.into_iter().collect();
    let mut held = store::lock_registers(&mut tx, db.backend, &sessions).await?;
    let facts = store::facts_of(&mut tx, &sessions).await?;
    let family = jobs
        .iter()
        .flat_map(|j| j.sessions.values().flatten())
        .any(|(_, e)| e.needs_family());
    let expected = store::expected_of(&mut tx, &sessions, family).await?;
    let ids: Vec<&EntryId> = jobs
        .iter()
        .flat_map(|j| j.sessions.values().flatten().map(|(_, e)| e.id()))
        .collect();
    let mut known: BTreeSet<EntryId> = store::known_entries(&mut tx, &ids)
        .await?
        .into_iter()
        .collect();

    let mut taken: Vec<(&Entry, &UserId)> = Vec::new();
    let mut changed: BTreeSet<(&SessionId, ChildId)> = BTreeSet::new();
    let mut disagreements: Vec<(Mark, Mark)> = Vec::new();
    let mut notes: BTreeMap<&SessionId, &SessionNotes> = BTreeMap::new();
    let mut closings: Vec<(&Closing, &UserId)> = Vec::new();
    let mut log: Vec<Audited> = Vec::new();
    let mut results = Vec::new();
    for job in jobs {
        let mut written = Vec::new();
        for (session, entries) in &job.sessions {
            let places = entries.iter().map(|(p, _)| *p);
            let facts = facts.get(session);
            let refusal =
                register_refusal(taker(&job.user), facts.map(register_session), job.today);
            let (Some(facts), Some(register), None) =
                (facts, held.get_mut(session), refusal.clone())
            else {
                let why = Outcome::Refused(refusal.unwrap_or(Refusal::UnknownSession));
                written.push(Written {
                    outcomes: places.map(|p| (p, why.clone())).collect(),
                    register: None,
                });
                continue;
            };
            let children: Vec<ExpectedChild> = expected
                .get(session)
                .into_iter()
                .flatten()
                .map(|(e, _)| e.clone())
                .collect();
            let merged = merge(
                register,
                &children,
                &mut known,
                entries.iter().map(|(_, e)| e),
            );
            taken.extend(merged.taken.iter().map(|e| (*e, &job.user.id)));
            changed.extend(merged.changed.into_iter().map(|c| (session, c)));
            disagreements.extend(merged.disagreements);
            if let Some(n) = merged.notes {
                notes.insert(session, n);
            }
            let audited = |action, detail| Audited {
                organisation: &facts.organisation,
                user: &job.user.id,
                session,
                action,
                detail,
            };
            if let Some(c) = merged.closing {
                closings.push((c, &job.user.id));
                log.push(audited("attendance.close", store::precise(c.made_at)));
            }
            log.extend(
                merged
                    .corrections
                    .iter()
                    .map(|c| audited("attendance.correct", correction_detail(c))),
            );
            written.push(Written {
                outcomes: places.zip(merged.outcomes).collect(),
                register: Some((facts.clone(), Vec::new())),
            });
        }
        results.push(written);
    }

    store::insert_entries(&mut tx, &taken, &received_at).await?;
    // Who sent each mark that now shows.
    let senders: BTreeMap<&EntryId, &UserId> = taken.iter().map(|(e, u)| (e.id(), *u)).collect();
    let winners: Vec<(&Mark, &UserId)> = changed
        .iter()
        .filter_map(|(session, child)| held.get(*session)?.marks.get(child))
        .filter_map(|m| Some((m, *senders.get(&m.id)?)))
        .collect();
    store::upsert_marks(&mut tx, &winners).await?;
    let pairs: Vec<(&Mark, &Mark)> = disagreements.iter().map(|(a, b)| (a, b)).collect();
    store::insert_disagreements(&mut tx, &pairs, &received_at).await?;
    for n in notes.values() {
        store::write_notes(&mut tx, n).await?;
    }
    for (c, user) in &closings {
        store::close(&mut tx, c, user).await?;
    }
    for line in &log {
        tx.audit_entry(&audit::Entry {
            organisation: Some(line.organisation),
            user: Some(line.user),
            action: line.action,
            entity: "session",
            entity_id: &line.session.0,
            detail: &line.detail,
        })
        .await?;
    }
    tx.commit().await?;

    // Each sync hears the registers as the whole write left them.
    for written in results.iter_mut().flatten() {
        if let Some((facts, marks)) = written.register.as_mut() {
            if let Some(register) = held.get(&facts.id) {
                facts.closed_at = register.closed_at;
                facts.reopened_at = register.reopened_at;
                facts.notes_made_at = register.notes_made_at;
                *marks = register.marks.values().cloned().collect();
            }
        }
    }
    Ok(results)
}
