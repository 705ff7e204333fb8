//! The children's import, called as the page calls it: a preview of every
//! line before anything is written, the commit of the valid lines or of
//! none, a re-import that changes nothing and an updated file that updates,
//! CSV in Windows-1252, XLSX and ODS, files refused whole, and who may.
//! Both databases.

use crate::common;

use base64::Engine;
use http::StatusCode;
use serde_json::Value;

const HEADER: &str = "Prénom;Nom;Date de naissance;Sexe;Classe;École;Groupe;Orienté par;Date d'orientation;Responsable 1 prénom;Responsable 1 nom;Responsable 1 téléphone;Accord donné par;Date de l'accord;Forme de l'accord";

/// A group of the demo with room for `n` more children.
async fn group_with_room(app: &common::TestApp, n: i64) -> String {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT g.name, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS n
         FROM groups g JOIN organisations o ON o.id = g.organisation_id
         JOIN users u ON u.organisation_id = o.id
         WHERE u.email = 'coordination@demo.test' ORDER BY n, g.name",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let (name, held) = rows.into_iter().next().expect("a group");
    assert!(held + n <= 15, "{name} holds {held}");
    name
}

fn line(first: &str, last: &str, group: &str, phone: &str) -> String {
    format!("{first};{last};02/04/2017;F;CE2;École élémentaire Jean Jaurès;{group};enseignant;15/09/2026;Claire;{last};{phone};1;20/09/2026;papier")
}

fn encoded(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn preview(app: &common::TestApp, cookie: &str, bytes: &[u8]) -> common::Answer {
    let content = encoded(bytes);
    app.call(
        "records/import-preview",
        Some(cookie),
        &[("file[name]", "enfants.csv"), ("file[content]", &content)],
    )
    .await
}

async fn commit(app: &common::TestApp, cookie: &str, bytes: &[u8], mode: &str) -> Value {
    let content = encoded(bytes);
    let answer = app
        .call(
            "records/import-commit",
            Some(cookie),
            &[
                ("file[name]", "enfants.csv"),
                ("file[content]", &content),
                ("mode", mode),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

/// Each line's outcome: `Create`, `Update`, `Unchanged` or `Refused`.
fn outcomes(answer: &common::Answer) -> Vec<String> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| match &l["outcome"] {
            Value::String(s) => s.clone(),
            Value::Object(o) => o.keys().next().unwrap().clone(),
            other => panic!("{other}"),
        })
        .collect()
}

/// Windows-1252, as Excel saves « CSV (séparateur : point-virgule) ».
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if (c as u32) < 0x100 => c as u32 as u8,
            '’' => 0x92,
            other => panic!("{other} is not in Windows-1252 here"),
        })
        .collect()
}

on_both!(
    a_file_is_previewed_then_written_and_imported_again_changes_nothing,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let group = group_with_room(&app, 3).await;
        let lines = [
            line("Élise", "Import-Aubert", &group, "06 10 20 30 40"),
            line("Noé", "Import-Brun", &group, ""),
            line("Inès", "Import-Caron", &group, ""),
        ];
        let file = windows_1252(&format!("{HEADER}\r\n{}\r\n", lines.join("\r\n")));

        // The preview writes nothing.
        let seen = preview(&app, &coordinator, &file).await;
        assert_eq!(outcomes(&seen), vec!["Create"; 3]);
        let named = "SELECT COUNT(*) FROM children WHERE last_name LIKE $1";
        assert_eq!(app.count(named, "Import-%").await, 0);

        let done = commit(&app, &coordinator, &file, "valid").await;
        assert_eq!(
            (done["written"].as_bool(), done["created"].as_i64()),
            (Some(true), Some(3))
        );
        assert_eq!(app.count(named, "Import-%").await, 3);
        // Enrolled as the form would: referral, consent, guardian, group.
        let elise = "SELECT COUNT(*) FROM children c JOIN referrals r ON r.child_id = c.id
             JOIN consents k ON k.child_id = c.id JOIN child_guardians cg ON cg.child_id = c.id
             JOIN group_members gm ON gm.child_id = c.id
             WHERE c.first_name = 'Élise' AND c.status = 'inscrit' AND c.last_name = $1";
        assert_eq!(app.count(elise, "Import-Aubert").await, 1);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = $1",
                "child.import.create"
            )
            .await,
            3
        );

        // The same file again: every line is left as it is.
        let again = preview(&app, &coordinator, &file).await;
        assert_eq!(outcomes(&again), vec!["Unchanged"; 3]);
        let done = commit(&app, &coordinator, &file, "valid").await;
        assert_eq!(done["created"].as_i64(), Some(0));
        assert_eq!(app.count(named, "Import-%").await, 3);

        // An updated file: a new phone and a new class update one child.
        let updated = [
            line("Elise", "IMPORT-AUBERT", &group, "07 99 88 77 66"),
            lines[1].replace(";CE2;", ";CM1;"),
            lines[2].clone(),
        ];
        let file = format!("{HEADER}\n{}\n", updated.join("\n"));
        let seen = preview(&app, &coordinator, file.as_bytes()).await;
        assert_eq!(outcomes(&seen), vec!["Update", "Update", "Unchanged"]);
        commit(&app, &coordinator, file.as_bytes(), "valid").await;
        assert_eq!(app.count(named, "Import-%").await, 3, "no duplicate");
        let phone: String = sqlx::query_scalar(
            "SELECT g.phone FROM guardians g JOIN child_guardians cg ON cg.guardian_id = g.id
             JOIN children c ON c.id = cg.child_id WHERE c.last_name = 'Import-Aubert'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(phone, "07 99 88 77 66");
        let level: String = app
            .scalar(
                "SELECT school_level FROM children WHERE last_name = $1",
                "Import-Brun",
            )
            .await;
        assert_eq!(level, "CM1");
    }
);

on_both!(
    a_refused_line_is_left_out_or_stops_everything_as_the_coordinator_chooses,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let group = group_with_room(&app, 2).await;
        let file = format!(
            "{HEADER}\n{}\n{}\n{}\n",
            line("Lou", "Import-Dumas", &group, ""),
            line("Max", "Import-Esnault", "Les Étoiles", ""),
            // No consent: the form's NO_CONSENT.
            line("Zoé", "Import-Faure", &group, "").replace(";1;20/09/2026;papier", ";;;"),
        );
        let seen = preview(&app, &coordinator, file.as_bytes()).await;
        assert_eq!(outcomes(&seen), vec!["Create", "Refused", "Refused"]);
        let lines = seen.json()["lines"].clone();
        assert_eq!(lines[1]["line"], 3);
        assert_eq!(lines[1]["problems"][0]["UnknownGroup"], "Les Étoiles");
        assert_eq!(lines[2]["problems"][0]["Rule"]["code"], "NO_CONSENT");

        let named = "SELECT COUNT(*) FROM children WHERE last_name LIKE $1";
        let none = commit(&app, &coordinator, file.as_bytes(), "all").await;
        assert_eq!(
            (none["written"].as_bool(), none["refused"].as_i64()),
            (Some(false), Some(2))
        );
        assert_eq!(app.count(named, "Import-%").await, 0, "all or nothing");
        let some = commit(&app, &coordinator, file.as_bytes(), "valid").await;
        assert_eq!(some["created"].as_i64(), Some(1));
        assert_eq!(app.count(named, "Import-%").await, 1);
    }
);

/// A one-sheet workbook of `rows`, as LibreOffice saves an ODS: only what
/// a reader needs (the mimetype first, the content, the manifest).
fn ods(rows: &[Vec<&str>]) -> Vec<u8> {
    use std::io::Write;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Enfants">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The same rows as an XLSX workbook, the birth date a real date cell.
fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let parsed = chrono::NaiveDate::parse_from_str(cell, "%d/%m/%Y");
            match (r, parsed) {
                (1.., Ok(d)) => {
                    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        d.format("%Y").to_string().parse().unwrap(),
                        d.format("%m").to_string().parse().unwrap(),
                        d.format("%d").to_string().parse().unwrap(),
                    )
                    .unwrap();
                    sheet
                        .write_datetime_with_format(r as u32, c as u16, &d, &date)
                        .unwrap();
                }
                _ => {
                    sheet.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

on_both!(
    workbooks_are_read_like_csv,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let group = group_with_room(&app, 2).await;
        let one = line("Yanis", "Import-Girard", &group, "");
        let two = line("Sacha", "Import-Hamon", &group, "");
        let rows: Vec<Vec<&str>> = [HEADER, one.as_str(), two.as_str()]
            .iter()
            .map(|l| l.split(';').collect())
            .collect();
        let from_xlsx = preview(&app, &coordinator, &xlsx(&rows)).await;
        assert_eq!(outcomes(&from_xlsx), vec!["Create", "Create"]);
        let from_ods = preview(&app, &coordinator, &ods(&rows)).await;
        assert_eq!(outcomes(&from_ods), vec!["Create", "Create"]);
        assert_eq!(from_xlsx.json()["lines"], from_ods.json()["lines"]);
    }
);

on_both!(
    files_that_are_no_table_are_refused_whole_and_only_coordinators_may_import,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        // A megabyte of garbage: refused, in words, nothing written.
        let garbage: Vec<u8> = (0..1_000_000u64).map(|i| (i * 7919 % 251) as u8).collect();
        let refused = preview(&app, &coordinator, &garbage).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.error_kind(), "import_file");
        assert_eq!(refused.json()["problem"], "Unreadable");
        // Five megabytes: refused before it is read.
        let big = vec![b'x'; 5 * 1024 * 1024];
        let refused = preview(&app, &coordinator, &big).await;
        assert_eq!(
            refused.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            refused.body
        );
        // The columns every line needs.
        let refused = preview(&app, &coordinator, "Prénom;Nom\nLéa;Martin\n".as_bytes()).await;
        assert_eq!(refused.error_kind(), "import_file");
        assert!(refused.json()["problem"]["MissingColumns"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Groupe")));

        for who in ["accompagnateur@demo.test", "parent@demo.test"] {
            let cookie = app.login(who).await;
            let answer = preview(&app, &cookie, HEADER.as_bytes()).await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{who}");
        }

        // The template, as the page's link downloads it.
        let template = app
            .request(
                http::Method::GET,
                "/api/records/import-template",
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(template.status, StatusCode::OK, "{}", template.body);
        assert!(template
            .body
            .starts_with("\u{feff}Prénom;Nom;Date de naissance"));
        let template = template
            .body
            .trim_start_matches('\u{feff}')
            .as_bytes()
            .to_vec();
        let seen = preview(&app, &coordinator, &template).await;
        assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    }
);
