//! The CAF dossier's words (staff pages: French and English): the axes, the
//! budget's lines, the project's facts and the CAF's dates.

use super::pick;
use crate::domain::dossier::{
    Axis, ChargeKind, Column, Deadline, EducationPlan, FactField, Missing, Premises, ProductKind,
    Setting,
};
use crate::locale::Locale;

pub fn axis_label(a: Axis, l: Locale) -> &'static str {
    match a {
        Axis::Children => pick(l, "Avec les enfants", "With the children"),
        Axis::Parents => pick(l, "Avec les parents", "With the parents"),
        Axis::School => pick(l, "Avec l'école", "With the school"),
        Axis::Partners => pick(l, "Avec les partenaires", "With local partners"),
    }
}

pub fn charge_label(k: ChargeKind, l: Locale) -> &'static str {
    match k {
        ChargeKind::Staff => pick(l, "Personnel", "Staff"),
        ChargeKind::Premises => pick(l, "Locaux", "Premises"),
        ChargeKind::Activities => pick(l, "Activités", "Activities"),
        ChargeKind::Transport => pick(l, "Transport", "Transport"),
        ChargeKind::Other => pick(l, "Autres charges", "Other charges"),
    }
}

pub fn product_label(k: ProductKind, l: Locale) -> &'static str {
    match k {
        ProductKind::Caf => pick(l, "CAF (prestation de service CLAS)", "CAF (CLAS funding)"),
        ProductKind::Commune => pick(l, "Commune", "Town"),
        ProductKind::Departement => pick(l, "Département", "Département"),
        ProductKind::CityContract => pick(l, "Contrat de ville", "City contract"),
        ProductKind::Families => pick(l, "Participation des familles", "Families"),
        ProductKind::Other => pick(l, "Autres produits", "Other income"),
    }
}

pub fn column_label(c: Column, l: Locale) -> &'static str {
    match c {
        Column::Expected => pick(l, "Prévu", "Expected"),
        Column::Actual => pick(l, "Réalisé", "Actual"),
    }
}

pub fn setting_label(s: Setting, l: Locale) -> &'static str {
    match s {
        Setting::Urban => pick(l, "Urbain", "Urban"),
        Setting::Rural => pick(l, "Rural", "Rural"),
    }
}

pub fn education_plan_label(p: EducationPlan, l: Locale) -> &'static str {
    match p {
        EducationPlan::None => pick(l, "Aucun", "None"),
        EducationPlan::Pel => pick(
            l,
            "PEL (projet éducatif local)",
            "PEL (local education plan)",
        ),
        EducationPlan::Pedt => pick(
            l,
            "PEDT (projet éducatif de territoire)",
            "PEDT (territorial education plan)",
        ),
        EducationPlan::Both => pick(l, "PEL et PEDT", "PEL and PEDT"),
    }
}

pub fn premises_label(p: Premises, l: Locale) -> &'static str {
    match p {
        Premises::School => pick(l, "École ou collège", "School"),
        Premises::SocialCentre => pick(l, "Centre social", "Social centre"),
        Premises::Association => pick(l, "Local associatif", "Association's premises"),
        Premises::Municipal => pick(l, "Local municipal", "Town premises"),
        Premises::Library => pick(l, "Médiathèque ou bibliothèque", "Library"),
        Premises::Other => pick(l, "Autre", "Other"),
    }
}

pub fn fact_label(f: FactField, l: Locale) -> &'static str {
    match f {
        FactField::Commune => pick(l, "Commune", "Town"),
        FactField::Neighbourhood => pick(l, "Quartier", "Neighbourhood"),
        FactField::Setting => pick(l, "Milieu urbain ou rural", "Urban or rural"),
        FactField::PriorityArea => pick(
            l,
            "Quartier prioritaire (QPV)",
            "Priority neighbourhood (QPV)",
        ),
        FactField::EducationPlan => pick(l, "PEL ou PEDT", "PEL or PEDT"),
        FactField::Premises => pick(l, "Type de locaux", "Type of premises"),
    }
}

pub fn deadline_label(d: Deadline, l: Locale) -> &'static str {
    match d {
        Deadline::CallForProjects => {
            pick(l, "Dépôt du projet (appel à projets)", "Project submission")
        }
        Deadline::Bilan => pick(l, "Remise du bilan", "Bilan due"),
    }
}

/// What the dossier lacks, in a few words.
pub fn missing_label(m: Missing, l: Locale) -> String {
    match m {
        Missing::Fact(f) => format!(
            "{} : {}",
            pick(l, "à renseigner", "to fill in"),
            fact_label(f, l)
        ),
        Missing::Budget(Column::Expected) => {
            pick(l, "le budget prévisionnel", "the budget forecast").into()
        }
        Missing::Budget(Column::Actual) => pick(l, "le budget réalisé", "the actual budget").into(),
        Missing::Axis(a) => format!(
            "{} « {} »",
            pick(l, "aucune action sur l'axe", "no action on the axis"),
            axis_label(a, l)
        ),
    }
}

/// A budget amount's refusal (`personnel_prevu`), named by its line and
/// column; `None` for any other field.
pub fn amount_problem(
    field: &str,
    problem: crate::error::FieldProblem,
    l: Locale,
) -> Option<String> {
    let (kind, column) = field.rsplit_once('_')?;
    let column = Column::parse(column)?;
    let line = match (ChargeKind::parse(kind), ProductKind::parse(kind)) {
        (Some(c), _) => charge_label(c, l),
        (_, Some(p)) => product_label(p, l),
        _ => return None,
    };
    let why = match problem {
        crate::error::FieldProblem::TooLong => {
            pick(l, "dépasse 10 000 000 €", "is over 10,000,000 €")
        }
        _ => pick(
            l,
            "n'est pas un montant en euros ; écrivez par exemple 1 234,56",
            "is not an amount in euros; write for example 1234.56",
        ),
    };
    Some(format!(
        "{line} ({}){} {why}.",
        column_label(column, l).to_lowercase(),
        pick(l, " :", ":")
    ))
}
