//! « Contrats » (`/contrats?enfant=…` or `?groupe=…`): the contracts of the
//! year laid out for paper, one page per child (the print stylesheet in
//! `style/main.css` hides the app around them and breaks a page after each).

use crate::components::Loaded;
use crate::format;
use crate::records::child::api::load_contracts;
use crate::records::child::types::{ContractSheet, ContractsPrint};
use crate::records::children::pages::level_label;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContractsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("enfant").unwrap_or_default(),
                q.get("groupe").unwrap_or_default(),
            )
        },
        |(child, group)| load_contracts(child, group),
    );
    view! {
        <main id="contenu" class="page contracts-print">
            <Loaded
                resource=data
                error_heading="Contrats d'accompagnement"
                render=move |print| view! { <Sheets print /> }
            />
        </main>
    }
}

#[component]
fn Sheets(print: ContractsPrint) -> impl IntoView {
    let count = print.sheets.len();
    let on_print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="no-print print-bar">
            <h1>{format!("Contrats d'accompagnement {}", print.year)}</h1>
            <p class="lead">
                {match count {
                    0 => {
                        "Aucun contrat à imprimer : écrivez d'abord les objectifs sur la fiche de l'enfant."
                            .to_string()
                    }
                    1 => "Un contrat, sur une page.".to_string(),
                    n => format!("{n} contrats, un par page."),
                }}
            </p>
            {(count > 0)
                .then(|| {
                    view! {
                        <button type="button" class="button button-primary" on:click=on_print>
                            "Imprimer"
                        </button>
                    }
                })}
        </div>
        {print
            .sheets
            .into_iter()
            .map(|sheet| {
                view! {
                    <Sheet sheet organisation=print.organisation.clone() year=print.year.clone() />
                }
            })
            .collect_view()}
    }
}

#[component]
fn Sheet(sheet: ContractSheet, organisation: String, year: String) -> impl IntoView {
    let lines = |text: &str| {
        text.lines()
            .map(|l| view! { <li>{l.to_string()}</li> })
            .collect_view()
    };
    let guardians = if sheet.guardians.is_empty() {
        "—".to_string()
    } else {
        sheet.guardians.join(", ")
    };
    let school = sheet
        .school
        .clone()
        .unwrap_or_else(|| "……………………………………".to_string());
    let accepted = sheet.contract.accepted.clone();
    view! {
        <article class="contract-sheet" data-child-id=sheet.child.0.clone()>
            <header>
                <p class="sheet-org">{organisation.clone()}</p>
                <h2>{format!("Contrat d'accompagnement à la scolarité {year}")}</h2>
                <p class="muted">"Contrat local d'accompagnement à la scolarité (CLAS)"</p>
            </header>
            <dl class="parties">
                <dt>"L'enfant"</dt>
                <dd>
                    {format!("{}, {}", sheet.child_name, level_label(sheet.level))}
                    {sheet.birth_date.map(|d| format!(", né(e) le {}", format::birth_date(d)))}
                    {(!sheet.groups.is_empty())
                        .then(|| format!(" · groupe {}", sheet.groups.join(", ")))}
                </dd>
                <dt>"Ses parents ou responsables"</dt>
                <dd>{guardians}</dd>
                <dt>"La structure"</dt>
                <dd>{organisation}</dd>
                <dt>"L'établissement scolaire"</dt>
                <dd>{school}</dd>
            </dl>
            <h3>"Nos objectifs pour l'année"</h3>
            <ul>{lines(&sheet.contract.objectives)}</ul>
            {(!sheet.contract.engagements.is_empty())
                .then(|| {
                    view! {
                        <h3>"Ce que chacun s'engage à faire"</h3>
                        <ul>{lines(&sheet.contract.engagements)}</ul>
                    }
                })}
            {accepted
                .map(|(by, at)| {
                    view! {
                        <p class="muted">
                            {format!(
                                "Accepté en ligne par {by} le {}.",
                                format::full_date(at.date()),
                            )}
                        </p>
                    }
                })}
            <div class="signatures">
                {["L'enfant", "Les parents", "La structure", "L'établissement"]
                    .into_iter()
                    .map(|who| {
                        view! {
                            <div class="signature">
                                <p>{who}</p>
                                <p class="muted">"Date et signature"</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </article>
    }
}
