//! « Feuilles d'émargement » (`/emargement`): the attendance sheets the
//! CAF may ask to see, for one session (`?seance=…`) or a group's month
//! (`?groupe=…&mois=2026-11`), laid out for paper with a line to sign for
//! each child and each accompanist. The marks already taken are printed.

use crate::components::{Field, Loaded, Page};
use crate::domain::ids::*;
use crate::domain::model::AttendanceStatus;
use crate::error::AppError;
use crate::format;
use crate::reports::types::{SheetChild, SheetSession};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub organisation: String,
    pub group: String,
    /// « mardi 3 novembre 2026 » or « novembre 2026 ».
    pub period: String,
    /// True for a month's sheet (one column per session).
    pub month: bool,
    pub sessions: Vec<SheetSession>,
    pub children: Vec<SheetChild>,
}

/// What the sheet chooser offers: the groups and the school year's months.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetChoices {
    pub groups: Vec<(GroupId, String)>,
    /// `2026-11`, in the year's order, and the current one.
    pub months: Vec<String>,
    pub current: String,
}

/// Reads `2026-11` as its first and last day.
pub fn month_bounds(month: &str) -> Result<(NaiveDate, NaiveDate), AppError> {
    let bad = || AppError::invalid("date", crate::error::FieldProblem::Malformed);
    let first = NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| bad())?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad)?;
    Ok((first, next.pred_opt().ok_or_else(bad)?))
}

/// The sheet of one session, or of a group's month. A coordinator of the
/// group's organisation or one of its accompanists may print it.
#[server(endpoint = "reports/sheet")]
pub async fn load_attendance_sheet(
    session: Option<String>,
    group: Option<String>,
    month: Option<String>,
) -> Result<AttendanceSheet, AppError> {
    use crate::reports::store::sheets;
    // Only those who take registers print sheets; which group exactly is
    // checked below, once the session's group is known.
    crate::authz::authorize(crate::authz::Access::TakesRegisters).await?;
    let session = session
        .filter(|s| !s.trim().is_empty())
        .map(|s| crate::fields::parse_id("session", &s).map(SessionId))
        .transpose()?;
    let db = crate::state::server_state()?.db;
    let group = match (&session, group.filter(|g| !g.trim().is_empty())) {
        (Some(s), _) => {
            let mut conn = db.pool.acquire().await?;
            sheets::session_group(&mut conn, s)
                .await?
                .ok_or(AppError::NotFound)?
        }
        (None, Some(g)) => GroupId(crate::fields::parse_id("group", &g)?),
        (None, None) => {
            return Err(AppError::invalid(
                "group",
                crate::error::FieldProblem::Missing,
            ))
        }
    };
    let (_, db) = crate::authz::authorize(crate::authz::Access::Group(group.clone())).await?;
    let mut conn = db.pool.acquire().await?;
    let (group_name, organisation) = sheets::group_heading(&mut conn, &group)
        .await?
        .ok_or(AppError::NotFound)?;
    let (sessions, period, month) = match &session {
        Some(s) => {
            let found =
                sheets::sessions(&mut conn, &group, "0000-01-01", "9999-12-31", Some(s)).await?;
            let day = found.first().ok_or(AppError::NotFound)?.on;
            (found, format::full_date(day), false)
        }
        None => {
            let m = month.unwrap_or_else(|| crate::state::today().format("%Y-%m").to_string());
            let (first, last) = month_bounds(&m)?;
            let found = sheets::sessions(
                &mut conn,
                &group,
                &first.to_string(),
                &last.to_string(),
                None,
            )
            .await?;
            (found, format::month_year(first), true)
        }
    };
    let children = sheets::children(&mut conn, &group, &sessions).await?;
    Ok(AttendanceSheet {
        organisation,
        group: group_name,
        period,
        month,
        sessions,
        children,
    })
}

/// Coordinators: the groups and months to choose a sheet from.
#[server(endpoint = "reports/sheet-choices")]
pub async fn load_sheet_choices() -> Result<SheetChoices, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let mut conn = db.pool.acquire().await?;
    let today = crate::state::today();
    let groups = crate::reports::store::sheets::groups(&mut conn, &org).await?;
    let (first, last) =
        match crate::records::school_year::store::current(&mut conn, &org, today).await? {
            Some(y) => (y.first_day, y.last_day),
            None => (today, today),
        };
    let mut months = Vec::new();
    let mut m = first.with_day0(0).unwrap_or(first);
    while m <= last {
        months.push(m.format("%Y-%m").to_string());
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last.succ_opt().unwrap_or(last));
    }
    Ok(SheetChoices {
        groups,
        months,
        current: today.format("%Y-%m").to_string(),
    })
}

/// « 6e », « CM1 » from the stored level code.
fn level(code: &str) -> &'static str {
    crate::domain::model::SchoolLevel::parse(code)
        .map_or("", crate::records::children::pages::level_label)
}

fn mark_letter(m: Option<AttendanceStatus>) -> &'static str {
    match m {
        Some(AttendanceStatus::Present) => "P",
        Some(AttendanceStatus::Late) => "R",
        Some(AttendanceStatus::Absent) => "A",
        Some(AttendanceStatus::Excused) => "E",
        None => "",
    }
}

#[component]
pub fn SheetsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        q.get("seance").is_some() || q.get("groupe").is_some()
    };
    view! {
        <Show when=asked fallback=|| view! { <Chooser /> }>
            <SheetView />
        </Show>
    }
}

#[component]
fn SheetView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("seance"), q.get("groupe"), q.get("mois"))
        },
        |(s, g, m)| load_attendance_sheet(s, g, m),
    );
    view! {
        <main id="contenu" class="page sheets-print">
            <Loaded
                resource=data
                error_heading="Feuilles d'émargement"
                render=move |sheet| view! { <Sheet sheet /> }
            />
        </main>
    }
}

#[component]
fn Chooser() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_sheet_choices());
    view! {
        <Page title="Feuilles d'émargement">
            <p class="lead">
                "Une feuille par groupe et par mois, avec une ligne à signer par enfant et par accompagnateur. Les présences déjà pointées y sont reportées."
            </p>
            <Loaded
                resource=data
                render=move |c: SheetChoices| {
                    view! {
                        <form method="get" class="card form-grid">
                            <Field control="groupe" label="Groupe">
                                <select id="groupe" name="groupe" required>
                                    {c
                                        .groups
                                        .into_iter()
                                        .map(|(id, name)| {
                                            view! { <option value=id.0>{name}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </Field>
                            <Field control="mois" label="Mois">
                                <select id="mois" name="mois">
                                    {c
                                        .months
                                        .into_iter()
                                        .map(|m| {
                                            let selected = m == c.current;
                                            let label = month_bounds(&m)
                                                .map(|(f, _)| format::month_year(f))
                                                .unwrap_or_else(|_| m.clone());
                                            view! {
                                                <option value=m selected=selected>
                                                    {label}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </Field>
                            <button type="submit" class="button button-primary">
                                "Afficher la feuille"
                            </button>
                        </form>
                    }
                }
            />
            <p class="muted">"La feuille d'une seule séance s'ouvre aussi depuis son registre."</p>
        </Page>
    }
}

#[component]
fn Sheet(sheet: AttendanceSheet) -> impl IntoView {
    let on_print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let title = format!("Feuille d'émargement · {} · {}", sheet.group, sheet.period);
    let empty = sheet.sessions.is_empty();
    let class = if sheet.month {
        "attendance-sheet sheet-month"
    } else {
        "attendance-sheet"
    };
    let month = sheet.month;
    view! {
        <div class="no-print print-bar">
            <p>
                <a href="/emargement">"Choisir une autre feuille"</a>
            </p>
            {(!empty)
                .then(|| {
                    view! {
                        <p>
                            <button type="button" class="button button-primary" on:click=on_print>
                                "Imprimer"
                            </button>
                        </p>
                    }
                })}
        </div>
        <article class=class>
            <header>
                <p class="sheet-org">{sheet.organisation.clone()}</p>
                <h1>{title}</h1>
                <p class="muted">
                    "Contrat local d'accompagnement à la scolarité (CLAS) · P présent, R en retard, A absent, E excusé"
                </p>
            </header>
            {if empty {
                view! {
                    <p class="notice notice-info">
                        "Aucune séance prévue pour ce groupe sur cette période."
                    </p>
                }
                    .into_any()
            } else if month {
                view! { <MonthTable sheet /> }.into_any()
            } else {
                view! { <SessionTable sheet /> }.into_any()
            }}
        </article>
    }
}

#[component]
fn MonthTable(sheet: AttendanceSheet) -> impl IntoView {
    let heads = sheet
        .sessions
        .iter()
        .map(|s| {
            let day: String = format::weekday(s.on).chars().take(3).collect();
            view! {
                <th scope="col" class="sheet-day">
                    {format!("{day}. {}", s.on.day())}
                    <br />
                    <span class="muted">{format::time(s.starts_at)}</span>
                </th>
            }
        })
        .collect_view();
    let staff = sheet
        .sessions
        .iter()
        .map(|s| view! { <td class="sheet-cell sheet-sign">{s.accompanists.join(", ")}</td> })
        .collect_view();
    view! {
        <div
            class="table-wrap"
            role="region"
            tabindex="0"
            aria-label="Feuille d'émargement du mois"
        >
            <table class="sheet-table">
                <thead>
                    <tr>
                        <th scope="col">"Enfant"</th>
                        <th scope="col">"Classe"</th>
                        {heads}
                        <th scope="col">"Signature du responsable légal"</th>
                    </tr>
                </thead>
                <tbody>
                    {sheet
                        .children
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr data-child-id=c.id.0.clone()>
                                    <th scope="row">{c.name}</th>
                                    <td>{level(&c.level)}</td>
                                    {c
                                        .marks
                                        .into_iter()
                                        .map(|m| {
                                            view! { <td class="sheet-cell">{mark_letter(m)}</td> }
                                        })
                                        .collect_view()}
                                    <td class="sheet-sign"></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">
                            "Accompagnateurs (signature)"
                        </th>
                        {staff}
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn SessionTable(sheet: AttendanceSheet) -> impl IntoView {
    let s = sheet.sessions[0].clone();
    view! {
        <p>
            {format!(
                "{} · {} · {}",
                format::full_date(s.on),
                format::time_range(s.starts_at, s.ends_at),
                s.venue,
            )}
        </p>
        <div
            class="table-wrap"
            role="region"
            tabindex="0"
            aria-label="Feuille d'émargement de la séance"
        >
            <table class="sheet-table">
                <thead>
                    <tr>
                        <th scope="col">"Enfant"</th>
                        <th scope="col">"Classe"</th>
                        <th scope="col">"Présence"</th>
                        <th scope="col">"Heure de départ"</th>
                        <th scope="col">"Signature du responsable légal"</th>
                    </tr>
                </thead>
                <tbody>
                    {sheet
                        .children
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr data-child-id=c.id.0.clone()>
                                    <th scope="row">{c.name}</th>
                                    <td>{level(&c.level)}</td>
                                    <td class="sheet-cell">
                                        {mark_letter(c.marks.first().copied().flatten())}
                                    </td>
                                    <td class="sheet-sign"></td>
                                    <td class="sheet-sign"></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class="signatures">
            {s
                .accompanists
                .into_iter()
                .map(|a| {
                    view! {
                        <div class="signature">
                            <p>{a}</p>
                            <p class="muted">"Signature"</p>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
