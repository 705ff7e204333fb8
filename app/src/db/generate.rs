//! A national-scale dataset for measuring the report: organisations in
//! territories of about 45, their groups, children, guardians and a whole
//! school year of sessions and registers (`passerelle generate`).
//!
//! The year generated is the one before today's, so that every one of its
//! weeks is in the past: its sessions are held and their registers taken.
//! Everything is deterministic (a seeded generator). Rows are written as
//! multi-row INSERTs of generated literals (numbers and ids made here,
//! never input), a few thousand rows per statement, one transaction per
//! batch of organisations.

use crate::db::demo::{zone_c_holidays, Dice};
use crate::db::Db;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How big the dataset is.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub organisations: u32,
    pub groups: u32,
    pub children: u32,
    /// School weeks of sessions (two a week per group).
    pub weeks: u32,
    /// Organisations per territory.
    pub territory_size: u32,
}

impl Scale {
    /// The national figures of the issue: 4,300 organisations, 20,000
    /// groups, 220,000 children, 30 weeks.
    pub const NATIONAL: Scale = Scale {
        organisations: 4300,
        groups: 20_000,
        children: 220_000,
        weeks: 30,
        territory_size: 45,
    };

    /// The same proportions, `1/divisor` of the size.
    pub fn divided(divisor: u32) -> Scale {
        let d = divisor.max(1);
        let n = Scale::NATIONAL;
        Scale {
            organisations: (n.organisations / d).max(1),
            groups: (n.groups / d).max(1),
            children: (n.children / d).max(5),
            ..n
        }
    }
}

/// What was written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Generated {
    pub organisations: u64,
    pub groups: u64,
    pub children: u64,
    pub sessions: u64,
    pub attendance: u64,
}

/// The share of `total` that the `i`-th of `parts` gets (they sum to it).
fn share(total: u32, parts: u32, i: u32) -> u32 {
    let (t, p, i) = (total as u64, parts.max(1) as u64, i as u64);
    (((i + 1) * t) / p - (i * t) / p) as u32
}

/// Rows waiting to be written as one INSERT per table.
struct Batch {
    tables: Vec<(&'static str, Vec<String>)>,
    rows: usize,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            tables: Vec::new(),
            rows: 0,
        }
    }

    fn push(&mut self, head: &'static str, row: String) {
        match self.tables.iter_mut().find(|(h, _)| *h == head) {
            Some((_, rows)) => rows.push(row),
            None => self.tables.push((head, vec![row])),
        }
        self.rows += 1;
    }

    /// Writes every row, parents before children (the order tables were
    /// first pushed), in statements of at most 2,000 rows.
    async fn flush(&mut self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        for (head, rows) in self.tables.drain(..) {
            for chunk in rows.chunks(2000) {
                let sql = format!("{head} VALUES {}", chunk.join(","));
                // Why: every value is a literal generated above (numbers,
                // made-up ids and names without quotes), never input.
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *conn)
                    .await?;
            }
        }
        self.rows = 0;
        Ok(())
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Adam", "Lina", "Yanis", "Sara", "Noah", "Inaya", "Rayan", "Jade", "Ilyes", "Maya", "Sacha",
    "Aya", "Nael", "Lou", "Amir", "Nour",
];
const LAST_NAMES: [&str; 12] = [
    "Martin", "Diallo", "Bernard", "Traore", "Petit", "Nguyen", "Moreau", "Haddad", "Garcia",
    "Lefebvre", "Benali", "Roux",
];
const LEVELS: [&str; 12] = [
    "CP", "CE1", "CE2", "CM1", "CM2", "6E", "5E", "4E", "3E", "2DE", "1RE", "TLE",
];
const SOURCES: [&str; 6] = [
    "famille",
    "enseignant",
    "travailleur_social",
    "pre",
    "jeune",
    "autre",
];

/// Writes the dataset; `progress` is told how many organisations are done.
pub async fn generate(
    db: &Db,
    scale: Scale,
    today: NaiveDate,
    progress: impl Fn(u32),
) -> Result<Generated, sqlx::Error> {
    let start_year = crate::domain::calendar::school_year_start(today).year() - 1;
    let first_day = NaiveDate::from_ymd_opt(start_year, 9, 1).unwrap_or(today);
    let last_day = NaiveDate::from_ymd_opt(start_year + 1, 7, 3).unwrap_or(today);
    let label = format!("{}-{}", start_year, start_year + 1);
    let holidays = zone_c_holidays(start_year);
    let weeks: Vec<NaiveDate> =
        crate::domain::calendar::school_weeks(first_day, last_day, &holidays)
            .into_iter()
            .take(scale.weeks as usize)
            .collect();
    let created = "2025-01-01T00:00:00Z";
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut done = Generated::default();
    let mut conn = db.pool.acquire().await?;
    let territories = scale.organisations.div_ceil(scale.territory_size.max(1));
    let mut batch = Batch::new();
    for t in 0..territories {
        batch.push(
            "INSERT INTO territories (code, name)",
            format!("('G{t:03}', 'Territoire généré {t}')"),
        );
    }
    batch.flush(&mut conn).await?;

    let mut group_index = 0u32;
    let mut child_index = 0u32;
    for o in 0..scale.organisations {
        let org = format!("o{o:05}");
        let territory = format!("G{:03}", o / scale.territory_size.max(1));
        batch.push(
            "INSERT INTO organisations (id, name, kind, territory_code, created_at)",
            format!("('{org}', 'Structure {o}', 'association', '{territory}', '{created}')"),
        );
        let year = format!("{org}-y");
        batch.push(
            "INSERT INTO school_years (id, organisation_id, label, first_day, last_day)",
            format!("('{year}', '{org}', '{label}', '{first_day}', '{last_day}')"),
        );
        for (h, holiday) in holidays.iter().enumerate() {
            batch.push(
                "INSERT INTO holidays (id, school_year_id, name, first_day, last_day)",
                format!(
                    "('{year}-h{h}', '{year}', '{}', '{}', '{}')",
                    holiday.name.replace('\'', "''"),
                    holiday.first_day,
                    holiday.last_day
                ),
            );
        }
        let venue = format!("{org}-v");
        batch.push(
            "INSERT INTO venues (id, organisation_id, name, kind)",
            format!("('{venue}', '{org}', 'Salle', 'associatif')"),
        );
        let staff: Vec<String> = (0..3).map(|a| format!("{org}-a{a}")).collect();
        for (a, id) in staff.iter().enumerate() {
            batch.push(
                "INSERT INTO accompanists (id, organisation_id, first_name, last_name, paid)",
                format!("('{id}', '{org}', 'Adulte', 'N{a}', {})", (a == 0) as u8),
            );
        }
        let groups = share(scale.groups, scale.organisations, o);
        for g in 0..groups {
            let group = format!("{org}-g{g}");
            batch.push(
                "INSERT INTO groups (id, organisation_id, school_year_id, name, default_venue_id, planned_activities)",
                format!("('{group}', '{org}', '{year}', 'Groupe {g}', '{venue}', 'devoirs,culture')"),
            );
            let kids = share(scale.children, scale.groups, group_index);
            group_index += 1;
            let mut members = Vec::new();
            let mut guardian = String::new();
            for k in 0..kids {
                let child = format!("{group}-c{k}");
                let level = LEVELS[(g as usize * 3 + (k as usize % 3)) % LEVELS.len()];
                let birth_year =
                    start_year - 6 - LEVELS.iter().position(|l| *l == level).unwrap_or(0) as i32;
                let (first, last) = (
                    FIRST_NAMES[(child_index as usize) % FIRST_NAMES.len()],
                    LAST_NAMES[(child_index as usize / 7) % LAST_NAMES.len()],
                );
                child_index += 1;
                batch.push(
                    "INSERT INTO children (id, organisation_id, first_name, last_name, birth_date, birth_year, sex, school_level, priority_area, status, created_at)",
                    format!(
                        "('{child}', '{org}', '{first}', '{last}', '{birth_year}-03-01', {birth_year}, '{}', '{level}', {}, 'inscrit', '{created}')",
                        if dice.below(2) == 0 { "F" } else { "M" },
                        (dice.below(10) < 6) as u8,
                    ),
                );
                // One child in five is the sibling of the one before.
                if k == 0 || dice.below(5) != 0 {
                    guardian = format!("{child}-p");
                    batch.push(
                        "INSERT INTO guardians (id, organisation_id, first_name, last_name)",
                        format!("('{guardian}', '{org}', 'Parent', '{last}')"),
                    );
                }
                batch.push(
                    "INSERT INTO child_guardians (child_id, guardian_id)",
                    format!("('{child}', '{guardian}')"),
                );
                batch.push(
                    "INSERT INTO referrals (id, child_id, source, referred_on)",
                    format!(
                        "('{child}-r', '{child}', '{}', '{first_day}')",
                        SOURCES[dice.below(SOURCES.len() as u64) as usize]
                    ),
                );
                batch.push(
                    "INSERT INTO group_members (group_id, child_id, joined_on)",
                    format!("('{group}', '{child}', '{first_day}')"),
                );
                // Each child has a habit: comes nine times in ten, or less.
                members.push((child, 60 + dice.below(40)));
            }
            for (w, monday) in weeks.iter().enumerate() {
                for (n, day) in [Weekday::Tue, Weekday::Thu].into_iter().enumerate() {
                    let on = *monday + Duration::days(day.num_days_from_monday() as i64);
                    let session = format!("{group}-s{w}-{n}");
                    let cancelled = dice.below(40) == 0;
                    batch.push(
                        "INSERT INTO sessions (id, organisation_id, group_id, venue_id, on_date, starts_at, ends_at, status, cancel_reason, created_at, updated_at)",
                        format!(
                            "('{session}', '{org}', '{group}', '{venue}', '{on}', '16:30', '18:00', '{}', {}, '{created}', '{created}')",
                            if cancelled { "cancelled" } else { "held" },
                            if cancelled { "'Salle indisponible'" } else { "NULL" },
                        ),
                    );
                    done.sessions += 1;
                    batch.push(
                        "INSERT INTO session_accompanists (session_id, accompanist_id)",
                        format!("('{session}', '{}')", staff[(g as usize + n) % staff.len()]),
                    );
                    if cancelled {
                        continue;
                    }
                    for (child, habit) in &members {
                        let roll = dice.below(100);
                        let status = if roll < *habit {
                            if roll.is_multiple_of(10) {
                                "late"
                            } else {
                                "present"
                            }
                        } else if roll.is_multiple_of(2) {
                            "excused"
                        } else {
                            "absent"
                        };
                        batch.push(
                            "INSERT INTO attendance (session_id, child_id, status, mark_id, marked_at)",
                            format!("('{session}', '{child}', '{status}', '{session}-{child}', '{on}T17:00:00Z')"),
                        );
                        done.attendance += 1;
                    }
                }
            }
        }
        done.organisations += 1;
        done.groups += groups as u64;
        if batch.rows >= 50_000 || o + 1 == scale.organisations {
            let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
            batch.flush(&mut tx).await?;
            tx.commit().await?;
            progress(o + 1);
        }
    }
    done.children = child_index as u64;
    Ok(done)
}

/// Refreshes the planner's statistics after a bulk load.
pub async fn analyse(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    Ok(())
}

/// The database's size on disk, in bytes.
pub async fn database_bytes(db: &Db) -> Result<i64, sqlx::Error> {
    let sql = match db.backend {
        crate::db::Backend::Sqlite => {
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        }
        crate::db::Backend::Postgres => "SELECT pg_database_size(current_database())",
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await
}
