//! « Dossier CAF » (`/dossier`): the project's facts, the four axes with
//! the actions behind them, and the budget with its balance, for one
//! school year. The coordinator fills the facts and the budget in; a funder
//! reads an organisation of their territory (`?structure=…`), figures only.

use crate::components::{successes, CheckedForm, Field, FormEnd, Loaded};
use crate::domain::dossier::{
    Balance, Budget, ChargeKind, Column, EducationPlan, Premises, ProductKind, ProjectFacts,
    Reminder, Setting,
};
use crate::format;
use crate::i18n::dossier::*;
use crate::i18n::{finding_message, Locale};
use crate::reports::dossier::api::{load_dossier, load_reminders, SaveBudget, SaveFacts};
use crate::reports::dossier::axes::AxesSection;
use crate::reports::dossier::types::{amount_field, DossierView};
use crate::reports::pages::YearChoice;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const L: Locale = Locale::Fr;

/// `/dossier`: the reader's organisation's dossier (`?structure=…` for a
/// funder), `?annee=…` another school year.
#[component]
pub fn DossierPage() -> impl IntoView {
    let query = use_query_map();
    let structure = move || query.read().get("structure").filter(|s| !s.is_empty());
    let year = move || query.read().get("annee").filter(|s| !s.is_empty());
    let facts: ServerAction<SaveFacts> = ServerAction::new();
    let budget: ServerAction<SaveBudget> = ServerAction::new();
    let (saved_facts, saved_budget) = (successes(facts.value()), successes(budget.value()));
    let data = Resource::new(
        move || (structure(), year(), saved_facts.get() + saved_budget.get()),
        |(s, y, _)| load_dossier(s, y),
    );
    view! {
        <main id="contenu" class="page dossier">
            <Loaded
                resource=data
                error_heading="Dossier CAF"
                render=move |view| {
                    let structure = structure();
                    view! { <Dossier view structure facts budget /> }
                }
            />
        </main>
    }
}

#[component]
fn Dossier(
    view: DossierView,
    structure: Option<String>,
    facts: ServerAction<SaveFacts>,
    budget: ServerAction<SaveBudget>,
) -> impl IntoView {
    let bilan = match &structure {
        Some(s) => format!("/bilan?structure={s}&annee={}", view.year),
        None => format!("/bilan?annee={}", view.year),
    };
    let query = match &structure {
        Some(s) => format!("structure={s}&year={}", view.year),
        None => format!("year={}", view.year),
    };
    let period = format!(
        "Année scolaire {} · actions du {} au {}",
        view.year,
        format::full_date(view.first_day),
        format::full_date(view.until)
    );
    let findings = view.findings.clone();
    view! {
        <h1>"Dossier CAF"</h1>
        <p class="lead">
            <strong>{view.organisation_name.clone()}</strong>
            " · "
            {period}
        </p>
        <div class="report-tools no-print">
            <YearChoice
                years=view.years.clone()
                year=view.year.clone()
                structure=structure.unwrap_or_default()
            />
            <a
                class="button"
                href=format!("/api/reports/dossier-pdf?{query}")
                rel="external"
                download="dossier-caf.pdf"
            >
                "Télécharger le dossier (PDF)"
            </a>
            <a
                class="button"
                href=format!("/api/reports/dossier-xlsx?{query}")
                rel="external"
                download="dossier-caf.xlsx"
            >
                "Télécharger le tableur (XLSX)"
            </a>
            <a class="button" href=bilan>
                "Chiffres du bilan"
            </a>
        </div>
        {view.reminders.iter().cloned().map(|r| view! { <ReminderNotice r /> }).collect_view()}
        {(!findings.is_empty())
            .then(|| {
                view! {
                    <section class="notice notice-warning" aria-labelledby="points">
                        <h2 id="points">"Points à regarder"</h2>
                        <ul>
                            {findings
                                .iter()
                                .map(|f| {
                                    view! {
                                        <li data-finding-code=f
                                            .code
                                            .as_str()>{finding_message(f, L)}</li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        <FactsSection view=view.clone() action=facts />
        <AxesSection axes=view.axes.clone() named=view.editable />
        <BudgetSection view=view action=budget />
    }
}

/// For coordinators, on their home: the CAF dates coming near with what
/// the dossier still lacks, and the way to it.
#[component]
pub fn DossierReminders() -> impl IntoView {
    let list = Resource::new(|| (), |_| load_reminders());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = list.await.unwrap_or_default();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div class="dossier-reminders">
                                {list
                                    .into_iter()
                                    .map(|r| view! { <ReminderNotice r link=true /> })
                                    .collect_view()}
                            </div>
                        }
                    })
            })}
        </Suspense>
    }
}

/// A CAF date coming near, and what the dossier lacks for it; `link` adds
/// the way to the dossier (on the home).
#[component]
fn ReminderNotice(r: Reminder, #[prop(optional)] link: bool) -> impl IntoView {
    let when = match r.days_left {
        0 => "aujourd'hui".to_string(),
        1 => "demain".to_string(),
        n => format!("dans {n} jours"),
    };
    view! {
        <section class="notice notice-warning" data-deadline=r.deadline.as_str()>
            <p>
                <strong>
                    {format!(
                        "{} : {} ({when}).",
                        deadline_label(r.deadline, L),
                        format::day_month(r.on),
                    )}
                </strong>
                " Il manque encore :"
            </p>
            <ul>
                {r.missing.iter().map(|m| view! { <li>{missing_label(*m, L)}</li> }).collect_view()}
            </ul>
            {link
                .then(|| {
                    view! {
                        <p>
                            <a href="/dossier">"Compléter le dossier CAF"</a>
                        </p>
                    }
                })}
        </section>
    }
}

/// The project's facts: a form for the coordinator, a list for a funder.
#[component]
fn FactsSection(view: DossierView, action: ServerAction<SaveFacts>) -> impl IntoView {
    let f = view.facts.clone();
    let content = if view.editable {
        view! { <FactsForm f year=view.year.clone() rate=view.budget.volunteer_rate action /> }
            .into_any()
    } else {
        let lines = crate::reports::dossier::types::fact_lines(&f);
        view! {
            <dl class="record-facts">
                {lines
                    .into_iter()
                    .map(|(k, v)| {
                        view! {
                            <dt>{k}</dt>
                            <dd>{v}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
        }
        .into_any()
    };
    view! {
        <section class="card report-section" aria-labelledby="projet">
            <h2 id="projet">"Le projet"</h2>
            {content}
        </section>
    }
}

/// A select of a closed vocabulary, with « non renseigné » first.
fn select<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    all: &'static [T],
    code: fn(T) -> &'static str,
    label: fn(T, Locale) -> &'static str,
    current: Option<T>,
) -> impl IntoView {
    view! {
        <select id=format!("d-{id}") name=format!("form[{id}]")>
            <option value="" selected=current.is_none()>
                "Non renseigné"
            </option>
            {all
                .iter()
                .map(|v| {
                    view! {
                        <option value=code(*v) selected=current == Some(*v)>
                            {label(*v, L)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn FactsForm(
    f: ProjectFacts,
    year: String,
    rate: crate::domain::dossier::Cents,
    action: ServerAction<SaveFacts>,
) -> impl IntoView {
    let v = action.value();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <CheckedForm action check=|input: &SaveFacts| input.form.check().map(|_| ())>
            <input type="hidden" name="form[year]" value=year />
            <div class="field-row">
                <Field control="d-commune" label="Commune" refused="commune">
                    <input
                        id="d-commune"
                        name="form[commune]"
                        maxlength="80"
                        autocomplete="address-level2"
                        value=f.commune.clone()
                    />
                </Field>
                <Field control="d-neighbourhood" label="Quartier" refused="neighbourhood">
                    <input
                        id="d-neighbourhood"
                        name="form[neighbourhood]"
                        maxlength="80"
                        value=f.neighbourhood.clone()
                    />
                </Field>
            </div>
            <div class="field-row">
                <Field control="d-setting" label="Milieu" refused="setting">
                    {select("setting", Setting::ALL, Setting::as_str, setting_label, f.setting)}
                </Field>
                <Field
                    control="d-priority_area"
                    label="Quartier prioritaire (QPV)"
                    refused="priority_area"
                >
                    <select id="d-priority_area" name="form[priority_area]">
                        <option value="" selected=f.priority_area.is_none()>
                            "Non renseigné"
                        </option>
                        <option value="oui" selected=f.priority_area == Some(true)>
                            "Oui"
                        </option>
                        <option value="non" selected=f.priority_area == Some(false)>
                            "Non"
                        </option>
                    </select>
                </Field>
            </div>
            <div class="field-row">
                <Field
                    control="d-education_plan"
                    label="L'action fait partie d'un PEL ou d'un PEDT"
                    refused="education_plan"
                >
                    {select(
                        "education_plan",
                        EducationPlan::ALL,
                        EducationPlan::as_str,
                        education_plan_label,
                        f.education_plan,
                    )}
                </Field>
                <Field control="d-premises" label="Type de locaux" refused="premises">
                    {select(
                        "premises",
                        Premises::ALL,
                        Premises::as_str,
                        premises_label,
                        f.premises,
                    )}
                </Field>
            </div>
            <fieldset class="choices">
                <legend>"Les dates de votre CAF"</legend>
                <div class="field-row">
                    <Field
                        control="d-call"
                        label="Dépôt du projet (appel à projets)"
                        refused="call_for_projects"
                    >
                        <input
                            id="d-call"
                            type="date"
                            name="form[call_for_projects]"
                            value=date(f.call_for_projects)
                        />
                    </Field>
                    <Field control="d-bilan" label="Remise du bilan" refused="bilan_due">
                        <input
                            id="d-bilan"
                            type="date"
                            name="form[bilan_due]"
                            value=date(f.bilan_due)
                        />
                    </Field>
                </div>
                <p class="hint">
                    "À l'approche d'une date, la page d'accueil rappelle ce qui manque au dossier."
                </p>
            </fieldset>
            <Field
                control="d-rate"
                label="Valeur d'une heure de bénévolat (€)"
                refused="volunteer_rate"
                hint="Sert à valoriser le temps des bénévoles relevé dans les séances tenues."
            >
                <input
                    id="d-rate"
                    name="form[volunteer_rate]"
                    inputmode="decimal"
                    aria-describedby="d-rate-hint"
                    value=format::euros_input(rate)
                />
            </Field>
            <FormEnd value=v saved="Le projet est enregistré." button="Enregistrer le projet" />
        </CheckedForm>
    }
}

/// The budget: a table to fill in (coordinator) or read (funder), its
/// totals and result, the CAF's cap and the volunteers' time in kind.
#[component]
fn BudgetSection(view: DossierView, action: ServerAction<SaveBudget>) -> impl IntoView {
    let editable = view.editable;
    let table =
        view! { <BudgetTable budget=view.budget.clone() balance=view.balance.clone() editable /> };
    let body = if editable {
        view! {
            <CheckedForm action check=|input: &SaveBudget| input.form.check().map(|_| ())>
                <input type="hidden" name="form[year]" value=view.year.clone() />
                {table}
                <FormEnd
                    value=action.value()
                    saved="Le budget est enregistré."
                    button="Enregistrer le budget"
                />
            </CheckedForm>
        }
        .into_any()
    } else {
        table.into_any()
    };
    view! {
        <section class="report-section" aria-labelledby="budget">
            <h2 id="budget">"Budget de l'action"</h2>
            <p class="muted">
                "Le prévu accompagne le projet ; le réalisé, le bilan. Montants en euros, au centime près."
            </p>
            {body}
            <BalanceLines balance=view.balance rate=view.budget.volunteer_rate />
        </section>
    }
}

/// One line of the table: its label and its two amounts (inputs for the
/// coordinator).
fn amount_row(
    code: &'static str,
    label: &'static str,
    amounts: crate::domain::dossier::Amounts,
    editable: bool,
) -> impl IntoView {
    let cell = move |column: Column| {
        let field = amount_field(code, column);
        let value = amounts.get(column);
        if editable {
            let id = format!("b-{field}");
            view! {
                <td class="num">
                    <input
                        id=id
                        name=format!("form[amounts][{field}]")
                        inputmode="decimal"
                        class="amount"
                        aria-label=format!("{label}, {}", column_label(column, L).to_lowercase())
                        value=format::euros_input(value)
                    />
                </td>
            }
            .into_any()
        } else {
            view! { <td class="num">{format::euros(value)}</td> }.into_any()
        }
    };
    view! {
        <tr data-line=code>
            <th scope="row">{label}</th>
            {cell(Column::Expected)}
            {cell(Column::Actual)}
        </tr>
    }
}

fn total_row(
    label: &'static str,
    a: crate::domain::dossier::Amounts,
    code: &'static str,
) -> impl IntoView {
    view! {
        <tr data-total=code>
            <th scope="row">{label}</th>
            <td class="num">{format::euros(a.expected)}</td>
            <td class="num">{format::euros(a.actual)}</td>
        </tr>
    }
}

/// A part of the budget's table: its name and the two columns.
fn heads(part: &'static str) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{part}</th>
                <th scope="col" class="num">
                    {column_label(Column::Expected, L)}
                </th>
                <th scope="col" class="num">
                    {column_label(Column::Actual, L)}
                </th>
            </tr>
        </thead>
    }
}

#[component]
fn BudgetTable(budget: Budget, balance: Balance, editable: bool) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-label="Budget">
            <table class="table budget">
                <caption class="visually-hidden">"Budget de l'action, prévu et réalisé"</caption>
                {heads("Charges")}
                <tbody>
                    {ChargeKind::ALL
                        .iter()
                        .map(|k| amount_row(
                            k.as_str(),
                            charge_label(*k, L),
                            budget.charge(*k),
                            editable,
                        ))
                        .collect_view()}
                    {total_row("Total des charges", balance.charges, "charges")}
                </tbody>
                {heads("Produits")}
                <tbody>
                    {ProductKind::ALL
                        .iter()
                        .map(|k| amount_row(
                            k.as_str(),
                            product_label(*k, L),
                            budget.product(*k),
                            editable,
                        ))
                        .collect_view()}
                    {total_row("Total des produits", balance.products, "produits")}
                </tbody>
                <tfoot>
                    {total_row("Résultat (produits − charges)", balance.result, "resultat")}
                </tfoot>
            </table>
        </div>
    }
}

/// The CAF's cap and the volunteers' time, in sentences.
#[component]
fn BalanceLines(balance: Balance, rate: crate::domain::dossier::Cents) -> impl IntoView {
    let cap = format!(
        "Plafond de la part CAF : {} ({} groupe(s) × {}).",
        format::euros(balance.caf_cap),
        balance.groups,
        format::euros(crate::domain::dossier::budget::CAF_CAP_PER_GROUP)
    );
    let hours = format::duration(balance.volunteer_minutes.min(u32::MAX as u64) as u32);
    let in_kind = format!(
        "Contributions volontaires en nature : {hours} de bénévolat dans les séances tenues, à {} de l'heure : {}.",
        format::euros(rate),
        format::euros(balance.in_kind)
    );
    view! {
        <ul class="plain-list balance">
            <li data-cap=balance.caf_cap.0.to_string()>{cap}</li>
            <li data-in-kind=balance.in_kind.0.to_string()>{in_kind}</li>
        </ul>
    }
}
