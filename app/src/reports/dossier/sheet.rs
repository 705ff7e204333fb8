//! The dossier as a spreadsheet (XLSX, written with `rust_xlsxwriter`): a
//! tab per section of the document, the numbers as numbers with their
//! formats (euros with cents, percents, hours), which a French spreadsheet
//! shows as « 1 234,56 € ». Server only.

use crate::reports::dossier::document::{Block, Cell, Document};
use crate::reports::figures::Value;
use rust_xlsxwriter::{Color, DocProperties, Format, Workbook, Worksheet, XlsxError};

struct Formats {
    title: Format,
    heading: Format,
    header: Format,
    bold: Format,
    euros: Format,
    euros_bold: Format,
    count: Format,
    percent: Format,
    hours: Format,
    hundredths: Format,
}

impl Formats {
    fn new() -> Formats {
        let euros = "#,##0.00\\ \"€\"";
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE1E6ED)),
            bold: Format::new().set_bold(),
            euros: Format::new().set_num_format(euros),
            euros_bold: Format::new().set_num_format(euros).set_bold(),
            count: Format::new().set_num_format("#,##0"),
            percent: Format::new().set_num_format("0\\ \"%\""),
            hours: Format::new().set_num_format("#,##0.0\\ \"h\""),
            hundredths: Format::new().set_num_format("0.0"),
        }
    }
}

fn cell(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    cell: &Cell,
    bold: bool,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) if bold => {
            sheet.write_string_with_format(row, col, t, &f.bold)?;
        }
        Cell::Text(t) => {
            sheet.write_string(row, col, t)?;
        }
        Cell::Euros(c) => {
            // Why: a spreadsheet's numbers are doubles; cents over 100 is
            // the nearest one to the exact amount, shown to the cent.
            let format = if bold { &f.euros_bold } else { &f.euros };
            sheet.write_number_with_format(row, col, c.0 as f64 / 100.0, format)?;
        }
        Cell::Value(v) => match v {
            Value::Count(n) => {
                sheet.write_number_with_format(row, col, *n, &f.count)?;
            }
            Value::Percent(Some(p)) => {
                sheet.write_number_with_format(row, col, *p, &f.percent)?;
            }
            Value::Hours(m) => {
                sheet.write_number_with_format(row, col, *m as f64 / 60.0, &f.hours)?;
            }
            Value::Hundredths(Some(h)) => {
                sheet.write_number_with_format(row, col, *h as f64 / 100.0, &f.hundredths)?;
            }
            Value::Percent(None) | Value::Hundredths(None) => {
                sheet.write_string(row, col, "")?;
            }
        },
    }
    Ok(())
}

/// The document as an XLSX workbook's bytes.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{} · {}", doc.title, doc.subtitle))
            .set_author("Passerelle"),
    );
    for section in &doc.sections {
        let sheet = book.add_worksheet();
        sheet.set_name(section.sheet)?;
        sheet.set_column_width(0, 48)?;
        for c in 1..5 {
            sheet.set_column_width(c, 18)?;
        }
        let mut row: u32 = 0;
        sheet.write_string_with_format(
            row,
            0,
            format!("{} · {}", doc.title, doc.subtitle),
            &f.title,
        )?;
        row += 1;
        sheet.write_string_with_format(row, 0, &section.title, &f.heading)?;
        row += 2;
        for block in &section.blocks {
            match block {
                Block::Heading(h) => {
                    row += 1;
                    sheet.write_string_with_format(row, 0, h, &f.heading)?;
                    row += 1;
                }
                Block::Text(t) => {
                    sheet.write_string(row, 0, t)?;
                    row += 1;
                }
                Block::Lines(lines) => {
                    for (label, value) in lines {
                        sheet.write_string_with_format(row, 0, label, &f.bold)?;
                        sheet.write_string(row, 1, value)?;
                        row += 1;
                    }
                }
                Block::Table(table) => {
                    for (c, title) in table.header.iter().enumerate() {
                        sheet.write_string_with_format(row, c as u16, title, &f.header)?;
                    }
                    row += 1;
                    for (i, cells) in table.rows.iter().enumerate() {
                        let total = table.total && i + 1 == table.rows.len();
                        for (c, value) in cells.iter().enumerate() {
                            cell(sheet, &f, row, c as u16, value, total)?;
                        }
                        row += 1;
                    }
                    row += 1;
                }
                Block::Bars(bars) => {
                    sheet.write_string_with_format(row, 0, &bars.caption, &f.bold)?;
                    row += 1;
                    for (label, value) in &bars.bars {
                        sheet.write_string(row, 0, label)?;
                        cell(
                            sheet,
                            &f,
                            row,
                            1,
                            &Cell::Value(Value::Percent(*value)),
                            false,
                        )?;
                        row += 1;
                    }
                    row += 1;
                }
            }
        }
    }
    book.save_to_buffer()
}
