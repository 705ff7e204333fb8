//! The names and refusal reasons of the fields of the coordinator's forms
//! that only lazily loaded pages show (a child's record, the settings, the
//! meetings, who came to a family event). They live here rather than in
//! `i18n`: everything `i18n` holds is in the WASM file every page loads,
//! the parents' phones included, and these would have added 25 KB to it.
//! A refusal about any other field goes to `i18n::error_message`.

use crate::error::{AppError, FieldProblem};
use crate::i18n::Locale;

/// (field, French, English).
const FIELD_NAMES: &[(&str, &str, &str)] = &[
    ("needs_note", "Besoins de l'enfant", "Child's needs"),
    ("consent_guardian", "Accord donné par", "Consent given by"),
    ("left_on", "Date de sortie", "Leaving date"),
    ("left_reason", "Motif de sortie", "Reason for leaving"),
    (
        "next_first_day",
        "Rentrée de l'année suivante",
        "Next year's first day",
    ),
    (
        "next_last_day",
        "Dernier jour de l'année suivante",
        "Next year's last day",
    ),
    (
        "next_group",
        "Groupe de l'année suivante",
        "Next year's group",
    ),
    ("message", "Message", "Message"),
    ("message_to", "Destinataires", "Recipients"),
    ("message_subject", "Objet", "Subject"),
    ("message_body", "Texte du message", "Message text"),
    ("message_ask", "Réponse demandée", "Answer asked"),
    ("objectives", "Objectifs", "Objectives"),
    ("engagements", "Engagements", "Commitments"),
    ("liaison_kind", "Type de rencontre", "Kind of meeting"),
    ("liaison_about", "Enfant ou groupe", "Child or group"),
    ("met_on", "Date de la rencontre", "Meeting date"),
    ("participants", "Participants", "Participants"),
    ("notes", "Notes", "Notes"),
    ("partners", "Partenaires", "Partners"),
    ("preset", "Seuils", "Thresholds"),
    ("commune", "Commune", "Town"),
    ("neighbourhood", "Quartier", "Neighbourhood"),
    ("setting", "Milieu", "Setting"),
    (
        "priority_area",
        "Quartier prioritaire",
        "Priority neighbourhood",
    ),
    ("education_plan", "PEL ou PEDT", "PEL or PEDT"),
    ("premises", "Type de locaux", "Type of premises"),
    (
        "call_for_projects",
        "Date de dépôt du projet",
        "Project submission date",
    ),
    ("bilan_due", "Date de remise du bilan", "Bilan due date"),
    (
        "volunteer_rate",
        "Valeur d'une heure de bénévolat",
        "Value of a volunteer hour",
    ),
    ("paid", "Statut", "Status"),
    ("accompanist_first_name", "Prénom", "First name"),
    ("accompanist_last_name", "Nom", "Last name"),
    ("phone", "Téléphone", "Phone"),
    ("availability", "Disponibilités", "Availability"),
    ("venue_name", "Nom du lieu", "Venue name"),
    ("venue_kind", "Type de lieu", "Kind of venue"),
    ("address", "Adresse", "Address"),
    ("school_name", "Nom de l'établissement", "School name"),
    ("uai", "Code UAI", "UAI code"),
    ("stage", "Niveau", "Stage"),
    ("weekday", "Jour", "Day"),
    ("period_start", "Début", "Start"),
    ("period_end", "Fin", "End"),
    ("period", "Horaire", "Period"),
    ("event_held", "Rendez-vous", "Event"),
    ("accompanist_in_use", "Accompagnateur", "Accompanist"),
    ("venue_in_use", "Lieu", "Venue"),
    ("school_in_use", "École", "School"),
    (
        "guardian_first_name",
        "Prénom du responsable",
        "Guardian's first name",
    ),
    (
        "guardian_last_name",
        "Nom du responsable",
        "Guardian's last name",
    ),
    (
        "objectives_reviewed",
        "Objectifs revus",
        "Objectives reviewed",
    ),
    (
        "anonymise_after_months",
        "Délai d'anonymisation",
        "Anonymisation delay",
    ),
    (
        "group_min",
        "Enfants au minimum par groupe",
        "Minimum children per group",
    ),
    (
        "group_max",
        "Enfants au maximum par groupe",
        "Maximum children per group",
    ),
    (
        "max_children_per_adult",
        "Enfants au plus par adulte",
        "Children per adult at most",
    ),
    (
        "min_adults_per_session",
        "Adultes au moins par séance",
        "Adults per session at least",
    ),
    (
        "sessions_per_week",
        "Séances par semaine",
        "Sessions per week",
    ),
];

/// (field, problem, French, English); `None` fits any problem.
const FIELD_PROBLEMS: &[(&str, Option<FieldProblem>, &str, &str)] = &[
    (
        "next_first_day",
        Some(FieldProblem::Mismatch),
        "doit venir après le dernier jour de cette année",
        "must come after this year's last day",
    ),
    (
        "next_first_day",
        Some(FieldProblem::Unknown),
        "l'année suivante est déjà préparée",
        "the next year is already prepared",
    ),
    (
        "next_first_day",
        Some(FieldProblem::Missing),
        "préparez d'abord l'année suivante",
        "prepare the next year first",
    ),
    (
        "next_last_day",
        Some(FieldProblem::Mismatch),
        "doit venir après la rentrée, moins d'un an plus tard",
        "must come after the first day, less than a year later",
    ),
    (
        "next_group",
        Some(FieldProblem::Unknown),
        "ce groupe n'est pas un groupe de l'année suivante",
        "this group is not one of the next year's",
    ),
    (
        "message_to",
        Some(FieldProblem::Missing),
        "choisissez à qui écrire : un groupe, une séance ou un enfant",
        "choose who to write to: a group, a session or a child",
    ),
    (
        "message_to",
        Some(FieldProblem::Mismatch),
        "personne à joindre : aucun enfant de ce choix n'a de responsable enregistré",
        "nobody to reach: no child of this choice has a guardian on record",
    ),
    (
        "message_to",
        Some(FieldProblem::Unknown),
        "ce groupe, cette séance ou cet enfant n'est pas de votre structure",
        "this group, session or child is not your organisation's",
    ),
    (
        "message_subject",
        Some(FieldProblem::TooShort),
        "est obligatoire (au moins 3 caractères)",
        "is required (at least 3 characters)",
    ),
    (
        "consent_guardian",
        Some(FieldProblem::Unknown),
        "choisissez un des responsables de l'enfant",
        "choose one of the child's guardians",
    ),
    (
        "left_on",
        Some(FieldProblem::Unknown),
        "ne peut pas être dans le futur",
        "cannot be in the future",
    ),
    (
        "met_on",
        Some(FieldProblem::Unknown),
        "ne peut pas être dans le futur",
        "cannot be in the future",
    ),
    (
        "left_reason",
        Some(FieldProblem::Missing),
        "est obligatoire (au moins 3 caractères), par exemple « déménagement »",
        "is required (at least 3 characters), for example \"moved away\"",
    ),
    (
        "liaison_about",
        Some(FieldProblem::Missing),
        "choisissez l'enfant ou le groupe dont il a été question",
        "choose the child or the group the meeting was about",
    ),
    (
        "uai",
        Some(FieldProblem::Malformed),
        "doit compter 7 chiffres et sa lettre de contrôle, par exemple 0931234L",
        "must have 7 digits and its check letter, e.g. 0931234L",
    ),
    (
        "venue_name",
        Some(FieldProblem::Mismatch),
        "un lieu de la structure porte déjà ce nom",
        "a venue of the organisation already has this name",
    ),
    (
        "group_min",
        Some(FieldProblem::Unknown),
        "doit valoir au moins 1 et ne pas dépasser le maximum",
        "must be at least 1 and not above the maximum",
    ),
    (
        "group_max",
        Some(FieldProblem::Unknown),
        "ne peut pas dépasser 60",
        "cannot exceed 60",
    ),
    (
        "sessions_per_week",
        Some(FieldProblem::Unknown),
        "doit être entre 1 et 7",
        "must be between 1 and 7",
    ),
    (
        "max_children_per_adult",
        Some(FieldProblem::Unknown),
        "doit valoir au moins 1",
        "must be at least 1",
    ),
    (
        "min_adults_per_session",
        Some(FieldProblem::Unknown),
        "doit valoir au moins 1",
        "must be at least 1",
    ),
    (
        "anonymise_after_months",
        Some(FieldProblem::Unknown),
        "doit être entre 6 et 120 mois",
        "must be between 6 and 120 months",
    ),
    (
        "volunteer_rate",
        Some(FieldProblem::Malformed),
        "n'est pas un montant en euros ; écrivez par exemple 12,50",
        "is not an amount in euros; write for example 12.50",
    ),
    (
        "volunteer_rate",
        Some(FieldProblem::TooLong),
        "ne peut pas dépasser 1 000 € de l'heure",
        "cannot exceed 1,000 € an hour",
    ),
    (
        "period_end",
        Some(FieldProblem::Mismatch),
        "doit venir après le début",
        "must come after the start",
    ),
    (
        "objectives",
        Some(FieldProblem::Missing),
        "écrivez au moins un objectif (un par ligne)",
        "write at least one objective (one per line)",
    ),
    (
        "event_held",
        None,
        "n'a pas encore eu lieu : notez qui est venu après",
        "has not happened yet: mark who came afterwards",
    ),
    (
        "accompanist_in_use",
        None,
        "a déjà encadré des séances : il reste dans l'historique et le bilan",
        "has already led sessions: they stay in the history and the report",
    ),
    (
        "venue_in_use",
        None,
        "des séances y ont lieu : il ne peut pas être retiré",
        "sessions take place there: it cannot be removed",
    ),
    (
        "school_in_use",
        None,
        "des enfants, des contrats ou des rencontres y sont liés : elle ne peut pas être retirée",
        "children, contracts or meetings refer to it: it cannot be removed",
    ),
];

use crate::i18n::pick;

/// A field's name, also for the form's label (one place for the words):
/// a guardian's field from the catalogue (`i18n::errors`), a staff form's
/// from the table above. Unknown fields: "".
pub fn field_name(field: &str, l: Locale) -> &'static str {
    crate::i18n::errors::family_field(field, l).unwrap_or_else(|| {
        FIELD_NAMES
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or("", |(_, fr, en)| pick(l, fr, en))
    })
}

/// The message shown for an error of these forms, in the reader's language.
pub fn message(error: &AppError, l: Locale) -> String {
    let AppError::Invalid { field, problem } = error else {
        return crate::i18n::error_message(error, l);
    };
    if let Some(text) = crate::i18n::errors::family_problem(field, *problem, l) {
        return text;
    }
    if let Some(text) = crate::i18n::dossier::amount_problem(field, *problem, l) {
        return text;
    }
    let Some((_, fr, en)) = FIELD_NAMES.iter().find(|(f, _, _)| f == field) else {
        return crate::i18n::error_message(error, l);
    };
    let what = pick(l, fr, en);
    let why = FIELD_PROBLEMS
        .iter()
        .find(|(f, p, _, _)| f == field && p.is_none_or(|p| p == *problem))
        .map_or_else(|| reason(*problem, l), |(_, _, fr, en)| pick(l, fr, en));
    crate::i18n::catalogue::fill(
        crate::i18n::errors::field_problem(l.for_staff()),
        &[("field", what), ("problem", why)],
    )
}

/// The plain reason for a problem.
fn reason(problem: FieldProblem, l: Locale) -> &'static str {
    match problem {
        FieldProblem::Missing => pick(l, "est obligatoire", "is required"),
        FieldProblem::TooShort => pick(l, "est trop court", "is too short"),
        FieldProblem::TooLong => pick(l, "est trop long", "is too long"),
        FieldProblem::Malformed => pick(l, "n'est pas au bon format", "is not in the right format"),
        FieldProblem::Mismatch => pick(l, "ne correspond pas", "does not match"),
        FieldProblem::Unknown => pick(l, "n'est pas reconnu", "is not recognised"),
        FieldProblem::Control => crate::i18n::errors::control(l),
        FieldProblem::Guessable => crate::i18n::errors::guessable(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn these_fields_are_named_and_others_go_to_i18n() {
        let fr = |field: &str, problem| message(&AppError::invalid(field, problem), Locale::Fr);
        assert_eq!(
            fr("adult_phone", FieldProblem::Malformed),
            "Téléphone de l'adulte : n'est pas au bon format."
        );
        assert_eq!(
            fr("met_on", FieldProblem::Unknown),
            "Date de la rencontre : ne peut pas être dans le futur."
        );
        assert_eq!(
            message(
                &AppError::invalid("uai", FieldProblem::Malformed),
                Locale::En
            ),
            "UAI code: must have 7 digits and its check letter, e.g. 0931234L."
        );
        assert_eq!(
            fr("caf_prevu", FieldProblem::Malformed),
            "CAF (prestation de service CLAS) (prévu) : n'est pas un montant en euros ; écrivez par exemple 1 234,56."
        );
        assert_eq!(
            fr("event_held", FieldProblem::TooShort),
            "Rendez-vous : n'a pas encore eu lieu : notez qui est venu après."
        );
        assert_eq!(
            fr("email", FieldProblem::Malformed),
            crate::i18n::error_message(
                &AppError::invalid("email", FieldProblem::Malformed),
                Locale::Fr
            )
        );
        // A guardian's field speaks their language.
        assert_eq!(
            message(
                &AppError::invalid("adult_phone", FieldProblem::Malformed),
                Locale::Ar
            ),
            "هاتف الشخص: ليس بالصيغة الصحيحة."
        );
        assert_eq!(
            message(&AppError::Forbidden, Locale::Fr),
            crate::i18n::error_message(&AppError::Forbidden, Locale::Fr)
        );
        for (field, _, _, _) in FIELD_PROBLEMS {
            assert!(
                !field_name(field, Locale::Fr).is_empty(),
                "{field} has no name"
            );
        }
    }
}
