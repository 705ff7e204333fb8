//! Messages for people, in the reader's language. The catalogue is here:
//! the families' pages' text (`families`) and the refusals a guardian can
//! meet (`errors`) in French, English and Arabic, keyed (`catalogue` says
//! how an entry is written and tests that none lacks a language); the staff's
//! refusals, rule findings and labels below, in French and English. The
//! error and finding types carry codes; only this module turns them into
//! sentences.

pub mod accessibility;
pub mod catalogue;
#[cfg(test)]
mod completeness;
pub mod dossier;
pub mod errors;
pub mod families;

use crate::domain::findings::{Code, Finding, Subject, Unit};
use crate::domain::model::{ActivityCategory, AttendanceStatus, FamilyEventKind, Role};
use crate::error::{AppError, FieldProblem, InvitationProblem};
pub use crate::locale::Locale;

/// A text of the staff's pages, which speak French and English: Arabic,
/// offered on the families' pages only, reads French here.
pub fn pick(locale: Locale, fr: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Fr | Locale::Ar => fr,
        Locale::En => en,
    }
}

/// The text of a staff page in the reader's language: `tr(l, "Enfants",
/// "Children")`. The families' pages take theirs from `families`.
pub fn tr(locale: Locale, fr: &'static str, en: &'static str) -> &'static str {
    pick(locale, fr, en)
}

/// The cookie that remembers the reader's language.
pub const LOCALE_COOKIE: &str = "passerelle_lang";

/// The reader's language. On the server, from the request's cookie; in the
/// browser, from `<html lang>`, which the server wrote from that cookie, so
/// that hydration finds the same text.
pub fn current_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::request::request_cookie(LOCALE_COOKIE)
            .map(|c| Locale::from_code(&c))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .map(|c| Locale::from_code(&c))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Locale::Fr
        }
    }
}

/// In the browser, after a navigation: when the device's language cookie
/// no longer says the page's language (a sign-in brought back the
/// account's language), loads the page again in it. The page's words were
/// chosen when it was first loaded; a navigation inside the app keeps them.
pub fn follow_language_cookie() {
    #[cfg(feature = "hydrate")]
    {
        let chosen = device_cookie(LOCALE_COOKIE).map(|v| Locale::from_code(&v));
        if chosen.is_some_and(|l| l != current_locale()) {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    }
}

/// In the browser: the value of the device's cookie `name` (those the
/// pages read, not the session's, which scripts cannot see).
#[cfg(feature = "hydrate")]
pub fn device_cookie(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let cookie = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()?;
    cookie
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The language the App provided (French when none).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

fn field_name(field: &str, l: Locale) -> &'static str {
    match field {
        "role" => pick(l, "Rôle", "Role"),
        "person_id" => pick(l, "Personne", "Person"),
        "date" => pick(l, "Date", "Date"),
        "status" => pick(l, "Séance", "Session"),
        "venue" => pick(l, "Lieu", "Venue"),
        "accompanist" => pick(l, "Accompagnateur", "Accompanist"),
        "reason" => pick(l, "Motif", "Reason"),
        "event_kind" => pick(l, "Type de rendez-vous", "Kind of event"),
        "event_title" => pick(l, "Titre", "Title"),
        "event_date" => pick(l, "Date", "Date"),
        "event_start" => pick(l, "Heure de début", "Start time"),
        "event_end" => pick(l, "Heure de fin", "End time"),
        "until" => pick(l, "Date de fin", "End date"),
        "group" => pick(l, "Groupe", "Group"),
        "holiday_name" => pick(l, "Nom des vacances", "Holiday name"),
        "child_first_name" => pick(l, "Prénom de l'enfant", "Child's first name"),
        "child_last_name" => pick(l, "Nom de l'enfant", "Child's last name"),
        "birth_date" => pick(l, "Date de naissance", "Date of birth"),
        "sex" => pick(l, "Sexe", "Sex"),
        "level" => pick(l, "Classe", "School level"),
        "school" => pick(l, "Établissement", "School"),
        "referral_source" => pick(l, "Orienté par", "Referred by"),
        "referral_date" => pick(l, "Date de l'orientation", "Referral date"),
        "referral_need" => pick(l, "Besoin repéré", "Identified need"),
        "guardian1_first_name" => pick(l, "Prénom du responsable 1", "Guardian 1's first name"),
        "guardian1_last_name" => pick(l, "Nom du responsable 1", "Guardian 1's last name"),
        "guardian1_phone" => pick(l, "Téléphone du responsable 1", "Guardian 1's phone"),
        "guardian1_email" => pick(l, "E-mail du responsable 1", "Guardian 1's e-mail"),
        "guardian2_first_name" => pick(l, "Prénom du responsable 2", "Guardian 2's first name"),
        "guardian2_last_name" => pick(l, "Nom du responsable 2", "Guardian 2's last name"),
        "guardian2_phone" => pick(l, "Téléphone du responsable 2", "Guardian 2's phone"),
        "guardian2_email" => pick(l, "E-mail du responsable 2", "Guardian 2's e-mail"),
        "consent_by" => pick(l, "Accord donné par", "Consent given by"),
        "consent_date" => pick(l, "Date de l'accord", "Consent date"),
        "consent_method" => pick(l, "Forme de l'accord", "Consent form"),
        "holiday_first_day" => pick(l, "Premier jour", "First day"),
        "holiday_last_day" => pick(l, "Dernier jour", "Last day"),
        "holiday" => pick(l, "Période de vacances", "Holiday period"),
        "school_year" => pick(l, "Année scolaire", "School year"),
        "activities" => pick(l, "Activités", "Activities"),
        "draft" | "published" => pick(l, "Séance", "Session"),
        _ => pick(l, "Champ", "Field"),
    }
}

/// One refused line of an imported file, with its number.
pub fn import_problem(p: &crate::error::LineProblem, l: Locale) -> String {
    use crate::error::CsvProblem;
    let why = match &p.problem {
        CsvProblem::Empty => pick(l, "le fichier est vide.", "the file is empty.").to_string(),
        CsvProblem::MissingColumn { column } => match l {
            Locale::Fr | Locale::Ar => format!("la colonne « {column} » manque dans la première ligne."),
            Locale::En => format!("the column \"{column}\" is missing from the first line."),
        },
        CsvProblem::Unreadable => pick(
            l,
            "la ligne ne se lit pas (nombre de colonnes différent de l'en-tête, ou guillemet non fermé).",
            "the line cannot be read (not as many columns as the header, or a quote left open).",
        )
        .to_string(),
        CsvProblem::MissingName => pick(
            l,
            "la description (le nom des vacances) est vide.",
            "the description (the holiday's name) is empty.",
        )
        .to_string(),
        CsvProblem::BadDate { column, value } => match l {
            Locale::Fr | Locale::Ar => format!(
                "« {value} » n'est pas une date dans la colonne « {column} » (attendu : 2026-10-17 ou 17/10/2026)."
            ),
            Locale::En => format!(
                "\"{value}\" is not a date in the column \"{column}\" (expected: 2026-10-17 or 17/10/2026)."
            ),
        },
        CsvProblem::EndBeforeStart => pick(
            l,
            "la date de fin vient avant la date de début.",
            "the end date comes before the start date.",
        )
        .to_string(),
        CsvProblem::NothingForYear { zone, year } => match l {
            Locale::Fr | Locale::Ar => format!(
                "aucune ligne pour la zone {zone} et l'année scolaire {year} : est-ce le bon fichier ?"
            ),
            Locale::En => {
                format!("no line for zone {zone} and school year {year}: is it the right file?")
            }
        },
    };
    match (p.line, l) {
        (0, Locale::Fr | Locale::Ar) => format!("Fichier : {why}"),
        (0, Locale::En) => format!("File: {why}"),
        (n, Locale::Fr | Locale::Ar) => format!("Ligne {n} : {why}"),
        (n, Locale::En) => format!("Line {n}: {why}"),
    }
}

/// The message shown for an error.
pub fn error_message(error: &AppError, l: Locale) -> String {
    match error {
        AppError::Unauthenticated => errors::unauthenticated(l).into(),
        AppError::Forbidden => errors::forbidden(l).into(),
        AppError::NotFound => errors::not_found(l).into(),
        AppError::Invalid { field, problem } => {
            if let Some(text) = errors::family_problem(field, *problem, l) {
                return text;
            }
            let what = field_name(field, l);
            let why = match (field.as_str(), problem) {
                ("reason", FieldProblem::Missing) => pick(
                    l,
                    "est obligatoire : les familles le verront (au moins 3 caractères)",
                    "is required: families will see it (at least 3 characters)",
                ),
                ("until", FieldProblem::Missing) => pick(
                    l,
                    "est obligatoire : aucune année scolaire ne couvre cette semaine",
                    "is required: no school year covers this week",
                ),
                ("until", FieldProblem::TooShort) => pick(
                    l,
                    "doit tomber après la semaine copiée",
                    "must fall after the copied week",
                ),
                ("until", FieldProblem::TooLong) => pick(
                    l,
                    "ne peut pas dépasser une année scolaire",
                    "cannot go beyond one school year",
                ),
                ("event_date", FieldProblem::Unknown) => pick(
                    l,
                    "est déjà passée : choisissez aujourd'hui ou un jour à venir",
                    "is in the past: choose today or a day to come",
                ),
                ("event_end", FieldProblem::Mismatch) => pick(
                    l,
                    "doit venir après l'heure de début",
                    "must come after the start time",
                ),
                ("birth_date", FieldProblem::Unknown) => pick(
                    l,
                    "ne correspond pas à un enfant d'âge scolaire (entre 4 et 21 ans)",
                    "does not match a school-age child (4 to 21 years old)",
                ),
                ("consent_by", FieldProblem::Unknown) => pick(
                    l,
                    "le responsable 2 n'est pas renseigné",
                    "guardian 2 is not filled in",
                ),
                ("consent_date", FieldProblem::Unknown) => pick(
                    l,
                    "ne peut pas être dans le futur",
                    "cannot be in the future",
                ),
                ("holiday_name", FieldProblem::TooShort) => pick(
                    l,
                    "est obligatoire (au moins 3 caractères), par exemple « Vacances de Noël »",
                    "is required (at least 3 characters), for example \"Christmas holidays\"",
                ),
                ("holiday_last_day", FieldProblem::Mismatch) => pick(
                    l,
                    "doit venir le jour même ou après le premier jour",
                    "must be on or after the first day",
                ),
                ("holiday_first_day", FieldProblem::Unknown) => pick(
                    l,
                    "la période doit tenir dans l'année scolaire",
                    "the period must fall inside the school year",
                ),
                ("event_title", FieldProblem::TooShort) => pick(
                    l,
                    "est obligatoire (au moins 3 caractères)",
                    "is required (at least 3 characters)",
                ),
                ("draft", _) => pick(
                    l,
                    "c'est un brouillon : supprimez-le plutôt que de l'annuler",
                    "it is a draft: delete it rather than cancel it",
                ),
                ("published", _) => pick(
                    l,
                    "elle est publiée : annulez-la avec un motif, les familles le verront",
                    "it is published: cancel it with a reason, families will see it",
                ),
                (_, FieldProblem::Missing) => pick(l, "est obligatoire", "is required"),
                (_, FieldProblem::TooShort) => pick(l, "est trop court", "is too short"),
                (_, FieldProblem::TooLong) => pick(l, "est trop long", "is too long"),
                (_, FieldProblem::Control) => errors::control(l),
                (_, FieldProblem::Guessable) => errors::guessable(l),
                (_, FieldProblem::Malformed) => {
                    pick(l, "n'est pas au bon format", "is not in the right format")
                }
                (_, FieldProblem::Mismatch) => pick(
                    l,
                    "ne correspond pas au mot de passe",
                    "does not match the password",
                ),
                ("status", FieldProblem::Unknown) => pick(
                    l,
                    "déjà tenue ou annulée, elle ne se modifie plus",
                    "already held or cancelled, it can no longer change",
                ),
                (_, FieldProblem::Unknown) => pick(l, "n'est pas reconnu", "is not recognised"),
            };
            catalogue::fill(
                errors::field_problem(l.for_staff()),
                &[("field", what), ("problem", why)],
            )
        }
        AppError::BadCredentials => errors::bad_credentials(l).into(),
        AppError::Throttled {
            retry_after_seconds,
        } => match (retry_after_seconds + 59) / 60 {
            0 | 1 => errors::throttled_one(l).into(),
            minutes => catalogue::fill(
                errors::throttled_many(l),
                &[("minutes", &minutes.to_string())],
            ),
        },
        AppError::Busy { .. } => errors::busy(l).into(),
        AppError::Invitation { problem } => match problem {
            InvitationProblem::Unknown => errors::invitation_unknown(l),
            InvitationProblem::Used => errors::invitation_used(l),
            InvitationProblem::Expired => errors::invitation_expired(l),
        }
        .into(),
        AppError::ResetLink { problem } => match problem {
            InvitationProblem::Unknown => errors::reset_unknown(l),
            InvitationProblem::Used => errors::reset_used(l),
            InvitationProblem::Expired => errors::reset_expired(l),
        }
        .into(),
        AppError::Rules { findings } => findings
            .iter()
            .map(|f| finding_message(f, l))
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Import { problems } => {
            let head = pick(
                l,
                "Le fichier n'a pas été importé (rien n'a changé) :",
                "The file was not imported (nothing changed):",
            );
            let lines: Vec<String> = problems.iter().map(|p| import_problem(p, l)).collect();
            format!("{head} {}", lines.join(" "))
        }
        AppError::ImportFile { .. } => pick(
            l,
            "Ce fichier ne peut pas être importé (rien n'a changé).",
            "This file cannot be imported (nothing changed).",
        )
        .into(),
        AppError::Stale => errors::stale(l).into(),
        AppError::BadOrigin => errors::bad_origin(l).into(),
        AppError::BadRequest => errors::bad_request(l).into(),
        AppError::TooLarge => errors::too_large(l).into(),
        AppError::Network => errors::network(l).into(),
        AppError::Internal => errors::internal(l).into(),
    }
}

fn measure(value: i64, unit: Unit) -> String {
    match unit {
        Unit::Cents => crate::format::euros(crate::domain::dossier::Cents(value)),
        Unit::ChildrenPerAdult => {
            crate::format::number(value as f64 / 100.0, if value % 100 == 0 { 0 } else { 1 })
        }
        _ => value.to_string(),
    }
}

/// The short label of a rule code (badges).
pub fn code_label(code: Code, l: Locale) -> &'static str {
    match code {
        Code::GroupOverMax => pick(l, "Groupe complet", "Group full"),
        Code::GroupUnderMin => pick(l, "Groupe trop petit", "Group too small"),
        Code::RatioExceeded => pick(l, "Encadrement insuffisant", "Understaffed"),
        Code::NoAccompanist => pick(l, "Sans accompagnateur", "No accompanist"),
        Code::WeeklyFrequencyLow => pick(l, "Moins de 2 séances", "Too few sessions"),
        Code::DuringSchoolTime => pick(l, "Pendant l'école", "During school"),
        Code::AccompanistConflict => pick(l, "Accompagnateur déjà pris", "Accompanist busy"),
        Code::VenueConflict => pick(l, "Salle déjà prise", "Room busy"),
        Code::ChildConflict => pick(l, "Enfant déjà pris", "Child busy"),
        Code::InHolidays => pick(l, "Vacances scolaires", "School holidays"),
        Code::NoConsent => pick(l, "Sans accord des parents", "No parental consent"),
        Code::NoReferral => pick(l, "Sans orientation", "No referral"),
        Code::HomeworkOnly => pick(l, "Aide aux devoirs seulement", "Homework only"),
        Code::InvalidSlot => pick(l, "Horaire invalide", "Invalid time"),
        Code::AxisEmpty => pick(l, "Axe sans action", "Axis without action"),
        Code::CafShareOverCap => pick(l, "Part CAF au-delà du plafond", "CAF share over the cap"),
    }
}

/// A full sentence for a finding, with the threshold it used.
pub fn finding_message(f: &Finding, l: Locale) -> String {
    let th = f
        .threshold
        .map(|m| measure(m.value, m.unit))
        .unwrap_or_default();
    let act = f
        .actual
        .map(|m| measure(m.value, m.unit))
        .unwrap_or_default();
    match (f.code, l) {
        (Code::GroupOverMax, Locale::Fr | Locale::Ar) => {
            format!("Le groupe dépasserait {th} enfants ({act}).")
        }
        (Code::GroupOverMax, Locale::En) => {
            format!("The group would exceed {th} children ({act}).")
        }
        (Code::GroupUnderMin, Locale::Fr | Locale::Ar) => {
            format!("Le groupe compte {act} enfants ; il en faut au moins {th}.")
        }
        (Code::GroupUnderMin, Locale::En) => {
            format!("The group has {act} children; it needs at least {th}.")
        }
        (Code::RatioExceeded, Locale::Fr | Locale::Ar)
            if f.threshold.map(|m| m.unit) == Some(Unit::Adults) =>
        {
            format!("{act} adulte(s) pour cette séance ; il en faut {th}.")
        }
        (Code::RatioExceeded, Locale::En) if f.threshold.map(|m| m.unit) == Some(Unit::Adults) => {
            format!("{act} adult(s) for this session; {th} are needed.")
        }
        (Code::RatioExceeded, Locale::Fr | Locale::Ar) => {
            format!("{act} enfants par adulte ; au plus {th}.")
        }
        (Code::RatioExceeded, Locale::En) => format!("{act} children per adult; at most {th}."),
        (Code::WeeklyFrequencyLow, Locale::Fr | Locale::Ar) => {
            format!("{act} séance(s) cette semaine ; il en faut {th}.")
        }
        (Code::WeeklyFrequencyLow, Locale::En) => {
            format!("{act} session(s) this week; {th} are needed.")
        }
        (Code::InvalidSlot, Locale::Fr | Locale::Ar) => {
            "L'horaire doit finir après le début et durer de 30 min à 4 h.".into()
        }
        (Code::InvalidSlot, Locale::En) => {
            "The session must end after it starts and last 30 min to 4 h.".into()
        }
        (Code::DuringSchoolTime, Locale::Fr | Locale::Ar) => {
            "La séance tombe pendant le temps scolaire d'un enfant.".into()
        }
        (Code::DuringSchoolTime, Locale::En) => {
            "The session overlaps a child's school time.".into()
        }
        (Code::NoAccompanist, Locale::Fr | Locale::Ar) => {
            "La séance n'a aucun accompagnateur.".into()
        }
        (Code::NoAccompanist, Locale::En) => "The session has no accompanist.".into(),
        (Code::NoConsent, Locale::Fr | Locale::Ar) => {
            "L'accord des parents n'est pas enregistré : l'inscription est impossible.".into()
        }
        (Code::NoConsent, Locale::En) => {
            "The parents' consent is not recorded: enrolment is impossible.".into()
        }
        (Code::NoReferral, Locale::Fr | Locale::Ar) => {
            "L'orientation (qui a repéré le besoin) n'est pas enregistrée.".into()
        }
        (Code::NoReferral, Locale::En) => {
            "The referral (who identified the need) is not recorded.".into()
        }
        (Code::AxisEmpty, _) => {
            let axis = f.about.iter().find_map(|s| match s {
                Subject::Axis(code) => crate::domain::dossier::Axis::parse(code),
                _ => None,
            });
            match (axis, l) {
                (Some(a), Locale::En) => format!(
                    "Nothing is recorded on the axis « {} » this year; the CAF funds actions on all four.",
                    dossier::axis_label(a, l)
                ),
                (Some(a), _) => format!(
                    "Aucune action enregistrée sur l'axe « {} » cette année ; la CAF finance les actions menées sur les quatre.",
                    dossier::axis_label(a, l)
                ),
                (None, l) => format!("{}.", code_label(f.code, l)),
            }
        }
        (Code::CafShareOverCap, Locale::Fr | Locale::Ar) => format!(
            "La part demandée à la CAF ({act}) dépasse son plafond de {th} (2 563 € par groupe et par année scolaire)."
        ),
        (Code::CafShareOverCap, Locale::En) => format!(
            "The share asked of the CAF ({act}) is over its cap of {th} (2,563 € per group and school year)."
        ),
        (code, l) => format!("{}.", code_label(code, l)),
    }
}

pub fn role_label(role: Role, l: Locale) -> &'static str {
    match role {
        Role::Admin => pick(l, "Administration", "Administration"),
        Role::Coordinator => pick(l, "Coordination", "Coordinator"),
        Role::Accompanist => pick(l, "Accompagnateur ou accompagnatrice", "Accompanist"),
        Role::Parent => pick(l, "Parent", "Parent"),
        Role::Funder => pick(l, "CAF", "Funder"),
    }
}

/// The session plan's activity categories, as the CAF's guide names them.
pub fn activity_label(a: ActivityCategory, l: Locale) -> &'static str {
    match a {
        ActivityCategory::Exchange => pick(l, "Temps d'échange", "Talking time"),
        ActivityCategory::Methodology => pick(l, "Aide méthodologique", "Study skills"),
        ActivityCategory::Culture => pick(l, "Activité culturelle", "Cultural activity"),
        ActivityCategory::Arts => pick(l, "Activité artistique", "Arts"),
        ActivityCategory::Sport => pick(l, "Activité sportive", "Sport"),
        ActivityCategory::Games => pick(l, "Activité ludique", "Games"),
        ActivityCategory::Homework => pick(l, "Aide aux devoirs", "Homework help"),
    }
}

pub fn family_event_label(k: FamilyEventKind, l: Locale) -> &'static str {
    use FamilyEventKind::*;
    match k {
        Welcome => families::event_welcome(l),
        Information => families::event_information(l),
        SharedSession => families::event_shared_session(l),
        Highlight => families::event_highlight(l),
        Individual => families::event_individual(l),
    }
}

pub fn attendance_label(s: AttendanceStatus, l: Locale) -> &'static str {
    match s {
        AttendanceStatus::Present => families::status_present(l),
        AttendanceStatus::Late => families::status_late(l),
        AttendanceStatus::Absent => families::status_absent(l),
        AttendanceStatus::Excused => families::status_excused(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_french_message() {
        let errors = [
            AppError::Unauthenticated,
            AppError::BadCredentials,
            AppError::invalid("email", FieldProblem::Malformed),
            AppError::invalid("password", FieldProblem::TooShort),
            AppError::Throttled {
                retry_after_seconds: 61,
            },
            AppError::Invitation {
                problem: InvitationProblem::Expired,
            },
            AppError::TooLarge,
            AppError::Busy {
                retry_after_seconds: 2,
            },
            AppError::Internal,
        ];
        for e in errors {
            let m = error_message(&e, Locale::Fr);
            assert!(!m.is_empty());
        }
        assert_eq!(
            error_message(
                &AppError::Throttled {
                    retry_after_seconds: 61
                },
                Locale::Fr
            ),
            "Trop d'essais. Réessayez dans 2 minutes."
        );
    }

    #[test]
    fn a_guardian_reads_refusals_in_arabic() {
        assert_eq!(
            error_message(&AppError::BadCredentials, Locale::Ar),
            "عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين."
        );
        assert_eq!(
            error_message(
                &AppError::invalid("absence_reason", FieldProblem::Missing),
                Locale::Ar
            ),
            "سبب الغياب: إلزامي (3 أحرف على الأقل)، مثلًا «موعد طبي»."
        );
        // The same refusals in French as before the catalogue.
        assert_eq!(
            error_message(
                &AppError::invalid("absence_reason", FieldProblem::Missing),
                Locale::Fr
            ),
            "Motif de l'absence : est obligatoire (au moins 3 caractères), par exemple « rendez-vous médical »."
        );
        // A staff refusal reads French for Arabic (staff pages do not
        // offer it).
        assert_eq!(
            error_message(
                &AppError::invalid("holiday_name", FieldProblem::TooShort),
                Locale::Ar
            ),
            error_message(
                &AppError::invalid("holiday_name", FieldProblem::TooShort),
                Locale::Fr
            )
        );
        assert_eq!(
            attendance_label(AttendanceStatus::Excused, Locale::Ar),
            "غياب مبرَّر"
        );
    }

    #[test]
    fn findings_carry_their_threshold() {
        use crate::domain::{rules, SessionId, Thresholds};
        let f = &rules::staffing(&SessionId::new("s"), 15, 2, &Thresholds::guide())[0];
        assert_eq!(
            finding_message(f, Locale::Fr),
            "7,5 enfants par adulte ; au plus 7."
        );
    }
}
