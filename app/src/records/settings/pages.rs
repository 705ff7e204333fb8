//! « Structure » (`/structure`): the organisation's settings. The CLAS
//! thresholds (a preset or custom values) and how long a child who left is
//! kept; the accompanists; the venues; the schools with their UAI code and
//! the timetable DURING_SCHOOL_TIME reads.

use crate::components::{field_error, form_error, successes, CheckedForm, Field, Loaded, Page};
use crate::format;
use crate::records::settings::api::*;
use crate::records::settings::types::{
    AccompanistLine, SchoolLine, SettingsPage as PageData, VenueLine, VENUE_KINDS,
};
use chrono::Weekday;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Actions {
    thresholds: ServerAction<SaveThresholds>,
    accompanist: ServerAction<AddAccompanist>,
    venue: ServerAction<AddVenue>,
    school: ServerAction<AddSchool>,
    period: ServerAction<AddPeriod>,
    delete_period: ServerAction<DeletePeriod>,
    edit_accompanist: ServerAction<UpdateAccompanist>,
    remove_accompanist: ServerAction<RemoveAccompanist>,
    edit_venue: ServerAction<UpdateVenue>,
    remove_venue: ServerAction<RemoveVenue>,
    edit_school: ServerAction<UpdateSchool>,
    remove_school: ServerAction<RemoveSchool>,
}

/// A form's last answer (every settings change answers `()`).
type Answer = MappedSignal<Option<Result<(), crate::error::AppError>>>;

fn day_label(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let a = Actions {
        thresholds: ServerAction::new(),
        accompanist: ServerAction::new(),
        venue: ServerAction::new(),
        school: ServerAction::new(),
        period: ServerAction::new(),
        delete_period: ServerAction::new(),
        edit_accompanist: ServerAction::new(),
        remove_accompanist: ServerAction::new(),
        edit_venue: ServerAction::new(),
        remove_venue: ServerAction::new(),
        edit_school: ServerAction::new(),
        remove_school: ServerAction::new(),
    };
    let changes = [
        successes(a.thresholds.value()),
        successes(a.accompanist.value()),
        successes(a.venue.value()),
        successes(a.school.value()),
        successes(a.period.value()),
        successes(a.delete_period.value()),
        successes(a.edit_accompanist.value()),
        successes(a.remove_accompanist.value()),
        successes(a.edit_venue.value()),
        successes(a.remove_venue.value()),
        successes(a.edit_school.value()),
        successes(a.remove_school.value()),
    ];
    let data = Resource::new(
        move || changes.iter().map(|c| c.get()).sum::<u32>(),
        |_| load_settings(),
    );
    view! {
        <Page title="Structure">
            <p class="lead">
                "Les réglages de la structure : les règles du CLAS, l'équipe, les lieux et les écoles."
            </p>
            <p class="actions">
                <a class="button" href="/annee-scolaire">
                    "Année scolaire et vacances"
                </a>
                <a class="button" href="/dossier">
                    "Dossier CAF : le projet et le budget"
                </a>
            </p>
            <Loaded resource=data render=move |page| view! { <Settings page a /> } />
        </Page>
    }
}

#[component]
fn Settings(page: PageData, a: Actions) -> impl IntoView {
    view! {
        <ThresholdsCard page=page.clone() action=a.thresholds />
        <AccompanistsCard page=page.clone() a />
        <VenuesCard page=page.clone() a />
        <h2>"Écoles et horaires"</h2>
        <p class="muted">
            "Une séance posée pendant les heures de classe d'un enfant inscrit est signalée dans le planning."
        </p>
        <Refusals edit=a.edit_school.value() remove=a.remove_school.value() />
        <div class="two-columns">
            {page
                .schools
                .into_iter()
                .map(|school| view! { <SchoolCard school a /> })
                .collect_view()} <NewSchoolCard action=a.school />
        </div>
    }
}

#[component]
fn ThresholdsCard(page: PageData, action: ServerAction<SaveThresholds>) -> impl IntoView {
    let t = page.thresholds;
    let error = form_error(action.value());
    let v = action.value();
    let saved = move || matches!(v.get(), Some(Ok(())));
    let l = crate::i18n::use_locale();
    let number = move |id: &'static str, value: u32| {
        view! {
            <Field control=format!("t-{id}") label={crate::form_messages::field_name(id, l)}>
                <input
                    id=format!("t-{id}")
                    name=format!("form[{id}]")
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="60"
                    value=value.to_string()
                    required
                />
                {field_error(v, id)}
            </Field>
        }
    };
    let preset = t.preset.as_str();
    view! {
        <section class="card settings-card">
            <h2>"Règles du CLAS"</h2>
            <CheckedForm action check=|input: &SaveThresholds| input.form.check().map(|_| ())>
                <fieldset class="choices">
                    <legend>"Seuils utilisés par le planning"</legend>
                    <label class="checkbox">
                        <input
                            type="radio"
                            name="form[preset]"
                            value="guide"
                            checked=preset == "guide"
                        />
                        " Guide CLAS : 5 à 15 enfants, un adulte pour 5 à 7"
                    </label>
                    <label class="checkbox">
                        <input
                            type="radio"
                            name="form[preset]"
                            value="caf_national"
                            checked=preset == "caf_national"
                        />
                        " Page nationale CAF : 8 à 12 enfants, deux adultes par groupe"
                    </label>
                    <label class="checkbox">
                        <input
                            type="radio"
                            name="form[preset]"
                            value="custom"
                            checked=preset == "custom"
                        />
                        " Valeurs de la structure (ci-dessous)"
                    </label>
                </fieldset>
                <p class="hint">
                    "Les valeurs ci-dessous ne servent que pour « Valeurs de la structure »."
                </p>
                <div class="field-row">
                    {number("group_min", t.group_min)} {number("group_max", t.group_max)}
                </div>
                <div class="field-row">
                    {number("max_children_per_adult", t.max_children_per_adult)}
                    {number("min_adults_per_session", t.min_adults_per_session)}
                    {number("sessions_per_week", t.sessions_per_week)}
                </div>
                <Field
                    control="t-months"
                    label="Anonymiser un enfant sorti après (mois sans contact)"
                    refused="anonymise_after_months"
                >
                    <input
                        id="t-months"
                        name="form[anonymise_after_months]"
                        type="number"
                        inputmode="numeric"
                        min="6"
                        max="120"
                        value=page.anonymise_after_months.to_string()
                        required
                    />
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <Show when=saved>
                    <p class="form-success" role="status">
                        "Réglages enregistrés : le planning les applique dès maintenant."
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Enregistrer les règles"
                </button>
            </CheckedForm>
        </section>
    }
}

/// The fields of an accompanist, empty or with `line`'s values; `key`
/// makes the ids unique on the page.
#[component]
fn AccompanistFields(key: String, line: Option<AccompanistLine>) -> impl IntoView {
    let key = StoredValue::new(key);
    let id = move |f: &str| key.with_value(|key| format!("acc-{f}-{key}"));
    let line = line.unwrap_or(AccompanistLine {
        id: crate::domain::ids::AccompanistId(String::new()),
        name: String::new(),
        paid: false,
        email: None,
        phone: None,
        availability: String::new(),
        has_account: false,
    });
    let known = !line.name.is_empty();
    let (first, last) = line.name.split_once(' ').unwrap_or((&line.name, ""));
    let (first, last) = (first.to_string(), last.to_string());
    view! {
        <div class="field-row">
            <Field control=id("first") label="Prénom" refused="accompanist_first_name">
                <input
                    id=id("first")
                    name="form[first_name]"
                    type="text"
                    required
                    maxlength="80"
                    autocomplete="off"
                    value=first.to_string()
                />
            </Field>
            <Field control=id("last") label="Nom" refused="accompanist_last_name">
                <input
                    id=id("last")
                    name="form[last_name]"
                    type="text"
                    required
                    maxlength="80"
                    autocomplete="off"
                    value=last.to_string()
                />
            </Field>
            <Field control=id("paid") label="Statut" refused="paid">
                <select id=id("paid") name="form[paid]" required>
                    <option value="" selected=!known>
                        "—"
                    </option>
                    <option value="0" selected=known && !line.paid>
                        "Bénévole"
                    </option>
                    <option value="1" selected=known && line.paid>
                        "Salarié"
                    </option>
                </select>
            </Field>
        </div>
        <div class="field-row">
            <Field control=id("phone") label="Téléphone" refused="phone">
                <input
                    id=id("phone")
                    name="form[phone]"
                    type="tel"
                    autocomplete="off"
                    value=line.phone.unwrap_or_default()
                />
            </Field>
            <Field control=id("email") label="E-mail" refused="email">
                <input
                    id=id("email")
                    name="form[email]"
                    type="email"
                    autocomplete="off"
                    value=line.email.unwrap_or_default()
                />
            </Field>
        </div>
        <Field control=id("availability") label="Disponibilités" refused="availability">
            <input
                id=id("availability")
                name="form[availability]"
                type="text"
                maxlength="300"
                placeholder="lundi et jeudi après 16 h"
                value=line.availability
            />
        </Field>
    }
}

/// « Modifier » under a line of the settings: its form (closed again once
/// saved), and the « Retirer » form (`remove`, made with `remove_form!`). Their refusals
/// show above the list (`Refusals`): after a page reload (without
/// JavaScript) the line's details are closed again.
#[component]
fn EditLine<U>(
    summary: String,
    edit: ServerAction<U>,
    id: String,
    check: fn(&U) -> Result<(), crate::error::AppError>,
    #[prop(into)] remove: ViewFn,
    children: Children,
) -> impl IntoView
where
    U: serde::de::DeserializeOwned
        + server_fn::ServerFn<Error = crate::error::AppError, Output = ()>
        + Clone
        + Send
        + Sync
        + 'static,
{
    // Saved: the line shows its new values and the form closes (a refusal
    // leaves it open, with the refusal above the list).
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if matches!(edit.value().get(), Some(Ok(()))) {
            if let Some(d) = details.get_untracked() {
                d.set_open(false);
            }
        }
    });
    view! {
        <details class="edit-line" node_ref=details>
            <summary>{summary}</summary>
            <CheckedForm action=edit check=move |input: &U| check(input)>
                <input type="hidden" name="id" value=id />
                {children()}
                <button type="submit" class="button button-primary">
                    "Enregistrer"
                </button>
            </CheckedForm>
            {remove.run()}
        </details>
    }
}

/// « Retirer … »: a plain form posting the record's id.
macro_rules! remove_form {
    ($action:expr, $id:expr, $label:expr) => {{
        let (action, id, label) = ($action, $id, $label);
        move || {
            let (id, label) = (id.clone(), label.clone());
            view! {
                <ActionForm action>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button button-quiet">{label}</button>
                </ActionForm>
            }
        }
    }};
}

/// Why a change or a removal of the lines below was refused.
#[component]
fn Refusals(edit: Answer, remove: Answer) -> impl IntoView {
    let (edit, remove) = (form_error(edit), form_error(remove));
    view! {
        <Show when=move || edit().is_some()>
            <p class="form-error" role="alert">
                {edit}
            </p>
        </Show>
        <Show when=move || remove().is_some()>
            <p class="form-error" role="alert">
                {remove}
            </p>
        </Show>
    }
}

#[component]
fn AccompanistsCard(page: PageData, a: Actions) -> impl IntoView {
    let action = a.accompanist;
    let error = form_error(action.value());
    view! {
        <section class="settings-section">
            <h2>{format!("Accompagnateurs ({})", page.accompanists.len())}</h2>
            <Refusals edit=a.edit_accompanist.value() remove=a.remove_accompanist.value() />
            <ul class="plain-list setting-lines">
                {page
                    .accompanists
                    .into_iter()
                    .map(|acc| {
                        let contact = [acc.phone.clone(), acc.email.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let facts = [
                            (if acc.paid { "salarié" } else { "bénévole" }).to_string(),
                            contact,
                            acc.availability.clone(),
                            (if acc.has_account { "a un compte" } else { "compte à inviter" })
                                .to_string(),
                        ]
                            .into_iter()
                            .filter(|f| !f.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let (key, edited) = (acc.id.0.clone(), acc.clone());
                        view! {
                            <li class="setting-line" data-accompanist-id=acc.id.0.clone()>
                                <span>
                                    <strong>{acc.name.clone()}</strong>
                                    " "
                                    <span class="muted">{facts}</span>
                                </span>
                                <EditLine
                                    summary=format!("Modifier {}", acc.name)
                                    edit=a.edit_accompanist
                                    id=acc.id.0.clone()
                                    remove=remove_form!(
                                        a.remove_accompanist, acc.id.0.clone(), format!("Retirer {}", acc.name)
                                    )
                                    check=|input: &UpdateAccompanist| input.form.check().map(|_| ())
                                >
                                    <AccompanistFields key line=Some(edited) />
                                </EditLine>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <details class="card">
                <summary>"Ajouter un accompagnateur"</summary>
                <CheckedForm action check=|input: &AddAccompanist| input.form.check().map(|_| ())>
                    <AccompanistFields key="new".to_string() line=None />
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">
                            {error}
                        </p>
                    </Show>
                    <button type="submit" class="button button-primary">
                        "Ajouter"
                    </button>
                </CheckedForm>
                <p class="hint">
                    "Pour lui ouvrir un compte, envoyez-lui une invitation depuis « Invitations »."
                </p>
            </details>
        </section>
    }
}

#[component]
fn VenueFields(key: String, line: Option<VenueLine>) -> impl IntoView {
    let key = StoredValue::new(key);
    let id = move |f: &str| key.with_value(|key| format!("venue-{f}-{key}"));
    let (name, address, kind) = line.map_or_else(Default::default, |l| (l.name, l.address, l.kind));
    view! {
        <div class="field-row">
            <Field control=id("name") label="Nom du lieu" refused="venue_name">
                <input
                    id=id("name")
                    name="form[name]"
                    type="text"
                    required
                    maxlength="80"
                    value=name
                />
            </Field>
            <Field control=id("kind") label="Type">
                <select id=id("kind") name="form[kind]" required>
                    {VENUE_KINDS
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=*k selected=kind == *k>
                                    {*k}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Field>
        </div>
        <Field control=id("address") label="Adresse" refused="address">
            <input
                id=id("address")
                name="form[address]"
                type="text"
                maxlength="200"
                value=address
            />
        </Field>
    }
}

#[component]
fn VenuesCard(page: PageData, a: Actions) -> impl IntoView {
    let action = a.venue;
    let error = form_error(action.value());
    view! {
        <section class="settings-section">
            <h2>{format!("Lieux ({})", page.venues.len())}</h2>
            <Refusals edit=a.edit_venue.value() remove=a.remove_venue.value() />
            <ul class="plain-list setting-lines">
                {page
                    .venues
                    .into_iter()
                    .map(|venue| {
                        let (key, edited) = (venue.id.0.clone(), venue.clone());
                        view! {
                            <li class="setting-line" data-venue-id=venue.id.0.clone()>
                                <span>
                                    <strong>{venue.name.clone()}</strong>
                                    " "
                                    <span class="muted">
                                        {format!("{} · {}", venue.address, venue.kind)}
                                    </span>
                                </span>
                                <EditLine
                                    summary=format!("Modifier {}", venue.name)
                                    edit=a.edit_venue
                                    id=venue.id.0.clone()
                                    remove=remove_form!(
                                        a.remove_venue, venue.id.0.clone(), format!("Retirer {}", venue.name)
                                    )
                                    check=|input: &UpdateVenue| input.form.check().map(|_| ())
                                >
                                    <VenueFields key line=Some(edited) />
                                </EditLine>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <details class="card">
                <summary>"Ajouter un lieu"</summary>
                <CheckedForm action check=|input: &AddVenue| input.form.check().map(|_| ())>
                    <VenueFields key="new".to_string() line=None />
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">
                            {error}
                        </p>
                    </Show>
                    <button type="submit" class="button button-primary">
                        "Ajouter"
                    </button>
                </CheckedForm>
            </details>
        </section>
    }
}

#[component]
fn SchoolCard(school: SchoolLine, a: Actions) -> impl IntoView {
    let error = form_error(a.period.value());
    let delete_error = form_error(a.delete_period.value());
    let id = school.id.0.clone();
    let edited = school.clone();
    let (day_id, start_id, end_id) = (
        format!("day-{id}"),
        format!("start-{id}"),
        format!("end-{id}"),
    );
    view! {
        <section class="card school" data-school-id=school.id.0.clone()>
            <h3>{school.name.clone()}</h3>
            <p class="muted">
                {format!(
                    "{} · {}",
                    school.stage,
                    school.uai.clone().unwrap_or_else(|| "UAI non renseigné".into()),
                )}
            </p>
            <EditLine
                summary="Modifier l'école".to_string()
                edit=a.edit_school
                id=school.id.0.clone()
                remove=remove_form!(
                    a.remove_school, school.id.0.clone(), "Retirer l'école".to_string()
                )
                check=|input: &UpdateSchool| input.form.check().map(|_| ())
            >
                <SchoolFields key=edited.id.0.clone() line=Some(edited) />
            </EditLine>
            {if school.timetable.is_empty() {
                view! {
                    <p class="muted">
                        "Pas d'horaires : le planning ne peut pas vérifier les heures de classe."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="plain-list timetable">
                        {school
                            .timetable
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li class="adult">
                                        <span>
                                            {format!(
                                                "{} {}",
                                                day_label(p.weekday),
                                                format::time_range(p.start, p.end),
                                            )}
                                        </span>
                                        <ActionForm action=a.delete_period>
                                            <input type="hidden" name="id" value=p.id />
                                            <button
                                                type="submit"
                                                class="button button-small"
                                                aria-label=format!(
                                                    "Supprimer {} {}",
                                                    day_label(p.weekday),
                                                    format::time_range(p.start, p.end),
                                                )
                                            >
                                                "Supprimer"
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Show when=move || delete_error().is_some()>
                <p class="form-error" role="alert">
                    {delete_error}
                </p>
            </Show>
            <CheckedForm action=a.period check=|input: &AddPeriod| input.form.check().map(|_| ())>
                <input type="hidden" name="form[school]" value=id />
                <div class="field-row">
                    <Field control=day_id.clone() label="Jour">
                        <select id=day_id name="form[weekday]" required>
                            {[
                                (1, "lundi"),
                                (2, "mardi"),
                                (3, "mercredi"),
                                (4, "jeudi"),
                                (5, "vendredi"),
                                (6, "samedi"),
                            ]
                                .into_iter()
                                .map(|(n, d)| view! { <option value=n.to_string()>{d}</option> })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field control=start_id.clone() label="Début">
                        <input id=start_id name="form[start]" type="time" required value="08:30" />
                    </Field>
                    <Field control=end_id.clone() label="Fin" refused="period_end">
                        <input id=end_id name="form[end]" type="time" required value="11:30" />
                    </Field>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button">
                    "Ajouter ces horaires"
                </button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn SchoolFields(key: String, line: Option<SchoolLine>) -> impl IntoView {
    let key = StoredValue::new(key);
    let id = move |f: &str| key.with_value(|key| format!("school-{f}-{key}"));
    let (name, uai, stage) = line.map_or_else(Default::default, |l| {
        (l.name, l.uai.unwrap_or_default(), l.stage)
    });
    view! {
        <Field control=id("name") label="Nom de l'établissement" refused="school_name">
            <input id=id("name") name="form[name]" type="text" required maxlength="80" value=name />
        </Field>
        <div class="field-row">
            <Field control=id("uai") label="Code UAI" refused="uai">
                <input
                    id=id("uai")
                    name="form[uai]"
                    type="text"
                    maxlength="8"
                    placeholder="0931234L"
                    autocomplete="off"
                    value=uai
                />
            </Field>
            <Field control=id("stage") label="Niveau">
                <select id=id("stage") name="form[stage]" required>
                    <option value="primaire" selected=stage == "primaire">
                        "Primaire"
                    </option>
                    <option value="secondaire" selected=stage == "secondaire">
                        "Secondaire"
                    </option>
                </select>
            </Field>
        </div>
    }
}

#[component]
fn NewSchoolCard(action: ServerAction<AddSchool>) -> impl IntoView {
    let error = form_error(action.value());
    view! {
        <section class="card">
            <h3>"Ajouter une école"</h3>
            <CheckedForm action check=|input: &AddSchool| input.form.check().map(|_| ())>
                <SchoolFields key="new".to_string() line=None />
                <label class="checkbox">
                    <input type="checkbox" name="form[usual_timetable]" value="on" />
                    " Horaires habituels du primaire (lundi, mardi, jeudi, vendredi : 8 h 30-11 h 30 et 13 h 30-16 h 30)"
                </label>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Ajouter l'école"
                </button>
            </CheckedForm>
        </section>
    }
}
