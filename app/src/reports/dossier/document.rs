//! The dossier as a document: the project's facts, the year's figures, the
//! four axes with their actions, the charts and the budget, in sections of
//! labelled lines, tables and bar charts. The PDF (`pdf.rs`) and the
//! spreadsheet (`sheet.rs`) are both written from it, so they say the same
//! with the same words. Server only.

use crate::domain::dossier::{ActionKind, Axis, Cents, ChargeKind, Column, ProductKind};
use crate::domain::report::Report;
use crate::format;
use crate::i18n::dossier::*;
use crate::i18n::{finding_message, Locale};
use crate::reports::dossier::axes::action_kind;
use crate::reports::dossier::types::{fact_lines, DossierView};
use crate::reports::figures::{self, Value};

const L: Locale = Locale::Fr;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Value(Value),
    Euros(Cents),
}

impl Cell {
    /// As the PDF prints it.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Value(v) => v.display(),
            Cell::Euros(c) => format::euros(*c),
        }
    }

    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The last row is a total (printed bold, ruled above).
    pub total: bool,
}

/// A horizontal bar per line, in percent.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    pub caption: String,
    pub bars: Vec<(String, Option<u32>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    Text(String),
    /// « label : value » lines.
    Lines(Vec<(String, String)>),
    Table(Table),
    Bars(Bars),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    /// The spreadsheet's tab (31 characters at most).
    pub sheet: &'static str,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

fn project(view: &DossierView) -> Section {
    let f = &view.facts;
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(format::full_date)
            .unwrap_or_else(|| "non renseigné".into())
    };
    let mut lines: Vec<(String, String)> = vec![
        ("Structure".into(), view.organisation_name.clone()),
        ("Année scolaire".into(), view.year.clone()),
        (
            "Période couverte".into(),
            format!(
                "du {} au {}",
                format::full_date(view.first_day),
                format::full_date(view.until)
            ),
        ),
    ];
    lines.extend(
        fact_lines(f)
            .into_iter()
            .map(|(label, value)| (label.to_string(), value)),
    );
    lines.push(("Dépôt du projet".into(), date(f.call_for_projects)));
    lines.push(("Remise du bilan".into(), date(f.bilan_due)));
    Section {
        title: "Le projet".into(),
        sheet: "Projet",
        blocks: vec![Block::Lines(lines)],
    }
}

/// The report's figures, one table per section of the bilan, and its
/// charts (attendance and regularity by group).
fn figures_section(report: &Report) -> Section {
    let mut blocks = Vec::new();
    let mut current: Option<(&'static str, Vec<Vec<Cell>>)> = None;
    let flush = |blocks: &mut Vec<Block>, current: Option<(&'static str, Vec<Vec<Cell>>)>| {
        if let Some((title, rows)) = current {
            blocks.push(Block::Heading(title.into()));
            blocks.push(Block::Table(Table {
                header: vec!["Chiffre".into(), "Valeur".into()],
                rows,
                total: false,
            }));
        }
    };
    for row in figures::rows(report) {
        match &mut current {
            Some((section, rows)) if *section == row.section => {
                rows.push(vec![Cell::Text(row.label), Cell::Value(row.value)]);
            }
            _ => {
                flush(&mut blocks, current.take());
                current = Some((
                    row.section,
                    vec![vec![Cell::Text(row.label), Cell::Value(row.value)]],
                ));
            }
        }
    }
    flush(&mut blocks, current);
    if !report.group_lines.is_empty() {
        let bars = |caption: &str, of: fn(&crate::domain::report::GroupLine) -> Option<u32>| {
            Block::Bars(Bars {
                caption: caption.into(),
                bars: report
                    .group_lines
                    .iter()
                    .map(|g| (g.name.clone(), of(g)))
                    .collect(),
            })
        };
        blocks.push(Block::Heading("Graphiques".into()));
        blocks.push(bars("Présence aux séances, par groupe", |g| {
            g.attendance.percent()
        }));
        blocks.push(bars(
            "Régularité : part des semaines d'école où le groupe a eu ses séances",
            |g| crate::domain::calendar::percent(g.regular_weeks, g.school_weeks),
        ));
    }
    Section {
        title: "Les chiffres de l'année".into(),
        sheet: "Chiffres",
        blocks,
    }
}

/// Each axis: its figures, then its actions (the children's axis by group:
/// a year of sessions would fill pages).
fn axes_section(view: &DossierView, report: &Report) -> Section {
    let mut blocks = vec![Block::Text(
        "La CAF finance les actions menées sur les quatre axes à la fois.".into(),
    )];
    for line in &view.axes {
        blocks.push(Block::Heading(axis_label(line.axis, L).into()));
        blocks.push(Block::Lines(vec![
            ("Actions".into(), line.count.to_string()),
            (
                match line.axis {
                    Axis::Children => "Présences d'enfants",
                    Axis::Parents => "Venues de familles",
                    Axis::School => "Enfants concernés",
                    Axis::Partners => "Participants",
                }
                .into(),
                if line.axis == Axis::Partners {
                    "—".into()
                } else {
                    line.reached.to_string()
                },
            ),
            (
                "Durée".into(),
                if line.minutes > 0 {
                    format::duration(line.minutes)
                } else {
                    "—".into()
                },
            ),
        ]));
        if line.count == 0 {
            blocks.push(Block::Text(
                "Rien d'enregistré sur cet axe cette année : la CAF demande les quatre.".into(),
            ));
            continue;
        }
        if line.axis == Axis::Children {
            blocks.push(Block::Table(Table {
                header: vec![
                    "Groupe".into(),
                    "Séances tenues".into(),
                    "Heures".into(),
                    "Présence".into(),
                ],
                rows: report
                    .group_lines
                    .iter()
                    .map(|g| {
                        vec![
                            Cell::Text(g.name.clone()),
                            Cell::Value(Value::Count(g.sessions_held)),
                            Cell::Value(Value::Hours(g.minutes_held)),
                            Cell::Value(Value::Percent(g.attendance.percent())),
                        ]
                    })
                    .collect(),
                total: false,
            }));
            continue;
        }
        // A funder reads figures: no title (free text that may name someone).
        let named = view.editable;
        let mut header = vec!["Date".to_string(), "Action".into()];
        if named {
            header.push("Intitulé".into());
        }
        header.push("Participants".into());
        blocks.push(Block::Table(Table {
            header,
            rows: line
                .actions
                .iter()
                .map(|a| {
                    let mut row = vec![
                        Cell::Text(format::short_date(a.on)),
                        Cell::Text(action_kind(a.kind)),
                    ];
                    if named {
                        row.push(Cell::Text(a.title.clone()));
                    }
                    row.push(if a.kind == ActionKind::PartnerMeeting {
                        Cell::Text("—".into())
                    } else {
                        Cell::Value(Value::Count(a.reached))
                    });
                    row
                })
                .collect(),
            total: false,
        }));
    }
    Section {
        title: "Les quatre axes".into(),
        sheet: "Axes",
        blocks,
    }
}

fn budget_section(view: &DossierView) -> Section {
    let (budget, balance) = (&view.budget, &view.balance);
    let header = |first: &str| {
        vec![
            first.to_string(),
            column_label(Column::Expected, L).into(),
            column_label(Column::Actual, L).into(),
        ]
    };
    let line = |label: &str, a: crate::domain::dossier::Amounts| {
        vec![
            Cell::Text(label.into()),
            Cell::Euros(a.expected),
            Cell::Euros(a.actual),
        ]
    };
    let mut charges: Vec<Vec<Cell>> = ChargeKind::ALL
        .iter()
        .map(|k| line(charge_label(*k, L), budget.charge(*k)))
        .collect();
    charges.push(line("Total des charges", balance.charges));
    let mut products: Vec<Vec<Cell>> = ProductKind::ALL
        .iter()
        .map(|k| line(product_label(*k, L), budget.product(*k)))
        .collect();
    products.push(line("Total des produits", balance.products));
    let mut blocks = vec![
        Block::Table(Table {
            header: header("Charges"),
            rows: charges,
            total: true,
        }),
        Block::Table(Table {
            header: header("Produits"),
            rows: products,
            total: true,
        }),
        Block::Table(Table {
            header: header("Résultat"),
            rows: vec![line("Produits moins charges", balance.result)],
            total: true,
        }),
        Block::Lines(vec![
            (
                "Plafond de la part CAF".into(),
                format!(
                    "{} ({} groupe(s) × {})",
                    format::euros(balance.caf_cap),
                    balance.groups,
                    format::euros(crate::domain::dossier::budget::CAF_CAP_PER_GROUP)
                ),
            ),
            (
                "Contributions volontaires en nature".into(),
                format!(
                    "{} : {} de bénévolat à {} de l'heure",
                    format::euros(balance.in_kind),
                    format::duration(balance.volunteer_minutes.min(u32::MAX as u64) as u32),
                    format::euros(budget.volunteer_rate)
                ),
            ),
        ]),
    ];
    if !view.findings.is_empty() {
        blocks.push(Block::Heading("Points d'attention".into()));
        for f in &view.findings {
            blocks.push(Block::Text(finding_message(f, L)));
        }
    }
    Section {
        title: "Le budget de l'action".into(),
        sheet: "Budget",
        blocks,
    }
}

/// The whole dossier of `view`, with `report`'s figures.
pub fn document(view: &DossierView, report: &Report) -> Document {
    Document {
        title: format!("Bilan CLAS {}", view.year),
        subtitle: view.organisation_name.clone(),
        sections: vec![
            project(view),
            figures_section(report),
            axes_section(view, report),
            budget_section(view),
        ],
    }
}
