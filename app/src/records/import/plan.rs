//! What an import would do, decided without the database (server only):
//! each line read into the enrolment form (`ChildForm`), checked with the
//! form's own check and the CLAS rules of enrolment, and matched with the
//! children already here by name and birth date. The same plan is made for
//! the preview and, again inside the transaction, for the commit.

use crate::domain::model::{ReferralSource, SchoolLevel, Sex};
use crate::domain::rules::{enrolment_capacity, enrolment_prerequisites};
use crate::domain::{ChildId, GroupId, SchoolId, Thresholds};
use crate::records::children::types::{ChildForm, GroupRoom, NewChild, NewGuardian};
use crate::records::import::sheet::Sheet;
use crate::records::import::types::*;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the structure holds that a line is read against.
#[derive(Clone, Debug)]
pub struct Context {
    pub today: NaiveDate,
    /// The current school year's groups, with the children each holds.
    pub groups: Vec<(GroupId, String, u32)>,
    pub schools: Vec<(SchoolId, String)>,
    pub thresholds: Thresholds,
    pub children: Vec<Existing>,
}

/// A child already in the structure, as an import may change it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    pub id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub level: SchoolLevel,
    pub school: Option<SchoolId>,
    pub priority_area: bool,
    pub may_leave_alone: bool,
    pub photo_consent: bool,
    pub groups: Vec<GroupId>,
    pub guardians: Vec<ExistingGuardian>,
    pub has_referral: bool,
    pub has_consent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingGuardian {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A write the commit makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Create {
        line: u64,
        id: ChildId,
        child: NewChild,
    },
    Update {
        line: u64,
        id: ChildId,
        change: Change,
    },
}

/// What an update changes (each part only when it differs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The child's own columns, as the line gives them all.
    pub child: Option<NewChild>,
    pub join_group: Option<GroupId>,
    /// (guardian id, phone, e-mail) to write.
    pub guardians: Vec<(String, Option<String>, Option<String>)>,
    pub new_guardians: Vec<NewGuardian>,
    /// The line's referral, when the child has none yet.
    pub add_referral: Option<crate::records::children::types::NewReferral>,
    /// The line's consent, when the child has none yet, with who gave it.
    pub add_consent: Option<(crate::records::children::types::NewConsent, Giver)>,
}

/// The guardian who gave a consent: one already known, or one the update
/// adds (an index into `Change::new_guardians`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Giver {
    Known(String),
    New(usize),
}

/// Lower case, accents and repeated spaces gone: how names are compared.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            '’' | '`' => '\'',
            '‐' | '–' | '—' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// A date as spreadsheets write it (`17/10/2026`, `17-10-2026`,
/// `17.10.2026`, `2026-10-17`) in the form's ISO format; anything else as
/// it is, for the form's check to refuse.
fn iso_date(raw: &str) -> String {
    let raw = raw.trim();
    let formats = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"];
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
        .map_or_else(|| raw.to_string(), |d| d.to_string())
}

/// `oui`/`non` as a tick box sends it; `Err` for anything else.
fn yes_no(raw: &str) -> Result<Option<String>, ()> {
    match fold(raw).as_str() {
        "" | "non" | "n" | "0" | "faux" | "no" | "false" => Ok(None),
        "oui" | "o" | "x" | "1" | "vrai" | "yes" | "y" | "true" => Ok(Some("on".into())),
        _ => Err(()),
    }
}

/// A phone number a spreadsheet stored as a number lost its leading zero
/// (`612345678`): it is given back.
fn phone_cell(raw: &str) -> String {
    let raw = raw.trim();
    if raw.len() == 9 && raw.bytes().all(|b| b.is_ascii_digit()) && !raw.starts_with('0') {
        format!("0{raw}")
    } else {
        raw.to_string()
    }
}

fn sex_code(raw: &str) -> String {
    match fold(raw).as_str() {
        "f" | "fille" | "feminin" | "femme" => Sex::Female.as_str().into(),
        "m" | "g" | "garcon" | "masculin" | "homme" => Sex::Male.as_str().into(),
        _ => raw.trim().to_string(),
    }
}

fn level_code(raw: &str) -> String {
    let folded = fold(raw).replace([' ', '-'], "");
    let code = match folded.as_str() {
        "6e" | "6eme" | "sixieme" => "6E",
        "5e" | "5eme" | "cinquieme" => "5E",
        "4e" | "4eme" | "quatrieme" => "4E",
        "3e" | "3eme" | "troisieme" => "3E",
        "2de" | "2nde" | "seconde" => "2DE",
        "1re" | "1ere" | "premiere" => "1RE",
        "tle" | "term" | "terminale" => "TLE",
        other => return other.to_uppercase(),
    };
    code.into()
}

fn referral_code(raw: &str) -> String {
    let folded = fold(raw).replace([' ', '-'], "_");
    match folded.as_str() {
        "enseignant" | "enseignante" | "ecole" => ReferralSource::Teacher.as_str().into(),
        "famille" | "parents" => ReferralSource::Family.as_str().into(),
        "travailleur_social" | "travailleuse_sociale" | "assistante_sociale" => {
            ReferralSource::SocialWorker.as_str().into()
        }
        "pre" => ReferralSource::Pre.as_str().into(),
        "jeune" | "enfant" => ReferralSource::Youth.as_str().into(),
        other => other.to_string(),
    }
}

fn consent_by_code(raw: &str) -> String {
    match fold(raw).replace(' ', "").as_str() {
        "1" | "responsable1" | "r1" => "1".into(),
        "2" | "responsable2" | "r2" => "2".into(),
        other => other.to_string(),
    }
}

fn method_code(raw: &str) -> String {
    fold(raw).replace([' ', '-'], "_")
}

/// Which column of the file holds each field, and the headings left out.
struct Layout {
    by_field: HashMap<&'static str, usize>,
    ignored: Vec<String>,
}

fn layout(header: &[String]) -> Result<Layout, SheetProblem> {
    let mut by_field = HashMap::new();
    let mut ignored = Vec::new();
    for (i, heading) in header.iter().enumerate() {
        let folded = fold(heading);
        match COLUMNS.iter().find(|c| fold(c.heading) == folded) {
            Some(c) => {
                by_field.entry(c.field).or_insert(i);
            }
            None if heading.trim().is_empty() => {}
            None => ignored.push(heading.trim().to_string()),
        }
    }
    let missing: Vec<String> = COLUMNS
        .iter()
        .filter(|c| c.required && !by_field.contains_key(c.field))
        .map(|c| c.heading.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(SheetProblem::MissingColumns(missing));
    }
    Ok(Layout { by_field, ignored })
}

/// The plan of the whole file: the preview, and the writes of its valid
/// lines.
pub fn plan(sheet: &Sheet, cx: &Context) -> Result<(Preview, Vec<Action>), SheetProblem> {
    // A title or a blank-ish line may come first: the header is the first
    // of the first lines that names the needed columns.
    let (layout, start) = match layout(&sheet.header) {
        Ok(found) => (found, 0),
        Err(missing) => sheet
            .lines
            .iter()
            .take(5)
            .enumerate()
            .find_map(|(i, (_, row))| layout(row).ok().map(|found| (found, i + 1)))
            .ok_or(missing)?,
    };
    let today = cx.today;
    let groups: HashMap<String, (GroupId, u32)> = cx
        .groups
        .iter()
        .map(|(id, name, n)| (fold(name), (id.clone(), *n)))
        .collect();
    let schools: HashMap<String, SchoolId> = cx
        .schools
        .iter()
        .map(|(id, name)| (fold(name), id.clone()))
        .collect();
    let existing: HashMap<(String, String, NaiveDate), &Existing> = cx
        .children
        .iter()
        .filter_map(|c| {
            let born = c.birth_date?;
            Some(((fold(&c.first_name), fold(&c.last_name), born), c))
        })
        .collect();
    // Children each group gains from the lines above.
    let mut joining: HashMap<GroupId, u32> = HashMap::new();
    let mut seen: HashMap<(String, String, NaiveDate), u64> = HashMap::new();
    let mut preview = Preview {
        ignored_columns: layout.ignored.clone(),
        ..Preview::default()
    };
    let mut actions = Vec::new();
    for (line, cells) in &sheet.lines[start..] {
        let cell = |field: &str| {
            layout
                .by_field
                .get(field)
                .and_then(|i| cells.get(*i))
                .map_or("", |s| s.as_str())
        };
        let mut problems = Vec::new();
        let mut tick = |field: &'static str| match yes_no(cell(field)) {
            Ok(v) => v,
            Err(()) => {
                problems.push(ImportProblem::Field {
                    field: field.into(),
                    problem: crate::error::FieldProblem::Malformed,
                    value: cell(field).into(),
                });
                None
            }
        };
        let (priority_area, may_leave_alone, photo_consent) = (
            tick("priority_area"),
            tick("may_leave_alone"),
            tick("photo_consent"),
        );
        let group_name = cell("group");
        let group = groups.get(&fold(group_name)).cloned();
        if group.is_none() && !group_name.trim().is_empty() {
            problems.push(ImportProblem::UnknownGroup(group_name.trim().into()));
        }
        let school_name = cell("school");
        let school = match school_name.trim() {
            "" => String::new(),
            name => match schools.get(&fold(name)) {
                Some(id) => id.0.clone(),
                None => {
                    problems.push(ImportProblem::UnknownSchool(name.into()));
                    String::new()
                }
            },
        };
        let form = ChildForm {
            first_name: cell("child_first_name").into(),
            last_name: cell("child_last_name").into(),
            birth_date: iso_date(cell("birth_date")),
            sex: sex_code(cell("sex")),
            school,
            level: level_code(cell("level")),
            priority_area,
            referral_source: referral_code(cell("referral_source")),
            referral_date: iso_date(cell("referral_date")),
            referral_need: cell("referral_need").into(),
            guardian1_first_name: cell("guardian1_first_name").into(),
            guardian1_last_name: cell("guardian1_last_name").into(),
            guardian1_phone: phone_cell(cell("guardian1_phone")),
            guardian1_email: cell("guardian1_email").into(),
            guardian2_first_name: cell("guardian2_first_name").into(),
            guardian2_last_name: cell("guardian2_last_name").into(),
            guardian2_phone: phone_cell(cell("guardian2_phone")),
            guardian2_email: cell("guardian2_email").into(),
            consent_by: consent_by_code(cell("consent_by")),
            consent_date: iso_date(cell("consent_date")),
            consent_method: method_code(cell("consent_method")),
            may_leave_alone,
            photo_consent,
            group: group
                .as_ref()
                .map(|(id, _)| id.0.clone())
                .unwrap_or_default(),
            waiting_list: None,
        };
        let checked = form.check_every_field(today);
        if let Err(fields) = &checked {
            problems.extend(
                fields
                    .iter()
                    // An unknown group or school is said once, by name.
                    .filter(|(f, _)| {
                        !(f == "group" && group.is_none() && !group_name.trim().is_empty())
                    })
                    .map(|(field, problem)| ImportProblem::Field {
                        field: field.clone(),
                        problem: *problem,
                        value: cell(field).into(),
                    }),
            );
        }
        let name = format!("{} {}", form.first_name.trim(), form.last_name.trim())
            .trim()
            .to_string();
        let mut outcome = Outcome::Refused;
        if let (Ok(child), true) = (checked, problems.is_empty()) {
            let key = (
                fold(&child.first_name),
                fold(&child.last_name),
                child.birth_date,
            );
            if let Some(first_line) = seen.get(&key) {
                problems.push(ImportProblem::Duplicate {
                    first_line: *first_line,
                });
            } else {
                seen.insert(key.clone(), *line);
                let given = |field| !cell(field).trim().is_empty();
                let given = Given {
                    school: given("school"),
                    priority_area: given("priority_area"),
                    may_leave_alone: given("may_leave_alone"),
                    photo_consent: given("photo_consent"),
                };
                let (id, change) = match existing.get(&key) {
                    Some(here) => (here.id.clone(), Some(change(here, &child, given))),
                    None => (ChildId(crate::db::new_id()), None),
                };
                let joins = match &change {
                    None => Some(child.group.clone()),
                    Some(c) => c.join_group.clone(),
                };
                let had = existing
                    .get(&key)
                    .map_or((false, false), |e| (e.has_referral, e.has_consent));
                if let Some(group) = &joins {
                    let enrolled = group_room(&groups, &joining, group);
                    problems.extend(
                        enrolment_prerequisites(
                            &id,
                            group,
                            had.0 || child.referral.is_some(),
                            had.1 || child.consent.is_some(),
                        )
                        .into_iter()
                        .map(ImportProblem::Rule),
                    );
                    problems.extend(
                        enrolment_capacity(group, enrolled.enrolled, &cx.thresholds)
                            .into_iter()
                            .map(ImportProblem::Rule),
                    );
                }
                if problems.is_empty() {
                    if let Some(group) = joins {
                        *joining.entry(group).or_default() += 1;
                    }
                    match change {
                        None => {
                            outcome = Outcome::Create;
                            actions.push(Action::Create {
                                line: *line,
                                id,
                                child,
                            });
                        }
                        Some(change) => {
                            let changes = change_headings(&change);
                            if changes.is_empty() {
                                outcome = Outcome::Unchanged { child: id };
                            } else {
                                outcome = Outcome::Update {
                                    child: id.clone(),
                                    changes,
                                };
                                actions.push(Action::Update {
                                    line: *line,
                                    id,
                                    change,
                                });
                            }
                        }
                    }
                } else {
                    seen.remove(&key);
                }
            }
        }
        preview.lines.push(PreviewLine {
            line: *line,
            child: name,
            outcome,
            problems,
        });
    }
    Ok((preview, actions))
}

/// What the group holds with the lines above that join it.
fn group_room(
    groups: &HashMap<String, (GroupId, u32)>,
    joining: &HashMap<GroupId, u32>,
    group: &GroupId,
) -> GroupRoom {
    let here = groups
        .values()
        .find(|(id, _)| id == group)
        .map_or(0, |(_, n)| *n);
    GroupRoom {
        enrolled: here + joining.get(group).copied().unwrap_or(0),
    }
}

/// Which of a child's optional columns the line fills: an empty cell (or a
/// column the file does not have) keeps what is known.
#[derive(Clone, Copy, Debug)]
struct Given {
    school: bool,
    priority_area: bool,
    may_leave_alone: bool,
    photo_consent: bool,
}

/// How a line changes a child already here.
fn change(here: &Existing, line: &NewChild, given: Given) -> Change {
    let mut line = line.clone();
    if !given.school {
        line.school = here.school.clone();
    }
    if !given.priority_area {
        line.priority_area = here.priority_area;
    }
    if !given.may_leave_alone {
        line.may_leave_alone = here.may_leave_alone;
    }
    if !given.photo_consent {
        line.photo_consent = here.photo_consent;
    }
    let line = &line;
    let own = (
        line.sex,
        line.level,
        &line.school,
        line.priority_area,
        line.may_leave_alone,
        line.photo_consent,
    ) != (
        here.sex,
        here.level,
        &here.school,
        here.priority_area,
        here.may_leave_alone,
        here.photo_consent,
    );
    let mut change = Change {
        child: own.then(|| line.clone()),
        join_group: (!here.groups.contains(&line.group)).then(|| line.group.clone()),
        add_referral: line.referral.clone().filter(|_| !here.has_referral),
        ..Change::default()
    };
    let mut givers = Vec::new();
    for g in &line.guardians {
        let known = here.guardians.iter().find(|h| {
            fold(&h.first_name) == fold(&g.first_name) && fold(&h.last_name) == fold(&g.last_name)
        });
        match known {
            // A cell left empty keeps what is known.
            Some(h) => {
                let phone = g.phone.clone().or_else(|| h.phone.clone());
                let email = g.email.clone().or_else(|| h.email.clone());
                if (&phone, &email) != (&h.phone, &h.email) {
                    change.guardians.push((h.id.clone(), phone, email));
                }
                givers.push(Giver::Known(h.id.clone()));
            }
            None => {
                givers.push(Giver::New(change.new_guardians.len()));
                change.new_guardians.push(g.clone());
            }
        }
    }
    change.add_consent = line
        .consent
        .clone()
        .filter(|_| !here.has_consent)
        .and_then(|c| Some((c.clone(), givers.get(c.guardian)?.clone())));
    change
}

/// The columns an update changes, as the preview names them.
fn change_headings(c: &Change) -> Vec<String> {
    let mut headings = Vec::new();
    if c.child.is_some() {
        headings.push("Enfant");
    }
    if c.join_group.is_some() {
        headings.push("Groupe");
    }
    if !c.guardians.is_empty() || !c.new_guardians.is_empty() {
        headings.push("Responsables");
    }
    if c.add_referral.is_some() {
        headings.push("Orientation");
    }
    if c.add_consent.is_some() {
        headings.push("Accord");
    }
    headings.into_iter().map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::findings::Code;
    use crate::domain::Preset;

    const HEADER: &str = "Prénom;Nom;Date de naissance;Sexe;Classe;Groupe;Orienté par;Date d'orientation;Responsable 1 prénom;Responsable 1 nom;Responsable 1 téléphone;Accord donné par;Date de l'accord;Forme de l'accord";

    fn sheet(lines: &[&str]) -> Sheet {
        let text = format!("{HEADER}\n{}\n", lines.join("\n"));
        crate::records::import::sheet::read(text.as_bytes()).unwrap()
    }

    fn context() -> Context {
        Context {
            today: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            groups: vec![
                (GroupId("g1".into()), "CP-CE2".into(), 13),
                (GroupId("g2".into()), "CM1 CM2".into(), 0),
            ],
            schools: vec![],
            thresholds: Thresholds::for_preset(Preset::Guide),
            children: vec![Existing {
                id: ChildId("lea".into()),
                first_name: "Léa".into(),
                last_name: "Martin".into(),
                birth_date: NaiveDate::from_ymd_opt(2018, 4, 2),
                sex: Sex::Female,
                level: SchoolLevel::Ce2,
                school: None,
                priority_area: false,
                may_leave_alone: false,
                photo_consent: false,
                groups: vec![GroupId("g1".into())],
                guardians: vec![ExistingGuardian {
                    id: "claire".into(),
                    first_name: "Claire".into(),
                    last_name: "Martin".into(),
                    phone: Some("06 12 34 56 78".into()),
                    email: None,
                }],
                has_referral: true,
                has_consent: true,
            }],
        }
    }

    const LEA: &str = "Lea;MARTIN;02/04/2018;F;CE2;cp-ce2;enseignant;15/09/2026;Claire;Martin;;1;20/09/2026;papier";
    const NOUR: &str = "Nour;Haddad;2017-05-01;fille;CM1;CM1 CM2;enseignant;15/09/2026;Samia;Haddad;07 11 22 33 44;1;20/09/2026;papier";

    #[test]
    fn a_child_already_here_is_left_and_a_new_one_created() {
        let (preview, actions) = plan(&sheet(&[LEA, NOUR]), &context()).unwrap();
        assert_eq!(
            preview.lines[0].outcome,
            Outcome::Unchanged {
                child: ChildId("lea".into())
            }
        );
        assert_eq!(preview.lines[1].outcome, Outcome::Create);
        assert_eq!(preview.counts(), (1, 0, 1, 0));
        assert_eq!(actions.len(), 1);
    }

    #[test]
    fn an_updated_line_changes_what_differs() {
        let lea = LEA
            .replace(";CE2;", ";CM1;")
            .replace("Martin;;1", "Martin;06 99 99 99 99;1");
        let (preview, actions) = plan(&sheet(&[&lea]), &context()).unwrap();
        assert_eq!(
            preview.lines[0].outcome,
            Outcome::Update {
                child: ChildId("lea".into()),
                changes: vec!["Enfant".into(), "Responsables".into()]
            }
        );
        let Action::Update { change, .. } = &actions[0] else {
            panic!("{actions:?}")
        };
        assert_eq!(
            change.guardians,
            vec![("claire".into(), Some("06 99 99 99 99".into()), None)]
        );
    }

    #[test]
    fn a_column_left_empty_keeps_what_is_known() {
        let mut cx = context();
        cx.schools = vec![(SchoolId("ferry".into()), "École Ferry".into())];
        cx.children[0].school = Some(SchoolId("ferry".into()));
        cx.children[0].photo_consent = true;
        let (preview, _) = plan(&sheet(&[LEA]), &cx).unwrap();
        assert!(
            matches!(preview.lines[0].outcome, Outcome::Unchanged { .. }),
            "{:?}",
            preview.lines[0]
        );
    }

    #[test]
    fn every_problem_of_a_line_is_given_with_its_column() {
        let bad = "Zoé;;31/02/2018;X;CE2;Les Étoiles;enseignant;15/09/2026;;Martin;06 12;1;20/09/2026;pigeon";
        let (preview, actions) = plan(&sheet(&[bad]), &context()).unwrap();
        assert!(actions.is_empty());
        let columns: Vec<Option<&str>> = preview.lines[0]
            .problems
            .iter()
            .map(|p| p.column())
            .collect();
        assert_eq!(
            columns,
            vec![
                Some("Groupe"),
                Some("Nom"),
                Some("Date de naissance"),
                Some("Sexe"),
                Some("Responsable 1 prénom"),
                Some("Responsable 1 téléphone"),
                Some("Forme de l'accord"),
            ],
            "{:?}",
            preview.lines[0].problems
        );
        let said: Vec<String> = preview.lines[0]
            .problems
            .iter()
            .map(|p| p.message(crate::i18n::Locale::Fr))
            .collect();
        assert_eq!(
            said[0],
            "Groupe : aucun groupe de l'année ne s'appelle « Les Étoiles »."
        );
        assert_eq!(
            said[2],
            "Date de naissance : « 31/02/2018 » ne se lit pas (attendu : une date, 02/04/2017)."
        );
        assert_eq!(said[3], "Sexe : « X » ne se lit pas (attendu : F ou M).");
    }

    #[test]
    fn the_rules_of_enrolment_count_the_lines_above_and_duplicates_are_refused() {
        let children: Vec<String> = (0..3)
            .map(|i| {
                NOUR.replace("Nour", &format!("Enfant{i}"))
                    .replace(";CM1 CM2;", ";CP-CE2;")
            })
            .collect();
        let no_consent = NOUR.replace(";1;20/09/2026;papier", ";;;");
        let lines: Vec<&str> = children
            .iter()
            .map(String::as_str)
            .chain([no_consent.as_str(), NOUR, NOUR])
            .collect();
        let (preview, _) = plan(&sheet(&lines), &context()).unwrap();
        let codes = |i: usize| -> Vec<String> {
            preview.lines[i]
                .problems
                .iter()
                .map(|p| match p {
                    ImportProblem::Rule(f) => format!("{:?}", f.code),
                    other => format!("{other:?}"),
                })
                .collect()
        };
        // 13 in the group, 15 at most: the third child is one too many.
        assert_eq!(codes(0), Vec::<String>::new());
        assert_eq!(codes(1), Vec::<String>::new());
        assert_eq!(codes(2), vec![format!("{:?}", Code::GroupOverMax)]);
        assert_eq!(codes(3), vec![format!("{:?}", Code::NoConsent)]);
        assert_eq!(
            codes(4),
            Vec::<String>::new(),
            "the refused line above does not count"
        );
        assert_eq!(codes(5), vec!["Duplicate { first_line: 6 }".to_string()]);
    }

    #[test]
    fn a_title_above_the_header_is_passed_over() {
        let text = format!("Inscriptions 2026-2027;;\n{HEADER}\n{NOUR}\n");
        let sheet = crate::records::import::sheet::read(text.as_bytes()).unwrap();
        let (preview, _) = plan(&sheet, &context()).unwrap();
        assert_eq!(preview.lines.len(), 1);
        assert_eq!(preview.lines[0].line, 3);
        assert_eq!(preview.lines[0].outcome, Outcome::Create);
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused_whole() {
        let sheet =
            crate::records::import::sheet::read("Prénom;Nom;Remarque\nLéa;Martin;x\n".as_bytes())
                .unwrap();
        match plan(&sheet, &context()) {
            Err(SheetProblem::MissingColumns(c)) => assert!(c.contains(&"Groupe".to_string())),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_fold_accents_case_and_spaces() {
        assert_eq!(fold("  Élodie   LE  Bihan "), "elodie le bihan");
        assert_eq!(fold("N’Diaye"), "n'diaye");
        assert_eq!(iso_date("7/9/2018"), "2018-09-07");
        assert_eq!(level_code("6ème"), "6E");
        assert_eq!(phone_cell("612345678"), "0612345678");
        assert_eq!(phone_cell("06 12 34 56 78"), "06 12 34 56 78");
    }
}
