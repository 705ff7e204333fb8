//! The register's storage: the sheet a tablet works from, and the entries it
//! sends, applied in one transaction per sync. The decisions (which mark
//! wins, when two devices disagree, who may take a child home) are
//! `domain::register`'s; this module only reads and writes.

use crate::attendance::types::*;
use crate::db::{bad_column, date, flag, parse_timestamp, placeholders, time, Backend};
use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, AttendanceStatus, SessionStatus};
use crate::domain::register::*;
use crate::domain::register_merge::HeldRegister;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// A device's timestamp as stored: to the millisecond, sortable as text.
pub fn precise(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn instant(value: Option<String>, column: &str) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    value
        .map(|v| parse_timestamp(&v).ok_or_else(|| bad_column(column, &v)))
        .transpose()
}

/// What taking a session's register depends on.
#[derive(Clone, Debug)]
pub struct SessionFacts {
    pub id: SessionId,
    pub organisation: OrganisationId,
    pub group: GroupId,
    pub group_name: String,
    pub venue_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub reopened_at: Option<DateTime<Utc>>,
    pub notes_made_at: Option<DateTime<Utc>>,
    /// The accompanists who lead the group or are assigned to the session.
    pub staff: Vec<AccompanistId>,
}

/// The facts of one session.
pub async fn session_facts(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<Option<SessionFacts>, sqlx::Error> {
    Ok(facts_of(conn, &[session]).await?.remove(session))
}

/// Binds `ids`' text to `query`, `times` over (a list used twice).
fn bind_ids<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ids: &[&'q SessionId],
    times: usize,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for _ in 0..times {
        for id in ids {
            query = query.bind(id.0.as_str());
        }
    }
    query
}

/// The facts of each of `sessions` that exists (two statements whatever
/// their number).
pub async fn facts_of(
    conn: &mut AnyConnection,
    sessions: &[&SessionId],
) -> Result<BTreeMap<SessionId, SessionFacts>, sqlx::Error> {
    let mut facts = BTreeMap::new();
    if sessions.is_empty() {
        return Ok(facts);
    }
    let n = sessions.len();
    let sql = format!(
        "SELECT s.id, s.organisation_id, s.group_id, g.name AS group_name, v.name AS venue_name,
            s.on_date, s.starts_at, s.ends_at, s.status, s.cancel_reason, s.closed_at,
            s.reopened_at, s.notes_made_at
         FROM sessions s JOIN groups g ON g.id = s.group_id JOIN venues v ON v.id = s.venue_id
         WHERE s.id IN ({})",
        in_list(conn, n)
    );
    let rows = bind_ids(sqlx::query(sqlx::AssertSqlSafe(sql)), sessions, 1)
        .fetch_all(&mut *conn)
        .await?;
    for r in &rows {
        let status: String = r.try_get("status")?;
        let id = SessionId(r.try_get("id")?);
        let f = SessionFacts {
            id: id.clone(),
            organisation: OrganisationId(r.try_get("organisation_id")?),
            group: GroupId(r.try_get("group_id")?),
            group_name: r.try_get("group_name")?,
            venue_name: r.try_get("venue_name")?,
            date: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
            start: time(&r.try_get::<String, _>("starts_at")?, "starts_at")?,
            end: time(&r.try_get::<String, _>("ends_at")?, "ends_at")?,
            status: SessionStatus::parse(&status).ok_or_else(|| bad_column("status", &status))?,
            cancel_reason: r.try_get("cancel_reason")?,
            closed_at: instant(r.try_get("closed_at")?, "closed_at")?,
            reopened_at: instant(r.try_get("reopened_at")?, "reopened_at")?,
            notes_made_at: instant(r.try_get("notes_made_at")?, "notes_made_at")?,
            staff: Vec::new(),
        };
        facts.insert(id, f);
    }
    let sql = format!(
        "SELECT s.id AS session_id, ga.accompanist_id FROM sessions s
         JOIN group_accompanists ga ON ga.group_id = s.group_id WHERE s.id IN ({})
         UNION
         SELECT sa.session_id, sa.accompanist_id FROM session_accompanists sa
         WHERE sa.session_id IN ({})",
        in_list(conn, n),
        placeholders(conn, n + 1, n).join(", ")
    );
    let staff = bind_ids(sqlx::query(sqlx::AssertSqlSafe(sql)), sessions, 2)
        .fetch_all(&mut *conn)
        .await?;
    for r in &staff {
        let session = SessionId(r.try_get("session_id")?);
        if let Some(f) = facts.get_mut(&session) {
            f.staff.push(AccompanistId(r.try_get("accompanist_id")?));
        }
    }
    Ok(facts)
}

/// The children expected at a session, with what the family allows (for
/// the checks) and what the tablet shows.
pub async fn expected_children(
    conn: &mut AnyConnection,
    facts: &SessionFacts,
) -> Result<Vec<(ExpectedChild, RegisterChild)>, sqlx::Error> {
    Ok(expected_of(conn, &[&facts.id], true)
        .await?
        .remove(&facts.id)
        .unwrap_or_default())
}

/// The children expected at each of `sessions`: the group's members who
/// had joined by that day and had not left (two statements whatever the
/// number of sessions). Without `family`, one: the parents and the adults
/// who may take each child home are left out (`Entry::needs_family`).
pub async fn expected_of(
    conn: &mut AnyConnection,
    sessions: &[&SessionId],
    family: bool,
) -> Result<BTreeMap<SessionId, Vec<(ExpectedChild, RegisterChild)>>, sqlx::Error> {
    let mut expected: BTreeMap<SessionId, Vec<(ExpectedChild, RegisterChild)>> = BTreeMap::new();
    if sessions.is_empty() {
        return Ok(expected);
    }
    let sql = format!(
        "SELECT s.id AS session_id, c.id, c.first_name, c.last_name, c.may_leave_alone,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM absence_notices n
                                       WHERE n.session_id = s.id AND n.child_id = c.id)
                     THEN 1 ELSE 0 END AS BIGINT) AS notice
         FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
         JOIN children c ON c.id = gm.child_id
         WHERE s.id IN ({}) AND gm.joined_on <= s.on_date
           AND (c.status <> 'sorti' OR (c.left_on IS NOT NULL AND c.left_on > s.on_date))
         ORDER BY c.first_name, c.last_name, c.id",
        in_list(conn, sessions.len())
    );
    let rows = bind_ids(sqlx::query(sqlx::AssertSqlSafe(sql)), sessions, 1)
        .fetch_all(&mut *conn)
        .await?;
    let people = if family {
        family_of(conn, sessions).await?
    } else {
        Vec::new()
    };
    let mut choices: BTreeMap<String, Vec<PickUpChoice>> = BTreeMap::new();
    for p in &people {
        let id: String = p.try_get("id")?;
        let kind: String = p.try_get("kind")?;
        let by = match kind.as_str() {
            "guardian" => PickUp::Guardian(GuardianId(id)),
            _ => PickUp::Adult(AdultId(id)),
        };
        let label = format!(
            "{} ({})",
            short_name(
                &p.try_get::<String, _>("first")?,
                &p.try_get::<String, _>("last")?
            ),
            p.try_get::<String, _>("relationship")?
        );
        choices
            .entry(p.try_get("child_id")?)
            .or_default()
            .push(PickUpChoice { by, label });
    }
    for r in &rows {
        let id: String = r.try_get("id")?;
        let pick_ups = choices.get(&id).cloned().unwrap_or_default();
        let may_leave_alone = flag(r, "may_leave_alone")?;
        let (mut guardians, mut adults) = (Vec::new(), Vec::new());
        for p in &pick_ups {
            match &p.by {
                PickUp::Guardian(g) => guardians.push(g.clone()),
                PickUp::Adult(a) => adults.push(a.clone()),
                PickUp::Alone => {}
            }
        }
        let child = ExpectedChild {
            child: ChildId(id.clone()),
            may_leave_alone,
            guardians,
            adults,
        };
        let shown = RegisterChild {
            notice: flag(r, "notice")?,
            id: ChildId(id),
            name: short_name(
                &r.try_get::<String, _>("first_name")?,
                &r.try_get::<String, _>("last_name")?,
            ),
            may_leave_alone,
            pick_ups,
        };
        expected
            .entry(SessionId(r.try_get("session_id")?))
            .or_default()
            .push((child, shown));
    }
    Ok(expected)
}

/// Who may take each child expected at `sessions` home: the parents
/// first, then the adults the family listed.
async fn family_of(
    conn: &mut AnyConnection,
    sessions: &[&SessionId],
) -> Result<Vec<AnyRow>, sqlx::Error> {
    let n = sessions.len();
    let members = |list: String| {
        format!(
            "SELECT gm.child_id FROM sessions s JOIN group_members gm ON gm.group_id = s.group_id
             WHERE s.id IN ({list})"
        )
    };
    let sql = format!(
        "SELECT cg.child_id, 'guardian' AS kind, g.id, g.first_name AS first, g.last_name AS last,
                cg.relationship
         FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id
         WHERE cg.child_id IN ({})
         UNION ALL
         SELECT a.child_id, 'adult' AS kind, a.id, a.name AS first, '' AS last, a.relationship
         FROM authorised_adults a WHERE a.pending = 0 AND a.child_id IN ({})
         ORDER BY 2 DESC, 4, 3",
        members(in_list(conn, n)),
        members(placeholders(conn, n + 1, n).join(", "))
    );
    bind_ids(sqlx::query(sqlx::AssertSqlSafe(sql)), sessions, 2)
        .fetch_all(conn)
        .await
}

/// The non-empty notes about these children's needs.
pub async fn needs_notes(
    conn: &mut AnyConnection,
    children: &[&ChildId],
) -> Result<Vec<(ChildId, String)>, sqlx::Error> {
    if children.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, needs_note FROM children WHERE id IN ({}) AND needs_note <> '' ORDER BY id",
        in_list(conn, children.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for child in children {
        query = query.bind(child.0.clone());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok((ChildId(r.try_get("id")?), r.try_get("needs_note")?)))
        .collect()
}

pub use crate::format::short_name;

/// A stored mark, from the device's entry when there is one (it knows what
/// the device had seen), else from the row (marks older than the register).
fn stored_mark(r: &AnyRow) -> Result<Mark, sqlx::Error> {
    if let Some(payload) = r.try_get::<Option<String>, _>("payload")? {
        if let Ok(Entry::Mark(mark)) = serde_json::from_str::<Entry>(&payload) {
            return Ok(mark);
        }
    }
    let status: String = r.try_get("status")?;
    let opt_time = |column: &str| -> Result<Option<NaiveTime>, sqlx::Error> {
        r.try_get::<Option<String>, _>(column)?
            .map(|v| time(&v, column))
            .transpose()
    };
    let departure = match (
        opt_time("left_at")?,
        r.try_get::<Option<String>, _>("picked_up_by")?,
    ) {
        (Some(at), Some(code)) => PickUp::parse(&code).map(|by| Departure { at, by }),
        _ => None,
    };
    let made_at: String = r.try_get("marked_at")?;
    Ok(Mark {
        id: EntryId(r.try_get("mark_id")?),
        session: SessionId(r.try_get("session_id")?),
        child: ChildId(r.try_get("child_id")?),
        status: AttendanceStatus::parse(&status).ok_or_else(|| bad_column("status", &status))?,
        arrived_at: opt_time("arrived_at")?,
        departure,
        device: DeviceId(r.try_get("device_id")?),
        made_at: parse_timestamp(&made_at).ok_or_else(|| bad_column("marked_at", &made_at))?,
        base: None,
    })
}

/// The newest mark of each child of a session.
pub async fn current_marks(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<BTreeMap<ChildId, Mark>, sqlx::Error> {
    Ok(marks_of(conn, &[session])
        .await?
        .remove(session)
        .unwrap_or_default())
}

/// The placeholders of an `IN (…)` list of `n` values (the statement's
/// only values).
fn in_list(conn: &AnyConnection, n: usize) -> String {
    placeholders(conn, 1, n).join(", ")
}

/// The newest mark of each child of each of `sessions`.
async fn marks_of(
    conn: &mut AnyConnection,
    sessions: &[&SessionId],
) -> Result<BTreeMap<SessionId, BTreeMap<ChildId, Mark>>, sqlx::Error> {
    let mut held: BTreeMap<SessionId, BTreeMap<ChildId, Mark>> = BTreeMap::new();
    if sessions.is_empty() {
        return Ok(held);
    }
    let sql = format!(
        "SELECT a.session_id, a.child_id, a.status, a.arrived_at, a.left_at, a.picked_up_by,
                a.mark_id, a.device_id, a.marked_at, e.payload
         FROM attendance a LEFT JOIN register_entries e ON e.id = a.mark_id
         WHERE a.session_id IN ({})",
        in_list(conn, sessions.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for session in sessions {
        query = query.bind(&session.0);
    }
    for row in query.fetch_all(&mut *conn).await? {
        let mark = stored_mark(&row)?;
        held.entry(mark.session.clone())
            .or_default()
            .insert(mark.child.clone(), mark);
    }
    Ok(held)
}

/// What the server holds of a register.
pub async fn register_state(
    conn: &mut AnyConnection,
    facts: &SessionFacts,
) -> Result<RegisterState, sqlx::Error> {
    let marks = current_marks(conn, &facts.id)
        .await?
        .into_values()
        .collect();
    state_with_marks(conn, facts, marks).await
}

/// The state of a register that has no notes yet, from its marks.
pub fn state_without_notes(facts: &SessionFacts, marks: Vec<Mark>) -> RegisterState {
    RegisterState {
        session: facts.id.clone(),
        marks,
        notes: NotesState::default(),
        closed_at: facts.closed_at,
        as_of: crate::state::now(),
    }
}

/// The register's state when its marks are known already (after a sync).
pub async fn state_with_marks(
    conn: &mut AnyConnection,
    facts: &SessionFacts,
    marks: Vec<Mark>,
) -> Result<RegisterState, sqlx::Error> {
    if facts.notes_made_at.is_none() {
        return Ok(state_without_notes(facts, marks));
    }
    let activities: Vec<String> = sqlx::query_scalar(
        "SELECT category FROM session_activities WHERE session_id = $1 AND done = 1 ORDER BY category",
    )
    .bind(&facts.id.0)
    .fetch_all(&mut *conn)
    .await?;
    let parents: Vec<String> = sqlx::query_scalar(
        "SELECT guardian_id FROM session_parents WHERE session_id = $1 ORDER BY guardian_id",
    )
    .bind(&facts.id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(RegisterState {
        session: facts.id.clone(),
        marks,
        notes: NotesState {
            activities: activities
                .iter()
                .map(|c| ActivityCategory::parse(c).ok_or_else(|| bad_column("category", c)))
                .collect::<Result<_, _>>()?,
            parents: parents.into_iter().map(GuardianId).collect(),
            made_at: facts.notes_made_at,
        },
        closed_at: facts.closed_at,
        as_of: crate::state::now(),
    })
}

/// The activities planned for a session.
pub async fn planned_activities(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<Vec<ActivityCategory>, sqlx::Error> {
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT category FROM session_activities WHERE session_id = $1 AND done = 0 ORDER BY category",
    )
    .bind(&session.0)
    .fetch_all(&mut *conn)
    .await?;
    codes
        .iter()
        .map(|c| ActivityCategory::parse(c).ok_or_else(|| bad_column("category", c)))
        .collect()
}

/// The whole sheet of a session, as a tablet keeps it.
pub async fn sheet(
    conn: &mut AnyConnection,
    facts: &SessionFacts,
) -> Result<RegisterSheet, sqlx::Error> {
    let children: Vec<RegisterChild> = expected_children(conn, facts)
        .await?
        .into_iter()
        .map(|(_, shown)| shown)
        .collect();
    let mut parents: Vec<ParentChoice> = Vec::new();
    for child in &children {
        for p in &child.pick_ups {
            if let PickUp::Guardian(g) = &p.by {
                if !parents.iter().any(|q| &q.id == g) {
                    parents.push(ParentChoice {
                        id: g.clone(),
                        label: p.label.clone(),
                    });
                }
            }
        }
    }
    parents.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(RegisterSheet {
        session: facts.id.clone(),
        group_name: facts.group_name.clone(),
        venue_name: facts.venue_name.clone(),
        date: facts.date,
        start: facts.start,
        end: facts.end,
        status: facts.status,
        cancel_reason: facts.cancel_reason.clone(),
        planned: planned_activities(conn, &facts.id).await?,
        children,
        parents,
        state: register_state(conn, facts).await?,
    })
}

/// Takes the session's write lock for the rest of the transaction, and
/// reads its register as it is now. `None`: no such session.
pub async fn lock_session(
    conn: &mut AnyConnection,
    backend: Backend,
    session: &SessionId,
) -> Result<Option<HeldRegister>, sqlx::Error> {
    Ok(lock_registers(conn, backend, &[session])
        .await?
        .remove(session))
}

/// Takes the write lock of `sessions` for the rest of the transaction, and
/// reads their registers as they are now: syncs of one session run one
/// after the other (row locks on PostgreSQL, taken in id order so that two
/// servers never wait for each other; the write lock on SQLite), so each
/// decides against what the previous one wrote. A session that does not
/// exist is missing from the answer.
pub async fn lock_registers(
    conn: &mut AnyConnection,
    backend: Backend,
    sessions: &[&SessionId],
) -> Result<BTreeMap<SessionId, HeldRegister>, sqlx::Error> {
    if sessions.is_empty() {
        return Ok(BTreeMap::new());
    }
    let list = in_list(conn, sessions.len());
    let sql = match backend {
        Backend::Postgres => format!(
            "SELECT id, closed_at, reopened_at, notes_made_at FROM sessions
             WHERE id IN ({list}) ORDER BY id FOR UPDATE"
        ),
        Backend::Sqlite => format!(
            "UPDATE sessions SET updated_at = updated_at WHERE id IN ({list})
             RETURNING id, closed_at, reopened_at, notes_made_at"
        ),
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for session in sessions {
        query = query.bind(&session.0);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut marks = marks_of(conn, sessions).await?;
    rows.iter()
        .map(|r| {
            let id = SessionId(r.try_get("id")?);
            let held = HeldRegister {
                closed_at: instant(r.try_get("closed_at")?, "closed_at")?,
                reopened_at: instant(r.try_get("reopened_at")?, "reopened_at")?,
                notes_made_at: instant(r.try_get("notes_made_at")?, "notes_made_at")?,
                marks: marks.remove(&id).unwrap_or_default(),
            };
            Ok((id, held))
        })
        .collect()
}

/// Which of `ids` the server already has.
pub async fn known_entries(
    conn: &mut AnyConnection,
    ids: &[&EntryId],
) -> Result<Vec<EntryId>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM register_entries WHERE id IN ({})",
        in_list(conn, ids.len())
    );
    let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(&id.0);
    }
    Ok(query
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(EntryId)
        .collect())
}

/// Runs `INSERT INTO <head> VALUES (...), (...)` for `rows` of `width` text
/// values each, `tail` after (an ON CONFLICT clause). One statement for a
/// whole batch: what keeps a hundred tablets' syncs short on one writer.
async fn insert_rows(
    conn: &mut AnyConnection,
    head: &str,
    width: usize,
    rows: &[Vec<Option<String>>],
    tail: &str,
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let tuples: Vec<String> = (0..rows.len())
        .map(|r| format!("({})", placeholders(conn, r * width + 1, width).join(", ")))
        .collect();
    let sql = format!("INSERT INTO {head} VALUES {} {tail}", tuples.join(", "));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for row in rows {
        debug_assert_eq!(row.len(), width);
        for value in row {
            query = query.bind(value.clone());
        }
    }
    query.execute(conn).await?;
    Ok(())
}

/// Rows per multi-row insert: well under both databases' limit on bound
/// values (32 766 for SQLite, 65 535 for PostgreSQL) at ten columns.
const ROWS_PER_INSERT: usize = 500;

/// Stores the entries a sync took (their payload as received), each with
/// the user who sent it.
pub async fn insert_entries(
    conn: &mut AnyConnection,
    entries: &[(&Entry, &UserId)],
    received_at: &str,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Option<String>>> = entries
        .iter()
        .map(|(e, user)| {
            let child = match e {
                Entry::Mark(m) => Some(m.child.0.clone()),
                _ => None,
            };
            vec![
                Some(e.id().0.clone()),
                Some(e.session().0.clone()),
                child,
                Some(e.kind().to_string()),
                Some(e.device().0.clone()),
                Some(user.0.clone()),
                Some(precise(e.made_at())),
                Some(received_at.to_string()),
                Some(serde_json::to_string(e).unwrap_or_default()),
            ]
        })
        .collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        insert_rows(
            conn,
            "register_entries (id, session_id, child_id, kind, device_id, user_id, made_at, received_at, payload)",
            9,
            chunk,
            "ON CONFLICT (id) DO NOTHING",
        )
        .await?;
    }
    Ok(())
}

/// Writes the register's row of each child whose newest mark changed,
/// each with the user who sent that mark.
pub async fn upsert_marks(
    conn: &mut AnyConnection,
    marks: &[(&Mark, &UserId)],
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Option<String>>> = marks
        .iter()
        .map(|(m, user)| {
            vec![
                Some(m.session.0.clone()),
                Some(m.child.0.clone()),
                Some(m.status.as_str().to_string()),
                m.arrived_at.map(|t| t.format("%H:%M").to_string()),
                m.departure
                    .as_ref()
                    .map(|d| d.at.format("%H:%M").to_string()),
                m.departure.as_ref().map(|d| d.by.code()),
                Some(m.id.0.clone()),
                Some(m.device.0.clone()),
                Some(precise(m.made_at)),
                Some(user.0.clone()),
            ]
        })
        .collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        insert_rows(
            conn,
            "attendance (session_id, child_id, status, arrived_at, left_at, picked_up_by, mark_id, device_id, marked_at, recorded_by)",
            10,
            chunk,
            "ON CONFLICT (session_id, child_id) DO UPDATE SET status = excluded.status,
                arrived_at = excluded.arrived_at, left_at = excluded.left_at,
                picked_up_by = excluded.picked_up_by, mark_id = excluded.mark_id,
                device_id = excluded.device_id, marked_at = excluded.marked_at,
                recorded_by = excluded.recorded_by",
        )
        .await?;
    }
    Ok(())
}

/// Records pairs of marks that disagree (each pair once).
pub async fn insert_disagreements(
    conn: &mut AnyConnection,
    pairs: &[(&Mark, &Mark)],
    noticed_at: &str,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Option<String>>> = pairs
        .iter()
        .map(|(a, b)| {
            let (first, second) = if a.id <= b.id { (a, b) } else { (b, a) };
            vec![
                Some(first.session.0.clone()),
                Some(first.child.0.clone()),
                Some(first.id.0.clone()),
                Some(second.id.0.clone()),
                Some(noticed_at.to_string()),
            ]
        })
        .collect();
    insert_rows(
        conn,
        "register_disagreements (session_id, child_id, first_entry, second_entry, noticed_at)",
        5,
        &rows,
        "ON CONFLICT (first_entry, second_entry) DO NOTHING",
    )
    .await
}

/// Replaces the session's notes.
pub async fn write_notes(
    conn: &mut AnyConnection,
    notes: &SessionNotes,
) -> Result<(), sqlx::Error> {
    let session = &notes.session.0;
    sqlx::query("DELETE FROM session_activities WHERE session_id = $1 AND done = 1")
        .bind(session)
        .execute(&mut *conn)
        .await?;
    let mut activities = notes.activities.clone();
    activities.sort();
    activities.dedup();
    for activity in activities {
        sqlx::query(
            "INSERT INTO session_activities (session_id, category, done) VALUES ($1, $2, 1)",
        )
        .bind(session)
        .bind(activity.as_str())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM session_parents WHERE session_id = $1")
        .bind(session)
        .execute(&mut *conn)
        .await?;
    let mut parents = notes.parents.clone();
    parents.sort();
    parents.dedup();
    let rows: Vec<Vec<Option<String>>> = parents
        .iter()
        .map(|p| vec![Some(session.clone()), Some(p.0.clone())])
        .collect();
    insert_rows(
        conn,
        "session_parents (session_id, guardian_id)",
        2,
        &rows,
        "",
    )
    .await?;
    sqlx::query("UPDATE sessions SET notes_made_at = $1 WHERE id = $2")
        .bind(precise(notes.made_at))
        .bind(session)
        .execute(conn)
        .await?;
    Ok(())
}

/// Closes the register: the session was held.
pub async fn close(
    conn: &mut AnyConnection,
    closing: &Closing,
    user: &UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET status = 'held', closed_at = $1, closed_by = $2 WHERE id = $3",
    )
    .bind(precise(closing.made_at))
    .bind(&user.0)
    .bind(&closing.session.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Reopens a closed register (coordinators).
pub async fn reopen(
    conn: &mut AnyConnection,
    session: &SessionId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET closed_at = NULL, closed_by = NULL, reopened_at = $1, version = version + 1
         WHERE id = $2",
    )
    .bind(precise(at))
    .bind(&session.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The disagreements of a session, for its coordinator.
pub async fn disagreements(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<Vec<Disagreement>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.child_id, c.first_name, c.last_name, e.payload, u.display_name
         FROM register_disagreements d
         JOIN children c ON c.id = d.child_id
         JOIN register_entries e ON e.id = d.first_entry OR e.id = d.second_entry
         LEFT JOIN users u ON u.id = e.user_id
         WHERE d.session_id = $1
         ORDER BY c.first_name, e.made_at",
    )
    .bind(&session.0)
    .fetch_all(&mut *conn)
    .await?;
    let current = current_marks(conn, session).await?;
    let mut by_child: BTreeMap<String, Disagreement> = BTreeMap::new();
    let mut seen: Vec<String> = Vec::new();
    for r in &rows {
        let payload: String = r.try_get("payload")?;
        let Ok(Entry::Mark(mark)) = serde_json::from_str::<Entry>(&payload) else {
            continue;
        };
        let child: String = r.try_get("child_id")?;
        let Some(kept) = current.get(&mark.child) else {
            continue;
        };
        let item = by_child
            .entry(child.clone())
            .or_insert_with(|| Disagreement {
                child: ChildId(child.clone()),
                child_name: short_name(
                    &r.try_get::<String, _>("first_name").unwrap_or_default(),
                    &r.try_get::<String, _>("last_name").unwrap_or_default(),
                ),
                marks: Vec::new(),
                kept: kept.status,
            });
        if seen.contains(&mark.id.0) {
            continue;
        }
        seen.push(mark.id.0.clone());
        item.marks.push(SeenMark {
            status: mark.status,
            by: r
                .try_get::<Option<String>, _>("display_name")?
                .unwrap_or_default(),
            made_at: mark.made_at,
        });
    }
    let mut list: Vec<Disagreement> = by_child.into_values().collect();
    for d in &mut list {
        d.marks.sort_by_key(|m| m.made_at);
    }
    list.sort_by(|a, b| a.child_name.cmp(&b.child_name));
    Ok(list)
}

/// How many corrections were made after the register was closed.
pub async fn corrections(
    conn: &mut AnyConnection,
    session: &SessionId,
) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'session' AND entity_id = $1
         AND action = 'attendance.correct'",
    )
    .bind(&session.0)
    .fetch_one(conn)
    .await?;
    Ok(n.max(0) as u32)
}

/// The organisation's registers since `since` where tablets disagreed.
pub async fn to_check(
    conn: &mut AnyConnection,
    organisation: &OrganisationId,
    since: NaiveDate,
) -> Result<Vec<RegisterToCheck>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.id, s.on_date, g.name, COUNT(DISTINCT d.child_id) AS children
         FROM register_disagreements d JOIN sessions s ON s.id = d.session_id
         JOIN groups g ON g.id = s.group_id
         WHERE s.organisation_id = $1 AND s.on_date >= $2
         GROUP BY s.id, s.on_date, g.name
         ORDER BY s.on_date DESC, g.name",
    )
    .bind(&organisation.0)
    .bind(since.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RegisterToCheck {
                session: SessionId(r.try_get("id")?),
                date: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                group_name: r.try_get("name")?,
                children: r.try_get::<i64, _>("children")?.max(0) as u32,
            })
        })
        .collect()
}
