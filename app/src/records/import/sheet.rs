//! A spreadsheet's first sheet as lines of text cells (server only): CSV
//! as French spreadsheets save it (`;` or `,`, UTF-8 with or without a
//! byte-order mark, or Windows-1252), or an XLSX, XLS or ODS workbook read
//! by `calamine`. Dates in a workbook become `JJ/MM/AAAA`, as a person
//! would have typed them; numbers lose a `.0` they never had on screen.

use crate::records::import::types::SheetProblem;
use calamine::{Data, DataType, Reader};

/// The largest file read: a thousand children are about 150 KB of CSV or
/// 60 KB of XLSX.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// The most lines read (the header aside).
pub const MAX_LINES: usize = 5_000;

/// A sheet: its header and its lines, each with its line number in the
/// file (the header is line 1), empty lines left out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub header: Vec<String>,
    pub lines: Vec<(u64, Vec<String>)>,
}

/// Reads `bytes` as a workbook (a ZIP or an OLE file) or as CSV text.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(SheetProblem::TooLarge);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetProblem::Empty);
    }
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    let rows = if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        workbook(bytes)?
    } else {
        csv_rows(&text(bytes)?)?
    };
    sheet(rows)
}

/// The text of a CSV file: UTF-8, else Windows-1252 (what Excel saves as
/// « CSV (séparateur : point-virgule) »). Binary data is no CSV.
fn text(bytes: &[u8]) -> Result<String, SheetProblem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    // Why: Windows-1252 decodes any byte, so garbage "reads"; a real CSV
    // has no control characters, a binary file is full of them.
    if control > 0 {
        return Err(SheetProblem::Unreadable);
    }
    Ok(text)
}

/// `;` when the first lines (a title may come before the header) hold
/// more of them than of `,`.
fn delimiter(text: &str) -> u8 {
    let first: String = text.lines().take(6).collect();
    if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, SheetProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| SheetProblem::Unreadable)?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
        if rows.len() > MAX_LINES + 1 {
            return Err(SheetProblem::TooManyLines);
        }
    }
    Ok(rows)
}

fn workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetProblem> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| SheetProblem::Unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(SheetProblem::Empty)?
        .map_err(|_| SheetProblem::Unreadable)?;
    if range.height() > MAX_LINES + 1 {
        return Err(SheetProblem::TooManyLines);
    }
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell).collect())
        .collect())
}

/// A workbook cell as the person saw it.
fn cell(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "oui".into(),
        Data::Bool(false) => "non".into(),
        Data::DateTime(_) | Data::DateTimeIso(_) => data
            .as_date()
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// The first non-empty row is the header; empty rows are skipped.
fn sheet(rows: Vec<Vec<String>>) -> Result<Sheet, SheetProblem> {
    let mut numbered = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| (i as u64 + 1, row))
        .filter(|(_, row)| row.iter().any(|c| !c.is_empty()));
    let (_, header) = numbered.next().ok_or(SheetProblem::Empty)?;
    Ok(Sheet {
        header,
        lines: numbered.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_in_windows_1252_is_read() {
        let bytes = b"Pr\xe9nom;Nom\r\nL\xe9a;Martin\r\n;\r\nZo\xe9;\"Dupont; fils\"\r\n";
        let sheet = read(bytes).unwrap();
        assert_eq!(sheet.header, vec!["Prénom", "Nom"]);
        assert_eq!(
            sheet.lines,
            vec![
                (2, vec!["Léa".to_string(), "Martin".to_string()]),
                (4, vec!["Zoé".to_string(), "Dupont; fils".to_string()]),
            ]
        );
    }

    #[test]
    fn csv_with_commas_and_a_byte_order_mark_is_read() {
        let sheet = read("\u{feff}Prénom,Nom\nLéa,Martin\n".as_bytes()).unwrap();
        assert_eq!(sheet.header, vec!["Prénom", "Nom"]);
        assert_eq!(sheet.lines.len(), 1);
    }

    #[test]
    fn garbage_and_emptiness_are_refused() {
        let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(read(&garbage), Err(SheetProblem::Unreadable));
        assert_eq!(read(b"PK\x03\x04garbage"), Err(SheetProblem::Unreadable));
        assert_eq!(read(b"  \n "), Err(SheetProblem::Empty));
        assert_eq!(
            read(&vec![b'a'; MAX_FILE_BYTES + 1]),
            Err(SheetProblem::TooLarge)
        );
        let many = "a;b\n".repeat(MAX_LINES + 2);
        assert_eq!(read(many.as_bytes()), Err(SheetProblem::TooManyLines));
    }
}
