//! « Année scolaire »: the coordinator's school year and its holidays,
//! entered by hand or imported from the ministry's calendar file.

use crate::components::{form_error, successes, CheckedForm, Field, Loaded, Page};
use crate::error::AppError;
use crate::format;
use crate::i18n::{import_problem, use_locale};
use crate::records::school_year::api::{
    load_school_year, AddHoliday, DeleteHoliday, ImportHolidays,
};
use crate::records::school_year::types::{
    HolidayForm, HolidayLine, SchoolYear, SchoolYearPage as PageData,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn SchoolYearPage() -> impl IntoView {
    let add = ServerAction::<AddHoliday>::new();
    let delete = ServerAction::<DeleteHoliday>::new();
    let import = ServerAction::<ImportHolidays>::new();
    let (added, deleted, imported) = (
        successes(add.value()),
        successes(delete.value()),
        successes(import.value()),
    );
    let data = Resource::new(
        move || (added.get(), deleted.get(), imported.get()),
        |_| load_school_year(),
    );
    view! {
        <Page title="Année scolaire">
            <p class="lead">
                "Les vacances comptent pour le planning : une séance posée pendant les vacances est signalée."
            </p>
            <Loaded resource=data render=move |page| view! { <Year page add delete import /> } />
        </Page>
    }
}

#[component]
fn Year(
    page: PageData,
    add: ServerAction<AddHoliday>,
    delete: ServerAction<DeleteHoliday>,
    import: ServerAction<ImportHolidays>,
) -> impl IntoView {
    let year = page.year;
    view! {
        <section class="card school-year" data-school-year=year.label.clone()>
            <h2>{format!("Année {}", year.label)}</h2>
            <p>
                {format!(
                    "Du {} au {} · vacances de la zone {}",
                    format::full_date(year.first_day),
                    format::full_date(year.last_day),
                    year.zone,
                )}
            </p>
            <p>
                <a class="button" href="/annee-suivante">
                    "Préparer l'année suivante"
                </a>
            </p>
        </section>
        <h2>"Vacances scolaires"</h2>
        <HolidayList holidays=page.holidays delete />
        <div class="two-columns">
            <AddHolidayForm add year=year.clone() />
            <ImportForm import zone=year.zone.clone() />
        </div>
    }
}

#[component]
fn HolidayList(holidays: Vec<HolidayLine>, delete: ServerAction<DeleteHoliday>) -> impl IntoView {
    if holidays.is_empty() {
        return view! {
            <p class="muted">
                "Aucune période de vacances pour cette année : importez le calendrier officiel ou ajoutez-les à la main."
            </p>
        }.into_any();
    }
    let error = form_error(delete.value());
    view! {
        <ul class="holidays">
            {holidays
                .into_iter()
                .map(|line| {
                    let h = line.holiday;
                    let period = if h.first_day == h.last_day {
                        format!("le {}", format::day_month(h.first_day))
                    } else {
                        format!(
                            "du {} au {}",
                            format::day_month(h.first_day),
                            format::day_month(h.last_day),
                        )
                    };
                    view! {
                        <li
                            class="holiday"
                            data-first-day=h.first_day.to_string()
                            data-last-day=h.last_day.to_string()
                        >
                            <span>
                                <strong>{h.name.clone()}</strong>
                                " "
                                <span class="muted">{period}</span>
                            </span>
                            <ActionForm action=delete>
                                <input type="hidden" name="id" value=line.id.0.clone() />
                                <button
                                    type="submit"
                                    class="button"
                                    aria-label=format!("Supprimer {}", h.name)
                                >
                                    "Supprimer"
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || error().is_some()>
            <p class="form-error" role="alert">
                {error}
            </p>
        </Show>
    }
    .into_any()
}

/// A period entered by hand, checked by `HolidayForm::check` in the browser
/// and again on the server.
#[component]
fn AddHolidayForm(add: ServerAction<AddHoliday>, year: SchoolYear) -> impl IntoView {
    let error = form_error(add.value());
    let (first, last) = (year.first_day, year.last_day);
    let check = move |input: &AddHoliday| {
        HolidayForm {
            name: input.name.clone(),
            first_day: input.first_day.clone(),
            last_day: input.last_day.clone(),
        }
        .check(&year)
        .map(|_| ())
    };
    view! {
        <section class="card">
            <h3>"Ajouter une période"</h3>
            <p class="muted">"Un pont, une fermeture de la structure…"</p>
            <CheckedForm action=add check>
                <Field control="holiday-name" label="Nom" refused="holiday_name">
                    <input
                        id="holiday-name"
                        name="name"
                        type="text"
                        required
                        minlength="3"
                        maxlength="80"
                    />
                </Field>
                <div class="field-row">
                    <Field
                        control="holiday-first"
                        label="Premier jour sans école"
                        refused="holiday_first_day"
                    >
                        <input
                            id="holiday-first"
                            name="first_day"
                            type="date"
                            required
                            min=first.to_string()
                            max=last.to_string()
                        />
                    </Field>
                    <Field
                        control="holiday-last"
                        label="Dernier jour sans école"
                        refused="holiday_last_day"
                    >
                        <input
                            id="holiday-last"
                            name="last_day"
                            type="date"
                            required
                            min=first.to_string()
                            max=last.to_string()
                        />
                    </Field>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Ajouter"
                </button>
            </CheckedForm>
        </section>
    }
}

/// The ministry's calendar file, read in the browser and sent whole; the
/// server keeps the year's zone and says which lines are wrong.
#[component]
fn ImportForm(import: ServerAction<ImportHolidays>, zone: String) -> impl IntoView {
    let l = use_locale();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let reading = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen_futures::JsFuture;
            let Some(file) = crate::components::chosen_file(file_input) else {
                return;
            };
            reading.set(true);
            leptos::task::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default();
                reading.set(false);
                import.dispatch(ImportHolidays { text });
            });
        }
    };
    let problems = move || match import.value().get() {
        Some(Err(AppError::Import { problems })) => Some(problems),
        _ => None,
    };
    let other_error = move || match import.value().get() {
        Some(Err(AppError::Import { .. })) | None | Some(Ok(_)) => None,
        Some(Err(e)) => Some(crate::i18n::error_message(&e, l)),
    };
    let done = move || match import.value().get() {
        Some(Ok(n)) => Some(format!("Calendrier importé : {n} période(s) de vacances.")),
        _ => None,
    };
    view! {
        <section class="card">
            <h3>"Importer le calendrier officiel"</h3>
            <p class="muted">
                "Téléchargez le fichier « Calendrier scolaire » au format CSV sur data.education.gouv.fr, puis choisissez-le ici. "
                {format!(
                    "Seules les vacances de la zone {zone} pour cette année sont gardées ; elles remplacent la liste ci-dessus.",
                )}
            </p>
            <form on:submit=on_submit class="import-form">
                <Field control="holidays-file" label="Fichier CSV">
                    <input
                        id="holidays-file"
                        type="file"
                        accept=".csv,text/csv"
                        required
                        node_ref=file_input
                    />
                </Field>
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || reading.get() || import.pending().get()
                >
                    {move || {
                        if reading.get() || import.pending().get() {
                            "Import en cours…"
                        } else {
                            "Importer"
                        }
                    }}
                </button>
            </form>
            {move || {
                done()
                    .map(|text| {
                        view! {
                            <p class="form-success" role="status">
                                {text}
                            </p>
                        }
                    })
            }}
            {move || {
                other_error()
                    .map(|text| {
                        view! {
                            <p class="form-error" role="alert">
                                {text}
                            </p>
                        }
                    })
            }}
            {move || {
                problems()
                    .map(|problems| {
                        view! {
                            <div class="form-error import-problems" role="alert">
                                <p>
                                    <strong>
                                        "Le fichier n'a pas été importé : rien n'a changé. Corrigez ces lignes puis réessayez."
                                    </strong>
                                </p>
                                <ul>
                                    {problems
                                        .iter()
                                        .map(|p| {
                                            view! {
                                                <li data-line=p.line.to_string()>{import_problem(p, l)}</li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
