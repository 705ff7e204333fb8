//! A table of planning scenarios covering every rule code, run through the
//! domain functions natively (`cargo test`) and in the browser's WASM
//! (`app/tests/wasm_scenarios.rs`): both must give identical findings, the
//! proof that the calendar and the server judge alike. Also the synthetic
//! week used by the validation benchmark.

use crate::calendar::{hm, Holiday, SchoolTimetable, Slot};
use crate::check::{check_group_week, check_session, PlanningContext};
use crate::dossier::{balance, by_axis, Action, ActionKind, Amounts, Budget, Cents, ProductKind};
use crate::findings::{Code, Finding};
use crate::ids::*;
use crate::model::{
    ActivityCategory, FamilyEventKind, LiaisonKind, PlannedSession, PupilTimetable, SessionStatus,
};
use crate::rules;
use crate::thresholds::Thresholds;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a scenario asks of the rules.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Case {
    /// `check_session` of one session in a context.
    Session {
        session: PlannedSession,
        context: PlanningContext,
    },
    /// `check_group_week` of a group.
    GroupWeek {
        enrolled: u32,
        planned: Vec<ActivityCategory>,
        day: NaiveDate,
        sessions: Vec<PlannedSession>,
        holidays: Vec<Holiday>,
        thresholds: Thresholds,
    },
    /// Enrolling one more child.
    Enrolment {
        has_referral: bool,
        has_consent: bool,
        enrolled: u32,
        thresholds: Thresholds,
    },
    /// A slot typed by a person.
    Typed {
        date: String,
        start: String,
        end: String,
    },
    /// The dossier's four axes of a year's actions.
    Axes {
        actions: Vec<Action>,
        from: NaiveDate,
        until: NaiveDate,
    },
    /// A budget's CAF share against the cap for `groups` groups.
    Budget { budget: Budget, groups: u32 },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub case: Case,
    /// The codes expected, in the order the rules give them.
    pub expected: Vec<Code>,
}

/// Runs one case through the domain functions.
pub fn run(case: &Case) -> Vec<Finding> {
    let group = GroupId::new("g1");
    match case {
        Case::Session { session, context } => check_session(session, context),
        Case::GroupWeek {
            enrolled,
            planned,
            day,
            sessions,
            holidays,
            thresholds,
        } => check_group_week(
            &group, *enrolled, planned, *day, sessions, holidays, thresholds,
        ),
        Case::Enrolment {
            has_referral,
            has_consent,
            enrolled,
            thresholds,
        } => {
            let mut f = rules::enrolment_prerequisites(
                &ChildId::new("c-new"),
                &group,
                *has_referral,
                *has_consent,
            );
            f.extend(rules::enrolment_capacity(&group, *enrolled, thresholds));
            f
        }
        Case::Typed { date, start, end } => {
            match rules::parse_slot(
                &SessionId::new("s1"),
                date,
                start,
                end,
                &Thresholds::guide(),
            ) {
                Ok(_) => Vec::new(),
                Err(f) => vec![f],
            }
        }
        Case::Axes {
            actions,
            from,
            until,
        } => by_axis(actions, *from, *until).1,
        Case::Budget { budget, groups } => balance(budget, *groups, 0).findings,
    }
}

/// Every scenario's name and findings.
pub fn run_all() -> Vec<(String, Vec<Finding>)> {
    scenarios()
        .iter()
        .map(|s| (s.name.clone(), run(&s.case)))
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn session(
    id: &str,
    date: NaiveDate,
    start: (u32, u32),
    end: (u32, u32),
    children: u32,
    adults: u32,
) -> PlannedSession {
    PlannedSession {
        id: SessionId::new(id),
        group: GroupId::new("g1"),
        venue: VenueId::new("v1"),
        slot: Slot::new(date, hm(start.0, start.1), hm(end.0, end.1)),
        accompanists: (0..adults)
            .map(|i| AccompanistId::new(format!("a{i}")))
            .collect(),
        children: (0..children)
            .map(|i| ChildId::new(format!("c{i}")))
            .collect(),
        status: SessionStatus::Planned,
    }
}

fn other(id: &str, date: NaiveDate, start: (u32, u32), end: (u32, u32)) -> PlannedSession {
    PlannedSession {
        group: GroupId::new("g2"),
        venue: VenueId::new("v2"),
        accompanists: vec![AccompanistId::new("b0")],
        children: vec![ChildId::new("d0")],
        ..session(id, date, start, end, 0, 0)
    }
}

fn toussaint() -> Holiday {
    Holiday {
        name: "Toussaint".into(),
        first_day: d(2026, 10, 17),
        last_day: d(2026, 11, 1),
    }
}

fn ctx(sessions: Vec<PlannedSession>, pupils: bool, t: Thresholds) -> PlanningContext {
    PlanningContext {
        thresholds: t,
        holidays: vec![toussaint()],
        sessions,
        pupils: if pupils {
            (0..16)
                .map(|i| PupilTimetable {
                    child: ChildId::new(format!("c{i}")),
                    timetable: SchoolTimetable::primary_default(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The scenario table: at least one case per code, at its edges.
pub fn scenarios() -> Vec<Scenario> {
    use Code::*;
    let g = Thresholds::guide();
    let caf = Thresholds::caf_national();
    let monday = d(2026, 11, 30);
    let tuesday = d(2026, 12, 1);
    let wednesday = d(2026, 12, 2);
    let holiday = d(2026, 10, 20);
    let mut list: Vec<(String, Case, Vec<Code>)> = Vec::new();
    let mut s = |name: &str,
                 sess: PlannedSession,
                 others: Vec<PlannedSession>,
                 pupils: bool,
                 t: Thresholds,
                 exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::Session {
                session: sess,
                context: ctx(others, pupils, t),
            },
            exp,
        ));
    };
    s(
        "clean session after school",
        session("s1", monday, (16, 45), (18, 15), 10, 2),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "7 children, 1 adult",
        session("s1", monday, (16, 45), (18, 15), 7, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "8 children, 1 adult",
        session("s1", monday, (16, 45), (18, 15), 8, 1),
        vec![],
        true,
        g,
        vec![RatioExceeded],
    );
    s(
        "14 children, 2 adults",
        session("s1", monday, (16, 45), (18, 15), 14, 2),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "15 children, 2 adults",
        session("s1", monday, (16, 45), (18, 15), 15, 2),
        vec![],
        true,
        g,
        vec![RatioExceeded],
    );
    s(
        "no adult",
        session("s1", monday, (16, 45), (18, 15), 8, 0),
        vec![],
        true,
        g,
        vec![NoAccompanist],
    );
    s(
        "CAF preset, one adult",
        session("s1", monday, (16, 45), (18, 15), 6, 1),
        vec![],
        true,
        caf,
        vec![RatioExceeded],
    );
    s(
        "CAF preset, two adults",
        session("s1", monday, (16, 45), (18, 15), 12, 2),
        vec![],
        true,
        caf,
        vec![],
    );
    s(
        "ends when school starts",
        session("s1", monday, (7, 30), (8, 30), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "one minute into school",
        session("s1", monday, (7, 31), (8, 31), 5, 1),
        vec![],
        true,
        g,
        vec![DuringSchoolTime],
    );
    s(
        "starts when school ends",
        session("s1", monday, (16, 30), (18, 0), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "afternoon school time",
        session("s1", tuesday, (14, 0), (15, 30), 5, 1),
        vec![],
        true,
        g,
        vec![DuringSchoolTime],
    );
    s(
        "Wednesday afternoon",
        session("s1", wednesday, (14, 0), (15, 30), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "in the holidays",
        session("s1", holiday, (10, 0), (11, 30), 5, 1),
        vec![],
        true,
        g,
        vec![InHolidays],
    );
    s(
        "first day of the holidays",
        session("s1", d(2026, 10, 17), (10, 0), (11, 30), 5, 1),
        vec![],
        true,
        g,
        vec![InHolidays],
    );
    s(
        "last day of the holidays",
        session("s1", d(2026, 11, 1), (10, 0), (11, 30), 5, 1),
        vec![],
        true,
        g,
        vec![InHolidays],
    );
    s(
        "day after the holidays",
        session("s1", d(2026, 11, 2), (17, 0), (18, 30), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    let mut shared = other("o1", monday, (18, 14), (19, 0));
    shared.accompanists = vec![AccompanistId::new("a0")];
    s(
        "accompanist overlaps by a minute",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![shared.clone()],
        true,
        g,
        vec![AccompanistConflict],
    );
    let mut touching = shared.clone();
    touching.slot = Slot::new(monday, hm(18, 15), hm(19, 0));
    s(
        "accompanist touching",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![touching],
        true,
        g,
        vec![],
    );
    let mut room = other("o1", monday, (17, 0), (18, 0));
    room.venue = VenueId::new("v1");
    s(
        "same room, same time",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![room.clone()],
        true,
        g,
        vec![VenueConflict],
    );
    let mut cancelled = room;
    cancelled.status = SessionStatus::Cancelled;
    s(
        "cancelled session frees the room",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![cancelled],
        true,
        g,
        vec![],
    );
    let mut kid = other("o1", monday, (17, 0), (18, 0));
    kid.children = vec![ChildId::new("c0")];
    s(
        "child in two sessions",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![kid],
        true,
        g,
        vec![ChildConflict],
    );
    s(
        "other day, same people",
        session("s1", monday, (16, 45), (18, 15), 5, 1),
        vec![other("o1", tuesday, (16, 45), (18, 15))],
        true,
        g,
        vec![],
    );
    s(
        "too short",
        session("s1", monday, (17, 0), (17, 29), 5, 1),
        vec![],
        true,
        g,
        vec![InvalidSlot],
    );
    s(
        "exactly 30 minutes",
        session("s1", monday, (17, 0), (17, 30), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "exactly 4 hours",
        session("s1", wednesday, (13, 0), (17, 0), 5, 1),
        vec![],
        true,
        g,
        vec![],
    );
    s(
        "over 4 hours",
        session("s1", wednesday, (13, 0), (17, 1), 5, 1),
        vec![],
        true,
        g,
        vec![InvalidSlot],
    );
    s(
        "ends before it starts",
        session("s1", monday, (18, 0), (17, 0), 5, 1),
        vec![],
        true,
        g,
        vec![InvalidSlot],
    );

    let week = vec![
        session("w1", monday, (16, 45), (18, 15), 8, 2),
        session("w2", d(2026, 12, 3), (16, 45), (18, 15), 8, 2),
    ];
    let mut group = |name: &str,
                     enrolled: u32,
                     planned: Vec<ActivityCategory>,
                     day: NaiveDate,
                     sessions: Vec<PlannedSession>,
                     t: Thresholds,
                     exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::GroupWeek {
                enrolled,
                planned,
                day,
                sessions,
                holidays: vec![toussaint()],
                thresholds: t,
            },
            exp,
        ));
    };
    use ActivityCategory::*;
    group(
        "group of 5, two sessions",
        5,
        vec![Exchange, Homework],
        monday,
        week.clone(),
        g,
        vec![],
    );
    group(
        "group of 4",
        4,
        vec![Exchange],
        monday,
        week.clone(),
        g,
        vec![GroupUnderMin],
    );
    group(
        "group of 15",
        15,
        vec![Exchange],
        monday,
        week.clone(),
        g,
        vec![],
    );
    group(
        "group of 16",
        16,
        vec![Exchange],
        monday,
        week.clone(),
        g,
        vec![GroupOverMax],
    );
    group(
        "CAF preset, group of 7",
        7,
        vec![Exchange],
        monday,
        week.clone(),
        caf,
        vec![GroupUnderMin],
    );
    group(
        "one session this week",
        8,
        vec![Exchange],
        monday,
        week[..1].to_vec(),
        g,
        vec![WeeklyFrequencyLow],
    );
    group(
        "holiday week, no session",
        8,
        vec![Exchange],
        holiday,
        vec![],
        g,
        vec![],
    );
    group(
        "homework only",
        8,
        vec![Homework],
        monday,
        week.clone(),
        g,
        vec![HomeworkOnly],
    );
    group(
        "homework and games",
        8,
        vec![Homework, Games],
        monday,
        week,
        g,
        vec![],
    );

    let mut enrol = |name: &str, referral: bool, consent: bool, enrolled: u32, exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::Enrolment {
                has_referral: referral,
                has_consent: consent,
                enrolled,
                thresholds: g,
            },
            exp,
        ));
    };
    enrol("enrol the 15th child", true, true, 14, vec![]);
    enrol("enrol the 16th child", true, true, 15, vec![GroupOverMax]);
    enrol("enrol without consent", true, false, 3, vec![NoConsent]);
    enrol("enrol without referral", false, true, 3, vec![NoReferral]);
    enrol(
        "enrol with neither",
        false,
        false,
        15,
        vec![NoReferral, NoConsent, GroupOverMax],
    );

    let mut typed = |name: &str, date: &str, start: &str, end: &str, exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::Typed {
                date: date.into(),
                start: start.into(),
                end: end.into(),
            },
            exp,
        ));
    };
    typed("typed valid slot", "2026-12-01", "16:45", "18:15", vec![]);
    typed(
        "30 February",
        "2027-02-30",
        "16:45",
        "18:15",
        vec![InvalidSlot],
    );
    typed("hour 25", "2026-12-01", "25:00", "26:00", vec![InvalidSlot]);

    let action = |on: NaiveDate, kind: ActionKind| Action {
        on,
        kind,
        title: String::new(),
        reached: 1,
        minutes: 0,
    };
    let year = (d(2026, 9, 1), d(2027, 7, 4));
    let all_four = vec![
        action(d(2026, 9, 14), ActionKind::Session),
        action(
            d(2026, 10, 2),
            ActionKind::FamilyEvent(FamilyEventKind::Welcome),
        ),
        action(
            d(2026, 9, 20),
            ActionKind::SchoolMeeting(LiaisonKind::Diagnostic),
        ),
        action(d(2027, 1, 12), ActionKind::PartnerMeeting),
    ];
    let mut axes = |name: &str, actions: Vec<Action>, exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::Axes {
                actions,
                from: year.0,
                until: year.1,
            },
            exp,
        ));
    };
    axes("an action on each axis", all_four.clone(), vec![]);
    axes(
        "sessions and parents only",
        all_four[..2].to_vec(),
        vec![AxisEmpty, AxisEmpty],
    );
    axes(
        "the partners met after the year",
        vec![
            all_four[0].clone(),
            all_four[1].clone(),
            all_four[2].clone(),
            action(d(2027, 7, 5), ActionKind::PartnerMeeting),
        ],
        vec![AxisEmpty],
    );

    let mut budget = |name: &str, caf: i64, groups: u32, exp: Vec<Code>| {
        list.push((
            name.into(),
            Case::Budget {
                budget: Budget {
                    products: vec![(
                        ProductKind::Caf,
                        Amounts {
                            expected: Cents(caf),
                            actual: Cents(0),
                        },
                    )],
                    ..Budget::default()
                },
                groups,
            },
            exp,
        ));
    };
    budget("the CAF's share at its cap", 3 * 256_300, 3, vec![]);
    budget(
        "the CAF asked one cent over its cap",
        3 * 256_300 + 1,
        3,
        vec![CafShareOverCap],
    );

    list.into_iter()
        .map(|(name, case, expected)| Scenario {
            name,
            case,
            expected,
        })
        .collect()
}

/// A synthetic busy week for the benchmark: `sessions` sessions of `groups`
/// groups sharing `accompanists` adults and `venues` rooms, Monday to
/// Saturday after school, 10 children each.
pub fn busy_week(
    sessions: usize,
    groups: usize,
    accompanists: usize,
    venues: usize,
) -> PlanningContext {
    let monday = d(2026, 11, 30);
    let list = (0..sessions)
        .map(|i| {
            let group = i % groups;
            let day = (i / groups) % 6;
            let start = 14 * 60 + ((i * 37) % 16) as u32 * 15;
            PlannedSession {
                id: SessionId::new(format!("s{i}")),
                group: GroupId::new(format!("g{group}")),
                venue: VenueId::new(format!("v{}", i % venues)),
                slot: Slot::new(
                    monday + Duration::days(day as i64),
                    hm(start / 60, start % 60),
                    hm((start + 90) / 60, (start + 90) % 60),
                ),
                accompanists: vec![
                    AccompanistId::new(format!("a{}", i % accompanists)),
                    AccompanistId::new(format!("a{}", (i * 7 + 3) % accompanists)),
                ],
                children: (0..10)
                    .map(|c| ChildId::new(format!("g{group}-c{c}")))
                    .collect(),
                status: SessionStatus::Planned,
            }
        })
        .collect::<Vec<_>>();
    let pupils = (0..groups)
        .flat_map(|g| (0..10).map(move |c| ChildId::new(format!("g{g}-c{c}"))))
        .map(|child| PupilTimetable {
            child,
            timetable: SchoolTimetable::primary_default(),
        })
        .collect();
    PlanningContext {
        thresholds: Thresholds::guide(),
        holidays: vec![toussaint()],
        sessions: list,
        pupils,
    }
}

/// Validates every session of a week: what the calendar does on each
/// pointer move in the worst case. Returns the number of findings.
pub fn validate_week(ctx: &PlanningContext) -> usize {
    ctx.sessions
        .iter()
        .map(|s| check_session(s, ctx).len())
        .sum()
}

/// Validates one moved session against a whole week: what the calendar does
/// on each pointer move. Returns the number of findings.
pub fn validate_move(ctx: &PlanningContext) -> usize {
    let Some(first) = ctx.sessions.first() else {
        return 0;
    };
    let mut moved = first.clone();
    moved.slot = Slot::new(moved.slot.date + Duration::days(1), hm(17, 0), hm(18, 30));
    check_session(&moved, ctx).len()
}
