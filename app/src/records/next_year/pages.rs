//! « Préparer l'année suivante » (`/annee-suivante`): the next year and
//! its groups in one step, its holidays, then every child carried over in
//! one form.

use crate::components::{form_error, successes, Field, Loaded, Page};
use crate::error::AppError;
use crate::format;
use crate::i18n::{import_problem, use_locale};
use crate::records::next_year::api::{
    load_next_year, CarryOver, ImportNextYearHolidays, PrepareNextYear,
};
use crate::records::next_year::types::{NextYearPage as PageData, LEAVES};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn NextYearPage() -> impl IntoView {
    let prepare = ServerAction::<PrepareNextYear>::new();
    let holidays = ServerAction::<ImportNextYearHolidays>::new();
    let carry = ServerAction::<CarryOver>::new();
    let changes = [
        successes(prepare.value()),
        successes(holidays.value()),
        successes(carry.value()),
    ];
    let data = Resource::new(
        move || changes.iter().map(|c| c.get()).sum::<u32>(),
        |_| load_next_year(),
    );
    view! {
        <Page title="Préparer l'année suivante">
            <p class="lead">
                "Les groupes de cette année sont recopiés pour la suivante, puis chaque enfant y passe ou sort, en une fois. Les registres et le bilan de cette année ne changent pas."
            </p>
            <Loaded
                resource=data
                render=move |page| view! { <Steps page prepare holidays carry /> }
            />
        </Page>
    }
}

#[component]
fn Steps(
    page: PageData,
    prepare: ServerAction<PrepareNextYear>,
    holidays: ServerAction<ImportNextYearHolidays>,
    carry: ServerAction<CarryOver>,
) -> impl IntoView {
    let current = page.current.clone();
    let ends = view! {
        <p>
            {format!(
                "L'année {} se termine le {}.",
                current.label,
                format::full_date(current.last_day),
            )}
        </p>
    };
    match page.next.clone() {
        None => view! {
            {ends}
            <PrepareForm prepare proposed=page.proposed />
        }
        .into_any(),
        Some(next) => view! {
            {ends}
            <section class="card next-year" data-school-year=next.label.clone()>
                <h2>{format!("Année {} préparée", next.label)}</h2>
                <p>
                    {format!(
                        "Du {} au {} · {} groupe(s) · {} période(s) de vacances (zone {})",
                        format::full_date(next.first_day),
                        format::full_date(next.last_day),
                        page.next_groups.len(),
                        page.next_holidays,
                        next.zone,
                    )}
                </p>
                <p class="muted">
                    "Les lieux et les seuils de la structure restent les mêmes. Les groupes de l'année suivante apparaissent au planning dès la fin de celle-ci."
                </p>
            </section>
            <HolidaysForm holidays zone=next.zone.clone() />
            <CarryForm page carry />
        }
        .into_any(),
    }
}

#[component]
fn PrepareForm(
    prepare: ServerAction<PrepareNextYear>,
    proposed: (chrono::NaiveDate, chrono::NaiveDate),
) -> impl IntoView {
    let error = form_error(prepare.value());
    view! {
        <section class="card">
            <h2>"1. L'année suivante et ses groupes"</h2>
            <p class="muted">
                "Les groupes de cette année sont recopiés avec leurs niveaux, leur lieu habituel, leurs activités prévues et leurs accompagnateurs."
            </p>
            <ActionForm action=prepare>
                <div class="field-row">
                    <Field control="next-first" label="Rentrée" refused="next_first_day">
                        <input
                            id="next-first"
                            name="first_day"
                            type="date"
                            required
                            value=proposed.0.to_string()
                        />
                    </Field>
                    <Field control="next-last" label="Dernier jour" refused="next_last_day">
                        <input
                            id="next-last"
                            name="last_day"
                            type="date"
                            required
                            value=proposed.1.to_string()
                        />
                    </Field>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Préparer l'année suivante"
                </button>
            </ActionForm>
        </section>
    }
}

/// The ministry's calendar file for the next year, read in the browser.
#[component]
fn HolidaysForm(holidays: ServerAction<ImportNextYearHolidays>, zone: String) -> impl IntoView {
    let l = use_locale();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen_futures::JsFuture;
            let Some(file) = crate::components::chosen_file(file_input) else {
                return;
            };
            leptos::task::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default();
                holidays.dispatch(ImportNextYearHolidays { text });
            });
        }
    };
    let problems = move || match holidays.value().get() {
        Some(Err(AppError::Import { problems })) => problems
            .iter()
            .map(|p| import_problem(p, l))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let other = form_error(holidays.value());
    let done = move || match holidays.value().get() {
        Some(Ok(n)) => Some(format!("Calendrier importé : {n} période(s) de vacances.")),
        _ => None,
    };
    view! {
        <section class="card">
            <h2>"2. Les vacances de l'année suivante"</h2>
            <p class="muted">
                {format!(
                    "Le fichier « Calendrier scolaire » (CSV, data.education.gouv.fr) : les vacances de la zone {zone} pour l'année suivante sont gardées.",
                )}
            </p>
            <noscript>
                <p>"Cet import lit le fichier dans le navigateur : il demande JavaScript."</p>
            </noscript>
            <form on:submit=on_submit class="import-form">
                <Field control="next-holidays-file" label="Fichier CSV">
                    <input
                        id="next-holidays-file"
                        type="file"
                        accept=".csv,text/csv"
                        required
                        node_ref=file_input
                    />
                </Field>
                <button type="submit" class="button">
                    "Importer les vacances"
                </button>
            </form>
            {move || {
                done()
                    .map(|d| {
                        view! {
                            <p class="notice notice-success" role="status">
                                {d}
                            </p>
                        }
                    })
            }}
            <Show when=move || !problems().is_empty()>
                <ul class="form-error" role="alert">
                    {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
            <Show when=move || {
                other().is_some()
                    && !matches!(holidays.value().get(), Some(Err(AppError::Import { .. })))
            }>
                <p class="form-error" role="alert">
                    {other}
                </p>
            </Show>
        </section>
    }
}

/// Every current child in one form: the next year's group (the one named
/// like this year's proposed) or « Sort en fin d'année ».
#[component]
fn CarryForm(page: PageData, carry: ServerAction<CarryOver>) -> impl IntoView {
    let error = form_error(carry.value());
    let done = move || match carry.value().get() {
        Some(Ok(n)) => Some(format!(
            "C'est fait : {n} enfant(s) passés à l'année suivante ou sortis."
        )),
        _ => None,
    };
    let carried = page
        .children
        .iter()
        .filter(|c| c.next_group.is_some())
        .count();
    let groups = page.next_groups.clone();
    view! {
        <section class="card carry-over">
            <h2>"3. Les enfants"</h2>
            <p>
                {format!(
                    "{} enfant(s) cette année · {} déjà dans un groupe de l'année suivante · {} sortie(s) prévue(s) à la fin de l'année.",
                    page.children.len(),
                    carried,
                    page.leaving,
                )}
            </p>
            <p class="muted">
                "Pour chaque enfant qui reste, l'accord des parents et le contrat sont marqués à renouveler."
            </p>
            <ActionForm action=carry>
                <div
                    class="table-wrap"
                    role="region"
                    tabindex="0"
                    aria-label="Enfants à reconduire"
                >
                    <table class="table carry">
                        <thead>
                            <tr>
                                <th scope="col">"Enfant"</th>
                                <th scope="col">"Cette année"</th>
                                <th scope="col">"L'année suivante"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page
                                .children
                                .into_iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    let chosen = c
                                        .next_group
                                        .clone()
                                        .or(c.proposed.clone())
                                        .map(|g| g.0)
                                        .unwrap_or_default();
                                    let control = format!("carry-{i}");
                                    view! {
                                        <tr data-child-id=c.child.to_string()>
                                            <th scope="row">
                                                <label for=control.clone()>{c.name.clone()}</label>
                                                <input
                                                    type="hidden"
                                                    name=format!("carry[{i}][child]")
                                                    value=c.child.to_string()
                                                />
                                            </th>
                                            <td>{c.groups.join(", ")}</td>
                                            <td>
                                                <select id=control name=format!("carry[{i}][to]")>
                                                    {groups
                                                        .iter()
                                                        .map(|(id, name)| {
                                                            view! {
                                                                <option value=id.to_string() selected=id.0 == chosen>
                                                                    {format!("Groupe {name}")}
                                                                </option>
                                                            }
                                                        })
                                                        .collect_view()}
                                                    <option value=LEAVES>"Sort en fin d'année"</option>
                                                    <option value="" selected=chosen.is_empty()>
                                                        "À décider plus tard"
                                                    </option>
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                {move || {
                    done()
                        .map(|d| {
                            view! {
                                <p class="notice notice-success" role="status">
                                    {d}
                                </p>
                            }
                        })
                }}
                <button type="submit" class="button button-primary">
                    "Passer les enfants à l'année suivante"
                </button>
            </ActionForm>
        </section>
    }
}
