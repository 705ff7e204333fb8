//! How the server takes what tablets send (server only). Entries are grouped
//! by session; each session's entries are applied in one transaction that
//! starts by taking the session's lock, so two tablets syncing the same
//! register one after the other each decide against what the other wrote.

use crate::attendance::types::*;
use crate::auth::CurrentUser;
use crate::db::register::{self as store, SessionFacts};
use crate::db::{audit, Db};
use crate::domain::ids::*;
use crate::domain::model::{Role, SessionStatus};
use crate::domain::register::*;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AnyConnection, Connection};
use std::collections::{BTreeMap, BTreeSet};

/// Whether `user` takes the register of this session: an accompanist who
/// leads the group or is assigned to the session, or a coordinator of its
/// organisation.
pub fn may_take_register(user: &CurrentUser, facts: &SessionFacts) -> bool {
    match user.role {
        Role::Coordinator => user.organisation.as_ref() == Some(&facts.organisation),
        Role::Accompanist => user.accompanist.is_some() && facts.caller_is_staff,
        _ => false,
    }
}

/// Why a session takes no entries at all from this caller, if so.
fn session_refusal(
    user: &CurrentUser,
    facts: Option<&SessionFacts>,
    today: NaiveDate,
) -> Option<Refusal> {
    let Some(facts) = facts else {
        return Some(Refusal::UnknownSession);
    };
    if !may_take_register(user, facts) {
        return Some(Refusal::Forbidden);
    }
    if matches!(
        facts.status,
        SessionStatus::Draft | SessionStatus::Cancelled
    ) {
        return Some(Refusal::NotOpen);
    }
    if facts.date > today {
        return Some(Refusal::TooEarly);
    }
    None
}

/// Applies a batch of entries from one device.
pub async fn apply(
    db: &Db,
    user: &CurrentUser,
    entries: Vec<Entry>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SyncReport, AppError> {
    check_batch_size(entries.len())?;
    // Each entry keeps its place: the answer lists outcomes in the order sent.
    let mut by_session: BTreeMap<SessionId, Vec<(usize, Entry)>> = BTreeMap::new();
    for (place, entry) in entries.iter().enumerate() {
        by_session
            .entry(entry.session().clone())
            .or_default()
            .push((place, entry.clone()));
    }
    let mut outcomes: Vec<Option<Outcome>> = vec![None; entries.len()];
    let mut states = Vec::new();
    // One connection for the whole sync: a hundred tablets at once queue
    // for the pool once each, not once per read.
    let mut conn = db.pool.acquire().await?;
    // Sessions in id order: two batches lock them in the same order.
    for (session, list) in by_session {
        let facts = store::session_facts(&mut conn, &session, user.accompanist.as_ref()).await?;
        if let Some(why) = session_refusal(user, facts.as_ref(), today) {
            for (place, _) in &list {
                outcomes[*place] = Some(Outcome::Refused(why.clone()));
            }
            continue;
        }
        let Some(facts) = facts else { continue };
        let expected = store::expected_children(&mut conn, &facts).await?;
        let decided = apply_session(db, &mut conn, user, facts, &expected, &list, now).await?;
        for (place, outcome) in decided.outcomes {
            outcomes[place] = Some(outcome);
        }
        states.push(decided.state);
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

struct Decided {
    /// By the entry's place in the batch.
    outcomes: Vec<(usize, Outcome)>,
    state: RegisterState,
}

async fn apply_session(
    db: &Db,
    conn: &mut AnyConnection,
    user: &CurrentUser,
    mut facts: SessionFacts,
    expected: &[(ExpectedChild, RegisterChild)],
    entries: &[(usize, Entry)],
    now: DateTime<Utc>,
) -> Result<Decided, AppError> {
    let received_at = store::precise(now);
    let turn = db.writer().await;
    let mut tx = conn.begin().await?;
    // Read again under the lock: a closing may have landed meanwhile.
    let flags = store::lock_session(&mut tx, &facts.id)
        .await?
        .ok_or(AppError::NotFound)?;
    facts.closed_at = flags.closed_at;
    facts.reopened_at = flags.reopened_at;
    facts.notes_made_at = flags.notes_made_at;
    let ids: Vec<&EntryId> = entries.iter().map(|(_, e)| e.id()).collect();
    let mut known: BTreeSet<EntryId> = store::known_entries(&mut tx, &ids)
        .await?
        .into_iter()
        .collect();
    let mut current = store::current_marks(&mut tx, &facts.id).await?;
    let parents: BTreeSet<&GuardianId> = expected
        .iter()
        .flat_map(|(e, _)| e.guardians.iter())
        .collect();

    let mut outcomes = Vec::new();
    let mut taken: Vec<&Entry> = Vec::new();
    let mut changed: BTreeSet<ChildId> = BTreeSet::new();
    let mut disagreements: Vec<(Mark, Mark)> = Vec::new();
    let mut corrections: Vec<String> = Vec::new();
    let mut notes: Option<&SessionNotes> = None;
    let mut closing: Option<&Closing> = None;
    for (place, entry) in entries {
        if !known.insert(entry.id().clone()) {
            outcomes.push((*place, Outcome::Duplicate));
            continue;
        }
        let outcome = if !made_before_closing(entry.made_at(), facts.closed_at) {
            Outcome::Refused(Refusal::Closed)
        } else {
            match entry {
                Entry::Mark(mark) => match expected.iter().find(|(e, _)| e.child == mark.child) {
                    None => Outcome::Refused(Refusal::NotExpected),
                    Some((child, _)) => match check_mark(mark, child) {
                        Err(problem) => Outcome::Refused(Refusal::Invalid { problem }),
                        Ok(()) => {
                            let before = current.get(&mark.child);
                            if let Some(b) = before.filter(|b| b.disagrees_with(mark)) {
                                disagreements.push((b.clone(), mark.clone()));
                            }
                            if before.is_none_or(|b| mark.wins_over(b)) {
                                if facts.closed_at.is_some() || facts.reopened_at.is_some() {
                                    corrections.push(format!(
                                        "{}: {} -> {}",
                                        mark.child,
                                        before.map(|b| b.status.as_str()).unwrap_or("-"),
                                        mark.status.as_str()
                                    ));
                                }
                                current.insert(mark.child.clone(), mark.clone());
                                changed.insert(mark.child.clone());
                                Outcome::Applied
                            } else {
                                Outcome::Older
                            }
                        }
                    },
                },
                Entry::Notes(n) => {
                    if n.parents.iter().any(|p| !parents.contains(p)) {
                        Outcome::Refused(Refusal::NotExpected)
                    } else if facts.notes_made_at.is_none_or(|at| n.made_at > at)
                        && notes.is_none_or(|m| n.made_at > m.made_at)
                    {
                        notes = Some(n);
                        Outcome::Applied
                    } else {
                        Outcome::Older
                    }
                }
                Entry::Close(c) => {
                    let before_reopening = facts.reopened_at.is_some_and(|r| c.made_at <= r);
                    if facts.closed_at.is_some() || before_reopening {
                        Outcome::Older
                    } else {
                        facts.closed_at = Some(c.made_at);
                        closing = Some(c);
                        Outcome::Applied
                    }
                }
            }
        };
        if outcome.delivered() {
            taken.push(entry);
        }
        outcomes.push((*place, outcome));
    }

    store::insert_entries(&mut tx, &taken, &user.id, &received_at).await?;
    let winners: Vec<&Mark> = changed.iter().filter_map(|c| current.get(c)).collect();
    store::upsert_marks(&mut tx, &winners, &user.id).await?;
    let pairs: Vec<(&Mark, &Mark)> = disagreements.iter().map(|(a, b)| (a, b)).collect();
    store::insert_disagreements(&mut tx, &pairs, &received_at).await?;
    if let Some(n) = notes {
        store::write_notes(&mut tx, n).await?;
        facts.notes_made_at = Some(n.made_at);
    }
    if let Some(c) = closing {
        store::close(&mut tx, c, &user.id).await?;
    }
    let mut log: Vec<(&str, String)> = Vec::new();
    if let Some(c) = closing {
        log.push(("attendance.close", store::precise(c.made_at)));
    }
    log.extend(corrections.into_iter().map(|d| ("attendance.correct", d)));
    for (action, detail) in &log {
        audit::record(
            &mut *tx,
            &audit::Entry {
                organisation: Some(&facts.organisation),
                user: Some(&user.id),
                action,
                entity: "session",
                entity_id: &facts.id.0,
                detail,
            },
            &received_at,
        )
        .await?;
    }
    tx.commit().await?;
    drop(turn);
    let state = store::state_with_marks(conn, &facts, current.into_values().collect()).await?;
    Ok(Decided { outcomes, state })
}
