//! The CAF's end-of-year figures (the *bilan*), computed from the facts the
//! database holds for one organisation and one school year.
//!
//! The database reads facts (small per-child and per-session counts); every
//! figure is decided here, so the page, the CSV and the funder's sums agree,
//! and the drill-down lists (`ChildFilter`) select children with the same
//! classifications the counts use.

use crate::calendar::{monday_of, percent, Holiday};
use crate::findings::{Code, Severity};
use crate::ids::*;
use crate::model::{
    ActivityCategory, AgeBand, ChildStatus, FamilyEventKind, LiaisonKind, ReferralSource,
    SchoolLevel, SessionStatus, Sex, Stage,
};
use crate::rules;
use crate::thresholds::Thresholds;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the report reads about one organisation's school year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportFacts {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub holidays: Vec<Holiday>,
    pub thresholds: Thresholds,
    pub groups: Vec<GroupFacts>,
    /// The children reached: the groups' members and anyone marked in a
    /// session of the year (a child who left keeps their marks).
    pub children: Vec<ChildFacts>,
    pub sessions: Vec<SessionFacts>,
    /// The accompanists who staffed at least one session held in the year.
    pub accompanists: Vec<AccompanistFacts>,
    pub family_events: Vec<FamilyEventFacts>,
    pub liaisons: Vec<LiaisonFacts>,
    pub partner_meetings: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFacts {
    pub id: GroupId,
    pub name: String,
    /// Children enrolled in the group now.
    pub members: u32,
    pub planned: Vec<ActivityCategory>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildFacts {
    pub id: ChildId,
    pub level: SchoolLevel,
    pub birth_year: i32,
    pub sex: Sex,
    pub priority_area: bool,
    pub status: ChildStatus,
    /// The source of the first referral, if one was recorded.
    pub referral: Option<ReferralSource>,
    /// The child's guardians: children sharing one are one family.
    pub guardians: Vec<GuardianId>,
    /// The groups of the year the child is a member of now.
    pub groups: Vec<GroupId>,
    /// Sessions of the year where the child was marked, and came to.
    pub marked: u32,
    pub attended: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFacts {
    pub id: SessionId,
    pub group: GroupId,
    pub on: NaiveDate,
    pub minutes: u32,
    pub status: SessionStatus,
    /// The accompanists staffing it.
    pub adults: u32,
    /// Children marked, and children who came (present or late).
    pub marked: u32,
    pub attended: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccompanistFacts {
    pub paid: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyEventFacts {
    pub kind: FamilyEventKind,
    pub on: NaiveDate,
    /// Families (guardians) marked as having come.
    pub came: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiaisonFacts {
    pub kind: LiaisonKind,
    pub child: Option<ChildId>,
    pub group: Option<GroupId>,
}

/// A child's share of sessions attended, in the bands the report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RateBand {
    Under25,
    From25To49,
    From50To74,
    From75,
    NotMarked,
}

impl RateBand {
    pub const ALL: [RateBand; 5] = [
        RateBand::From75,
        RateBand::From50To74,
        RateBand::From25To49,
        RateBand::Under25,
        RateBand::NotMarked,
    ];

    pub fn of(attended: u32, marked: u32) -> RateBand {
        match percent(attended, marked) {
            None => RateBand::NotMarked,
            Some(0..=24) => RateBand::Under25,
            Some(25..=49) => RateBand::From25To49,
            Some(50..=74) => RateBand::From50To74,
            Some(_) => RateBand::From75,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RateBand::Under25 => "0-24",
            RateBand::From25To49 => "25-49",
            RateBand::From50To74 => "50-74",
            RateBand::From75 => "75-100",
            RateBand::NotMarked => "aucune",
        }
    }

    pub fn parse(s: &str) -> Option<RateBand> {
        RateBand::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// The age band of a child for the school year starting `first_day`: the
/// age reached in that calendar year (birth years survive anonymisation,
/// birth dates do not).
pub fn age_band(birth_year: i32, first_day: NaiveDate) -> AgeBand {
    AgeBand::of_age(first_day.year() - birth_year)
}

/// Counts per value of a closed vocabulary, in the vocabulary's order.
pub type Tally<K> = Vec<(K, u32)>;

fn tally<K: Copy + Eq>(all: &[K], values: impl Iterator<Item = K>) -> Tally<K> {
    let mut counts: Vec<(K, u32)> = all.iter().map(|k| (*k, 0)).collect();
    for v in values {
        if let Some(c) = counts.iter_mut().find(|(k, _)| *k == v) {
            c.1 += 1;
        }
    }
    counts
}

fn add_tally<K: Copy + Eq>(into: &mut Tally<K>, other: &Tally<K>) {
    for (k, n) in other {
        match into.iter_mut().find(|(key, _)| key == k) {
            Some(c) => c.1 += n,
            None => into.push((*k, *n)),
        }
    }
}

/// One age band's girls and boys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GirlsBoys {
    pub girls: u32,
    pub boys: u32,
}

/// Attendance: marks made and marks where the child came.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub marked: u32,
    pub attended: u32,
}

impl Attendance {
    pub fn percent(&self) -> Option<u32> {
        percent(self.attended, self.marked)
    }

    fn add(&mut self, other: Attendance) {
        self.marked += other.marked;
        self.attended += other.attended;
    }
}

/// One group's line of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub id: GroupId,
    pub name: String,
    pub members: u32,
    pub sessions_held: u32,
    pub minutes_held: u32,
    pub attendance: Attendance,
    /// School weeks (so far) with at least the threshold's sessions held.
    pub regular_weeks: u32,
    pub school_weeks: u32,
}

/// One week of the year: sessions held and attendance, for the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekLine {
    pub monday: NaiveDate,
    pub school_week: bool,
    pub sessions_held: u32,
    pub attendance: Attendance,
}

/// One kind of parent action: how many, and how many families came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLine<K> {
    pub kind: K,
    pub count: u32,
    /// Parent actions: families who came. School meetings: children
    /// concerned.
    pub reached: u32,
}

/// The report of one organisation (or, summed, of a territory).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The last day the figures cover (the year's end, or today).
    pub until: NaiveDate,
    pub organisations: u32,
    pub children: u32,
    pub enrolled: u32,
    pub left: u32,
    pub by_stage: Tally<Stage>,
    pub by_level: Tally<SchoolLevel>,
    pub by_age: Vec<(AgeBand, GirlsBoys)>,
    pub girls: u32,
    pub boys: u32,
    pub priority_area: u32,
    pub families: u32,
    pub groups: u32,
    pub sessions_held: u32,
    pub sessions_cancelled: u32,
    /// Sessions planned in the period and not (yet) marked held.
    pub sessions_other: u32,
    pub minutes_held: u32,
    pub attendance: Attendance,
    pub rate_bands: Tally<RateBand>,
    pub regular_weeks: u32,
    pub school_weeks: u32,
    pub group_lines: Vec<GroupLine>,
    pub weeks: Vec<WeekLine>,
    pub accompanists_paid: u32,
    pub accompanists_volunteer: u32,
    /// Accompanists present, summed over the sessions held: with
    /// `attendance.attended`, the children per adult actually observed.
    pub adult_presences: u32,
    pub parent_actions: Vec<ActionLine<FamilyEventKind>>,
    pub school_meetings: Vec<ActionLine<LiaisonKind>>,
    /// Children with at least one school meeting about them.
    pub children_met: u32,
    pub partner_meetings: u32,
    pub referrals: Tally<ReferralSource>,
    pub referral_unknown: u32,
    /// For each warning: the weeks in which it held at least once.
    pub findings: Tally<Code>,
}

/// The warnings the report counts week by week.
pub const WARNINGS: [Code; 5] = [
    Code::GroupUnderMin,
    Code::RatioExceeded,
    Code::WeeklyFrequencyLow,
    Code::InHolidays,
    Code::HomeworkOnly,
];

impl Report {
    /// Children per adult observed in the sessions held, in hundredths.
    pub fn children_per_adult_hundredths(&self) -> Option<u32> {
        (self.adult_presences > 0).then(|| {
            ((self.attendance.attended as u64 * 100 + self.adult_presences as u64 / 2)
                / self.adult_presences as u64) as u32
        })
    }

    /// The share of school weeks in which the groups had their sessions.
    pub fn regularity_percent(&self) -> Option<u32> {
        percent(self.regular_weeks, self.school_weeks)
    }

    /// Adds another organisation's report (a territory's sum). Group lines
    /// are not summed: a territory lists organisations instead.
    pub fn add(&mut self, o: &Report) {
        self.organisations += o.organisations;
        self.children += o.children;
        self.enrolled += o.enrolled;
        self.left += o.left;
        add_tally(&mut self.by_stage, &o.by_stage);
        add_tally(&mut self.by_level, &o.by_level);
        for (band, gb) in &o.by_age {
            match self.by_age.iter_mut().find(|(b, _)| b == band) {
                Some((_, mine)) => {
                    mine.girls += gb.girls;
                    mine.boys += gb.boys;
                }
                None => self.by_age.push((*band, *gb)),
            }
        }
        self.girls += o.girls;
        self.boys += o.boys;
        self.priority_area += o.priority_area;
        self.families += o.families;
        self.groups += o.groups;
        self.sessions_held += o.sessions_held;
        self.sessions_cancelled += o.sessions_cancelled;
        self.sessions_other += o.sessions_other;
        self.minutes_held += o.minutes_held;
        self.attendance.add(o.attendance);
        add_tally(&mut self.rate_bands, &o.rate_bands);
        self.regular_weeks += o.regular_weeks;
        self.school_weeks += o.school_weeks;
        for w in &o.weeks {
            match self.weeks.iter_mut().find(|m| m.monday == w.monday) {
                Some(mine) => {
                    mine.sessions_held += w.sessions_held;
                    mine.attendance.add(w.attendance);
                    mine.school_week |= w.school_week;
                }
                None => self.weeks.push(*w),
            }
        }
        self.weeks.sort_by_key(|w| w.monday);
        self.accompanists_paid += o.accompanists_paid;
        self.accompanists_volunteer += o.accompanists_volunteer;
        self.adult_presences += o.adult_presences;
        add_lines(&mut self.parent_actions, &o.parent_actions);
        add_lines(&mut self.school_meetings, &o.school_meetings);
        self.children_met += o.children_met;
        self.partner_meetings += o.partner_meetings;
        add_tally(&mut self.referrals, &o.referrals);
        self.referral_unknown += o.referral_unknown;
        add_tally(&mut self.findings, &o.findings);
        if self.organisations == o.organisations {
            // The first report added gives the period.
            (self.first_day, self.last_day, self.until) = (o.first_day, o.last_day, o.until);
        }
    }
}

fn add_lines<K: Copy + Eq>(into: &mut Vec<ActionLine<K>>, other: &[ActionLine<K>]) {
    for l in other {
        match into.iter_mut().find(|m| m.kind == l.kind) {
            Some(m) => {
                m.count += l.count;
                m.reached += l.reached;
            }
            None => into.push(*l),
        }
    }
}

/// Which children a figure counts: the drill-down behind each figure uses
/// the same test as the count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChildFilter {
    All,
    Enrolled,
    Left,
    Stage(Stage),
    Level(SchoolLevel),
    Age(AgeBand, Option<Sex>),
    Sex(Sex),
    PriorityArea,
    Rate(RateBand),
    Referral(Option<ReferralSource>),
    Group(GroupId),
    MetBySchool,
}

impl ChildFilter {
    /// The filter's code in an address, e.g. `niveau-CM1`.
    pub fn code(&self) -> String {
        match self {
            ChildFilter::All => "tous".into(),
            ChildFilter::Enrolled => "inscrits".into(),
            ChildFilter::Left => "sortis".into(),
            ChildFilter::Stage(s) => format!("cycle-{}", s.as_str()),
            ChildFilter::Level(l) => format!("niveau-{}", l.as_str()),
            ChildFilter::Age(a, None) => format!("age-{}", a.as_str()),
            ChildFilter::Age(a, Some(s)) => format!("age-{}-{}", a.as_str(), s.as_str()),
            ChildFilter::Sex(s) => format!("sexe-{}", s.as_str()),
            ChildFilter::PriorityArea => "qpv".into(),
            ChildFilter::Rate(b) => format!("presence-{}", b.as_str()),
            ChildFilter::Referral(Some(r)) => format!("orientation-{}", r.as_str()),
            ChildFilter::Referral(None) => "orientation-aucune".into(),
            ChildFilter::Group(g) => format!("groupe-{}", g.0),
            ChildFilter::MetBySchool => "rencontres-ecole".into(),
        }
    }

    /// Reads a code made by `code`; `None` for anything else.
    pub fn parse(code: &str) -> Option<ChildFilter> {
        let simple = match code {
            "tous" => Some(ChildFilter::All),
            "inscrits" => Some(ChildFilter::Enrolled),
            "sortis" => Some(ChildFilter::Left),
            "qpv" => Some(ChildFilter::PriorityArea),
            "orientation-aucune" => Some(ChildFilter::Referral(None)),
            "rencontres-ecole" => Some(ChildFilter::MetBySchool),
            _ => None,
        };
        if simple.is_some() {
            return simple;
        }
        let (kind, rest) = code.split_once('-')?;
        match kind {
            "cycle" => Stage::parse(rest).map(ChildFilter::Stage),
            "niveau" => SchoolLevel::parse(rest).map(ChildFilter::Level),
            "sexe" => Sex::parse(rest).map(ChildFilter::Sex),
            "presence" => RateBand::parse(rest).map(ChildFilter::Rate),
            "orientation" => ReferralSource::parse(rest).map(|r| ChildFilter::Referral(Some(r))),
            "groupe" => (!rest.is_empty()
                && rest.len() <= 64
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then(|| ChildFilter::Group(GroupId(rest.into()))),
            "age" => {
                // The band may itself hold a dash (`6-10`): the sex, if any,
                // is the last part.
                match rest.rsplit_once('-') {
                    Some((band, sex)) if Sex::parse(sex).is_some() => {
                        Some(ChildFilter::Age(AgeBand::parse(band)?, Sex::parse(sex)))
                    }
                    _ => AgeBand::parse(rest).map(|a| ChildFilter::Age(a, None)),
                }
            }
            _ => None,
        }
    }

    pub fn matches(&self, c: &ChildFacts, facts: &ReportFacts, met: &BTreeSet<ChildId>) -> bool {
        match self {
            ChildFilter::All => true,
            ChildFilter::Enrolled => c.status == ChildStatus::Enrolled,
            ChildFilter::Left => c.status == ChildStatus::Left,
            ChildFilter::Stage(s) => c.level.stage() == *s,
            ChildFilter::Level(l) => c.level == *l,
            ChildFilter::Age(a, sex) => {
                age_band(c.birth_year, facts.first_day) == *a && sex.is_none_or(|s| s == c.sex)
            }
            ChildFilter::Sex(s) => c.sex == *s,
            ChildFilter::PriorityArea => c.priority_area,
            ChildFilter::Rate(b) => RateBand::of(c.attended, c.marked) == *b,
            ChildFilter::Referral(r) => c.referral == *r,
            ChildFilter::Group(g) => c.groups.contains(g),
            ChildFilter::MetBySchool => met.contains(&c.id),
        }
    }
}

/// The children a school meeting was about (directly, or through their
/// group).
pub fn children_met(facts: &ReportFacts) -> BTreeSet<ChildId> {
    met_in(facts.liaisons.iter(), &facts.children)
}

fn met_in<'a>(
    liaisons: impl Iterator<Item = &'a LiaisonFacts>,
    children: &[ChildFacts],
) -> BTreeSet<ChildId> {
    let mut met = BTreeSet::new();
    for l in liaisons {
        if let Some(c) = &l.child {
            met.insert(c.clone());
        }
        if let Some(g) = &l.group {
            for c in children.iter().filter(|c| c.groups.contains(g)) {
                met.insert(c.id.clone());
            }
        }
    }
    met
}

/// The children a figure counts.
pub fn children_behind<'a>(facts: &'a ReportFacts, filter: &ChildFilter) -> Vec<&'a ChildFacts> {
    let met = children_met(facts);
    facts
        .children
        .iter()
        .filter(|c| filter.matches(c, facts, &met))
        .collect()
}

/// Families: children who share a guardian are one family (a union-find
/// over the guardians); a child with no guardian recorded is a family alone.
fn families(children: &[ChildFacts]) -> u32 {
    let mut parent: HashMap<&GuardianId, &GuardianId> = HashMap::new();
    fn root<'a>(
        parent: &HashMap<&'a GuardianId, &'a GuardianId>,
        mut g: &'a GuardianId,
    ) -> &'a GuardianId {
        while let Some(p) = parent.get(g).filter(|p| **p != g) {
            g = p;
        }
        g
    }
    let mut alone = 0;
    for c in children {
        let Some(first) = c.guardians.first() else {
            alone += 1;
            continue;
        };
        parent.entry(first).or_insert(first);
        for g in &c.guardians[1..] {
            parent.entry(g).or_insert(g);
            let (a, b) = (root(&parent, first), root(&parent, g));
            if a != b {
                parent.insert(a, b);
            }
        }
    }
    let roots: BTreeSet<&GuardianId> = parent.keys().map(|g| root(&parent, g)).collect();
    roots.len() as u32 + alone
}

/// Whether a session counts as taking place (not cancelled, not a draft).
fn active(s: &SessionFacts) -> bool {
    matches!(s.status, SessionStatus::Planned | SessionStatus::Held)
}

/// The last day a school year's figures cover on `today`: today while the
/// year runs, its last day once it is over, its first day before it starts.
pub fn covered_until(first_day: NaiveDate, last_day: NaiveDate, today: NaiveDate) -> NaiveDate {
    last_day.min(today).max(first_day)
}

/// The report of one organisation's year, covering the days up to `today`
/// (or the whole year once it is over).
pub fn compute(facts: &ReportFacts, today: NaiveDate) -> Report {
    let until = covered_until(facts.first_day, facts.last_day, today);
    let t = &facts.thresholds;
    let in_period = |d: NaiveDate| d >= facts.first_day && d <= until;
    let sessions: Vec<&SessionFacts> = facts.sessions.iter().filter(|s| in_period(s.on)).collect();
    let held: Vec<&&SessionFacts> = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Held)
        .collect();

    // Weeks: every Monday of the period.
    let mut mondays = Vec::new();
    let mut monday = monday_of(facts.first_day);
    while monday <= until {
        mondays.push(monday);
        monday += Duration::days(7);
    }
    let school = |m: NaiveDate| crate::calendar::is_school_week(m, &facts.holidays);
    let school_mondays: Vec<NaiveDate> = mondays.iter().copied().filter(|m| school(*m)).collect();

    let mut weeks: BTreeMap<NaiveDate, WeekLine> = BTreeMap::new();
    for m in &mondays {
        weeks.insert(
            *m,
            WeekLine {
                monday: *m,
                school_week: school(*m),
                sessions_held: 0,
                attendance: Attendance::default(),
            },
        );
    }
    for s in &held {
        if let Some(w) = weeks.get_mut(&monday_of(s.on)) {
            w.sessions_held += 1;
            w.attendance.add(Attendance {
                marked: s.marked,
                attended: s.attended,
            });
        }
    }

    // Groups: their sessions, attendance and regularity.
    let mut group_lines = Vec::new();
    let (mut regular_weeks, mut school_weeks) = (0, 0);
    for g in &facts.groups {
        let mine: Vec<&&&SessionFacts> = held.iter().filter(|s| s.group == g.id).collect();
        let mut per_week: HashMap<NaiveDate, u32> = HashMap::new();
        for s in &mine {
            *per_week.entry(monday_of(s.on)).or_default() += 1;
        }
        let regular = school_mondays
            .iter()
            .filter(|m| per_week.get(m).copied().unwrap_or(0) >= t.sessions_per_week)
            .count() as u32;
        regular_weeks += regular;
        school_weeks += school_mondays.len() as u32;
        let mut attendance = Attendance::default();
        for s in &mine {
            attendance.add(Attendance {
                marked: s.marked,
                attended: s.attended,
            });
        }
        group_lines.push(GroupLine {
            id: g.id.clone(),
            name: g.name.clone(),
            members: g.members,
            sessions_held: mine.len() as u32,
            minutes_held: mine.iter().map(|s| s.minutes).sum(),
            attendance,
            regular_weeks: regular,
            school_weeks: school_mondays.len() as u32,
        });
    }

    // The warnings, week by week, by the planning's own rules.
    let mut warning_weeks: BTreeMap<Code, u32> = BTreeMap::new();
    for m in &mondays {
        let mut codes: BTreeSet<Code> = BTreeSet::new();
        let week: Vec<&&SessionFacts> = sessions
            .iter()
            .filter(|s| monday_of(s.on) == *m && active(s))
            .collect();
        for g in &facts.groups {
            let in_week = week.iter().filter(|s| s.group == g.id).count() as u32;
            let mut found = rules::group_size(&g.id, g.members, t);
            found.extend(rules::weekly_frequency(
                &g.id,
                *m,
                in_week,
                &facts.holidays,
                t,
            ));
            found.extend(rules::homework_only(&g.id, &g.planned));
            codes.extend(found.iter().map(|f| f.code));
        }
        for s in &week {
            let members = facts
                .groups
                .iter()
                .find(|g| g.id == s.group)
                .map_or(0, |g| g.members);
            // A session held counts the children who came; one to come,
            // the group's members.
            let children = if s.status == SessionStatus::Held {
                s.attended
            } else {
                members
            };
            let found = rules::staffing(&s.id, children, s.adults, t);
            codes.extend(found.iter().map(|f| f.code));
            if crate::calendar::in_holidays(s.on, &facts.holidays) {
                codes.insert(Code::InHolidays);
            }
        }
        for c in codes {
            if c.severity() == Severity::Warning {
                *warning_weeks.entry(c).or_default() += 1;
            }
        }
    }

    let children = &facts.children;
    let met = children_met(facts);
    let count = |f: ChildFilter| {
        children
            .iter()
            .filter(|c| f.matches(c, facts, &met))
            .count() as u32
    };
    let by_age = AgeBand::ALL
        .iter()
        .map(|a| {
            (
                *a,
                GirlsBoys {
                    girls: count(ChildFilter::Age(*a, Some(Sex::Female))),
                    boys: count(ChildFilter::Age(*a, Some(Sex::Male))),
                },
            )
        })
        .collect();
    let mut attendance = Attendance::default();
    for s in &held {
        attendance.add(Attendance {
            marked: s.marked,
            attended: s.attended,
        });
    }

    let events: Vec<&FamilyEventFacts> = facts
        .family_events
        .iter()
        .filter(|e| in_period(e.on))
        .collect();
    let parent_actions = FamilyEventKind::ALL
        .iter()
        .map(|k| ActionLine {
            kind: *k,
            count: events.iter().filter(|e| e.kind == *k).count() as u32,
            reached: events.iter().filter(|e| e.kind == *k).map(|e| e.came).sum(),
        })
        .collect();
    let school_meetings = LiaisonKind::ALL
        .iter()
        .map(|k| ActionLine {
            kind: *k,
            count: facts.liaisons.iter().filter(|l| l.kind == *k).count() as u32,
            reached: met_in(facts.liaisons.iter().filter(|l| l.kind == *k), children).len() as u32,
        })
        .collect();

    Report {
        first_day: facts.first_day,
        last_day: facts.last_day,
        until,
        organisations: 1,
        children: children.len() as u32,
        enrolled: count(ChildFilter::Enrolled),
        left: count(ChildFilter::Left),
        by_stage: tally(Stage::ALL, children.iter().map(|c| c.level.stage())),
        by_level: tally(SchoolLevel::ALL, children.iter().map(|c| c.level)),
        by_age,
        girls: count(ChildFilter::Sex(Sex::Female)),
        boys: count(ChildFilter::Sex(Sex::Male)),
        priority_area: count(ChildFilter::PriorityArea),
        families: families(children),
        groups: facts.groups.len() as u32,
        sessions_held: held.len() as u32,
        sessions_cancelled: sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Cancelled)
            .count() as u32,
        sessions_other: sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Planned)
            .count() as u32,
        minutes_held: held.iter().map(|s| s.minutes).sum(),
        attendance,
        rate_bands: tally(
            &RateBand::ALL,
            children.iter().map(|c| RateBand::of(c.attended, c.marked)),
        ),
        regular_weeks,
        school_weeks,
        group_lines,
        weeks: weeks.into_values().collect(),
        accompanists_paid: facts.accompanists.iter().filter(|a| a.paid).count() as u32,
        accompanists_volunteer: facts.accompanists.iter().filter(|a| !a.paid).count() as u32,
        adult_presences: held.iter().map(|s| s.adults).sum(),
        parent_actions,
        school_meetings,
        children_met: met.len() as u32,
        partner_meetings: facts.partner_meetings,
        referrals: tally(
            ReferralSource::ALL,
            children.iter().filter_map(|c| c.referral),
        ),
        referral_unknown: count(ChildFilter::Referral(None)),
        findings: WARNINGS
            .iter()
            .map(|c| (*c, warning_weeks.get(c).copied().unwrap_or(0)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        let y = if m >= 9 { 2026 } else { 2027 };
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn child(
        id: &str,
        level: SchoolLevel,
        birth_year: i32,
        sex: Sex,
        guardians: &[&str],
        marks: (u32, u32),
    ) -> ChildFacts {
        ChildFacts {
            id: ChildId(id.into()),
            level,
            birth_year,
            sex,
            priority_area: id.starts_with('q'),
            status: ChildStatus::Enrolled,
            referral: Some(ReferralSource::Teacher),
            guardians: guardians
                .iter()
                .map(|g| GuardianId(g.to_string()))
                .collect(),
            groups: vec![GroupId("g".into())],
            marked: marks.0,
            attended: marks.1,
        }
    }

    fn session(
        id: &str,
        on: NaiveDate,
        status: SessionStatus,
        adults: u32,
        marks: (u32, u32),
    ) -> SessionFacts {
        SessionFacts {
            id: SessionId(id.into()),
            group: GroupId("g".into()),
            on,
            minutes: 90,
            status,
            adults,
            marked: marks.0,
            attended: marks.1,
        }
    }

    /// Two school weeks (7 and 14 September) and one week of holidays
    /// (21 September, invented for the test).
    fn facts() -> ReportFacts {
        ReportFacts {
            first_day: day(9, 1),
            last_day: day(9, 27),
            holidays: vec![Holiday {
                name: "Test".into(),
                first_day: day(9, 19),
                last_day: day(9, 27),
            }],
            thresholds: Thresholds::default(),
            groups: vec![GroupFacts {
                id: GroupId("g".into()),
                name: "CP".into(),
                members: 4,
                planned: vec![ActivityCategory::Homework, ActivityCategory::Culture],
            }],
            children: vec![
                child("a", SchoolLevel::Cp, 2020, Sex::Female, &["p1"], (4, 4)),
                child(
                    "b",
                    SchoolLevel::Ce1,
                    2019,
                    Sex::Male,
                    &["p1", "p2"],
                    (4, 2),
                ),
                child("c", SchoolLevel::Sixieme, 2015, Sex::Male, &["p2"], (4, 0)),
                child("q", SchoolLevel::Cm2, 2016, Sex::Female, &[], (0, 0)),
            ],
            sessions: vec![
                session("s1", day(9, 8), SessionStatus::Held, 1, (3, 2)),
                session("s2", day(9, 10), SessionStatus::Held, 1, (3, 2)),
                session("s3", day(9, 15), SessionStatus::Held, 1, (3, 1)),
                session("s4", day(9, 17), SessionStatus::Cancelled, 1, (0, 0)),
                session("s5", day(9, 22), SessionStatus::Held, 0, (3, 1)),
            ],
            accompanists: vec![
                AccompanistFacts { paid: true },
                AccompanistFacts { paid: false },
            ],
            family_events: vec![FamilyEventFacts {
                kind: FamilyEventKind::Information,
                on: day(9, 18),
                came: 3,
            }],
            liaisons: vec![
                LiaisonFacts {
                    kind: LiaisonKind::Diagnostic,
                    child: Some(ChildId("a".into())),
                    group: None,
                },
                LiaisonFacts {
                    kind: LiaisonKind::Start,
                    child: None,
                    group: Some(GroupId("g".into())),
                },
            ],
            partner_meetings: 2,
        }
    }

    #[test]
    fn counts_children_families_and_bands() {
        let r = compute(&facts(), day(9, 27));
        assert_eq!(r.children, 4);
        assert_eq!((r.girls, r.boys), (2, 2));
        assert_eq!(r.priority_area, 1);
        // p1 and p2 are linked by b: one family; q has no guardian: another.
        assert_eq!(r.families, 2);
        assert_eq!(
            r.by_stage,
            vec![(Stage::Primary, 3), (Stage::College, 1), (Stage::Lycee, 0)]
        );
        // Ages in 2026: 6, 7, 11, 10.
        let band = |b| r.by_age.iter().find(|(a, _)| *a == b).unwrap().1;
        assert_eq!(band(AgeBand::SixToTen), GirlsBoys { girls: 2, boys: 1 });
        assert_eq!(
            band(AgeBand::ElevenToSixteen),
            GirlsBoys { girls: 0, boys: 1 }
        );
        let rate = |b| r.rate_bands.iter().find(|(k, _)| *k == b).unwrap().1;
        assert_eq!(rate(RateBand::From75), 1);
        assert_eq!(rate(RateBand::From50To74), 1);
        assert_eq!(rate(RateBand::Under25), 1);
        assert_eq!(rate(RateBand::NotMarked), 1);
        assert_eq!(r.referrals.iter().map(|(_, n)| n).sum::<u32>(), 4);
        assert_eq!(r.referral_unknown, 0);
    }

    #[test]
    fn counts_sessions_attendance_regularity_and_staff() {
        let r = compute(&facts(), day(9, 27));
        assert_eq!(r.sessions_held, 4);
        assert_eq!(r.sessions_cancelled, 1);
        assert_eq!(r.minutes_held, 360);
        assert_eq!(
            r.attendance,
            Attendance {
                marked: 12,
                attended: 6
            }
        );
        assert_eq!(r.attendance.percent(), Some(50));
        // School weeks: 31 Aug (1 September is in it), 7 and 14 Sept; the
        // week of 21 September is a holiday. Only 7 Sept had two sessions.
        assert_eq!(r.school_weeks, 3);
        assert_eq!(r.regular_weeks, 1);
        assert_eq!(r.group_lines[0].regular_weeks, 1);
        assert_eq!((r.accompanists_paid, r.accompanists_volunteer), (1, 1));
        // 6 children came, over 4 adult presences (one session had none).
        assert_eq!(r.adult_presences, 3);
        assert_eq!(r.children_per_adult_hundredths(), Some(200));
        assert_eq!(r.weeks.len(), 4);
        assert!(!r.weeks[3].school_week);
        assert_eq!(r.weeks[1].sessions_held, 2);
    }

    #[test]
    fn counts_the_weeks_each_warning_held() {
        let r = compute(&facts(), day(9, 27));
        let weeks = |c| r.findings.iter().find(|(k, _)| *k == c).unwrap().1;
        // 4 members < 5 every week, in holidays too.
        assert_eq!(weeks(Code::GroupUnderMin), 4);
        // Fewer than two sessions: the week of 31 August and of 14 Sept
        // (one cancelled); holiday weeks do not count.
        assert_eq!(weeks(Code::WeeklyFrequencyLow), 2);
        assert_eq!(weeks(Code::InHolidays), 1);
        // Homework and culture: not homework only.
        assert_eq!(weeks(Code::HomeworkOnly), 0);
        // NO_ACCOMPANIST is an error, not a warning counted here.
        assert_eq!(weeks(Code::RatioExceeded), 0);
    }

    #[test]
    fn counts_actions_with_parents_school_and_partners() {
        let r = compute(&facts(), day(9, 27));
        let info = r
            .parent_actions
            .iter()
            .find(|a| a.kind == FamilyEventKind::Information)
            .unwrap();
        assert_eq!((info.count, info.reached), (1, 3));
        let diag = r
            .school_meetings
            .iter()
            .find(|a| a.kind == LiaisonKind::Diagnostic)
            .unwrap();
        assert_eq!((diag.count, diag.reached), (1, 1));
        let start = r
            .school_meetings
            .iter()
            .find(|a| a.kind == LiaisonKind::Start)
            .unwrap();
        assert_eq!((start.count, start.reached), (1, 4));
        assert_eq!(r.children_met, 4);
        assert_eq!(r.partner_meetings, 2);
    }

    #[test]
    fn only_days_up_to_today_count() {
        let r = compute(&facts(), day(9, 12));
        assert_eq!(r.until, day(9, 12));
        assert_eq!(r.sessions_held, 2);
        assert_eq!(r.weeks.len(), 2);
        assert_eq!(r.parent_actions.iter().map(|a| a.count).sum::<u32>(), 0);
    }

    #[test]
    fn filters_select_what_the_figures_count() {
        let f = facts();
        let r = compute(&f, day(9, 27));
        assert_eq!(
            children_behind(&f, &ChildFilter::PriorityArea).len() as u32,
            r.priority_area
        );
        assert_eq!(
            children_behind(&f, &ChildFilter::Stage(Stage::Primary)).len(),
            3
        );
        assert_eq!(
            children_behind(&f, &ChildFilter::Age(AgeBand::SixToTen, Some(Sex::Female))).len(),
            2
        );
        assert_eq!(
            children_behind(&f, &ChildFilter::MetBySchool).len() as u32,
            r.children_met
        );
        for filter in [
            ChildFilter::All,
            ChildFilter::Left,
            ChildFilter::Stage(Stage::College),
            ChildFilter::Level(SchoolLevel::Terminale),
            ChildFilter::Age(AgeBand::SixToTen, None),
            ChildFilter::Age(AgeBand::SeventeenPlus, Some(Sex::Male)),
            ChildFilter::Sex(Sex::Female),
            ChildFilter::Rate(RateBand::From25To49),
            ChildFilter::Referral(None),
            ChildFilter::Referral(Some(ReferralSource::Pre)),
            ChildFilter::Group(GroupId("0193-abc".into())),
            ChildFilter::MetBySchool,
        ] {
            assert_eq!(
                ChildFilter::parse(&filter.code()),
                Some(filter.clone()),
                "{}",
                filter.code()
            );
        }
        for bad in [
            "",
            "niveau-",
            "niveau-XX",
            "age-6-10-Z",
            "groupe-a b",
            "presence-200",
        ] {
            assert_eq!(ChildFilter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_territory_adds_its_organisations() {
        let one = compute(&facts(), day(9, 27));
        let mut total = Report::default();
        total.add(&one);
        total.add(&one);
        assert_eq!(total.organisations, 2);
        assert_eq!(total.children, 8);
        assert_eq!(total.attendance.percent(), one.attendance.percent());
        assert_eq!(total.weeks.len(), one.weeks.len());
        assert_eq!(total.weeks[1].sessions_held, 4);
        assert_eq!(total.first_day, one.first_day);
        assert_eq!(total.findings[0].1, 2 * one.findings[0].1);
    }
}
