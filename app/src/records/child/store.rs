//! One child's record: what the record page reads, and each change the
//! coordinator makes to it (follow-up, leaving, authorised adults, waiting
//! lists, the contract). The callers check ownership and write the audit.

use crate::db::{bit, date, flag, local_moment, new_id, optional_local_moment, parse_timestamp};
use crate::domain::ids::*;
use crate::domain::model::{ChildStatus, ReferralSource, SchoolLevel, Sex};
use crate::records::child::types::*;
use crate::records::children::types::{GroupChoice, WaitingLine};
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// The child's record, or None if the child is not the organisation's or
/// was anonymised. Groups, waiting lists, contract and history are read by
/// the functions below.
pub async fn identity(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    child: &ChildId,
    today: NaiveDate,
) -> Result<Option<ChildRecord>, sqlx::Error> {
    let Some(r) = sqlx::query(
        "SELECT c.first_name, c.last_name, c.birth_date, c.sex, c.school_level, s.name AS school, c.school_id,
                c.priority_area, c.status, c.left_on, c.left_reason, c.may_leave_alone,
                c.photo_consent, c.needs_note, c.renew_from
         FROM children c LEFT JOIN schools s ON s.id = c.school_id
         WHERE c.id = $1 AND c.organisation_id = $2 AND c.anonymised_at IS NULL",
    )
    .bind(&child.0)
    .bind(&org.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let text = |c: &str| r.try_get::<String, _>(c);
    let sex = text("sex")?;
    let level = text("school_level")?;
    let status = text("status")?;
    let birth: Option<String> = r.try_get("birth_date")?;
    let left_on: Option<String> = r.try_get("left_on")?;
    let left_reason: Option<String> = r.try_get("left_reason")?;
    let renew_from: Option<String> = r.try_get("renew_from")?;
    Ok(Some(ChildRecord {
        id: child.clone(),
        today,
        first_name: text("first_name")?,
        last_name: text("last_name")?,
        birth_date: birth
            .as_deref()
            .map(|d| date(d, "birth_date"))
            .transpose()?,
        sex: Sex::parse(&sex).ok_or_else(|| crate::db::bad_column("sex", &sex))?,
        level: SchoolLevel::parse(&level)
            .ok_or_else(|| crate::db::bad_column("school_level", &level))?,
        school: r.try_get("school")?,
        school_id: r.try_get::<Option<String>, _>("school_id")?.map(SchoolId),
        schools: Vec::new(),
        priority_area: flag(&r, "priority_area")?,
        status: ChildStatus::parse(&status)
            .ok_or_else(|| crate::db::bad_column("status", &status))?,
        left: match left_on {
            Some(d) => Some((date(&d, "left_on")?, left_reason.unwrap_or_default())),
            None => None,
        },
        may_leave_alone: flag(&r, "may_leave_alone")?,
        photo_consent: flag(&r, "photo_consent")?,
        needs_note: text("needs_note")?,
        renew_from: renew_from
            .as_deref()
            .map(|d| date(d, "renew_from"))
            .transpose()?,
        guardians: guardians(conn, child).await?,
        referral: referral(conn, child).await?,
        consent: consent(conn, child).await?,
        adults: adults(conn, child).await?,
        groups: Vec::new(),
        waiting: Vec::new(),
        other_groups: Vec::new(),
        group_max: 0,
        contract: None,
        liaisons: Vec::new(),
        history: Vec::new(),
    }))
}

pub async fn guardians(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<GuardianLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.first_name || ' ' || g.last_name AS name, g.phone, g.email, g.address,
                CASE WHEN g.user_id IS NULL THEN 0 ELSE 1 END AS has_account
         FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id
         WHERE cg.child_id = $1 ORDER BY g.last_name, g.first_name, g.id",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(GuardianLine {
                id: GuardianId(r.try_get("id")?),
                name: r.try_get("name")?,
                phone: r.try_get("phone")?,
                email: r.try_get("email")?,
                address: r.try_get("address")?,
                has_account: flag(r, "has_account")?,
            })
        })
        .collect()
}

async fn referral(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Option<ReferralLine>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT source, referred_on, need FROM referrals WHERE child_id = $1
         ORDER BY referred_on DESC, id LIMIT 1",
    )
    .bind(&child.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let source: String = r.try_get("source")?;
        Ok(ReferralLine {
            source: ReferralSource::parse(&source)
                .ok_or_else(|| crate::db::bad_column("source", &source))?,
            on: date(&r.try_get::<String, _>("referred_on")?, "referred_on")?,
            need: r.try_get("need")?,
        })
    })
    .transpose()
}

async fn consent(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Option<ConsentLine>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT g.first_name || ' ' || g.last_name AS by_name, k.given_on, k.method
         FROM consents k JOIN guardians g ON g.id = k.guardian_id
         WHERE k.child_id = $1 ORDER BY k.given_on DESC, k.id LIMIT 1",
    )
    .bind(&child.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(ConsentLine {
            by: r.try_get("by_name")?,
            on: date(&r.try_get::<String, _>("given_on")?, "given_on")?,
            method: r.try_get("method")?,
        })
    })
    .transpose()
}

pub async fn adults(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<AdultLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.relationship, a.phone, a.pending, g.first_name, g.last_name
         FROM authorised_adults a LEFT JOIN guardians g ON g.id = a.proposed_by
         WHERE a.child_id = $1 ORDER BY a.pending DESC, a.name, a.id",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AdultLine {
                id: AdultId(r.try_get("id")?),
                name: r.try_get("name")?,
                relationship: r.try_get("relationship")?,
                phone: r.try_get("phone")?,
                proposed_by: match r.try_get::<i64, _>("pending")? {
                    1 => {
                        let first: Option<String> = r.try_get("first_name")?;
                        let last: Option<String> = r.try_get("last_name")?;
                        Some(
                            format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default())
                                .trim()
                                .to_string(),
                        )
                    }
                    _ => None,
                },
            })
        })
        .collect()
}

/// The groups the child is in, with how many children each holds.
pub async fn member_of(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<GroupChoice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, (SELECT COUNT(*) FROM group_members x WHERE x.group_id = g.id) AS enrolled
         FROM group_members gm JOIN groups g ON g.id = gm.group_id
         WHERE gm.child_id = $1 ORDER BY g.name",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(group_choice).collect()
}

/// The waiting lists of the organisation's groups in `year`, each in order
/// (first come, first offered), or only the lists `child` is on.
pub async fn waiting_lists(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYearId,
    child: Option<&ChildId>,
) -> Result<Vec<WaitingLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT w.group_id, g.name AS group_name, w.child_id, c.first_name || ' ' || c.last_name AS child_name,
                w.added_at
         FROM group_waiting_list w JOIN groups g ON g.id = w.group_id JOIN children c ON c.id = w.child_id
         WHERE g.organisation_id = $1 AND g.school_year_id = $2
         ORDER BY g.name, w.group_id, w.added_at, w.child_id",
    )
    .bind(&org.0)
    .bind(&year.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut lines: Vec<WaitingLine> = Vec::new();
    for r in rows {
        let group = GroupId(r.try_get("group_id")?);
        let position = match lines.last() {
            Some(last) if last.group == group => last.position + 1,
            _ => 1,
        };
        let added: String = r.try_get("added_at")?;
        lines.push(WaitingLine {
            group,
            group_name: r.try_get("group_name")?,
            child: ChildId(r.try_get("child_id")?),
            child_name: r.try_get("child_name")?,
            since: parse_timestamp(&added)
                .map(crate::domain::local_time::local_date)
                .ok_or_else(|| crate::db::bad_column("added_at", &added))?,
            position,
        });
    }
    if let Some(child) = child {
        lines.retain(|l| &l.child == child);
    }
    Ok(lines)
}

pub async fn join_group(
    conn: &mut AnyConnection,
    child: &ChildId,
    group: &GroupId,
    today: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, $3)")
        .bind(&group.0)
        .bind(&child.0)
        .bind(today)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Puts the child at the end of the group's waiting list (nothing changes
/// if they are on it already).
pub async fn add_waiting(
    conn: &mut AnyConnection,
    child: &ChildId,
    group: &GroupId,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO group_waiting_list (group_id, child_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, child_id) DO NOTHING",
    )
    .bind(&group.0)
    .bind(&child.0)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes the child off the group's waiting list; false if they were not on it.
pub async fn remove_waiting(
    conn: &mut AnyConnection,
    child: &ChildId,
    group: &GroupId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM group_waiting_list WHERE group_id = $1 AND child_id = $2")
        .bind(&group.0)
        .bind(&child.0)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether the child has a referral and a parents' consent on record.
pub async fn prerequisites(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<(bool, bool), sqlx::Error> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM referrals WHERE child_id = $1) AS referrals,
                (SELECT COUNT(*) FROM consents WHERE child_id = $1) AS consents",
    )
    .bind(&child.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok((
        row.try_get::<i64, _>("referrals")? > 0,
        row.try_get::<i64, _>("consents")? > 0,
    ))
}

pub async fn set_status(
    conn: &mut AnyConnection,
    child: &ChildId,
    status: ChildStatus,
    today: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE children SET status = $1, last_contact_on = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(today)
        .bind(&child.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn add_referral(
    conn: &mut AnyConnection,
    child: &ChildId,
    r: &ReferralLine,
) -> Result<(), sqlx::Error> {
    insert_referral(conn, child, r.source, r.on, &r.need).await
}

/// Records who referred the child, when and for what need (the record's
/// form, the enrolment and the import).
pub async fn insert_referral(
    conn: &mut AnyConnection,
    child: &ChildId,
    source: ReferralSource,
    on: NaiveDate,
    need: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO referrals (id, child_id, source, referred_on, need) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(&child.0)
    .bind(source.as_str())
    .bind(on.to_string())
    .bind(need)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the consent; false when the guardian is not the child's.
pub async fn add_consent(
    conn: &mut AnyConnection,
    child: &ChildId,
    c: &NewConsent,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO consents (id, child_id, guardian_id, given_on, method)
         SELECT $1, cg.child_id, cg.guardian_id, $2, $3 FROM child_guardians cg
         WHERE cg.child_id = $4 AND cg.guardian_id = $5",
    )
    .bind(new_id())
    .bind(c.on.to_string())
    .bind(&c.method)
    .bind(&child.0)
    .bind(&c.guardian.0)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn set_identity(
    conn: &mut AnyConnection,
    child: &ChildId,
    i: &Identity,
) -> Result<(), sqlx::Error> {
    use chrono::Datelike;
    sqlx::query(
        "UPDATE children SET first_name = $1, last_name = $2, birth_date = $3, birth_year = $4,
            sex = $5, school_id = $6, school_level = $7, priority_area = $8
         WHERE id = $9",
    )
    .bind(&i.first_name)
    .bind(&i.last_name)
    .bind(i.birth_date.to_string())
    .bind(i64::from(i.birth_date.year()))
    .bind(i.sex.as_str())
    .bind(i.school.as_ref().map(|s| s.0.clone()))
    .bind(i.level.as_str())
    .bind(bit(i.priority_area))
    .bind(&child.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_follow_up(
    conn: &mut AnyConnection,
    child: &ChildId,
    f: &FollowUp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE children SET may_leave_alone = $1, photo_consent = $2, needs_note = $3 WHERE id = $4",
    )
    .bind(bit(f.may_leave_alone))
    .bind(bit(f.photo_consent))
    .bind(&f.needs_note)
    .bind(&child.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The child leaves: status « sorti » with its day and reason; their group
/// places and waiting-list places are freed. Returns the groups they left.
pub async fn leave(
    conn: &mut AnyConnection,
    child: &ChildId,
    leaving: &Leaving,
) -> Result<Vec<GroupChoice>, sqlx::Error> {
    let groups = member_of(conn, child).await?;
    sqlx::query(
        "UPDATE children SET status = 'sorti', left_on = $1, left_reason = $2, last_contact_on = $1
         WHERE id = $3",
    )
    .bind(leaving.on.to_string())
    .bind(&leaving.reason)
    .bind(&child.0)
    .execute(&mut *conn)
    .await?;
    for table in ["group_members", "group_waiting_list"] {
        // Why: `table` is one of the two names above, never input.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE child_id = $1"
        )))
        .bind(&child.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(groups)
}

/// Adds a guardian to the child's family; returns the guardian's id.
pub async fn add_guardian(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    child: &ChildId,
    g: &crate::records::children::types::NewGuardian,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO guardians (id, organisation_id, first_name, last_name, email, phone)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(&org.0)
    .bind(&g.first_name)
    .bind(&g.last_name)
    .bind(g.email.clone())
    .bind(g.phone.clone())
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO child_guardians (child_id, guardian_id) VALUES ($1, $2)")
        .bind(&child.0)
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

pub async fn add_adult(
    conn: &mut AnyConnection,
    child: &ChildId,
    adult: &NewAdult,
) -> Result<AdultId, sqlx::Error> {
    let id = AdultId(new_id());
    sqlx::query(
        "INSERT INTO authorised_adults (id, child_id, name, relationship, phone) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id.0)
    .bind(&child.0)
    .bind(&adult.name)
    .bind(&adult.relationship)
    .bind(adult.phone.clone())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Approves an adult a guardian proposed; returns their name, or None if
/// the child has no such adult waiting.
pub async fn approve_adult(
    conn: &mut AnyConnection,
    child: &ChildId,
    adult: &AdultId,
) -> Result<Option<String>, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar(
        "SELECT name FROM authorised_adults WHERE id = $1 AND child_id = $2 AND pending = 1",
    )
    .bind(&adult.0)
    .bind(&child.0)
    .fetch_optional(&mut *conn)
    .await?;
    if name.is_some() {
        sqlx::query("UPDATE authorised_adults SET pending = 0 WHERE id = $1")
            .bind(&adult.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(name)
}

/// Removes one of the child's authorised adults; returns their name, or
/// None if the child has no such adult.
pub async fn remove_adult(
    conn: &mut AnyConnection,
    child: &ChildId,
    adult: &AdultId,
) -> Result<Option<String>, sqlx::Error> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM authorised_adults WHERE id = $1 AND child_id = $2")
            .bind(&adult.0)
            .bind(&child.0)
            .fetch_optional(&mut *conn)
            .await?;
    if name.is_some() {
        sqlx::query("DELETE FROM authorised_adults WHERE id = $1")
            .bind(&adult.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(name)
}

/// The child's contract for the year, as the coordinator wrote it.
pub async fn contract(
    conn: &mut AnyConnection,
    child: &ChildId,
    year: &SchoolYearId,
) -> Result<Option<ContractDraft>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT k.objectives, k.engagements, k.accepted_at, g.first_name || ' ' || g.last_name AS accepted_by
         FROM contracts k LEFT JOIN guardians g ON g.id = k.accepted_by_guardian_id
         WHERE k.child_id = $1 AND k.school_year_id = $2",
    )
    .bind(&child.0)
    .bind(&year.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let at: Option<String> = r.try_get("accepted_at")?;
        let by: Option<String> = r.try_get("accepted_by")?;
        Ok(ContractDraft {
            objectives: r.try_get("objectives")?,
            engagements: r.try_get("engagements")?,
            accepted: match (by, at.as_deref().and_then(parse_timestamp)) {
                (Some(by), Some(at)) => Some((by, crate::domain::local_time::local(at))),
                _ => None,
            },
        })
    })
    .transpose()
}

/// Writes the year's contract. A changed text must be accepted again: the
/// earlier acceptance is cleared when the objectives or engagements change.
/// Returns whether an acceptance was cleared.
pub async fn save_contract(
    conn: &mut AnyConnection,
    child: &ChildId,
    year: &SchoolYearId,
    school: Option<&str>,
    draft: &ContractDraft,
) -> Result<bool, sqlx::Error> {
    let before = contract(conn, child, year).await?;
    match before {
        None => {
            sqlx::query(
                "INSERT INTO contracts (id, child_id, school_year_id, objectives, engagements, school_id)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(new_id())
            .bind(&child.0)
            .bind(&year.0)
            .bind(&draft.objectives)
            .bind(&draft.engagements)
            .bind(school)
            .execute(&mut *conn)
            .await?;
            Ok(false)
        }
        Some(old) if old.objectives == draft.objectives && old.engagements == draft.engagements => {
            Ok(false)
        }
        Some(old) => {
            sqlx::query(
                "UPDATE contracts SET objectives = $1, engagements = $2,
                    accepted_by_guardian_id = NULL, accepted_at = NULL
                 WHERE child_id = $3 AND school_year_id = $4",
            )
            .bind(&draft.objectives)
            .bind(&draft.engagements)
            .bind(&child.0)
            .bind(&year.0)
            .execute(&mut *conn)
            .await?;
            Ok(old.accepted.is_some())
        }
    }
}

/// The child's school, as its id.
pub async fn school_of(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT school_id FROM children WHERE id = $1")
        .bind(&child.0)
        .fetch_one(conn)
        .await
}

/// Every change to the record, newest first, with who made it.
pub async fn history(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<HistoryLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.at, a.action, a.detail, COALESCE(u.display_name, '') AS who
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.entity = 'child' AND a.entity_id = $1 ORDER BY a.at DESC, a.id LIMIT 100",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let at: String = r.try_get("at")?;
            Ok(HistoryLine {
                at: crate::domain::local_time::local(
                    parse_timestamp(&at).ok_or_else(|| crate::db::bad_column("at", &at))?,
                ),
                who: r.try_get("who")?,
                action: r.try_get("action")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect()
}

/// The printable contracts of the year: one child's, or those of a group's
/// children, or every current child's (by name). Only children with a
/// contract this year.
pub async fn contract_sheets(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    year: &SchoolYearId,
    child: Option<&ChildId>,
    group: Option<&GroupId>,
) -> Result<Vec<ContractSheet>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.first_name || ' ' || c.last_name AS name, c.birth_date, c.school_level,
                s.name AS school
         FROM contracts k JOIN children c ON c.id = k.child_id
         LEFT JOIN schools s ON s.id = COALESCE(k.school_id, c.school_id)
         WHERE c.organisation_id = $1 AND k.school_year_id = $2 AND c.anonymised_at IS NULL
           AND c.status <> 'sorti'
           AND ($3 = '' OR c.id = $3)
           AND ($4 = '' OR c.id IN (SELECT child_id FROM group_members WHERE group_id = $4))
         ORDER BY c.last_name, c.first_name, c.id",
    )
    .bind(&org.0)
    .bind(&year.0)
    .bind(child.map(|c| c.0.clone()).unwrap_or_default())
    .bind(group.map(|g| g.0.clone()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let mut sheets = Vec::with_capacity(rows.len());
    for r in rows {
        let id = ChildId(r.try_get("id")?);
        let level: String = r.try_get("school_level")?;
        let birth: Option<String> = r.try_get("birth_date")?;
        let draft = contract(conn, &id, year).await?.unwrap_or_default();
        sheets.push(ContractSheet {
            child_name: r.try_get("name")?,
            birth_date: birth
                .as_deref()
                .map(|d| date(d, "birth_date"))
                .transpose()?,
            level: SchoolLevel::parse(&level)
                .ok_or_else(|| crate::db::bad_column("school_level", &level))?,
            school: r.try_get("school")?,
            guardians: guardians(conn, &id)
                .await?
                .into_iter()
                .map(|g| g.name)
                .collect(),
            groups: member_of(conn, &id)
                .await?
                .into_iter()
                .map(|g| g.name)
                .collect(),
            contract: draft,
            child: id,
        });
    }
    Ok(sheets)
}

/// A child's family: their guardians, and every current child of those
/// guardians (the child first).
pub async fn family_of(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<(Vec<GuardianId>, Vec<ChildId>), sqlx::Error> {
    let guardians: Vec<String> = sqlx::query_scalar(
        "SELECT guardian_id FROM child_guardians WHERE child_id = $1 ORDER BY guardian_id",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut children = vec![child.clone()];
    for g in &guardians {
        let theirs: Vec<String> = sqlx::query_scalar(
            "SELECT c.id FROM child_guardians cg JOIN children c ON c.id = cg.child_id
             WHERE cg.guardian_id = $1 AND c.anonymised_at IS NULL ORDER BY c.first_name, c.id",
        )
        .bind(g)
        .fetch_all(&mut *conn)
        .await?;
        for id in theirs.into_iter().map(ChildId) {
            if !children.contains(&id) {
                children.push(id);
            }
        }
    }
    Ok((guardians.into_iter().map(GuardianId).collect(), children))
}

pub async fn guardians_by_id(
    conn: &mut AnyConnection,
    ids: &[GuardianId],
) -> Result<Vec<GuardianLine>, sqlx::Error> {
    let mut lines = Vec::new();
    for id in ids {
        let row = sqlx::query(
            "SELECT first_name || ' ' || last_name AS name, phone, email, address,
                    CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS has_account
             FROM guardians WHERE id = $1",
        )
        .bind(&id.0)
        .fetch_one(&mut *conn)
        .await?;
        lines.push(GuardianLine {
            id: id.clone(),
            name: row.try_get("name")?,
            phone: row.try_get("phone")?,
            email: row.try_get("email")?,
            address: row.try_get("address")?,
            has_account: flag(&row, "has_account")?,
        });
    }
    Ok(lines)
}

/// Every mark of the child, oldest first.
pub async fn marks_of(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<ExportedMark>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.on_date, g.name AS group_name, a.status FROM attendance a
         JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id
         WHERE a.child_id = $1 ORDER BY s.on_date, s.starts_at",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(ExportedMark {
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                group: r.try_get("group_name")?,
                status: crate::domain::model::AttendanceStatus::parse(&status)
                    .ok_or_else(|| crate::db::bad_column("status", &status))?,
            })
        })
        .collect()
}

pub async fn notices_of(
    conn: &mut AnyConnection,
    child: &ChildId,
) -> Result<Vec<ExportedNotice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.on_date, n.reason FROM absence_notices n JOIN sessions s ON s.id = n.session_id
         WHERE n.child_id = $1 ORDER BY s.on_date",
    )
    .bind(&child.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ExportedNotice {
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                reason: r.try_get("reason")?,
            })
        })
        .collect()
}

/// The guardians' answers to family events, by date.
pub async fn event_replies(
    conn: &mut AnyConnection,
    guardians: &[GuardianId],
) -> Result<Vec<ExportedReply>, sqlx::Error> {
    let mut replies = Vec::new();
    for g in guardians {
        let rows = sqlx::query(
            "SELECT gu.first_name || ' ' || gu.last_name AS guardian, e.on_date, e.title, x.reply, x.attended
             FROM family_event_guests x JOIN family_events e ON e.id = x.event_id
             JOIN guardians gu ON gu.id = x.guardian_id
             WHERE x.guardian_id = $1",
        )
        .bind(&g.0)
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            replies.push(ExportedReply {
                guardian: r.try_get("guardian")?,
                on: date(&r.try_get::<String, _>("on_date")?, "on_date")?,
                title: r.try_get("title")?,
                reply: r.try_get("reply")?,
                attended: flag(&r, "attended")?,
            });
        }
    }
    replies.sort_by(|a, b| (a.on, &a.title).cmp(&(b.on, &b.title)));
    Ok(replies)
}

/// The messages sent to `guardians`, oldest first, with their receipts.
pub async fn messages_to(
    conn: &mut AnyConnection,
    guardians: &[GuardianId],
) -> Result<Vec<ExportedMessage>, sqlx::Error> {
    let mut messages = Vec::new();
    for g in guardians {
        let rows = sqlx::query(
            "SELECT gu.first_name || ' ' || gu.last_name AS guardian,
                    c.first_name || ' ' || c.last_name AS child,
                    m.sent_at, m.subject, m.body, r.read_at, r.reply
             FROM family_message_recipients r JOIN family_messages m ON m.id = r.message_id
             JOIN guardians gu ON gu.id = r.guardian_id JOIN children c ON c.id = r.child_id
             WHERE r.guardian_id = $1",
        )
        .bind(&g.0)
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            messages.push(ExportedMessage {
                guardian: r.try_get("guardian")?,
                child: r.try_get("child")?,
                sent_at: local_moment(&r, "sent_at")?,
                subject: r.try_get("subject")?,
                body: r.try_get("body")?,
                read_at: optional_local_moment(&r, "read_at")?,
                reply: r.try_get("reply")?,
            });
        }
    }
    messages.sort_by(|a, b| (a.sent_at, &a.guardian).cmp(&(b.sent_at, &b.guardian)));
    Ok(messages)
}

/// A group row with its `id`, `name` and `enrolled` count.
pub fn group_choice(r: &sqlx::any::AnyRow) -> Result<GroupChoice, sqlx::Error> {
    Ok(GroupChoice {
        id: GroupId(r.try_get("id")?),
        name: r.try_get("name")?,
        enrolled: u32::try_from(r.try_get::<i64, _>("enrolled")?).unwrap_or(u32::MAX),
    })
}
