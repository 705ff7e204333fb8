//! The demo: a fictional social centre for the school year around the day it
//! is seeded, with history in the past eight weeks and a session on that very
//! day for the demo accompanist, plus a second organisation so that tenancy
//! shows. All names are invented.

use crate::db::{bit, new_id, timestamp, Db};
use crate::domain::calendar::{hm, in_holidays, monday_of, Holiday};
use crate::domain::ids::OrganisationId;
use crate::domain::model::Role;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use sqlx::{Any, Transaction};

/// The demo accounts, all with [`DEMO_PASSWORD`].
pub const DEMO_ACCOUNTS: [(&str, Role); 7] = [
    ("coordination@demo.test", Role::Coordinator),
    ("accompagnateur@demo.test", Role::Accompanist),
    ("parent@demo.test", Role::Parent),
    ("parent2@demo.test", Role::Parent),
    ("caf@demo.test", Role::Funder),
    ("admin@demo.test", Role::Admin),
    ("coordination@autre-structure.test", Role::Coordinator),
];
pub const DEMO_PASSWORD: &str = "passerelle-demo";

/// A value to bind, so that the many inserts below stay one line each.
enum Arg {
    T(String),
    I(i64),
    Null,
}

fn t(s: impl Into<String>) -> Arg {
    Arg::T(s.into())
}

fn opt(s: Option<String>) -> Arg {
    s.map(Arg::T).unwrap_or(Arg::Null)
}

async fn exec(
    tx: &mut Transaction<'_, Any>,
    sql: &'static str,
    args: Vec<Arg>,
) -> Result<(), sqlx::Error> {
    let mut q = sqlx::query(sql);
    for a in args {
        q = match a {
            Arg::T(s) => q.bind(s),
            Arg::I(i) => q.bind(i),
            Arg::Null => q.bind(None::<String>),
        };
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// A small deterministic generator, so the demo (and the generated
/// dataset) is the same every time.
pub(crate) struct Dice(pub(crate) u64);
impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The school year holding `day`: it starts on 1 September.
pub fn school_year_of(day: NaiveDate) -> (i32, NaiveDate, NaiveDate) {
    let start_year = if day.month() >= 8 {
        day.year()
    } else {
        day.year() - 1
    };
    let first = NaiveDate::from_ymd_opt(start_year, 9, 1).unwrap_or(day);
    let last = NaiveDate::from_ymd_opt(start_year + 1, 7, 3).unwrap_or(day);
    (start_year, first, last)
}

/// Zone C holidays of 2026-2027 (first and last day without school), moved
/// by whole weeks to the school year starting in `start_year`.
pub fn zone_c_holidays(start_year: i32) -> Vec<Holiday> {
    let base = [
        ("Vacances de la Toussaint", (2026, 10, 17), (2026, 11, 1)),
        ("Vacances de Noël", (2026, 12, 19), (2027, 1, 3)),
        ("Vacances d'hiver", (2027, 2, 20), (2027, 3, 7)),
        ("Vacances de printemps", (2027, 4, 17), (2027, 5, 2)),
        ("Pont de l'Ascension", (2027, 5, 6), (2027, 5, 9)),
    ];
    let shift = Duration::weeks(((start_year - 2026) as f64 * 52.18).round() as i64);
    base.iter()
        .filter_map(|(name, a, b)| {
            let first = NaiveDate::from_ymd_opt(a.0, a.1, a.2)? + shift;
            let last = NaiveDate::from_ymd_opt(b.0, b.1, b.2)? + shift;
            Some(Holiday {
                name: (*name).to_string(),
                first_day: first,
                last_day: last,
            })
        })
        .collect()
}

/// True when the demo was already seeded in this database.
pub async fn is_seeded(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(DEMO_ACCOUNTS[0].0)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

struct Kid {
    first: &'static str,
    last: &'static str,
    sex: &'static str,
    level: &'static str,
}

const fn kid(
    first: &'static str,
    last: &'static str,
    sex: &'static str,
    level: &'static str,
) -> Kid {
    Kid {
        first,
        last,
        sex,
        level,
    }
}

const CP_CE2: [Kid; 13] = [
    kid("Inès", "Benali", "F", "CE1"),
    kid("Lucas", "Moreau", "M", "CP"),
    kid("Aya", "Traoré", "F", "CE2"),
    kid("Noah", "Petit", "M", "CE1"),
    kid("Lina", "Haddad", "F", "CP"),
    kid("Adam", "Nguyen", "M", "CE2"),
    kid("Sofia", "Da Silva", "F", "CE1"),
    kid("Ibrahim", "Keita", "M", "CP"),
    kid("Jade", "Lefèvre", "F", "CE2"),
    kid("Yanis", "Bouzid", "M", "CE1"),
    kid("Maya", "Robert", "F", "CP"),
    kid("Ilyès", "Mebarki", "M", "CE2"),
    kid("Rose", "Simon", "F", "CE1"),
];
const CM1_CM2: [Kid; 12] = [
    kid("Sami", "Benali", "M", "CM2"),
    kid("Chloé", "Martin", "F", "CM1"),
    kid("Moussa", "Diallo", "M", "CM1"),
    kid("Léa", "Rousseau", "F", "CM2"),
    kid("Rayan", "Amrani", "M", "CM2"),
    kid("Maëlys", "Fontaine", "F", "CM1"),
    kid("Nathan", "Garcia", "M", "CM1"),
    kid("Fatou", "Sow", "F", "CM2"),
    kid("Enzo", "Lambert", "M", "CM1"),
    kid("Zoé", "Mercier", "F", "CM2"),
    kid("Bilal", "Cherif", "M", "CM1"),
    kid("Manon", "Dupuis", "F", "CM2"),
];
const SIXIEME_CINQUIEME: [Kid; 9] = [
    kid("Amine", "Saidi", "M", "6E"),
    kid("Clara", "Bernard", "F", "5E"),
    kid("Hugo", "Roux", "M", "6E"),
    kid("Nour", "El Idrissi", "F", "6E"),
    kid("Théo", "Blanc", "M", "5E"),
    kid("Awa", "Coulibaly", "F", "5E"),
    kid("Mehdi", "Ferhat", "M", "6E"),
    kid("Louise", "Girard", "F", "5E"),
    kid("Kenzo", "Pham", "M", "6E"),
];
const OTHER_ORG: [Kid; 6] = [
    kid("Anaïs", "Vidal", "F", "CM1"),
    kid("Omar", "Benaissa", "M", "CM2"),
    kid("Eva", "Marchand", "F", "CM1"),
    kid("Tom", "Leroy", "M", "CM2"),
    kid("Yasmine", "Kaci", "F", "CM1"),
    kid("Jules", "Perrin", "M", "CM2"),
];

/// Birth date of a pupil of `level` in the school year starting `start_year`.
fn birth_date(level: &str, start_year: i32, dice: &mut Dice) -> NaiveDate {
    let age_in_september = match level {
        "CP" => 6,
        "CE1" => 7,
        "CE2" => 8,
        "CM1" => 9,
        "CM2" => 10,
        "6E" => 11,
        "5E" => 12,
        _ => 13,
    };
    let year = start_year - age_in_september - 1;
    let day_of_year = 1 + (dice.next() % 365) as i64;
    NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or_default() + Duration::days(day_of_year - 1)
}

/// What a seeded demo gives back to print.
pub struct Seeded {
    pub organisation: OrganisationId,
    pub today_sessions: usize,
}

/// Seeds the demo dated from `today`; `password_hash` is the hash of
/// [`DEMO_PASSWORD`] (hashed once by the caller, off the async runtime).
pub async fn seed(db: &Db, today: NaiveDate, password_hash: &str) -> Result<Seeded, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let now = timestamp(Utc::now());
    let mut dice = Dice(0x5eed_2026_c1a5);
    let (start_year, first_day, last_day) = school_year_of(today);
    let holidays = zone_c_holidays(start_year);

    exec(
        &mut tx,
        "INSERT INTO territories (code, name) VALUES ($1, $2)",
        vec![t("93"), t("Seine-Saint-Denis")],
    )
    .await?;

    // The main organisation.
    let org = new_id();
    exec(
        &mut tx,
        "INSERT INTO organisations (id, name, kind, territory_code, local_education_plan, created_at) VALUES ($1, $2, 'centre_social', '93', 1, $3)",
        vec![t(&org), t("Centre social Les Tilleuls"), t(&now)],
    )
    .await?;
    let venue_hall = new_id();
    let venue_library = new_id();
    for (id, name, address, kind) in [
        (
            &venue_hall,
            "Salle des Tilleuls",
            "12 rue des Tilleuls, Bobigny",
            "associatif",
        ),
        (
            &venue_library,
            "Salle de la médiathèque",
            "3 place Paul Éluard, Bobigny",
            "municipal",
        ),
    ] {
        exec(
            &mut tx,
            "INSERT INTO venues (id, organisation_id, name, address, kind) VALUES ($1, $2, $3, $4, $5)",
            vec![t(id), t(&org), t(name), t(address), t(kind)],
        )
        .await?;
    }
    let year = new_id();
    exec(
        &mut tx,
        "INSERT INTO school_years (id, organisation_id, label, first_day, last_day, holiday_zone) VALUES ($1, $2, $3, $4, $5, 'C')",
        vec![t(&year), t(&org), t(format!("{}-{}", start_year, start_year + 1)), t(first_day.to_string()), t(last_day.to_string())],
    )
    .await?;
    for h in &holidays {
        exec(
            &mut tx,
            "INSERT INTO holidays (id, school_year_id, name, first_day, last_day) VALUES ($1, $2, $3, $4, $5)",
            vec![t(new_id()), t(&year), t(&h.name), t(h.first_day.to_string()), t(h.last_day.to_string())],
        )
        .await?;
    }

    // Schools and their timetables.
    let primary = new_id();
    let college = new_id();
    exec(&mut tx, "INSERT INTO schools (id, organisation_id, name, uai, stage) VALUES ($1, $2, $3, $4, 'primaire')",
        vec![t(&primary), t(&org), t("École élémentaire Jean Jaurès"), t("0930001W")]).await?;
    exec(&mut tx, "INSERT INTO schools (id, organisation_id, name, uai, stage) VALUES ($1, $2, $3, $4, 'secondaire')",
        vec![t(&college), t(&org), t("Collège Louise Michel"), t("0930002X")]).await?;
    let timetable = |school: &str, days: &[i64], periods: &[(&str, &str)]| {
        let mut rows = Vec::new();
        for d in days {
            for (a, b) in periods {
                rows.push(vec![t(new_id()), t(school), Arg::I(*d), t(*a), t(*b)]);
            }
        }
        rows
    };
    let mut slots = timetable(
        &primary,
        &[1, 2, 4, 5],
        &[("08:30", "11:30"), ("13:30", "16:30")],
    );
    slots.extend(timetable(
        &college,
        &[1, 2, 4, 5],
        &[("08:00", "12:00"), ("13:30", "17:00")],
    ));
    slots.extend(timetable(&college, &[3], &[("08:00", "12:00")]));
    for row in slots {
        exec(&mut tx, "INSERT INTO school_timetables (id, school_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)", row).await?;
    }

    // Accounts.
    let mut users = std::collections::BTreeMap::new();
    for (email, role) in DEMO_ACCOUNTS {
        let id = new_id();
        let (org_id, territory, name) = match (email, role) {
            (_, Role::Admin) => (None, None, "Administration Passerelle"),
            (_, Role::Funder) => (None, Some("93"), "CAF de la Seine-Saint-Denis"),
            ("coordination@autre-structure.test", _) => (None, None, "Coordination Les Petits Pas"),
            (_, Role::Coordinator) => (Some(org.clone()), None, "Claire Dubois"),
            (_, Role::Accompanist) => (Some(org.clone()), None, "Karim Mansouri"),
            ("parent2@demo.test", _) => (Some(org.clone()), None, "Youssef Benali"),
            _ => (Some(org.clone()), None, "Samira Benali"),
        };
        users.insert(email, (id, org_id, territory, name, role));
    }
    for (email, (id, org_id, territory, name, role)) in &users {
        if *email == "coordination@autre-structure.test" {
            continue; // created with its organisation below
        }
        exec(
            &mut tx,
            "INSERT INTO users (id, organisation_id, territory_code, email, password_hash, role, display_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![t(id), opt(org_id.clone()), opt(territory.map(str::to_string)), t(*email), t(password_hash), t(role.as_str()), t(*name), t(&now)],
        )
        .await?;
    }

    // Accompanists: the demo one first.
    let staff = [
        ("Karim", "Mansouri", true, Some("accompagnateur@demo.test")),
        ("Hélène", "Garnier", true, None),
        ("Julien", "Morel", false, None),
        ("Fatima", "Zeroual", false, None),
        ("Paul", "Lemoine", false, None),
        ("Aminata", "Ba", true, None),
    ];
    let mut accompanists = Vec::new();
    for (first, last, paid, account) in staff {
        let id = new_id();
        let email = account.map(str::to_string).unwrap_or_else(|| {
            format!(
                "{}.{}@tilleuls.test",
                first.to_lowercase(),
                last.to_lowercase()
            )
            .replace(['é', 'è'], "e")
        });
        exec(
            &mut tx,
            "INSERT INTO accompanists (id, organisation_id, user_id, first_name, last_name, email, phone, paid, availability) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![t(&id), t(&org), opt(account.map(|a| users[a].0.clone())), t(first), t(last), t(email), t("06 00 00 00 00"), Arg::I(bit(paid)), t("lundi, mardi, jeudi, vendredi après 16 h")],
        )
        .await?;
        accompanists.push(id);
    }

    // Groups: name, levels, venue, weekdays, start, end, accompanists, kids, activities.
    let groups = [
        (
            "CP-CE2",
            "CP à CE2",
            &venue_hall,
            [Weekday::Mon, Weekday::Thu],
            hm(16, 45),
            hm(18, 15),
            vec![0, 2],
            &CP_CE2[..],
            &primary,
            "echange,methodologie,jeux,arts,devoirs",
        ),
        (
            "CM1-CM2",
            "CM1 et CM2",
            &venue_hall,
            [Weekday::Tue, Weekday::Fri],
            hm(16, 45),
            hm(18, 15),
            vec![1, 3],
            &CM1_CM2[..],
            &primary,
            "echange,methodologie,culture,devoirs",
        ),
        (
            "6e-5e",
            "6e et 5e",
            &venue_library,
            [Weekday::Mon, Weekday::Thu],
            hm(17, 15),
            hm(18, 45),
            vec![4, 5],
            &SIXIEME_CINQUIEME[..],
            &college,
            "echange,methodologie,sport,culture",
        ),
    ];
    let history_from = monday_of(today) - Duration::weeks(8);
    let mut today_sessions = 0;
    // The demo parents' guardian records, shared by the Benali siblings.
    let samira = new_id();
    let youssef = new_id();
    for (gid, first, last, email, account) in [
        (&samira, "Samira", "Benali", "parent@demo.test", true),
        (&youssef, "Youssef", "Benali", "parent2@demo.test", true),
    ] {
        exec(
            &mut tx,
            "INSERT INTO guardians (id, organisation_id, user_id, first_name, last_name, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![t(gid), t(&org), opt(account.then(|| users[email].0.clone())), t(first), t(last), t(email), t("06 11 22 33 44")],
        )
        .await?;
    }

    // Other families' guardians, some of whom answer the family events.
    let mut other_guardians: Vec<String> = Vec::new();
    for (index, (name, levels, venue, days, start, end, leaders, kids, school, activities)) in
        groups.iter().enumerate()
    {
        let group = new_id();
        exec(
            &mut tx,
            "INSERT INTO groups (id, organisation_id, school_year_id, name, levels, default_venue_id, planned_activities) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![t(&group), t(&org), t(&year), t(*name), t(*levels), t(*venue), t(*activities)],
        )
        .await?;
        for l in leaders {
            exec(
                &mut tx,
                "INSERT INTO group_accompanists (group_id, accompanist_id) VALUES ($1, $2)",
                vec![t(&group), t(&accompanists[*l])],
            )
            .await?;
        }
        let mut members = Vec::new();
        for (k, kid) in kids.iter().enumerate() {
            let child = new_id();
            let birth = birth_date(kid.level, start_year, &mut dice);
            exec(
                &mut tx,
                "INSERT INTO children (id, organisation_id, first_name, last_name, birth_date, birth_year, sex, school_id, school_level, priority_area, status, may_leave_alone, photo_consent, needs_note, last_contact_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'inscrit', $11, $12, $13, $14, $15)",
                vec![
                    t(&child), t(&org), t(kid.first), t(kid.last), t(birth.to_string()), Arg::I(birth.year() as i64),
                    t(kid.sex), t(*school), t(kid.level), Arg::I(bit(dice.chance(60))),
                    Arg::I(bit(kid.level.ends_with('E') && kid.level != "CE1" && kid.level != "CE2")),
                    Arg::I(bit(dice.chance(80))),
                    t(if dice.chance(30) { "Besoin de reprendre confiance à l'oral." } else { "" }),
                    t(today.to_string()), t(&now),
                ],
            )
            .await?;
            exec(
                &mut tx,
                "INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, $3)",
                vec![t(&group), t(&child), t(first_day.to_string())],
            )
            .await?;
            // Guardians: the Benali children share the demo parents.
            let guardians: Vec<String> = if kid.last == "Benali" {
                if kid.first == "Inès" {
                    vec![samira.clone(), youssef.clone()]
                } else {
                    vec![samira.clone()]
                }
            } else {
                let g = new_id();
                let parent_first = if dice.chance(70) { "Nadia" } else { "Mohamed" };
                exec(
                    &mut tx,
                    "INSERT INTO guardians (id, organisation_id, first_name, last_name, email, phone) VALUES ($1, $2, $3, $4, $5, $6)",
                    vec![t(&g), t(&org), t(parent_first), t(kid.last), t(format!("famille.{}.{}@exemple.test", kid.last.to_lowercase().replace([' ', 'é', 'è', 'ë'], ""), index * 20 + k)), t("06 00 00 00 00")],
                )
                .await?;
                vec![g]
            };
            for g in &guardians {
                exec(&mut tx, "INSERT INTO child_guardians (child_id, guardian_id, relationship) VALUES ($1, $2, 'parent')", vec![t(&child), t(g)]).await?;
            }
            exec(&mut tx, "INSERT INTO authorised_adults (id, child_id, name, relationship, phone) VALUES ($1, $2, $3, 'grand-parent', '06 00 00 00 00')",
                vec![t(new_id()), t(&child), t(format!("Mamie {}", kid.last))]).await?;
            let sources = [
                "enseignant",
                "famille",
                "travailleur_social",
                "pre",
                "enseignant",
                "jeune",
            ];
            exec(&mut tx, "INSERT INTO referrals (id, child_id, source, referred_on, need) VALUES ($1, $2, $3, $4, $5)",
                vec![t(new_id()), t(&child), t(sources[(k + index) % sources.len()]), t((first_day - Duration::days(20)).to_string()), t("Méthodologie et confiance en soi")]).await?;
            exec(&mut tx, "INSERT INTO consents (id, child_id, guardian_id, given_on, method) VALUES ($1, $2, $3, $4, 'papier')",
                vec![t(new_id()), t(&child), t(&guardians[0]), t((first_day + Duration::days(7)).to_string())]).await?;
            exec(&mut tx, "INSERT INTO contracts (id, child_id, school_year_id, objectives, engagements, school_id, signed_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                vec![t(new_id()), t(&child), t(&year), t("Organiser son cartable et ses devoirs ; prendre la parole en groupe."),
                     t("Venir aux deux séances de la semaine ; prévenir en cas d'absence."), t(*school), t((first_day + Duration::days(14)).to_string())]).await?;
            // Sami's contract was accepted online; Inès's waits for her
            // parents (the demo shows both).
            if kid.first == "Sami" && kid.last == "Benali" {
                let accepted = (first_day + Duration::days(15))
                    .and_hms_opt(17, 42, 0)
                    .unwrap_or_default()
                    .and_utc();
                exec(&mut tx, "UPDATE contracts SET accepted_by_guardian_id = $1, accepted_at = $2 WHERE child_id = $3",
                    vec![t(&samira), t(timestamp(accepted)), t(&child)]).await?;
            }
            if kid.last != "Benali" {
                other_guardians.push(guardians[0].clone());
            }
            // How regularly this child comes: 75 to 97 %.
            members.push((child, 75 + dice.next() % 23, guardians[0].clone()));
        }

        // Sessions from the first school day to the end of the year.
        let mut day = first_day;
        let leaders_ids: Vec<&String> = leaders.iter().map(|l| &accompanists[*l]).collect();
        let mut dates: Vec<(NaiveDate, NaiveTime, NaiveTime)> = Vec::new();
        while day <= last_day {
            if days.contains(&day.weekday()) && !in_holidays(day, &holidays) {
                dates.push((day, *start, *end));
            }
            day += Duration::days(1);
        }
        // The demo accompanist leads CP-CE2: make sure they have a session today.
        if index == 0 && !dates.iter().any(|(d, _, _)| *d == today) {
            let (s, e) = match today.weekday() {
                Weekday::Wed => (hm(14, 0), hm(15, 30)),
                Weekday::Sat | Weekday::Sun => (hm(10, 0), hm(11, 30)),
                _ => (*start, *end),
            };
            dates.push((today, s, e));
            dates.sort();
        }
        // One series per weekday: what "celle-ci et les suivantes" and the
        // week copy recognise as the same session coming back.
        let series: Vec<(Weekday, String)> = days.iter().map(|d| (*d, new_id())).collect();
        for (date, s, e) in dates {
            let session = new_id();
            let series_id = series
                .iter()
                .find(|(d, _)| *d == date.weekday())
                .map(|(_, id)| id.clone());
            let past = date < today;
            let status = if past { "held" } else { "planned" };
            exec(
                &mut tx,
                "INSERT INTO sessions (id, organisation_id, group_id, venue_id, on_date, starts_at, ends_at, status, parents_welcome, closed_at, created_at, updated_at, series_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
                vec![t(&session), t(&org), t(&group), t(*venue), t(date.to_string()), t(s.format("%H:%M").to_string()), t(e.format("%H:%M").to_string()),
                     t(status), Arg::I(bit(date.weekday() == Weekday::Fri)), opt(past.then(|| now.clone())), t(&now), opt(series_id)],
            )
            .await?;
            if date == today && index == 0 {
                today_sessions += 1;
                // The family of the first child said she would not come:
                // the register shows her absence as excused already.
                exec(&mut tx, "INSERT INTO absence_notices (id, session_id, child_id, guardian_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    vec![t(new_id()), t(&session), t(&members[0].0), t(&members[0].2), t("Rendez-vous chez l'orthophoniste."), t(&now)]).await?;
            }
            for a in &leaders_ids {
                exec(
                    &mut tx,
                    "INSERT INTO session_accompanists (session_id, accompanist_id) VALUES ($1, $2)",
                    vec![t(&session), t(*a)],
                )
                .await?;
            }
            for category in activities.split(',') {
                exec(&mut tx, "INSERT INTO session_activities (session_id, category, done) VALUES ($1, $2, 0)", vec![t(&session), t(category)]).await?;
            }
            if past && date >= history_from {
                for (child, regularity, guardian) in &members {
                    let roll = dice.next() % 100;
                    let status = if roll < *regularity {
                        if dice.chance(8) {
                            "late"
                        } else {
                            "present"
                        }
                    } else if dice.chance(50) {
                        "excused"
                    } else {
                        "absent"
                    };
                    exec(
                        &mut tx,
                        "INSERT INTO attendance (session_id, child_id, status, arrived_at, left_at, picked_up_by, mark_id, device_id, marked_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, 'demo', $8)",
                        vec![
                            t(&session), t(child), t(status),
                            opt((status == "late").then(|| (s + Duration::minutes(15)).format("%H:%M").to_string())),
                            opt(matches!(status, "present" | "late").then(|| e.format("%H:%M").to_string())),
                            opt(matches!(status, "present" | "late").then(|| format!("guardian:{guardian}"))),
                            t(new_id()), t(timestamp(date.and_time(e).and_utc())),
                        ],
                    )
                    .await?;
                }
            }
        }
        // One school meeting per group: the start-of-activity coordination.
        exec(&mut tx, "INSERT INTO school_liaisons (id, organisation_id, kind, group_id, school_id, met_on, participants, notes) VALUES ($1, $2, 'demarrage', $3, $4, $5, $6, $7)",
            vec![t(new_id()), t(&org), t(&group), t(*school), t((first_day + Duration::days(10)).to_string()), t("Directrice, enseignants référents, coordinatrice"), t("Objectifs du groupe partagés.")]).await?;
    }

    // Family events: one past information meeting, one coming shared session
    // (some families answered already), the end-of-year party.
    for (kind, title, date) in [
        (
            "information",
            "Réunion d'information des familles",
            first_day + Duration::days(12),
        ),
        (
            "seance_partagee",
            "Après-midi jeux parents-enfants",
            today + Duration::days(12),
        ),
        (
            "temps_fort",
            "Fête de fin d'année",
            last_day - Duration::days(7),
        ),
    ] {
        let event = new_id();
        exec(&mut tx, "INSERT INTO family_events (id, organisation_id, kind, title, on_date, starts_at, ends_at, venue_id) VALUES ($1, $2, $3, $4, $5, '17:00', '18:30', $6)",
            vec![t(&event), t(&org), t(kind), t(title), t(date.to_string()), t(&venue_hall)]).await?;
        if kind == "seance_partagee" {
            for (n, guardian) in other_guardians.iter().take(7).enumerate() {
                exec(&mut tx, "INSERT INTO family_event_guests (event_id, guardian_id, reply) VALUES ($1, $2, $3)",
                    vec![t(&event), t(guardian), t(if n < 5 { "oui" } else { "non" })]).await?;
            }
        }
    }
    // A message to the families of Inès's group, asking « J'ai bien reçu »:
    // on the demo parents' home, unread until opened.
    let message = new_id();
    exec(&mut tx, "INSERT INTO family_messages (id, organisation_id, author_id, audience, audience_id, subject, body, ask, sent_at)
         SELECT $1, $2, $3, 'group', gm.group_id, $4, $5, 'ack', $6 FROM group_members gm JOIN children c ON c.id = gm.child_id
         WHERE c.first_name = 'Inès' AND c.last_name = 'Benali' AND c.organisation_id = $2",
        vec![t(&message), t(&org), t(&users["coordination@demo.test"].0), t("Sortie à la médiathèque mardi"),
             t("Bonjour,\nMardi, nous irons à la médiathèque avec le groupe. Prévoyez un goûter.\n\nL'équipe du CLAS"), t(&now)]).await?;
    exec(&mut tx, "INSERT INTO family_message_recipients (message_id, child_id, guardian_id)
         SELECT m.id, gm.child_id, cg.guardian_id FROM family_messages m
         JOIN group_members gm ON gm.group_id = m.audience_id JOIN child_guardians cg ON cg.child_id = gm.child_id
         WHERE m.id = $1",
        vec![t(&message)]).await?;
    exec(&mut tx, "INSERT INTO partner_meetings (id, organisation_id, met_on, partners, notes) VALUES ($1, $2, $3, $4, $5)",
        vec![t(new_id()), t(&org), t((first_day + Duration::days(30)).to_string()), t("Programme de réussite éducative, médiathèque"), t("Orientation de deux familles.")]).await?;

    seed_other_organisation(
        &mut tx,
        &users,
        password_hash,
        &now,
        start_year,
        first_day,
        &mut dice,
    )
    .await?;
    tx.commit().await?;
    Ok(Seeded {
        organisation: OrganisationId(org),
        today_sessions,
    })
}

type DemoUsers<'a> =
    std::collections::BTreeMap<&'a str, (String, Option<String>, Option<&'a str>, &'a str, Role)>;

/// A second, smaller structure in the same département: its coordinator
/// must never see the first one's data, and the funder sees both.
async fn seed_other_organisation(
    tx: &mut Transaction<'_, Any>,
    users: &DemoUsers<'_>,
    password_hash: &str,
    now: &str,
    start_year: i32,
    first_day: NaiveDate,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    let (_, _, last_day) = school_year_of(first_day);
    let org = new_id();
    exec(tx, "INSERT INTO organisations (id, name, kind, territory_code, created_at) VALUES ($1, $2, 'association', '93', $3)",
        vec![t(&org), t("Association Les Petits Pas"), t(now)]).await?;
    let (user_id, ..) = &users["coordination@autre-structure.test"];
    exec(tx, "INSERT INTO users (id, organisation_id, email, password_hash, role, display_name, created_at) VALUES ($1, $2, $3, $4, 'coordinator', $5, $6)",
        vec![t(user_id), t(&org), t("coordination@autre-structure.test"), t(password_hash), t("Marc Olivier"), t(now)]).await?;
    let venue = new_id();
    exec(tx, "INSERT INTO venues (id, organisation_id, name, kind) VALUES ($1, $2, 'Local associatif Les Petits Pas', 'associatif')", vec![t(&venue), t(&org)]).await?;
    let year = new_id();
    exec(tx, "INSERT INTO school_years (id, organisation_id, label, first_day, last_day) VALUES ($1, $2, $3, $4, $5)",
        vec![t(&year), t(&org), t(format!("{}-{}", start_year, start_year + 1)), t(first_day.to_string()), t(last_day.to_string())]).await?;
    let group = new_id();
    exec(tx, "INSERT INTO groups (id, organisation_id, school_year_id, name, levels, default_venue_id, planned_activities) VALUES ($1, $2, $3, 'CM', 'CM1 et CM2', $4, 'echange,methodologie,arts')",
        vec![t(&group), t(&org), t(&year), t(&venue)]).await?;
    let staff = new_id();
    exec(tx, "INSERT INTO accompanists (id, organisation_id, first_name, last_name, email, paid) VALUES ($1, $2, 'Léon', 'Faure', 'leon.faure@petitspas.test', 0)",
        vec![t(&staff), t(&org)]).await?;
    exec(
        tx,
        "INSERT INTO group_accompanists (group_id, accompanist_id) VALUES ($1, $2)",
        vec![t(&group), t(&staff)],
    )
    .await?;
    for kid in &OTHER_ORG {
        let child = new_id();
        let birth = birth_date(kid.level, start_year, dice);
        exec(tx, "INSERT INTO children (id, organisation_id, first_name, last_name, birth_date, birth_year, sex, school_level, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'inscrit', $9)",
            vec![t(&child), t(&org), t(kid.first), t(kid.last), t(birth.to_string()), Arg::I(birth.year() as i64), t(kid.sex), t(kid.level), t(now)]).await?;
        exec(
            tx,
            "INSERT INTO group_members (group_id, child_id, joined_on) VALUES ($1, $2, $3)",
            vec![t(&group), t(&child), t(first_day.to_string())],
        )
        .await?;
    }
    Ok(())
}
