//! The report as a CSV file the way French spreadsheets open it: UTF-8 with
//! a byte-order mark, `;` between fields, French headers, decimal commas.
//! Written with the `csv` crate, which quotes whatever needs quoting.

use crate::reports::figures::Row;

pub const HEADERS: [&str; 4] = ["Rubrique", "Indicateur", "Valeur", "Unité"];

/// The file: a few lines saying what it is about (`about`: label, text),
/// then one line per figure.
pub fn write(about: &[(&str, String)], rows: &[Row]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Why: writing to a Vec cannot fail; a failure would only lose a line.
    let _ = w.write_record(HEADERS);
    for (label, text) in about {
        let _ = w.write_record(["Bilan", label, text, ""]);
    }
    for r in rows {
        let _ = w.write_record([r.section, &r.label, &r.value.cell(), r.value.unit()]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::figures::Value;

    #[test]
    fn french_spreadsheet_format() {
        let rows = [Row {
            section: "Séances",
            label: "Heures; en tout".into(),
            value: Value::Hours(90),
            children: None,
            page: None,
        }];
        let text = write(&[("Structure", "Le Phare".into())], &rows);
        assert!(text.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "Rubrique;Indicateur;Valeur;Unité");
        assert_eq!(lines[1], "Bilan;Structure;Le Phare;");
        assert_eq!(lines[2], "Séances;\"Heures; en tout\";1,5;heures");
    }
}
