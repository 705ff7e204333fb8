//! « Bilan » (`/bilan`): a coordinator's report of the year; a funder's
//! report of their territory, and of each organisation in it
//! (`/bilan?structure=…`). « Enfants comptés » (`/bilan/enfants`) lists
//! the children behind a figure, for the coordinator.

use crate::auth::api::whoami;
use crate::components::{Loaded, Page};
use crate::domain::model::Role;
use crate::domain::report::Report;
use crate::error::AppError;
use crate::format;
use crate::reports::api::{load_children_behind, load_report, load_territory};
use crate::reports::charts::{group_bar, Bar, BarsChart, WeeklyChart};
use crate::reports::figures::{self, Row};
use crate::reports::types::{ChildrenBehind, OrgLine, ReportView, TerritoryReport};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What `/bilan` shows, by who reads it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum ReportPageData {
    /// One organisation's report (a coordinator's own; `?structure=…` for
    /// a funder), and the organisation asked for.
    Organisation(Box<ReportView>, Option<String>),
    /// A funder's territory.
    Territory(Box<TerritoryReport>),
}

/// Reads whoever asks, then their report.
async fn load_page(
    structure: Option<String>,
    year: Option<String>,
) -> Result<ReportPageData, AppError> {
    let user = whoami().await?.ok_or(AppError::Unauthenticated)?;
    match (user.role, structure) {
        (Role::Funder, None) => Ok(ReportPageData::Territory(Box::new(
            load_territory(year).await?,
        ))),
        (Role::Funder, Some(id)) => Ok(ReportPageData::Organisation(
            Box::new(load_report(Some(id.clone()), year).await?),
            Some(id),
        )),
        (Role::Coordinator, _) => Ok(ReportPageData::Organisation(
            Box::new(load_report(None, year).await?),
            None,
        )),
        _ => Err(AppError::Forbidden),
    }
}

/// `/bilan`: the report of whoever reads it; `?structure=…` one
/// organisation of a funder's territory.
///
/// One resource, made here, read by one `Loaded`: no resource is made
/// inside a `Suspense`'s content. Why: leptos's server rendering of a
/// resource made there is a race on a multi-threaded runtime: now and then
/// its HTML differed from the browser's (hydration then panics) or never
/// ended (leptos-rs/leptos#4866, whose advice this follows).
#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let structure = move || query.read().get("structure").filter(|s| !s.is_empty());
    let year = year_query();
    // Read here, so that following a link to another organisation (same
    // route, new query) loads it.
    let data = Resource::new(move || (structure(), year()), |(s, y)| load_page(s, y));
    view! {
        <main id="contenu" class="page report">
            <Loaded
                resource=data
                error_heading="Bilan"
                render=move |page| match page {
                    ReportPageData::Organisation(view, structure) => {
                        view! { <OrganisationView view=*view structure /> }.into_any()
                    }
                    ReportPageData::Territory(t) => view! { <TerritoryView t=*t /> }.into_any(),
                }
            />
        </main>
    }
}

fn year_query() -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("annee").filter(|y| !y.is_empty())
}

/// The address of the CSV file.
fn csv_href(structure: Option<&str>, year: &str) -> String {
    match structure {
        Some(s) => format!("/api/reports/csv?structure={s}&year={year}"),
        None => format!("/api/reports/csv?year={year}"),
    }
}

/// The address of the organisation's CAF dossier.
fn dossier_href(structure: Option<&str>, year: &str) -> String {
    match structure {
        Some(s) => format!("/dossier?structure={s}&annee={year}"),
        None => format!("/dossier?annee={year}"),
    }
}

/// The year's choice: a plain form, so it works before the WASM arrives;
/// a funder's organisation (`structure`) travels with it.
#[component]
pub fn YearChoice(
    years: Vec<String>,
    year: String,
    #[prop(optional)] structure: Option<String>,
) -> impl IntoView {
    (years.len() > 1).then(|| {
        view! {
            <form method="get" class="inline-form no-print">
                {structure
                    .filter(|s| !s.is_empty())
                    .map(|s| view! { <input type="hidden" name="structure" value=s /> })}
                <label for="annee">"Année scolaire"</label>
                <select id="annee" name="annee">
                    {years
                        .into_iter()
                        .map(|y| {
                            let selected = y == year;
                            view! {
                                <option value=y.clone() selected=selected>
                                    {y.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button">
                    "Afficher"
                </button>
            </form>
        }
    })
}

fn print_button() -> impl IntoView {
    let on_print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class="button" on:click=on_print>
            "Imprimer"
        </button>
    }
}

#[component]
fn OrganisationView(view: ReportView, structure: Option<String>) -> impl IntoView {
    let r = view.report.clone();
    let drill = view.drill_down.then(|| view.year.clone());
    let period = if r.until < r.last_day {
        format!(
            "Année scolaire {} · chiffres du {} au {}",
            view.year,
            format::full_date(r.first_day),
            format::full_date(r.until)
        )
    } else {
        format!("Année scolaire {} · année complète", view.year)
    };
    let bars: Vec<Bar> = r.group_lines.iter().map(group_bar).collect();
    view! {
        <h1>"Bilan"</h1>
        <p class="lead">
            <strong>{view.organisation_name.clone()}</strong>
            " · "
            {period}
        </p>
        <p class="project-facts">
            {crate::reports::dossier::types::fact_lines(&view.project)
                .into_iter()
                .map(|(label, value)| format!("{label} : {value}"))
                .collect::<Vec<_>>()
                .join(" · ")}
        </p>
        <div class="report-tools no-print">
            <YearChoice
                years=view.years.clone()
                year=view.year.clone()
                structure=structure.clone().unwrap_or_default()
            />
            <a
                class="button"
                href=csv_href(structure.as_deref(), &view.year)
                rel="external"
                download="bilan.csv"
            >
                "Télécharger le tableur (CSV)"
            </a>
            {print_button()}
            <a class="button" href=dossier_href(structure.as_deref(), &view.year)>
                "Dossier CAF"
            </a>
            {view
                .drill_down
                .then(|| {
                    view! {
                        <a class="button" href="/emargement">
                            "Feuilles d'émargement"
                        </a>
                    }
                })}
        </div>
        <Headline r=r.clone() />
        <crate::reports::dossier::axes::AxesSection axes=view.axes.clone() named=view.drill_down />
        <section aria-labelledby="presence-semaine">
            <h2 id="presence-semaine">"Présence semaine par semaine"</h2>
            <WeeklyChart weeks=r.weeks.clone() year_weeks=year_weeks(&r) />
        </section>
        {(!bars.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="par-groupe">
                        <h2 id="par-groupe">"Par groupe"</h2>
                        <BarsChart
                            bars
                            caption="la régularité est la part des semaines d'école où le groupe a eu ses séances."
                        />
                    </section>
                }
            })}
        <FigureTables rows=figures::rows(&r) drill />
    }
}

/// The weeks of the report's school year, from its first Monday.
fn year_weeks(r: &Report) -> usize {
    let first = crate::domain::calendar::monday_of(r.first_day);
    ((r.last_day - first).num_days().max(0) / 7 + 1) as usize
}

/// The few figures everyone looks for first.
#[component]
fn Headline(r: Report) -> impl IntoView {
    let tiles = [
        ("Enfants accompagnés", format::number(r.children as f64, 0)),
        ("Séances tenues", format::number(r.sessions_held as f64, 0)),
        ("Heures", format::number(r.minutes_held as f64 / 60.0, 0)),
        (
            "Présence",
            r.attendance
                .percent()
                .map(|p| format!("{p} %"))
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Régularité",
            r.regularity_percent()
                .map(|p| format!("{p} %"))
                .unwrap_or_else(|| "—".into()),
        ),
    ];
    view! {
        <ul class="tiles">
            {tiles
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <li class="tile">
                            <span class="tile-value">{value}</span>
                            <span class="tile-label">{label}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The figures, one table per section. `drill` is the year when the reader
/// may open the records behind a figure.
#[component]
fn FigureTables(rows: Vec<Row>, drill: Option<String>) -> impl IntoView {
    let mut sections: Vec<(&'static str, Vec<Row>)> = Vec::new();
    for r in rows {
        match sections.last_mut() {
            Some((s, list)) if *s == r.section => list.push(r),
            _ => sections.push((r.section, vec![r])),
        }
    }
    let tables = sections
        .into_iter()
        .map(|(section, rows)| {
            let drill = drill.clone();
            view! {
                <section class="report-section">
                    <h2>{section}</h2>
                    <div
                        class="table-wrap"
                        role="region"
                        tabindex="0"
                        aria-label=format!("Tableau : {section}")
                    >
                        <table class="table figures">
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        let value = r.value.display();
                                        let empty = r.value
                                            == crate::reports::figures::Value::Count(0);
                                        let link = match (&drill, &r.children, r.page) {
                                            _ if empty => None,
                                            (Some(year), Some(filter), _) => {
                                                Some(
                                                    format!(
                                                        "/bilan/enfants?annee={year}&filtre={}",
                                                        filter.code(),
                                                    ),
                                                )
                                            }
                                            (Some(_), None, Some(page)) => Some(page.to_string()),
                                            _ => None,
                                        };
                                        let code = r.children.as_ref().map(|f| f.code());
                                        // A count of nothing opens nothing.
                                        view! {
                                            <tr data-figure=r.label.clone() data-filter=code>
                                                <th scope="row">{r.label.clone()}</th>
                                                <td class="num">
                                                    {match link {
                                                        Some(href) => {
                                                            view! {
                                                                <a href=href title="Voir le détail">
                                                                    {value}
                                                                </a>
                                                            }
                                                                .into_any()
                                                        }
                                                        None => value.into_any(),
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view();
    view! { <div class="report-sections">{tables}</div> }
}

/// The funder's home: every organisation of the territory and the sum.
#[component]
fn TerritoryView(t: TerritoryReport) -> impl IntoView {
    let bars: Vec<Bar> = t
        .organisations
        .iter()
        .filter(|o| o.has_year)
        .map(|o| Bar {
            name: o.name.clone(),
            attendance: o.attendance_percent,
            regularity: o.regularity_percent,
        })
        .collect();
    let year = t.year.clone();
    view! {
        <h1>"Bilan"</h1>
        <p class="lead">
            <strong>{format!("{} ({})", t.territory_name, t.territory)}</strong>
            {format!(
                " · année scolaire {} · {} structures. Aucun nom d'enfant n'est montré ici.",
                t.year,
                t.organisations.len(),
            )}
        </p>
        <div class="report-tools no-print">
            <YearChoice years=t.years.clone() year=t.year.clone() />
            <a class="button" href=csv_href(None, &t.year) rel="external" download="bilan.csv">
                "Télécharger le tableur (CSV)"
            </a>
            {print_button()}
        </div>
        <Headline r=t.total.clone() />
        <section aria-labelledby="structures">
            <h2 id="structures">"Par structure"</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau par structure">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Structure"</th>
                            <th scope="col">"Groupes"</th>
                            <th scope="col">"Enfants"</th>
                            <th scope="col">"Séances tenues"</th>
                            <th scope="col">"Heures"</th>
                            <th scope="col">"Présence"</th>
                            <th scope="col">"Régularité"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {t
                            .organisations
                            .into_iter()
                            .map(|o| view! { <OrgRow o year=year.clone() /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <BarsChart
                bars
                caption="la régularité est la part des semaines d'école où chaque groupe a eu ses séances."
            />
        </section>
        <section aria-labelledby="presence-semaine">
            <h2 id="presence-semaine">"Présence semaine par semaine, sur le territoire"</h2>
            <WeeklyChart weeks=t.total.weeks.clone() year_weeks=year_weeks(&t.total) />
        </section>
        <FigureTables rows=figures::rows(&t.total) drill=None />
    }
}

#[component]
fn OrgRow(o: OrgLine, year: String) -> impl IntoView {
    let rate = |p: Option<u32>| p.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into());
    let href = format!("/bilan?structure={}&annee={year}", o.id.0);
    view! {
        <tr data-organisation=o.id.0.clone()>
            <th scope="row">
                <a href=href>{o.name.clone()}</a>
            </th>
            {if o.has_year {
                view! {
                    <td class="num">{o.groups}</td>
                    <td class="num">{o.children}</td>
                    <td class="num">{format::number(o.sessions_held as f64, 0)}</td>
                    <td class="num">{format::number(o.minutes_held as f64 / 60.0, 1)}</td>
                    <td class="num">{rate(o.attendance_percent)}</td>
                    <td class="num">{rate(o.regularity_percent)}</td>
                }
                    .into_any()
            } else {
                view! {
                    <td colspan="6" class="muted">
                        "Pas d'année scolaire à ce nom."
                    </td>
                }
                    .into_any()
            }}
        </tr>
    }
}

/// `/bilan/enfants?annee=…&filtre=…`: the children a figure counts.
#[component]
pub fn ChildrenBehindPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("annee"), q.get("filtre").unwrap_or_default())
        },
        |(year, filter)| load_children_behind(year, filter),
    );
    view! {
        <Page title="Enfants comptés dans le bilan">
            <Loaded resource=data render=move |c| view! { <ChildrenList c /> } />
        </Page>
    }
}

#[component]
fn ChildrenList(c: ChildrenBehind) -> impl IntoView {
    let what = c.label.clone();
    let count = c.children.len();
    view! {
        <p class="lead">
            {format!(
                "{what} · année {} · {count} enfant{}",
                c.year,
                if count > 1 { "s" } else { "" },
            )}
        </p>
        <p>
            <a href=format!("/bilan?annee={}", c.year)>"Retour au bilan"</a>
        </p>
        {if c.children.is_empty() {
            view! { <p class="muted">"Aucun enfant."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" role="region" tabindex="0" aria-label="Enfants concernés">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">"Enfant"</th>
                                <th scope="col">"Classe"</th>
                                <th scope="col">"Présence"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c
                                .children
                                .into_iter()
                                .map(|child| {
                                    let rate = crate::domain::calendar::percent(
                                            child.attended,
                                            child.marked,
                                        )
                                        .map(|p| {
                                            format!("{p} % ({} sur {})", child.attended, child.marked)
                                        })
                                        .unwrap_or_else(|| "—".into());
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!(
                                                    "/inscriptions/{}",
                                                    child.id.0,
                                                )>{child.name}</a>
                                            </th>
                                            <td>{child.level}</td>
                                            <td class="num">{rate}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}
