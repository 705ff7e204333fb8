//! The dossier as a PDF, written by the server with `pdf-writer`: A4 pages
//! in the PDF's own Helvetica (no font to embed: every reader has it), text
//! in Windows-1252 (`WinAnsiEncoding`, which holds French: é, ç, œ, « », €),
//! tables with their numbers aligned on the right, bar charts drawn as
//! rectangles, and each page numbered. Server only.

use crate::reports::dossier::document::{Bars, Block, Cell, Document, Table};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = 60.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
/// The structure's blue, and a light grey for rules and tracks.
const ACCENT: (f32, f32, f32) = (0.118, 0.353, 0.561);
const LIGHT: (f32, f32, f32) = (0.88, 0.9, 0.93);
const TEXT: (f32, f32, f32) = (0.1, 0.12, 0.15);

/// Helvetica's widths (thousandths of the size) for ASCII 32 to 126, from
/// its metrics (AFM); letters with accents take their base letter's.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' ' to '/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // digits
    278, 278, 584, 584, 584, 556, 1015, // ':' to '@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
    278, 278, 278, 469, 556, 333, // '[' to '`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
    334, 260, 334, 584, // '{' to '~'
];

/// A character as Windows-1252 (the PDF's `WinAnsiEncoding`): the narrow
/// no-break space French formats use becomes a no-break space, the minus
/// sign a hyphen, anything else outside it a question mark.
fn winansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '\u{202f}' | '\u{2009}' | '\u{2007}' => 0xa0,
        '\u{2212}' | '\u{2010}' | '\u{2011}' => b'-',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        '\n' | '\t' => b' ',
        _ => b'?',
    }
}

fn encode(text: &str) -> Vec<u8> {
    text.chars().map(winansi).collect()
}

/// The width of one Windows-1252 byte, in thousandths of the size.
fn glyph(b: u8) -> u16 {
    let base = match b {
        32..=126 => return HELVETICA[(b - 32) as usize],
        0xa0 => b' ',
        0xc0..=0xc5 => b'A',
        0xc7 => b'C',
        0xc8..=0xcb => b'E',
        0xcc..=0xcf => b'I',
        0xd1 => b'N',
        0xd2..=0xd6 | 0xd8 => b'O',
        0xd9..=0xdc => b'U',
        0xe0..=0xe5 => b'a',
        0xe7 => b'c',
        0xe8..=0xeb => b'e',
        0xec..=0xef => b'i',
        0xf1 => b'n',
        0xf2..=0xf6 | 0xf8 => b'o',
        0xf9..=0xfc => b'u',
        0xfd | 0xff => b'y',
        0x8c | 0xc6 => return 1000,
        0x9c | 0xe6 => return 944,
        0x97 => return 1000,
        0x92 | 0x91 => return 222,
        _ => return 556,
    };
    HELVETICA[(base - 32) as usize]
}

/// The width of `text` at `size` points (bold is a little wider).
fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = encode(text).into_iter().map(|b| glyph(b) as u32).sum();
    units as f32 * size / 1000.0 * if bold { 1.06 } else { 1.0 }
}

/// `text` cut to `width`, with an ellipsis when it was longer.
fn fit(text: &str, width: f32, size: f32, bold: bool) -> String {
    if text_width(text, size, bold) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&format!("{out}{c}…"), size, bold) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` broken into lines of at most `width` (at spaces).
fn wrap(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| fit(&l, width, size, bold))
        .collect()
}

/// The pages being written, and where the next line goes.
struct Writer {
    pages: Vec<Content>,
    page: Content,
    y: f32,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            pages: Vec::new(),
            page: Content::new(),
            y: HEIGHT - MARGIN,
        }
    }

    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let (r, g, b) = TEXT;
        self.page.set_fill_rgb(r, g, b);
        self.page.begin_text();
        self.page.set_font(if bold { BOLD } else { REGULAR }, size);
        self.page.next_line(x, y);
        self.page.show(Str(&encode(text)));
        self.page.end_text();
    }

    fn right(&mut self, right: f32, y: f32, text: &str, size: f32, bold: bool) {
        let w = text_width(text, size, bold);
        self.text(right - w, y, text, size, bold);
    }

    fn fill(&mut self, (r, g, b): (f32, f32, f32), x: f32, y: f32, w: f32, h: f32) {
        self.page.set_fill_rgb(r, g, b);
        self.page.rect(x, y, w, h);
        self.page.fill_nonzero();
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = HEIGHT - MARGIN;
    }

    /// Goes to a new page unless `height` fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        for line in wrap(text, WIDTH - 2.0 * MARGIN, size, bold) {
            self.room(size * 1.45);
            self.y -= size * 1.45;
            self.text(MARGIN, self.y, &line, size, bold);
        }
    }

    fn section(&mut self, title: &str) {
        self.room(60.0);
        self.y -= 26.0;
        self.text(MARGIN, self.y, title, 15.0, true);
        self.y -= 6.0;
        self.fill(ACCENT, MARGIN, self.y, WIDTH - 2.0 * MARGIN, 1.5);
        self.y -= 4.0;
    }

    fn heading(&mut self, title: &str) {
        self.room(40.0);
        self.y -= 20.0;
        self.text(MARGIN, self.y, title, 11.5, true);
        self.y -= 2.0;
    }

    fn lines(&mut self, lines: &[(String, String)]) {
        let label_width = lines
            .iter()
            .map(|(label, _)| text_width(label, 10.0, true) + 14.0)
            .fold(120.0, f32::max)
            .min(250.0);
        for (label, value) in lines {
            let wrapped = wrap(value, WIDTH - 2.0 * MARGIN - label_width, 10.0, false);
            self.room(14.0 * wrapped.len() as f32);
            self.y -= 14.0;
            self.text(
                MARGIN,
                self.y,
                &fit(label, label_width - 8.0, 10.0, true),
                10.0,
                true,
            );
            for (i, l) in wrapped.iter().enumerate() {
                if i > 0 {
                    self.y -= 14.0;
                }
                self.text(MARGIN + label_width, self.y, l, 10.0, false);
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let size = 9.5;
        let columns = table.header.len();
        let cells = |c: usize| {
            std::iter::once(text_width(&table.header[c], size, true)).chain(
                table
                    .rows
                    .iter()
                    .filter_map(move |r| r.get(c))
                    .map(move |cell| text_width(&cell.display(), size, false)),
            )
        };
        let numeric: Vec<bool> = (0..columns)
            .map(|c| {
                c > 0
                    && table
                        .rows
                        .iter()
                        .all(|r| r.get(c).is_none_or(Cell::is_number))
            })
            .collect();
        // Bold (headers, totals) is up to 6 % wider than the regular widths.
        let natural: Vec<f32> = (0..columns)
            .map(|c| cells(c).fold(0.0, f32::max) * 1.07 + 12.0)
            .collect();
        let available = WIDTH - 2.0 * MARGIN;
        let fixed: f32 = (0..columns)
            .filter(|c| numeric[*c])
            .map(|c| natural[c])
            .sum();
        let text_natural: f32 = (0..columns)
            .filter(|c| !numeric[*c])
            .map(|c| natural[c])
            .sum();
        // Text columns share what the numbers leave: every table is as wide
        // as the page, its numbers on the right edge.
        let share = (available - fixed) / text_natural.max(1.0);
        let widths: Vec<f32> = (0..columns)
            .map(|c| {
                if numeric[c] {
                    natural[c]
                } else {
                    natural[c] * share
                }
            })
            .collect();
        let row_height = 15.0;
        let header = |w: &mut Writer| {
            w.room(row_height * 2.0);
            w.y -= row_height;
            w.fill(LIGHT, MARGIN, w.y - 4.0, available, row_height);
            let mut x = MARGIN;
            for (c, title) in table.header.iter().enumerate() {
                if numeric[c] {
                    w.right(x + widths[c] - 4.0, w.y, title, size, true);
                } else {
                    w.text(
                        x + 4.0,
                        w.y,
                        &fit(title, widths[c] - 8.0, size, true),
                        size,
                        true,
                    );
                }
                x += widths[c];
            }
        };
        header(self);
        for (i, row) in table.rows.iter().enumerate() {
            let total = table.total && i + 1 == table.rows.len();
            if self.y - row_height < BOTTOM {
                self.new_page();
                header(self);
            }
            self.y -= row_height;
            if total {
                self.fill(TEXT, MARGIN, self.y + row_height - 4.0, available, 0.8);
            } else {
                self.fill(LIGHT, MARGIN, self.y - 4.0, available, 0.5);
            }
            let mut x = MARGIN;
            for (c, cell) in row.iter().enumerate().take(columns) {
                let text = cell.display();
                if numeric[c] {
                    self.right(x + widths[c] - 4.0, self.y, &text, size, total);
                } else {
                    self.text(
                        x + 4.0,
                        self.y,
                        &fit(&text, widths[c] - 8.0, size, total),
                        size,
                        total,
                    );
                }
                x += widths[c];
            }
        }
        self.y -= 6.0;
    }

    fn bars(&mut self, bars: &Bars) {
        let (label_width, track) = (150.0, 260.0);
        self.paragraph(&bars.caption, 9.5, false);
        for (label, value) in &bars.bars {
            self.room(16.0);
            self.y -= 16.0;
            self.text(
                MARGIN,
                self.y,
                &fit(label, label_width - 8.0, 9.5, false),
                9.5,
                false,
            );
            let x = MARGIN + label_width;
            self.fill(LIGHT, x, self.y - 2.0, track, 10.0);
            if let Some(p) = value {
                self.fill(
                    ACCENT,
                    x,
                    self.y - 2.0,
                    track * (*p).min(100) as f32 / 100.0,
                    10.0,
                );
            }
            let text = value.map_or("—".to_string(), |p| format!("{p} %"));
            self.text(x + track + 8.0, self.y, &text, 9.5, true);
        }
        self.y -= 6.0;
    }

    fn footer(page: &mut Content, title: &str, n: usize, of: usize) {
        let text = format!("Passerelle · {title} · page {n} sur {of}");
        let size = 8.0;
        page.set_fill_rgb(0.35, 0.38, 0.42);
        page.begin_text();
        page.set_font(REGULAR, size);
        page.next_line(WIDTH - MARGIN - text_width(&text, size, false), 30.0);
        page.show(Str(&encode(&text)));
        page.end_text();
    }
}

/// The document as PDF bytes.
pub fn pdf(doc: &Document) -> Vec<u8> {
    let mut w = Writer::new();
    w.y -= 22.0;
    w.text(MARGIN, w.y, &doc.title, 20.0, true);
    w.y -= 18.0;
    w.text(MARGIN, w.y, &doc.subtitle, 12.0, false);
    for section in &doc.sections {
        w.section(&section.title);
        for block in &section.blocks {
            match block {
                Block::Heading(h) => w.heading(h),
                Block::Text(t) => w.paragraph(t, 10.0, false),
                Block::Lines(lines) => w.lines(lines),
                Block::Table(t) => w.table(t),
                Block::Bars(b) => w.bars(b),
            }
        }
    }
    let last = std::mem::replace(&mut w.page, Content::new());
    w.pages.push(last);

    let mut pdf = Pdf::new();
    let (catalog, tree, regular, bold, info) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    let count = w.pages.len();
    let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(10 + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(count as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(&format!("{} · {}", doc.title, doc.subtitle)))
        .creator(TextStr("Passerelle"));
    for (i, mut content) in w.pages.into_iter().enumerate() {
        Writer::footer(&mut content, &doc.title, i + 1, count);
        let (page_id, content_id) = (page_ids[i], Ref::new(11 + 2 * i as i32));
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_is_written_in_windows_1252() {
        assert_eq!(encode("é€œ«»"), [0xe9, 0x80, 0x9c, 0xab, 0xbb]);
        assert_eq!(encode("1\u{202f}234,56\u{a0}€"), b"1\xa0234,56\xa0\x80");
        assert_eq!(encode("−5 ☃"), b"-5 ?");
    }

    #[test]
    fn widths_wrap_and_fit() {
        // Digits are all 556: twelve at 10 pt are 66,72 pt.
        assert!((text_width("123456789012", 10.0, false) - 66.72).abs() < 0.01);
        assert_eq!(text_width("é", 10.0, false), text_width("e", 10.0, false));
        let lines = wrap(
            "Aide aux devoirs et activités culturelles",
            80.0,
            10.0,
            false,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 80.0));
        let cut = fit("Une très longue ligne de tableau", 60.0, 10.0, false);
        assert!(cut.ends_with('…') && text_width(&cut, 10.0, false) <= 60.0);
    }

    #[test]
    fn a_long_document_breaks_into_numbered_pages() {
        let rows = (0..200)
            .map(|i| {
                vec![
                    Cell::Text(format!("Ligne {i}")),
                    Cell::Euros(crate::domain::dossier::Cents(i)),
                ]
            })
            .collect();
        let doc = Document {
            title: "Bilan CLAS 2026-2027".into(),
            subtitle: "Centre social".into(),
            sections: vec![crate::reports::dossier::document::Section {
                title: "Budget".into(),
                sheet: "Budget",
                blocks: vec![Block::Table(Table {
                    header: vec!["Poste".into(), "Montant".into()],
                    rows,
                    total: true,
                })],
            }],
        };
        let bytes = pdf(&doc);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        let count: usize = text
            .split("/Count ")
            .nth(1)
            .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        // 200 rows of 15 pt, and a header again on each page.
        assert!((4..=6).contains(&count), "{count} pages");
    }
}
