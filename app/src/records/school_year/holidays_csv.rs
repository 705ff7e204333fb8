//! The school holidays, read from the national education ministry's open
//! data file (« Calendrier scolaire », data.education.gouv.fr), as the
//! portal exports it: `;`-separated CSV, UTF-8 with or without a BOM,
//! columns « Description », « Population », « Date de début »,
//! « Date de fin », « Zones », « annee_scolaire » (others ignored).
//!
//! The file holds every zone and every year: only the rows of the school
//! year's zone and label are kept, for pupils (`-` or `Élèves`, never
//! `Enseignants`). In the ministry's file a period starts on the first day
//! without school and ends on the day school starts again; the holiday kept
//! here ends the day before. A file with any bad line is refused as a whole,
//! with every bad line and why: nothing is imported half-way.

use crate::domain::calendar::Holiday;
pub use crate::error::{CsvProblem, LineProblem};
use chrono::{DateTime, Duration, NaiveDate};

/// The school year the holidays are imported into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetYear<'a> {
    /// As the ministry writes it: `2026-2027`.
    pub label: &'a str,
    /// The holiday zone: `A`, `B`, `C`, `Corse`, `Guadeloupe`…
    pub zone: &'a str,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

const DESCRIPTION: &str = "Description";
const POPULATION: &str = "Population";
const START: &str = "Date de début";
const END: &str = "Date de fin";
const ZONES: &str = "Zones";
const YEAR: &str = "annee_scolaire";

/// The holidays of `year` in `text`, in date order, or every problem found.
pub fn parse(text: &str, year: &TargetYear) -> Result<Vec<Holiday>, Vec<LineProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_line) = text.lines().next().filter(|l| !l.trim().is_empty()) else {
        return Err(vec![file_problem(CsvProblem::Empty)]);
    };
    // The portal exports `;`; a file saved again by a spreadsheet may use `,`.
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => return Err(vec![file_problem(CsvProblem::Unreadable)]),
    };
    let column = |name: &str| header.iter().position(|h| same_name(h, name));
    let mut missing = Vec::new();
    let mut index = |name: &str| {
        column(name).or_else(|| {
            missing.push(file_problem(CsvProblem::MissingColumn {
                column: name.to_string(),
            }));
            None
        })
    };
    let columns = (
        index(DESCRIPTION),
        index(START),
        index(END),
        index(ZONES),
        index(YEAR),
    );
    let population = column(POPULATION);
    let (Some(description), Some(start), Some(end), Some(zones), Some(label)) = columns else {
        return Err(missing);
    };

    let mut holidays = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or_default();
                problems.push(LineProblem {
                    line,
                    problem: CsvProblem::Unreadable,
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or_default();
        let field = |i: usize| record.get(i).unwrap_or_default().trim();
        if field(label) != year.label
            || !zone_matches(field(zones), year.zone)
            || population.is_some_and(|p| !for_pupils(field(p)))
        {
            continue;
        }
        let mut refuse = |problem| problems.push(LineProblem { line, problem });
        let name = field(description);
        if name.is_empty() {
            refuse(CsvProblem::MissingName);
            continue;
        }
        let first_day = match day(field(start)) {
            Some(d) => d,
            None => {
                refuse(bad_date(START, field(start)));
                continue;
            }
        };
        // The summer holidays have no end in the file: they run past the
        // end of the school year.
        let back_to_school = match field(end) {
            "" => None,
            value => match day(value) {
                Some(d) => Some(d),
                None => {
                    refuse(bad_date(END, value));
                    continue;
                }
            },
        };
        let last_day = match back_to_school {
            Some(d) if d < first_day => {
                refuse(CsvProblem::EndBeforeStart);
                continue;
            }
            // A one-day period (a bridge day) has the same start and end.
            Some(d) if d == first_day => d,
            Some(d) => d - Duration::days(1),
            None => year.last_day.max(first_day),
        };
        // Only what falls inside the school year matters to the planning.
        let first_day = first_day.max(year.first_day);
        let last_day = last_day.min(year.last_day);
        if first_day <= last_day {
            holidays.push(Holiday {
                name: name.to_string(),
                first_day,
                last_day,
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if holidays.is_empty() {
        return Err(vec![file_problem(CsvProblem::NothingForYear {
            zone: year.zone.to_string(),
            year: year.label.to_string(),
        })]);
    }
    holidays.sort_by_key(|h| h.first_day);
    // The file repeats a period once per académie of the zone.
    holidays.dedup();
    Ok(holidays)
}

fn file_problem(problem: CsvProblem) -> LineProblem {
    LineProblem { line: 0, problem }
}

fn bad_date(column: &str, value: &str) -> CsvProblem {
    CsvProblem::BadDate {
        column: column.to_string(),
        value: value.chars().take(40).collect(),
    }
}

/// Header names compared without case, accents or surrounding spaces
/// (« Date de debut » is « Date de début »).
fn same_name(found: &str, expected: &str) -> bool {
    fold(found) == fold(expected)
}

fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'É' | 'È' => 'e',
            'à' | 'â' => 'a',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `Zone C`, `C` or `Zones A, B, C` all name zone C.
fn zone_matches(field: &str, zone: &str) -> bool {
    let zone = fold(zone);
    let zone = zone.trim_start_matches("zone ").trim();
    fold(field)
        .trim_start_matches("zones ")
        .split([',', '/'])
        .map(|z| z.trim().trim_start_matches("zone ").trim().to_string())
        .any(|z| z == zone)
}

/// Rows for pupils: `-`, empty or `Élèves` (not `Enseignants`).
fn for_pupils(population: &str) -> bool {
    matches!(fold(population).as_str(), "" | "-" | "eleves")
}

/// A day from `2026-10-17`, `17/10/2026` or a timestamp such as
/// `2026-10-17T00:00:00+02:00`. A timestamp is read in its own offset,
/// except in UTC (`+00:00`, `Z`), where the ministry's midnight in Paris is
/// 22:00 or 23:00 the day before: it is moved to Paris summer time first.
fn day(value: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(value, "%d/%m/%Y") {
        return Some(d);
    }
    let at = DateTime::parse_from_rfc3339(value)
        .or_else(|_| DateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%z"))
        .ok()?;
    if at.offset().local_minus_utc() == 0 {
        Some((at.naive_utc() + Duration::hours(2)).date())
    } else {
        Some(at.date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn year() -> TargetYear<'static> {
        TargetYear {
            label: "2026-2027",
            zone: "C",
            first_day: d("2026-09-01"),
            last_day: d("2027-07-03"),
        }
    }

    const HEADER: &str =
        "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire";

    fn file(lines: &[&str]) -> String {
        format!("\u{feff}{HEADER}\n{}\n", lines.join("\n"))
    }

    #[test]
    fn keeps_the_zone_and_year_and_ends_the_day_before_school() {
        let text = file(&[
            "Vacances de la Toussaint;-;2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;Créteil;Zone C;2026-2027",
            "Vacances de la Toussaint;-;2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;Paris;Zone C;2026-2027",
            "Vacances de Noël;-;2026-12-19;2027-01-04;Lyon;Zone A;2026-2027",
            "Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Paris;Zone C;2026-2027",
            "Pré-rentrée;Enseignants;2026-08-31;2026-08-31;Paris;Zone C;2026-2027",
            "Vacances de Noël;-;2025-12-20;2026-01-05;Paris;Zone C;2025-2026",
            "Pont de l'Ascension;-;2027-05-06;2027-05-10;Paris;Zone C;2026-2027",
            "Vacances d'Été;-;2027-07-03;;Paris;Zone C;2026-2027",
        ]);
        let holidays = parse(&text, &year()).unwrap();
        let got: Vec<_> = holidays
            .iter()
            .map(|h| (h.name.as_str(), h.first_day, h.last_day))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Vacances de la Toussaint", d("2026-10-17"), d("2026-11-01")),
                ("Vacances de Noël", d("2026-12-19"), d("2027-01-03")),
                ("Pont de l'Ascension", d("2027-05-06"), d("2027-05-09")),
                ("Vacances d'Été", d("2027-07-03"), d("2027-07-03")),
            ]
        );
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number_and_nothing_is_kept() {
        let text = file(&[
            "Vacances de la Toussaint;-;2026-10-17;2026-11-02;Paris;Zone C;2026-2027",
            "Vacances de Noël;-;le 19 décembre;2027-01-04;Paris;Zone C;2026-2027",
            ";-;2027-02-06;2027-02-22;Paris;Zone C;2026-2027",
            "Vacances de Printemps;-;2027-04-24;2027-04-10;Paris;Zone C;2026-2027",
            "Ligne coupée;-;2027-05-06",
            "Vacances de Noël;-;n'importe quoi;2027-01-04;Lyon;Zone A;2026-2027",
        ]);
        let problems = parse(&text, &year()).unwrap_err();
        assert_eq!(
            problems,
            vec![
                LineProblem {
                    line: 3,
                    problem: CsvProblem::BadDate {
                        column: START.into(),
                        value: "le 19 décembre".into()
                    }
                },
                LineProblem {
                    line: 4,
                    problem: CsvProblem::MissingName
                },
                LineProblem {
                    line: 5,
                    problem: CsvProblem::EndBeforeStart
                },
                LineProblem {
                    line: 6,
                    problem: CsvProblem::Unreadable
                },
            ],
            "another zone's bad line (7) does not matter"
        );
    }

    #[test]
    fn a_file_without_the_columns_or_the_year_is_refused() {
        assert_eq!(
            parse("", &year()).unwrap_err(),
            vec![file_problem(CsvProblem::Empty)]
        );
        let problems = parse("Nom,Début\nNoël,2026-12-19\n", &year()).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems.iter().all(|p| p.line == 0));
        let other_year = file(&["Vacances de Noël;-;2025-12-20;2026-01-05;Paris;Zone C;2025-2026"]);
        assert_eq!(
            parse(&other_year, &year()).unwrap_err(),
            vec![file_problem(CsvProblem::NothingForYear {
                zone: "C".into(),
                year: "2026-2027".into()
            })]
        );
    }

    #[test]
    fn reads_commas_french_dates_and_unaccented_headers() {
        let text = "Description,Population,Date de debut,Date de fin,Zones,annee_scolaire\n\
                    \"Vacances d'Hiver, zone C\",Élèves,06/02/2027,22/02/2027,\"Zones A, C\",2026-2027\n";
        let holidays = parse(text, &year()).unwrap();
        assert_eq!(
            holidays,
            vec![Holiday {
                name: "Vacances d'Hiver, zone C".into(),
                first_day: d("2027-02-06"),
                last_day: d("2027-02-21"),
            }]
        );
    }
}
