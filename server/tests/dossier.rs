//! « Dossier CAF », called as the coordinator's and the funder's browsers
//! call it: the four axes counted from what the database holds, the
//! project's facts and the budget entered and refused by name, the CAF's
//! cap per group, the volunteers' time valued at the structure's rate, the
//! reminders as a date comes near, and who may read or write what. Both
//! databases.

use crate::common;

use http::StatusCode;
use serde_json::Value;

async fn dossier(app: &common::TestApp, cookie: &str, form: &[(&str, &str)]) -> Value {
    let a = app.call("reports/dossier", Some(cookie), form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.json()
}

/// An axis of the dossier, by its name in the JSON (`Children`…).
fn axis<'a>(d: &'a Value, code: &str) -> &'a Value {
    d["axes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["axis"] == code)
        .unwrap_or_else(|| panic!("no axis {code}"))
}

async fn count_until(app: &common::TestApp, sql: &'static str, org: &str, until: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(org)
        .bind(until)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn refused_field(a: &common::Answer) -> String {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    a.json()["field"].as_str().unwrap_or_default().to_string()
}

on_both!(
    the_axes_count_what_the_database_holds_and_the_budget_is_checked_to_the_cent,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let d = dossier(&app, &coordinator, &[]).await;
        let year = d["year"].as_str().unwrap().to_string();
        let org: String = app
            .scalar(
                "SELECT organisation_id FROM users WHERE email = $1",
                "coordination@demo.test",
            )
            .await;
        let year_id: String = app
            .scalar(
                "SELECT id FROM school_years WHERE label = $1 ORDER BY first_day LIMIT 1",
                &year,
            )
            .await;
        let until = d["until"].as_str().unwrap().to_string();

        // Each axis counts its records, read here straight from the tables.
        let held = app
            .count(
                "SELECT COUNT(*) FROM sessions s JOIN groups g ON g.id = s.group_id
                 WHERE g.school_year_id = $1 AND s.status = 'held'",
                &year_id,
            )
            .await;
        assert_eq!(axis(&d, "Children")["count"].as_i64().unwrap(), held);
        assert!(held > 0);
        let events = count_until(
            &app,
            "SELECT COUNT(*) FROM family_events WHERE organisation_id = $1 AND on_date <= $2",
            &org,
            &until,
        )
        .await;
        assert_eq!(axis(&d, "Parents")["count"].as_i64().unwrap(), events);
        let partners = count_until(
            &app,
            "SELECT COUNT(*) FROM partner_meetings WHERE organisation_id = $1 AND met_on <= $2",
            &org,
            &until,
        )
        .await;
        assert_eq!(axis(&d, "Partners")["count"].as_i64().unwrap(), partners);
        // The actions behind the children's axis are the sessions held.
        assert_eq!(
            axis(&d, "Children")["actions"].as_array().unwrap().len() as i64,
            held
        );
        // Nothing set yet: no fact, no budget.
        assert_eq!(d["facts"]["commune"], "");
        assert_eq!(d["balance"]["charges"]["expected"], 0);

        // Facts: a bad date and a bad choice are refused by name.
        let facts = |extra: Vec<(&'static str, String)>| {
            let mut form: Vec<(String, String)> = vec![
                ("form[year]".into(), year.clone()),
                ("form[commune]".into(), "Bobigny".into()),
                ("form[neighbourhood]".into(), "L'Étoile".into()),
                ("form[setting]".into(), "urbain".into()),
                ("form[priority_area]".into(), "oui".into()),
                ("form[education_plan]".into(), "pedt".into()),
                ("form[premises]".into(), "centre_social".into()),
                ("form[call_for_projects]".into(), String::new()),
                ("form[bilan_due]".into(), String::new()),
                ("form[volunteer_rate]".into(), "12,50".into()),
            ];
            for (k, v) in extra {
                let key = format!("form[{k}]");
                form.retain(|(f, _)| *f != key);
                form.push((key, v));
            }
            form
        };
        let bad = app
            .call_owned(
                "reports/dossier-facts",
                &coordinator,
                &facts(vec![("bilan_due", "10/07/2027".into())]),
            )
            .await;
        assert_eq!(refused_field(&bad), "bilan_due");
        let bad = app
            .call_owned(
                "reports/dossier-facts",
                &coordinator,
                &facts(vec![("premises", "chateau".into())]),
            )
            .await;
        assert_eq!(refused_field(&bad), "premises");
        let bad = app
            .call_owned(
                "reports/dossier-facts",
                &coordinator,
                &facts(vec![("year", "1999-2000".into())]),
            )
            .await;
        assert_eq!(refused_field(&bad), "school_year");
        let ok = app
            .call_owned("reports/dossier-facts", &coordinator, &facts(vec![]))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

        // The budget: one cent over the cap is a finding with its measure.
        let groups = app
            .count(
                "SELECT COUNT(*) FROM groups WHERE school_year_id = $1",
                &year_id,
            )
            .await;
        let cap = 256_300 * groups;
        let over = format!("{},{:02}", (cap + 1) / 100, (cap + 1) % 100);
        let budget = |caf: &str| -> Vec<(String, String)> {
            vec![
                ("form[year]".into(), year.clone()),
                ("form[amounts][personnel_prevu]".into(), "8 000,10".into()),
                ("form[amounts][personnel_realise]".into(), "8123,45".into()),
                ("form[amounts][locaux_prevu]".into(), "1 200".into()),
                ("form[amounts][caf_prevu]".into(), caf.to_string()),
                ("form[amounts][commune_prevu]".into(), "4 000".into()),
                ("form[amounts][commune_realise]".into(), "4000,00".into()),
            ]
        };
        let mut stray = budget("1");
        stray.push(("form[amounts][prime]".into(), "5".into()));
        assert_eq!(
            refused_field(
                &app.call_owned("reports/dossier-budget", &coordinator, &stray)
                    .await
            ),
            "prime"
        );
        assert_eq!(
            refused_field(
                &app.call_owned("reports/dossier-budget", &coordinator, &budget("12,345"))
                    .await
            ),
            "caf_prevu"
        );
        let ok = app
            .call_owned("reports/dossier-budget", &coordinator, &budget(&over))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let d = dossier(&app, &coordinator, &[]).await;
        assert_eq!(d["facts"]["commune"], "Bobigny");
        assert_eq!(d["facts"]["priority_area"], true);
        let b = &d["balance"];
        assert_eq!(b["charges"]["expected"], 920_010);
        assert_eq!(b["charges"]["actual"], 812_345);
        assert_eq!(
            b["products"]["expected"].as_i64().unwrap(),
            400_000 + cap + 1
        );
        assert_eq!(b["result"]["actual"].as_i64().unwrap(), 400_000 - 812_345);
        assert_eq!(b["caf_cap"].as_i64().unwrap(), cap);
        let finding = d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "CAF_SHARE_OVER_CAP")
            .expect("the cap is found");
        assert_eq!(finding["threshold"]["value"].as_i64().unwrap(), cap);
        assert_eq!(finding["actual"]["value"].as_i64().unwrap(), cap + 1);
        // Exactly the cap is allowed.
        let at_cap = format!("{},{:02}", cap / 100, cap % 100);
        app.call_owned("reports/dossier-budget", &coordinator, &budget(&at_cap))
            .await;
        let d = dossier(&app, &coordinator, &[]).await;
        assert!(!d["findings"].to_string().contains("CAF_SHARE_OVER_CAP"));

        // The volunteers' time: each volunteer staffing a held session
        // gives its length, valued at 12,50 € an hour.
        let rows = sqlx::query_as::<_, (String, String, i64)>(
            "SELECT s.starts_at, s.ends_at,
                    (SELECT COUNT(*) FROM session_accompanists sa JOIN accompanists a ON a.id = sa.accompanist_id
                     WHERE sa.session_id = s.id AND a.paid = 0)
             FROM sessions s JOIN groups g ON g.id = s.group_id
             WHERE g.school_year_id = $1 AND s.status = 'held'",
        )
        .bind(&year_id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        let minutes: i64 = rows
            .iter()
            .map(|(a, b, n)| {
                let t = |s: &str| {
                    let (h, m) = s.split_once(':').unwrap();
                    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
                };
                (t(b) - t(a)) * n
            })
            .sum();
        assert!(minutes > 0, "the demo has volunteers in held sessions");
        assert_eq!(d["balance"]["volunteer_minutes"].as_i64().unwrap(), minutes);
        assert_eq!(
            d["balance"]["in_kind"].as_i64().unwrap(),
            (minutes * 1250 * 2 + 60) / 120
        );
        // The change is in the audit log.
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = $1",
                "dossier.budget"
            )
            .await,
            2
        );
    }
);

on_both!(
    a_date_coming_near_reminds_the_coordinator_of_what_is_missing,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let none = app
            .call("reports/dossier-reminders", Some(&coordinator), &[])
            .await;
        assert_eq!(none.status, StatusCode::OK, "{}", none.body);
        assert_eq!(none.json(), serde_json::json!([]));
        let d = dossier(&app, &coordinator, &[]).await;
        let soon = (app::state::today() + chrono::Duration::days(10)).to_string();
        let ok = app
            .call(
                "reports/dossier-facts",
                Some(&coordinator),
                &[
                    ("form[year]", d["year"].as_str().unwrap()),
                    ("form[commune]", "Bobigny"),
                    ("form[neighbourhood]", ""),
                    ("form[setting]", ""),
                    ("form[priority_area]", ""),
                    ("form[education_plan]", ""),
                    ("form[premises]", ""),
                    ("form[call_for_projects]", ""),
                    ("form[bilan_due]", &soon),
                    ("form[volunteer_rate]", ""),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let r = app
            .call("reports/dossier-reminders", Some(&coordinator), &[])
            .await
            .json();
        let r = &r.as_array().unwrap()[0];
        assert_eq!(r["deadline"], "Bilan");
        assert_eq!(r["days_left"], 10);
        let missing = r["missing"].to_string();
        for what in ["Neighbourhood", "Setting", "PriorityArea", "Actual"] {
            assert!(missing.contains(what), "{what} in {missing}");
        }
        assert!(!missing.contains("Commune"), "{missing}");
        // The planning, the coordinator's home, shows it.
        let page = app
            .request(http::Method::GET, "/planning", Some(&coordinator), None)
            .await;
        assert!(
            page.body.contains("Remise du bilan"),
            "reminder on the home"
        );
    }
);

on_both!(
    only_the_coordinator_writes_and_the_funder_reads_no_name,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let d = dossier(&app, &coordinator, &[]).await;
        let year = d["year"].as_str().unwrap().to_string();
        let org = d["organisation"].as_str().unwrap().to_string();
        let budget = [
            ("form[year]", year.as_str()),
            ("form[amounts][caf_prevu]", "100"),
        ];
        for email in [
            "parent@demo.test",
            "accompagnateur@demo.test",
            "caf@demo.test",
        ] {
            let who = app.login(email).await;
            let a = app
                .call("reports/dossier-budget", Some(&who), &budget)
                .await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
        }
        for email in ["parent@demo.test", "accompagnateur@demo.test"] {
            let who = app.login(email).await;
            let a = app.call("reports/dossier", Some(&who), &[]).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}: {}", a.body);
        }
        // Another organisation's coordinator reads theirs, not ours.
        let other = app.login("coordination@autre-structure.test").await;
        let a = app
            .call("reports/dossier", Some(&other), &[("structure", &org)])
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);

        // The funder of the territory reads figures, and no title or name.
        let funder = app.login("caf@demo.test").await;
        let f = dossier(&app, &funder, &[("structure", &org)]).await;
        assert_eq!(f["editable"], false);
        assert_eq!(axis(&f, "Children")["count"], axis(&d, "Children")["count"]);
        let page = app
            .request(
                http::Method::GET,
                &format!("/dossier?structure={org}"),
                Some(&funder),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Les quatre axes"));
        let names = sqlx::query_as::<_, (String, String)>(
            "SELECT first_name, last_name FROM children WHERE organisation_id = $1",
        )
        .bind(&org)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        let texts = [f.to_string(), page.body];
        assert!(names.len() >= 20);
        for (first, last) in &names {
            for text in &texts {
                for part in [first, last] {
                    assert!(
                        !common::contains_word(text, part),
                        "{part} in the funder's dossier"
                    );
                }
            }
        }
        // A group's name is a title too: the funder gets none.
        for a in f["axes"].as_array().unwrap() {
            for action in a["actions"].as_array().unwrap() {
                assert_eq!(action["title"], "");
            }
        }
    }
);

/// The PDF's text, every page.
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty());
    doc.extract_text(&pages).expect("its text")
}

/// The workbook's cells, sheet by sheet, as text (numbers as Rust prints
/// them).
fn xlsx_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Float(f) => format!("{f}"),
                            Data::Int(i) => i.to_string(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

on_both!(
    the_dossier_downloads_as_a_pdf_and_a_workbook_that_read_back,
    |app: common::TestApp| async move {
        let coordinator = app.login("coordination@demo.test").await;
        let d = dossier(&app, &coordinator, &[]).await;
        let year = d["year"].as_str().unwrap().to_string();
        let org = d["organisation"].as_str().unwrap().to_string();
        let facts = app
            .call(
                "reports/dossier-facts",
                Some(&coordinator),
                &[
                    ("form[year]", &year),
                    ("form[commune]", "Bobigny"),
                    ("form[neighbourhood]", "L'Abreuvoir"),
                    ("form[setting]", "urbain"),
                    ("form[priority_area]", "oui"),
                    ("form[education_plan]", "pel_pedt"),
                    ("form[premises]", "centre_social"),
                    ("form[call_for_projects]", ""),
                    ("form[bilan_due]", ""),
                    ("form[volunteer_rate]", "12,50"),
                ],
            )
            .await;
        assert_eq!(facts.status, StatusCode::OK, "{}", facts.body);
        let budget = app
            .call(
                "reports/dossier-budget",
                Some(&coordinator),
                &[
                    ("form[year]", &year),
                    ("form[amounts][personnel_prevu]", "12 345,67"),
                    ("form[amounts][caf_prevu]", "2 563"),
                    ("form[amounts][commune_prevu]", "9 782,67"),
                ],
            )
            .await;
        assert_eq!(budget.status, StatusCode::OK, "{}", budget.body);

        let pdf = app
            .request(
                http::Method::GET,
                &format!("/api/reports/dossier-pdf?year={year}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        assert!(pdf.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("dossier-caf.pdf"));
        let text = pdf_text(&pdf.bytes);
        for expected in [
            "Bilan CLAS",
            "Bobigny",
            "L'Abreuvoir",
            "Urbain",
            "PEL et PEDT",
            "Centre social",
            "Avec les enfants",
            "Avec les parents",
            "Avec l'école",
            "Avec les partenaires",
            "Total des charges",
            "Total des produits",
            "Contributions volontaires en nature",
            "page 1 sur",
        ] {
            assert!(
                text.contains(expected),
                "« {expected} » in the PDF:\n{text}"
            );
        }
        // The totals, exact to the cent (French digits: a no-break space
        // between thousands).
        let squeeze = |s: &str| s.replace(['\u{a0}', '\u{202f}', ' '], "");
        let flat = squeeze(&text);
        assert!(flat.contains("12345,67€"), "charges in the PDF");
        assert!(flat.contains("12345,67€"), "products in the PDF");

        let xlsx = app
            .request(
                http::Method::GET,
                &format!("/api/reports/dossier-xlsx?year={year}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(xlsx.status, StatusCode::OK, "{}", xlsx.body);
        let sheets = xlsx_cells(&xlsx.bytes);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Projet", "Chiffres", "Axes", "Budget"]);
        let find = |sheet: &str, label: &str| -> Vec<String> {
            sheets
                .iter()
                .find(|(n, _)| n == sheet)
                .unwrap()
                .1
                .iter()
                .find(|r| r.first().is_some_and(|c| c == label))
                .unwrap_or_else(|| panic!("{label} in {sheet}"))
                .clone()
        };
        assert_eq!(find("Projet", "Commune")[1], "Bobigny");
        assert_eq!(find("Budget", "Personnel")[1], "12345.67");
        assert_eq!(find("Budget", "Total des produits")[1], "12345.67");
        assert_eq!(find("Budget", "Produits moins charges")[1], "0");
        // The figures agree with the report's.
        let report = app
            .call("reports/organisation", Some(&coordinator), &[])
            .await
            .json();
        assert_eq!(
            find("Chiffres", "Enfants accompagnés")[1],
            report["report"]["children"].to_string()
        );

        // The report's page and CSV say the project's facts too.
        let csv = app
            .request(
                http::Method::GET,
                &format!("/api/reports/csv?year={year}"),
                Some(&coordinator),
                None,
            )
            .await;
        assert!(csv.body.contains("Bilan;Commune;Bobigny;"), "{}", csv.body);
        assert!(csv.body.contains("Bilan;Quartier prioritaire (QPV);Oui;"));
        let page = app
            .request(http::Method::GET, "/bilan", Some(&coordinator), None)
            .await;
        assert!(page.body.contains("Commune : Bobigny"));

        // The funder's files: the same figures, and no child's name.
        let funder = app.login("caf@demo.test").await;
        let mut texts = Vec::new();
        for kind in ["pdf", "xlsx"] {
            let a = app
                .request(
                    http::Method::GET,
                    &format!("/api/reports/dossier-{kind}?structure={org}&year={year}"),
                    Some(&funder),
                    None,
                )
                .await;
            assert_eq!(a.status, StatusCode::OK, "{kind}: {}", a.body);
            texts.push(if kind == "pdf" {
                pdf_text(&a.bytes)
            } else {
                format!("{:?}", xlsx_cells(&a.bytes))
            });
        }
        assert!(texts[0].contains("Avec les partenaires"));
        let names =
            sqlx::query_as::<_, (String, String)>("SELECT first_name, last_name FROM children")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        for (first, last) in &names {
            for text in &texts {
                for part in [first, last] {
                    assert!(
                        !common::contains_word(text, part),
                        "{part} in a funder's file"
                    );
                }
            }
        }
        // A parent, an accompanist, another organisation: no file.
        for email in [
            "parent@demo.test",
            "accompagnateur@demo.test",
            "coordination@autre-structure.test",
        ] {
            let who = app.login(email).await;
            let a = app
                .request(
                    http::Method::GET,
                    &format!("/api/reports/dossier-pdf?structure={org}"),
                    Some(&who),
                    None,
                )
                .await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{email}");
        }
    }
);
