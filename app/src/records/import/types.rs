//! What the children's import reads, says and writes: the columns of the
//! template (in French, as a coordinator's spreadsheet has them), the
//! preview of every line (created, updated, left as it is, or refused with
//! each problem and its column), and the two ways of committing it.

use crate::domain::{ChildId, Finding};
use crate::error::FieldProblem;
pub use crate::error::SheetProblem;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// One column of the template: its heading, the enrolment form's field it
/// fills, whether a file must have it, and an example value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub heading: &'static str,
    pub field: &'static str,
    pub required: bool,
    pub example: &'static str,
}

const fn column(heading: &'static str, field: &'static str, example: &'static str) -> Column {
    Column {
        heading,
        field,
        required: false,
        example,
    }
}

const fn required(heading: &'static str, field: &'static str, example: &'static str) -> Column {
    Column {
        heading,
        field,
        required: true,
        example,
    }
}

/// The template's columns, in its order. A file may order them otherwise,
/// leave out those not required, and write headings without accents or
/// capitals.
pub const COLUMNS: &[Column] = &[
    required("Prénom", "child_first_name", "Léa"),
    required("Nom", "child_last_name", "Martin"),
    required("Date de naissance", "birth_date", "02/04/2017"),
    required("Sexe", "sex", "F"),
    required("Classe", "level", "CE2"),
    column("École", "school", "École Jules Ferry"),
    required("Groupe", "group", "CP-CE2"),
    column("Quartier prioritaire", "priority_area", "oui"),
    column("Orienté par", "referral_source", "enseignant"),
    column("Date d'orientation", "referral_date", "15/09/2026"),
    column("Besoin", "referral_need", "Lecture"),
    required("Responsable 1 prénom", "guardian1_first_name", "Claire"),
    required("Responsable 1 nom", "guardian1_last_name", "Martin"),
    column(
        "Responsable 1 téléphone",
        "guardian1_phone",
        "06 12 34 56 78",
    ),
    column(
        "Responsable 1 courriel",
        "guardian1_email",
        "claire.martin@exemple.fr",
    ),
    column("Responsable 2 prénom", "guardian2_first_name", ""),
    column("Responsable 2 nom", "guardian2_last_name", ""),
    column("Responsable 2 téléphone", "guardian2_phone", ""),
    column("Responsable 2 courriel", "guardian2_email", ""),
    column("Accord donné par", "consent_by", "1"),
    column("Date de l'accord", "consent_date", "20/09/2026"),
    column("Forme de l'accord", "consent_method", "papier"),
    column("Peut partir seul", "may_leave_alone", "non"),
    column("Droit à l'image", "photo_consent", "oui"),
];

/// The column that holds `field`.
pub fn column_of(field: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.field == field)
}

/// The template the page offers: the headings and one example line, `;`
/// separated, as French spreadsheets open it.
pub fn template() -> String {
    let line = |f: fn(&Column) -> &str| {
        COLUMNS
            .iter()
            .map(|c| {
                let v = f(c);
                if v.contains(';') || v.contains('"') {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(";")
    };
    // A byte-order mark: Excel then reads the accents as UTF-8.
    format!(
        "\u{feff}{}\r\n{}\r\n",
        line(|c| c.heading),
        line(|c| c.example)
    )
}

/// The file as the page sends it: its bytes in base64 (URL-safe, no
/// padding), so that a workbook crosses a form's encoding intact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFile {
    pub name: String,
    pub content: String,
}

/// One problem of a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportProblem {
    /// A value the enrolment form would refuse, with the form's field.
    Field {
        field: String,
        problem: FieldProblem,
        /// The cell as the file gives it.
        value: String,
    },
    /// No group of the current school year has this name.
    UnknownGroup(String),
    /// No school of the structure has this name.
    UnknownSchool(String),
    /// The same child (name and birth date) on an earlier line.
    Duplicate { first_line: u64 },
    /// A CLAS rule of enrolment refuses it (NO_REFERRAL, NO_CONSENT,
    /// GROUP_OVER_MAX), as the form's.
    Rule(Finding),
}

impl ImportProblem {
    /// The column's heading, when the problem is one cell's.
    pub fn column(&self) -> Option<&'static str> {
        let field = match self {
            ImportProblem::Field { field, .. } => field.as_str(),
            ImportProblem::UnknownGroup(_) => "group",
            ImportProblem::UnknownSchool(_) => "school",
            ImportProblem::Duplicate { .. } | ImportProblem::Rule(_) => return None,
        };
        column_of(field).map(|c| c.heading)
    }

    /// What is wrong, in words, starting with the column's heading when
    /// the problem is one cell's.
    pub fn message(&self, l: Locale) -> String {
        let heading = self.column().unwrap_or_default();
        match self {
            ImportProblem::Field {
                field,
                problem,
                value,
            } => match (expected(field, *problem), value.trim(), l) {
                (Some(what), value, Locale::Fr) if !value.is_empty() => {
                    format!("{heading} : « {value} » ne se lit pas (attendu : {what}).")
                }
                (Some(what), value, Locale::En) if !value.is_empty() => {
                    format!("{heading}: \"{value}\" cannot be read (expected: {what}).")
                }
                _ => crate::i18n::error_message(
                    &crate::error::AppError::invalid(field, *problem),
                    l,
                ),
            },
            ImportProblem::UnknownGroup(name) => match l {
                Locale::Fr | Locale::Ar => {
                    format!("{heading} : aucun groupe de l'année ne s'appelle « {name} ».")
                }
                Locale::En => format!("{heading}: no group of the year is called \"{name}\"."),
            },
            ImportProblem::UnknownSchool(name) => match l {
                Locale::Fr | Locale::Ar => format!(
                    "{heading} : aucune école de la structure ne s'appelle « {name} » (ajoutez-la dans « Structure »)."
                ),
                Locale::En => format!(
                    "{heading}: no school of the structure is called \"{name}\" (add it in Settings)."
                ),
            },
            ImportProblem::Duplicate { first_line } => match l {
                Locale::Fr | Locale::Ar => format!("le même enfant est déjà à la ligne {first_line}."),
                Locale::En => format!("the same child is already on line {first_line}."),
            },
            ImportProblem::Rule(finding) => crate::i18n::finding_message(finding, l),
        }
    }
}

/// What a cell that was given but not understood should hold.
fn expected(field: &str, problem: FieldProblem) -> Option<&'static str> {
    use FieldProblem::*;
    Some(match (field, problem) {
        ("birth_date" | "referral_date" | "consent_date", Malformed) => "une date, 02/04/2017",
        ("sex", _) => "F ou M",
        ("level", _) => "CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e, 3e, 2de, 1re ou Terminale",
        ("referral_source", _) => "enseignant, famille, travailleur social, PRE, jeune ou autre",
        ("consent_by", _) => "1 ou 2, le responsable qui a donné son accord",
        ("consent_method", _) => "papier, en ligne ou oral",
        ("priority_area" | "may_leave_alone" | "photo_consent", _) => "oui ou non",
        _ => return None,
    })
}

/// What committing does with a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// A new child, enrolled in the group.
    Create,
    /// A child already here (same name and birth date): these columns change.
    Update {
        child: ChildId,
        changes: Vec<String>,
    },
    /// A child already here, exactly as the line says.
    Unchanged { child: ChildId },
    /// Not written: the problems say why.
    Refused,
}

/// One line of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLine {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// « Prénom Nom » as the line gives it.
    pub child: String,
    pub outcome: Outcome,
    pub problems: Vec<ImportProblem>,
}

/// The whole preview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub lines: Vec<PreviewLine>,
    /// Headings of the file that the import does not read.
    pub ignored_columns: Vec<String>,
}

impl Preview {
    /// (created, updated, unchanged, refused).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut counts = (0, 0, 0, 0);
        for line in &self.lines {
            match line.outcome {
                Outcome::Create => counts.0 += 1,
                Outcome::Update { .. } => counts.1 += 1,
                Outcome::Unchanged { .. } => counts.2 += 1,
                Outcome::Refused => counts.3 += 1,
            }
        }
        counts
    }
}

/// How to commit a file with refused lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Every valid line; the refused ones are left out.
    #[default]
    ValidLines,
    /// Everything or nothing: one refused line and nothing is written.
    AllOrNothing,
}

impl Mode {
    pub fn parse(code: &str) -> Option<Mode> {
        match code {
            "valid" => Some(Mode::ValidLines),
            "all" => Some(Mode::AllOrNothing),
            _ => None,
        }
    }
}

/// What a commit wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// False when « tout ou rien » met a refused line: nothing was written.
    pub written: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
}

/// A file's problem, in words.
pub fn file_message(p: &SheetProblem, l: Locale) -> String {
    let mb = super::MAX_FILE_MB;
    match (p, l) {
        (SheetProblem::Empty, Locale::Fr | Locale::Ar) => "Le fichier est vide.".into(),
        (SheetProblem::Empty, Locale::En) => "The file is empty.".into(),
        (SheetProblem::TooLarge, Locale::Fr | Locale::Ar) => {
            format!("Le fichier est trop gros : {mb} Mo au plus (un millier d'enfants tient en 200 Ko).")
        }
        (SheetProblem::TooLarge, Locale::En) => {
            format!("The file is too large: {mb} MB at most (a thousand children fit in 200 KB).")
        }
        (SheetProblem::TooManyLines, Locale::Fr | Locale::Ar) => {
            "Le fichier a trop de lignes : 5 000 enfants au plus par import.".into()
        }
        (SheetProblem::TooManyLines, Locale::En) => {
            "The file has too many lines: 5,000 children at most per import.".into()
        }
        (SheetProblem::Unreadable, Locale::Fr | Locale::Ar) => "Ce fichier ne se lit pas comme un tableau : enregistrez-le au format CSV, XLSX ou ODS depuis votre tableur.".into(),
        (SheetProblem::Unreadable, Locale::En) => "This file cannot be read as a table: save it as CSV, XLSX or ODS from your spreadsheet.".into(),
        (SheetProblem::MissingColumns(c), Locale::Fr | Locale::Ar) => format!(
            "La première ligne doit nommer les colonnes ; il manque : {}. Partez du modèle à télécharger.",
            c.join(", ")
        ),
        (SheetProblem::MissingColumns(c), Locale::En) => format!(
            "The first line must name the columns; missing: {}. Start from the template.",
            c.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_fills_a_field_once_and_the_template_has_them_all() {
        let mut fields: Vec<&str> = COLUMNS.iter().map(|c| c.field).collect();
        fields.sort();
        fields.dedup();
        assert_eq!(fields.len(), COLUMNS.len());
        let template = template();
        let mut lines = template.lines();
        assert_eq!(lines.next().unwrap().split(';').count(), COLUMNS.len());
        assert_eq!(lines.next().unwrap().split(';').count(), COLUMNS.len());
    }
}
