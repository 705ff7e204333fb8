//! Table tests for every rule code at its edges (DOMAIN.md), property tests,
//! and the purity invariant of this module.

use super::calendar::*;
use super::check::*;
use super::findings::*;
use super::ids::*;
use super::model::*;
use super::rules;
use super::thresholds::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn g() -> GroupId {
    GroupId::new("g1")
}

fn session(id: &str, date: NaiveDate, start: (u32, u32), end: (u32, u32)) -> PlannedSession {
    PlannedSession {
        id: SessionId::new(id),
        group: g(),
        venue: VenueId::new("v1"),
        slot: Slot::new(date, hm(start.0, start.1), hm(end.0, end.1)),
        accompanists: vec![AccompanistId::new("a1")],
        children: vec![ChildId::new("c1")],
        status: SessionStatus::Planned,
    }
}

fn toussaint() -> Holiday {
    // Zone C, 2026: Saturday 17 October to Sunday 1 November.
    Holiday {
        name: "Toussaint".into(),
        first_day: d(2026, 10, 17),
        last_day: d(2026, 11, 1),
    }
}

mod table {
    use super::*;

    #[test]
    fn group_size_edges() {
        let t = Thresholds::guide();
        assert_eq!(codes(&rules::group_size(&g(), 4, &t)), ["GROUP_UNDER_MIN"]);
        assert!(rules::group_size(&g(), 5, &t).is_empty());
        assert!(rules::group_size(&g(), 15, &t).is_empty());
        let over = rules::group_size(&g(), 16, &t);
        assert_eq!(codes(&over), ["GROUP_OVER_MAX"]);
        assert_eq!(over[0].severity, Severity::Error);
        assert_eq!(over[0].threshold, Some(Measure::children(15)));
        assert_eq!(over[0].actual, Some(Measure::children(16)));
    }

    #[test]
    fn caf_preset_group_edges() {
        let t = Thresholds::caf_national();
        assert_eq!(codes(&rules::group_size(&g(), 7, &t)), ["GROUP_UNDER_MIN"]);
        assert!(rules::group_size(&g(), 8, &t).is_empty());
        assert!(rules::group_size(&g(), 12, &t).is_empty());
        assert_eq!(codes(&rules::group_size(&g(), 13, &t)), ["GROUP_OVER_MAX"]);
    }

    #[test]
    fn enrolment_capacity_refuses_the_sixteenth_child() {
        let t = Thresholds::guide();
        assert!(rules::enrolment_capacity(&g(), 14, &t).is_empty());
        let f = rules::enrolment_capacity(&g(), 15, &t);
        assert_eq!(codes(&f), ["GROUP_OVER_MAX"]);
        assert_eq!(f[0].actual, Some(Measure::children(16)));
    }

    #[test]
    fn ratio_edges() {
        let t = Thresholds::guide();
        let s = SessionId::new("s");
        assert!(rules::staffing(&s, 7, 1, &t).is_empty());
        let f = rules::staffing(&s, 8, 1, &t);
        assert_eq!(codes(&f), ["RATIO_EXCEEDED"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].threshold, Some(Measure::per_adult_hundredths(700)));
        assert_eq!(f[0].actual, Some(Measure::per_adult_hundredths(800)));
        assert!(rules::staffing(&s, 14, 2, &t).is_empty());
        assert_eq!(codes(&rules::staffing(&s, 15, 2, &t)), ["RATIO_EXCEEDED"]);
    }

    #[test]
    fn caf_preset_wants_two_adults() {
        let t = Thresholds::caf_national();
        let s = SessionId::new("s");
        let f = rules::staffing(&s, 4, 1, &t);
        assert_eq!(codes(&f), ["RATIO_EXCEEDED"]);
        assert_eq!(f[0].threshold, Some(Measure::new(2, Unit::Adults)));
        assert!(rules::staffing(&s, 12, 2, &t).is_empty());
    }

    #[test]
    fn no_accompanist_is_an_error() {
        let f = rules::staffing(&SessionId::new("s"), 0, 0, &Thresholds::guide());
        assert_eq!(codes(&f), ["NO_ACCOMPANIST"]);
        assert!(f[0].is_error());
    }

    #[test]
    fn weekly_frequency_counts_school_weeks_only() {
        let t = Thresholds::guide();
        let hol = [toussaint()];
        // A school week with one session.
        let f = rules::weekly_frequency(&g(), d(2026, 10, 5), 1, &hol, &t);
        assert_eq!(codes(&f), ["WEEKLY_FREQUENCY_LOW"]);
        assert_eq!(f[0].about[1], Subject::Week("2026-W41".into()));
        assert!(rules::weekly_frequency(&g(), d(2026, 10, 5), 2, &hol, &t).is_empty());
        // Both holiday weeks count for nothing.
        assert!(rules::weekly_frequency(&g(), d(2026, 10, 19), 0, &hol, &t).is_empty());
        assert!(rules::weekly_frequency(&g(), d(2026, 10, 26), 0, &hol, &t).is_empty());
        // The week after the holidays is a school week again.
        assert_eq!(
            codes(&rules::weekly_frequency(&g(), d(2026, 11, 2), 0, &hol, &t)),
            ["WEEKLY_FREQUENCY_LOW"]
        );
    }

    #[test]
    fn school_time_edges() {
        let pupils = [PupilTimetable {
            child: ChildId::new("c1"),
            timetable: SchoolTimetable::primary_default(),
        }];
        let s = SessionId::new("s");
        let monday = d(2026, 11, 30);
        // Ends exactly when school starts: fine.
        let before = Slot::new(monday, hm(7, 30), hm(8, 30));
        assert!(rules::during_school_time(&s, &before, &pupils, &[]).is_empty());
        // Starts exactly when school ends: fine.
        let after = Slot::new(monday, hm(16, 30), hm(18, 0));
        assert!(rules::during_school_time(&s, &after, &pupils, &[]).is_empty());
        // One minute into school time: refused, naming the pupil.
        let overlap = Slot::new(monday, hm(16, 29), hm(18, 0));
        let f = rules::during_school_time(&s, &overlap, &pupils, &[]);
        assert_eq!(codes(&f), ["DURING_SCHOOL_TIME"]);
        assert!(f[0].about.contains(&Subject::Child(ChildId::new("c1"))));
        // Wednesday afternoon has no primary school.
        let wednesday = Slot::new(d(2026, 12, 2), hm(14, 0), hm(16, 0));
        assert!(rules::during_school_time(&s, &wednesday, &pupils, &[]).is_empty());
        // During holidays, school time is free.
        let holiday = Slot::new(d(2026, 10, 20), hm(10, 0), hm(11, 0));
        assert!(rules::during_school_time(&s, &holiday, &pupils, &[toussaint()]).is_empty());
    }

    #[test]
    fn conflicts_overlap_by_one_minute_versus_touching() {
        let day = d(2026, 12, 1);
        let a = session("a", day, (16, 45), (18, 15));
        let touching = session("b", day, (18, 15), (19, 45));
        assert!(rules::conflicts(&a, std::slice::from_ref(&touching)).is_empty());
        let overlapping = session("b", day, (18, 14), (19, 45));
        let f = rules::conflicts(&a, &[overlapping]);
        let mut c = codes(&f);
        c.sort();
        assert_eq!(
            c,
            ["ACCOMPANIST_CONFLICT", "CHILD_CONFLICT", "VENUE_CONFLICT"]
        );
        assert!(f.iter().all(Finding::is_error));
    }

    #[test]
    fn each_conflict_kind_alone() {
        let day = d(2026, 12, 1);
        let a = session("a", day, (17, 0), (18, 0));
        let mut b = session("b", day, (17, 30), (18, 30));
        b.venue = VenueId::new("v2");
        b.children = vec![ChildId::new("c2")];
        assert_eq!(
            codes(&rules::conflicts(&a, std::slice::from_ref(&b))),
            ["ACCOMPANIST_CONFLICT"]
        );
        b.accompanists = vec![AccompanistId::new("a2")];
        b.children = vec![ChildId::new("c1")];
        assert_eq!(
            codes(&rules::conflicts(&a, std::slice::from_ref(&b))),
            ["CHILD_CONFLICT"]
        );
        b.children = vec![];
        b.venue = VenueId::new("v1");
        assert_eq!(
            codes(&rules::conflicts(&a, std::slice::from_ref(&b))),
            ["VENUE_CONFLICT"]
        );
        b.status = SessionStatus::Cancelled;
        assert!(rules::conflicts(&a, &[b]).is_empty());
    }

    #[test]
    fn holiday_edges() {
        let s = SessionId::new("s");
        let hol = [toussaint()];
        let at = |date| Slot::new(date, hm(10, 0), hm(11, 30));
        assert!(rules::in_holidays(&s, &at(d(2026, 10, 16)), &hol).is_empty());
        assert_eq!(
            codes(&rules::in_holidays(&s, &at(d(2026, 10, 17)), &hol)),
            ["IN_HOLIDAYS"]
        );
        assert_eq!(
            codes(&rules::in_holidays(&s, &at(d(2026, 11, 1)), &hol)),
            ["IN_HOLIDAYS"]
        );
        assert!(rules::in_holidays(&s, &at(d(2026, 11, 2)), &hol).is_empty());
    }

    #[test]
    fn consent_and_referral() {
        let c = ChildId::new("c");
        assert!(rules::enrolment_prerequisites(&c, &g(), true, true).is_empty());
        assert_eq!(
            codes(&rules::enrolment_prerequisites(&c, &g(), false, true)),
            ["NO_REFERRAL"]
        );
        assert_eq!(
            codes(&rules::enrolment_prerequisites(&c, &g(), true, false)),
            ["NO_CONSENT"]
        );
        assert_eq!(
            codes(&rules::enrolment_prerequisites(&c, &g(), false, false)),
            ["NO_REFERRAL", "NO_CONSENT"]
        );
    }

    #[test]
    fn homework_only() {
        use ActivityCategory::*;
        assert_eq!(
            codes(&rules::homework_only(&g(), &[Homework])),
            ["HOMEWORK_ONLY"]
        );
        assert_eq!(
            codes(&rules::homework_only(&g(), &[Homework, Homework])),
            ["HOMEWORK_ONLY"]
        );
        assert!(rules::homework_only(&g(), &[Homework, Games]).is_empty());
        assert!(rules::homework_only(&g(), &[]).is_empty());
    }

    #[test]
    fn slot_edges() {
        let t = Thresholds::guide();
        let s = SessionId::new("s");
        let day = d(2026, 12, 1);
        let slot = |a: (u32, u32), b: (u32, u32)| Slot::new(day, hm(a.0, a.1), hm(b.0, b.1));
        assert!(rules::invalid_slot(&s, &slot((17, 0), (17, 30)), &t).is_empty());
        assert_eq!(
            codes(&rules::invalid_slot(&s, &slot((17, 0), (17, 29)), &t)),
            ["INVALID_SLOT"]
        );
        assert!(rules::invalid_slot(&s, &slot((14, 0), (18, 0)), &t).is_empty());
        assert_eq!(
            codes(&rules::invalid_slot(&s, &slot((14, 0), (18, 1)), &t)),
            ["INVALID_SLOT"]
        );
        assert_eq!(
            codes(&rules::invalid_slot(&s, &slot((17, 0), (17, 0)), &t)),
            ["INVALID_SLOT"]
        );
        assert_eq!(
            codes(&rules::invalid_slot(&s, &slot((18, 0), (17, 0)), &t)),
            ["INVALID_SLOT"]
        );
    }

    #[test]
    fn parse_slot_refuses_unreal_dates() {
        let t = Thresholds::guide();
        let s = SessionId::new("s");
        assert!(rules::parse_slot(&s, "2026-12-01", "17:00", "18:30", &t).is_ok());
        for (date, start, end) in [
            ("2027-02-30", "17:00", "18:30"),
            ("2026-13-01", "17:00", "18:30"),
            ("demain", "17:00", "18:30"),
            ("2026-12-01", "25:00", "26:00"),
            ("2026-12-01", "18:30", "17:00"),
        ] {
            let f = rules::parse_slot(&s, date, start, end, &t).unwrap_err();
            assert_eq!(f.code, Code::InvalidSlot, "{date} {start} {end}");
        }
    }

    #[test]
    fn check_session_combines_rules_in_a_stable_order() {
        let ctx = PlanningContext {
            thresholds: Thresholds::guide(),
            holidays: vec![toussaint()],
            sessions: vec![session("other", d(2026, 10, 20), (10, 0), (11, 0))],
            pupils: vec![],
        };
        let mut s = session("s", d(2026, 10, 20), (10, 30), (11, 30));
        s.accompanists.clear();
        assert_eq!(
            codes(&check_session(&s, &ctx)),
            [
                "NO_ACCOMPANIST",
                "VENUE_CONFLICT",
                "CHILD_CONFLICT",
                "IN_HOLIDAYS"
            ]
        );
    }

    #[test]
    fn check_group_week_reports_group_findings() {
        let t = Thresholds::guide();
        let sessions = vec![session("s", d(2026, 12, 1), (17, 0), (18, 30))];
        let f = check_group_week(
            &g(),
            4,
            &[ActivityCategory::Homework],
            d(2026, 12, 3),
            &sessions,
            &[],
            &t,
        );
        assert_eq!(
            codes(&f),
            ["GROUP_UNDER_MIN", "WEEKLY_FREQUENCY_LOW", "HOMEWORK_ONLY"]
        );
    }

    #[test]
    fn every_code_round_trips_and_has_a_severity() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn custom_thresholds_are_validated() {
        assert!(Thresholds::guide().validate().is_ok());
        assert!(Thresholds::caf_national().validate().is_ok());
        let bad = Thresholds {
            group_min: 20,
            ..Thresholds::guide()
        };
        assert_eq!(bad.validate(), Err("group_min"));
        let bad = Thresholds {
            max_children_per_adult: 0,
            ..Thresholds::guide()
        };
        assert_eq!(bad.validate(), Err("max_children_per_adult"));
    }

    #[test]
    fn holiday_weeks_and_percentages() {
        assert_eq!(
            holiday_of_week(d(2026, 10, 19), &[toussaint()]).map(|h| h.name.as_str()),
            Some("Toussaint")
        );
        assert_eq!(holiday_of_week(d(2026, 10, 12), &[toussaint()]), None);
        assert_eq!(holiday_of_week(d(2026, 11, 2), &[toussaint()]), None);
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(7, 7), Some(100));
    }

    #[test]
    fn school_weeks_skip_holiday_weeks() {
        let weeks = school_weeks(d(2026, 10, 5), d(2026, 11, 8), &[toussaint()]);
        assert_eq!(weeks, vec![d(2026, 10, 5), d(2026, 10, 12), d(2026, 11, 2)]);
    }

    #[test]
    fn ages_and_bands() {
        assert_eq!(age_on(d(2016, 12, 1), d(2026, 11, 30)), 9);
        assert_eq!(age_on(d(2016, 12, 1), d(2026, 12, 1)), 10);
        assert_eq!(AgeBand::of_age(10), AgeBand::SixToTen);
        assert_eq!(AgeBand::of_age(11), AgeBand::ElevenToSixteen);
        assert_eq!(AgeBand::of_age(17), AgeBand::SeventeenPlus);
        assert_eq!(SchoolLevel::Cm2.stage(), Stage::Primary);
        assert_eq!(SchoolLevel::Sixieme.stage(), Stage::College);
    }
}

mod properties {
    use super::*;

    fn arb_minute() -> impl Strategy<Value = u32> {
        (8 * 60u32..20 * 60).prop_map(|m| m - m % 15)
    }

    proptest! {
        /// Moving a session into a slot free for all its people and its venue
        /// never yields a conflict.
        #[test]
        fn moving_into_a_free_slot_yields_no_conflict(
            busy in proptest::collection::vec((0u32..6, arb_minute(), 30u32..=180), 0..12),
            day in 0u32..6, start in arb_minute(), length in 30u32..=180,
        ) {
            let base = d(2026, 11, 30);
            let others: Vec<PlannedSession> = busy.iter().enumerate().map(|(i, (dd, s, l))| {
                let end = (*s + *l).min(23 * 60 + 59);
                session(&format!("o{i}"), base + chrono::Duration::days(*dd as i64),
                        (s / 60, s % 60), (end / 60, end % 60))
            }).collect();
            let end = (start + length).min(23 * 60 + 59);
            let candidate = session("c", base + chrono::Duration::days(day as i64),
                                    (start / 60, start % 60), (end / 60, end % 60));
            let free = others.iter().all(|o| !o.slot.overlaps(&candidate.slot));
            if free {
                prop_assert!(rules::conflicts(&candidate, &others).is_empty());
            } else {
                // Same people and room everywhere: any overlap is a conflict.
                prop_assert!(!rules::conflicts(&candidate, &others).is_empty());
            }
        }

        /// Adding a child to a full group always yields GROUP_OVER_MAX.
        #[test]
        fn adding_to_a_full_group_is_refused(min in 1u32..10, extra in 0u32..10, over in 0u32..5) {
            let t = Thresholds { preset: Preset::Custom, group_min: min, group_max: min + extra, ..Thresholds::guide() };
            let f = rules::enrolment_capacity(&g(), t.group_max + over, &t);
            prop_assert_eq!(codes(&f), vec!["GROUP_OVER_MAX"]);
            prop_assert!(rules::enrolment_capacity(&g(), t.group_max - 1, &t).is_empty() || t.group_max == 0);
        }

        /// The ratio finding appears exactly when children exceed adults × max.
        #[test]
        fn ratio_matches_arithmetic(children in 0u32..40, adults in 1u32..6) {
            let t = Thresholds::guide();
            let f = rules::staffing(&SessionId::new("s"), children, adults, &t);
            prop_assert_eq!(!f.is_empty(), children > 7 * adults);
        }

        /// Overlap is symmetric, and touching ranges never overlap.
        #[test]
        fn overlap_is_symmetric(a in arb_minute(), la in 15u32..240, b in arb_minute(), lb in 15u32..240) {
            let r = |s: u32, l: u32| { let e = (s + l).min(23 * 60 + 59); TimeRange::new(hm(s / 60, s % 60), hm(e / 60, e % 60)) };
            let (x, y) = (r(a, la), r(b, lb));
            prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
            let touching = TimeRange::new(x.end, hm(23, 59));
            prop_assert!(!x.overlaps(&touching) || x.end == hm(23, 59));
        }
    }
}

/// Architecture invariant: the domain stays pure so that it runs the same in
/// the browser and on the server.
mod purity {
    use std::path::Path;

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }

    #[test]
    fn domain_imports_no_framework_and_reads_no_clock() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&dir, &mut files);
        assert!(
            files.len() > 5,
            "domain sources not found in {}",
            dir.display()
        );
        // Spelled in pieces so this file does not match itself.
        let forbidden = [
            ["lep", "tos"].concat(),
            ["sq", "lx"].concat(),
            ["tok", "io"].concat(),
            ["::n", "ow("].concat(),
            ["Sys", "temTime"].concat(),
            ["Inst", "ant"].concat(),
            ["std::", "env"].concat(),
            ["web_", "sys"].concat(),
            ["Loc", "al::"].concat(),
            ["Utc", "::"].concat(),
        ];
        for (path, text) in &files {
            // Comments may name what is forbidden; code may not.
            let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
            for (number, line) in code.enumerate() {
                for word in &forbidden {
                    assert!(
                        !line.contains(word.as_str()),
                        "{path}:{number} uses `{word}`: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn school_year_and_term_starts() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(school_year_start(d("2026-11-28")), d("2026-09-01"));
    assert_eq!(school_year_start(d("2027-06-30")), d("2026-09-01"));
    assert_eq!(school_year_start(d("2026-09-01")), d("2026-09-01"));
    assert_eq!(term_start(d("2026-11-28")), d("2026-09-01"));
    assert_eq!(term_start(d("2027-02-14")), d("2027-01-01"));
    assert_eq!(term_start(d("2027-05-02")), d("2027-04-01"));
}
