//! The report's figures as labelled rows: the page's tables and the CSV are
//! both written from `rows`, so they show the same figures with the same
//! words. Each row that counts children names its filter, so the page can
//! link it to the children behind it.

use crate::domain::model::{AgeBand, Sex, Stage};
use crate::domain::report::{ChildFilter, RateBand, Report};
use crate::format;
use crate::i18n::{code_label, family_event_label, Locale};
use crate::records::children::pages::{level_label, referral_label};
use crate::records::logs::pages::liaison_label;

/// A figure's value, with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Count(u32),
    /// Whole percent; `None` when there is nothing to divide.
    Percent(Option<u32>),
    /// Minutes, shown in hours.
    Hours(u32),
    /// Hundredths (children per adult).
    Hundredths(Option<u32>),
}

impl Value {
    /// French, as the page shows it: « 1 234 », « 87 % », « 1 234,5 h ».
    pub fn display(self) -> String {
        match self {
            Value::Count(n) => format::number(n as f64, 0),
            Value::Percent(Some(p)) => format!("{p} %"),
            Value::Hours(m) => format!("{} h", format::number(m as f64 / 60.0, 1)),
            Value::Hundredths(Some(h)) => format::number(h as f64 / 100.0, 1),
            Value::Percent(None) | Value::Hundredths(None) => "—".into(),
        }
    }

    /// The number alone, as a French spreadsheet reads it (decimal comma,
    /// no thousands separator); empty when there is none.
    pub fn cell(self) -> String {
        let decimal = |v: f64| format!("{v:.1}").replace('.', ",");
        match self {
            Value::Count(n) => n.to_string(),
            Value::Percent(p) => p.map(|p| p.to_string()).unwrap_or_default(),
            Value::Hours(m) => decimal(m as f64 / 60.0),
            Value::Hundredths(h) => h.map(|h| decimal(h as f64 / 100.0)).unwrap_or_default(),
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Value::Count(_) => "nombre",
            Value::Percent(_) => "%",
            Value::Hours(_) => "heures",
            Value::Hundredths(_) => "enfants par adulte",
        }
    }
}

/// One figure of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub section: &'static str,
    pub label: String,
    pub value: Value,
    /// The children this figure counts, for the drill-down.
    pub children: Option<ChildFilter>,
    /// Another page holding the records behind the figure.
    pub page: Option<&'static str>,
}

fn row(section: &'static str, label: impl Into<String>, value: Value) -> Row {
    Row {
        section,
        label: label.into(),
        value,
        children: None,
        page: None,
    }
}

fn children(section: &'static str, label: impl Into<String>, n: u32, filter: ChildFilter) -> Row {
    Row {
        children: Some(filter),
        ..row(section, label, Value::Count(n))
    }
}

fn on_page(r: Row, page: &'static str) -> Row {
    Row {
        page: Some(page),
        ..r
    }
}

pub fn stage_label(s: Stage) -> &'static str {
    match s {
        Stage::Primary => "Primaire",
        Stage::College => "Collège",
        Stage::Lycee => "Lycée",
    }
}

pub fn age_label(a: AgeBand) -> &'static str {
    match a {
        AgeBand::UnderSix => "Moins de 6 ans",
        AgeBand::SixToTen => "6 à 10 ans",
        AgeBand::ElevenToSixteen => "11 à 16 ans",
        AgeBand::SeventeenPlus => "17 ans et plus",
    }
}

pub fn rate_label(b: RateBand) -> &'static str {
    match b {
        RateBand::From75 => "Venus à 75 % des séances ou plus",
        RateBand::From50To74 => "Venus à 50 à 74 % des séances",
        RateBand::From25To49 => "Venus à 25 à 49 % des séances",
        RateBand::Under25 => "Venus à moins de 25 % des séances",
        RateBand::NotMarked => "Sans séance pointée",
    }
}

pub const CHILDREN: &str = "Enfants et familles";
pub const LEVELS: &str = "Niveau scolaire";
pub const AGES: &str = "Âge et sexe";
pub const REFERRALS: &str = "Orientation";
pub const SESSIONS: &str = "Groupes et séances";
pub const ATTENDANCE: &str = "Présence";
pub const STAFF: &str = "Encadrement";
pub const PARENTS: &str = "Actions avec les parents";
pub const SCHOOL: &str = "Liens avec l'école";
pub const PARTNERS: &str = "Partenaires";
pub const WARNINGS: &str = "Alertes de l'année (semaines concernées)";
pub const GROUPS: &str = "Par groupe";

/// Every figure of the report, section by section. Group lines come last
/// (a territory's sum has none).
pub fn rows(r: &Report) -> Vec<Row> {
    let mut out = vec![
        children(
            CHILDREN,
            "Enfants accompagnés",
            r.children,
            ChildFilter::All,
        ),
        children(
            CHILDREN,
            "Inscrits aujourd'hui",
            r.enrolled,
            ChildFilter::Enrolled,
        ),
        children(
            CHILDREN,
            "Sortis en cours d'année",
            r.left,
            ChildFilter::Left,
        ),
        children(CHILDREN, "Filles", r.girls, ChildFilter::Sex(Sex::Female)),
        children(CHILDREN, "Garçons", r.boys, ChildFilter::Sex(Sex::Male)),
        children(
            CHILDREN,
            "Habitant un quartier prioritaire (QPV)",
            r.priority_area,
            ChildFilter::PriorityArea,
        ),
        row(CHILDREN, "Familles", Value::Count(r.families)),
    ];
    for (stage, n) in &r.by_stage {
        out.push(children(
            LEVELS,
            stage_label(*stage),
            *n,
            ChildFilter::Stage(*stage),
        ));
    }
    for (level, n) in &r.by_level {
        out.push(children(
            LEVELS,
            level_label(*level),
            *n,
            ChildFilter::Level(*level),
        ));
    }
    for (band, gb) in &r.by_age {
        let a = age_label(*band);
        out.push(children(
            AGES,
            format!("{a} : filles"),
            gb.girls,
            ChildFilter::Age(*band, Some(Sex::Female)),
        ));
        out.push(children(
            AGES,
            format!("{a} : garçons"),
            gb.boys,
            ChildFilter::Age(*band, Some(Sex::Male)),
        ));
    }
    for (source, n) in &r.referrals {
        out.push(children(
            REFERRALS,
            referral_label(*source),
            *n,
            ChildFilter::Referral(Some(*source)),
        ));
    }
    out.push(children(
        REFERRALS,
        "Non renseignée",
        r.referral_unknown,
        ChildFilter::Referral(None),
    ));
    out.extend([
        on_page(
            row(SESSIONS, "Groupes", Value::Count(r.groups)),
            "/planning",
        ),
        on_page(
            row(SESSIONS, "Séances tenues", Value::Count(r.sessions_held)),
            "/planning",
        ),
        on_page(
            row(
                SESSIONS,
                "Séances annulées",
                Value::Count(r.sessions_cancelled),
            ),
            "/planning",
        ),
        on_page(
            row(
                SESSIONS,
                "Séances prévues, pas encore tenues",
                Value::Count(r.sessions_other),
            ),
            "/planning",
        ),
        row(
            SESSIONS,
            "Heures d'accompagnement",
            Value::Hours(r.minutes_held),
        ),
        row(
            SESSIONS,
            "Régularité (semaines d'école avec les séances prévues)",
            Value::Percent(r.regularity_percent()),
        ),
        row(
            ATTENDANCE,
            "Taux de présence",
            Value::Percent(r.attendance.percent()),
        ),
        row(
            ATTENDANCE,
            "Présences pointées",
            Value::Count(r.attendance.attended),
        ),
        row(ATTENDANCE, "Pointages", Value::Count(r.attendance.marked)),
    ]);
    for (band, n) in &r.rate_bands {
        out.push(children(
            ATTENDANCE,
            rate_label(*band),
            *n,
            ChildFilter::Rate(*band),
        ));
    }
    out.extend([
        on_page(
            row(
                STAFF,
                "Accompagnateurs salariés",
                Value::Count(r.accompanists_paid),
            ),
            "/structure",
        ),
        on_page(
            row(
                STAFF,
                "Accompagnateurs bénévoles",
                Value::Count(r.accompanists_volunteer),
            ),
            "/structure",
        ),
        row(
            STAFF,
            "Enfants par adulte, observé",
            Value::Hundredths(r.children_per_adult_hundredths()),
        ),
    ]);
    for a in &r.parent_actions {
        let name = family_event_label(a.kind, Locale::Fr);
        out.push(on_page(
            row(PARENTS, format!("{name} : actions"), Value::Count(a.count)),
            "/familles",
        ));
        out.push(on_page(
            row(
                PARENTS,
                format!("{name} : familles venues"),
                Value::Count(a.reached),
            ),
            "/familles",
        ));
    }
    for m in &r.school_meetings {
        let name = liaison_label(m.kind);
        out.push(on_page(
            row(
                SCHOOL,
                format!("{name} : rencontres"),
                Value::Count(m.count),
            ),
            "/suivi",
        ));
        out.push(on_page(
            row(
                SCHOOL,
                format!("{name} : enfants concernés"),
                Value::Count(m.reached),
            ),
            "/suivi",
        ));
    }
    out.push(children(
        SCHOOL,
        "Enfants suivis avec l'école",
        r.children_met,
        ChildFilter::MetBySchool,
    ));
    out.push(on_page(
        row(
            PARTNERS,
            "Rencontres avec les partenaires",
            Value::Count(r.partner_meetings),
        ),
        "/suivi",
    ));
    for (code, weeks) in &r.findings {
        out.push(row(
            WARNINGS,
            code_label(*code, Locale::Fr),
            Value::Count(*weeks),
        ));
    }
    for g in &r.group_lines {
        let n = &g.name;
        out.push(children(
            GROUPS,
            format!("{n} : enfants inscrits"),
            g.members,
            ChildFilter::Group(g.id.clone()),
        ));
        out.push(row(
            GROUPS,
            format!("{n} : séances tenues"),
            Value::Count(g.sessions_held),
        ));
        out.push(row(
            GROUPS,
            format!("{n} : heures"),
            Value::Hours(g.minutes_held),
        ));
        out.push(row(
            GROUPS,
            format!("{n} : taux de présence"),
            Value::Percent(g.attendance.percent()),
        ));
        out.push(row(
            GROUPS,
            format!("{n} : régularité"),
            Value::Percent(crate::domain::calendar::percent(
                g.regular_weeks,
                g.school_weeks,
            )),
        ));
    }
    out
}

pub const ORGANISATIONS: &str = "Par structure";

/// A territory's organisations, a few figures each (no child is named).
pub fn organisation_rows(lines: &[crate::reports::types::OrgLine]) -> Vec<Row> {
    let mut out = Vec::new();
    for o in lines.iter().filter(|o| o.has_year) {
        let n = &o.name;
        out.extend([
            row(
                ORGANISATIONS,
                format!("{n} : groupes"),
                Value::Count(o.groups),
            ),
            row(
                ORGANISATIONS,
                format!("{n} : enfants accompagnés"),
                Value::Count(o.children),
            ),
            row(
                ORGANISATIONS,
                format!("{n} : séances tenues"),
                Value::Count(o.sessions_held),
            ),
            row(
                ORGANISATIONS,
                format!("{n} : heures"),
                Value::Hours(o.minutes_held),
            ),
            row(
                ORGANISATIONS,
                format!("{n} : taux de présence"),
                Value::Percent(o.attendance_percent),
            ),
            row(
                ORGANISATIONS,
                format!("{n} : régularité"),
                Value::Percent(o.regularity_percent),
            ),
        ]);
    }
    out
}

/// The kinds are listed so that a kind added to the vocabulary gets a
/// row: the report must never drop one silently.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{FamilyEventKind, LiaisonKind};
    use crate::domain::report::{compute, ReportFacts};

    #[test]
    fn every_kind_has_its_rows() {
        let facts = ReportFacts {
            first_day: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            last_day: chrono::NaiveDate::from_ymd_opt(2027, 7, 3).unwrap(),
            ..ReportFacts::default()
        };
        let r = compute(&facts, facts.last_day);
        let rows = rows(&r);
        let in_section = |s: &str| rows.iter().filter(|r| r.section == s).count();
        assert_eq!(in_section(PARENTS), 2 * FamilyEventKind::ALL.len());
        assert_eq!(in_section(SCHOOL), 2 * LiaisonKind::ALL.len() + 1);
        assert_eq!(in_section(AGES), 2 * AgeBand::ALL.len());
        assert_eq!(in_section(WARNINGS), crate::domain::report::WARNINGS.len());
        assert_eq!(in_section(GROUPS), 0);
    }
}
