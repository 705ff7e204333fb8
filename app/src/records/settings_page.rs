//! « Structure » (`/structure`): the organisation's settings. The CLAS
//! thresholds (a preset or custom values) and how long a child who left is
//! kept; the accompanists; the venues; the schools with their UAI code and
//! the timetable DURING_SCHOOL_TIME reads.

use crate::components::{field_error, form_error, successes, CheckedForm, Loaded, Page};
use crate::format;
use crate::records::settings::{SchoolLine, SettingsPage as PageData, VENUE_KINDS};
use crate::records::settings_api::*;
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
}

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
    };
    let changes = [
        successes(a.thresholds.value()),
        successes(a.accompanist.value()),
        successes(a.venue.value()),
        successes(a.school.value()),
        successes(a.period.value()),
        successes(a.delete_period.value()),
    ];
    let data = Resource::new(
        move || changes.iter().map(|c| c.get()).sum::<u32>(),
        |_| load_settings(),
    );
    view! {
        <Page title="Structure">
            <p class="lead">"Les réglages de la structure : les règles du CLAS, l'équipe, les lieux et les écoles."</p>
            <p class="actions"><a class="button" href="/annee-scolaire">"Année scolaire et vacances"</a></p>
            <Loaded resource=data render=move |page| view! { <Settings page a/> }/>
        </Page>
    }
}

#[component]
fn Settings(page: PageData, a: Actions) -> impl IntoView {
    view! {
        <ThresholdsCard page=page.clone() action=a.thresholds/>
        <AccompanistsCard page=page.clone() action=a.accompanist/>
        <VenuesCard page=page.clone() action=a.venue/>
        <h2>"Écoles et horaires"</h2>
        <p class="muted">"Une séance posée pendant les heures de classe d'un enfant inscrit est signalée dans le planning."</p>
        <div class="two-columns">
            {page.schools.into_iter().map(|school| view! { <SchoolCard school a/> }).collect_view()}
            <NewSchoolCard action=a.school/>
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
            <div class="field">
                <label for=format!("t-{id}")>{crate::form_messages::field_name(id, l)}</label>
                <input id=format!("t-{id}") name=format!("form[{id}]") type="number" inputmode="numeric" min="0" max="60" value=value.to_string() required/>
                {field_error(v, id)}
            </div>
        }
    };
    let preset = t.preset.as_str();
    view! {
        <section class="card settings-card">
            <h2>"Règles du CLAS"</h2>
            <CheckedForm action check=|input: &SaveThresholds| input.form.check().map(|_| ())>
                <fieldset class="choices">
                    <legend>"Seuils utilisés par le planning"</legend>
                    <label class="checkbox"><input type="radio" name="form[preset]" value="guide" checked=preset == "guide"/>" Guide CLAS : 5 à 15 enfants, un adulte pour 5 à 7"</label>
                    <label class="checkbox"><input type="radio" name="form[preset]" value="caf_national" checked=preset == "caf_national"/>" Page nationale CAF : 8 à 12 enfants, deux adultes par groupe"</label>
                    <label class="checkbox"><input type="radio" name="form[preset]" value="custom" checked=preset == "custom"/>" Valeurs de la structure (ci-dessous)"</label>
                </fieldset>
                <p class="hint">"Les valeurs ci-dessous ne servent que pour « Valeurs de la structure »."</p>
                <div class="field-row">
                    {number("group_min", t.group_min)}
                    {number("group_max", t.group_max)}
                </div>
                <div class="field-row">
                    {number("max_children_per_adult", t.max_children_per_adult)}
                    {number("min_adults_per_session", t.min_adults_per_session)}
                    {number("sessions_per_week", t.sessions_per_week)}
                </div>
                <div class="field">
                    <label for="t-months">"Anonymiser un enfant sorti après (mois sans contact)"</label>
                    <input id="t-months" name="form[anonymise_after_months]" type="number" inputmode="numeric" min="6" max="120" value=page.anonymise_after_months.to_string() required/>
                    {field_error(v, "anonymise_after_months")}
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">{error}</p>
                </Show>
                <Show when=saved>
                    <p class="form-success" role="status">"Réglages enregistrés : le planning les applique dès maintenant."</p>
                </Show>
                <button type="submit" class="button button-primary">"Enregistrer les règles"</button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn AccompanistsCard(page: PageData, action: ServerAction<AddAccompanist>) -> impl IntoView {
    let error = form_error(action.value());
    let v = action.value();
    view! {
        <section class="settings-section">
            <h2>{format!("Accompagnateurs ({})", page.accompanists.len())}</h2>
            <div class="table-wrap">
                <table class="table accompanists">
                    <thead><tr><th scope="col">"Nom"</th><th scope="col">"Statut"</th><th scope="col">"Contact"</th><th scope="col">"Disponibilités"</th><th scope="col">"Compte"</th></tr></thead>
                    <tbody>
                        {page.accompanists.into_iter().map(|a| view! {
                            <tr>
                                <td>{a.name}</td>
                                <td>{if a.paid { "salarié" } else { "bénévole" }}</td>
                                <td>{[a.phone, a.email].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</td>
                                <td>{a.availability}</td>
                                <td>{if a.has_account { "oui" } else { "à inviter" }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <details class="card">
                <summary>"Ajouter un accompagnateur"</summary>
                <CheckedForm action check=|input: &AddAccompanist| input.form.check().map(|_| ())>
                    <div class="field-row">
                        <div class="field">
                            <label for="acc-first">"Prénom"</label>
                            <input id="acc-first" name="form[first_name]" type="text" required maxlength="80" autocomplete="off"/>
                            {field_error(v, "accompanist_first_name")}
                        </div>
                        <div class="field">
                            <label for="acc-last">"Nom"</label>
                            <input id="acc-last" name="form[last_name]" type="text" required maxlength="80" autocomplete="off"/>
                            {field_error(v, "accompanist_last_name")}
                        </div>
                        <div class="field">
                            <label for="acc-paid">"Statut"</label>
                            <select id="acc-paid" name="form[paid]" required>
                                <option value="">"—"</option>
                                <option value="0">"Bénévole"</option>
                                <option value="1">"Salarié"</option>
                            </select>
                            {field_error(v, "paid")}
                        </div>
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="acc-phone">"Téléphone"</label>
                            <input id="acc-phone" name="form[phone]" type="tel" autocomplete="off"/>
                            {field_error(v, "phone")}
                        </div>
                        <div class="field">
                            <label for="acc-email">"E-mail"</label>
                            <input id="acc-email" name="form[email]" type="email" autocomplete="off"/>
                            {field_error(v, "email")}
                        </div>
                    </div>
                    <div class="field">
                        <label for="acc-availability">"Disponibilités"</label>
                        <input id="acc-availability" name="form[availability]" type="text" maxlength="300" placeholder="lundi et jeudi après 16 h"/>
                        {field_error(v, "availability")}
                    </div>
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">{error}</p>
                    </Show>
                    <button type="submit" class="button button-primary">"Ajouter"</button>
                </CheckedForm>
                <p class="hint">"Pour lui ouvrir un compte, envoyez-lui une invitation depuis « Invitations »."</p>
            </details>
        </section>
    }
}

#[component]
fn VenuesCard(page: PageData, action: ServerAction<AddVenue>) -> impl IntoView {
    let error = form_error(action.value());
    let v = action.value();
    view! {
        <section class="settings-section">
            <h2>{format!("Lieux ({})", page.venues.len())}</h2>
            <ul class="plain-list">
                {page.venues.into_iter().map(|venue| view! {
                    <li class="holiday"><span><strong>{venue.name}</strong>" "<span class="muted">{format!("{} · {}", venue.address, venue.kind)}</span></span></li>
                }).collect_view()}
            </ul>
            <details class="card">
                <summary>"Ajouter un lieu"</summary>
                <CheckedForm action check=|input: &AddVenue| input.form.check().map(|_| ())>
                    <div class="field-row">
                        <div class="field">
                            <label for="venue-name">"Nom du lieu"</label>
                            <input id="venue-name" name="form[name]" type="text" required maxlength="80"/>
                            {field_error(v, "venue_name")}
                        </div>
                        <div class="field">
                            <label for="venue-kind">"Type"</label>
                            <select id="venue-kind" name="form[kind]" required>
                                {VENUE_KINDS.iter().map(|k| view! { <option value=*k>{*k}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="field">
                        <label for="venue-address">"Adresse"</label>
                        <input id="venue-address" name="form[address]" type="text" maxlength="200"/>
                        {field_error(v, "address")}
                    </div>
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">{error}</p>
                    </Show>
                    <button type="submit" class="button button-primary">"Ajouter"</button>
                </CheckedForm>
            </details>
        </section>
    }
}

#[component]
fn SchoolCard(school: SchoolLine, a: Actions) -> impl IntoView {
    let error = form_error(a.period.value());
    let delete_error = form_error(a.delete_period.value());
    let v = a.period.value();
    let id = school.id.0.clone();
    let (day_id, start_id, end_id) = (
        format!("day-{id}"),
        format!("start-{id}"),
        format!("end-{id}"),
    );
    view! {
        <section class="card school" data-school-id=school.id.0.clone()>
            <h3>{school.name.clone()}</h3>
            <p class="muted">{format!("{} · {}", school.stage, school.uai.clone().unwrap_or_else(|| "UAI non renseigné".into()))}</p>
            {if school.timetable.is_empty() {
                view! { <p class="muted">"Pas d'horaires : le planning ne peut pas vérifier les heures de classe."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list timetable">
                        {school.timetable.into_iter().map(|p| view! {
                            <li class="adult">
                                <span>{format!("{} {}", day_label(p.weekday), format::time_range(p.start, p.end))}</span>
                                <ActionForm action=a.delete_period>
                                    <input type="hidden" name="id" value=p.id/>
                                    <button type="submit" class="button button-small" aria-label=format!("Supprimer {} {}", day_label(p.weekday), format::time_range(p.start, p.end))>"Supprimer"</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Show when=move || delete_error().is_some()>
                <p class="form-error" role="alert">{delete_error}</p>
            </Show>
            <CheckedForm action=a.period check=|input: &AddPeriod| input.form.check().map(|_| ())>
                <input type="hidden" name="form[school]" value=id/>
                <div class="field-row">
                    <div class="field">
                        <label for=day_id.clone()>"Jour"</label>
                        <select id=day_id name="form[weekday]" required>
                            {[(1, "lundi"), (2, "mardi"), (3, "mercredi"), (4, "jeudi"), (5, "vendredi"), (6, "samedi")].into_iter().map(|(n, d)| view! { <option value=n.to_string()>{d}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=start_id.clone()>"Début"</label>
                        <input id=start_id name="form[start]" type="time" required value="08:30"/>
                    </div>
                    <div class="field">
                        <label for=end_id.clone()>"Fin"</label>
                        <input id=end_id name="form[end]" type="time" required value="11:30"/>
                        {field_error(v, "period_end")}
                    </div>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">{error}</p>
                </Show>
                <button type="submit" class="button">"Ajouter ces horaires"</button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn NewSchoolCard(action: ServerAction<AddSchool>) -> impl IntoView {
    let error = form_error(action.value());
    let v = action.value();
    view! {
        <section class="card">
            <h3>"Ajouter une école"</h3>
            <CheckedForm action check=|input: &AddSchool| input.form.check().map(|_| ())>
                <div class="field">
                    <label for="school-name">"Nom de l'établissement"</label>
                    <input id="school-name" name="form[name]" type="text" required maxlength="80"/>
                    {field_error(v, "school_name")}
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="school-uai">"Code UAI"</label>
                        <input id="school-uai" name="form[uai]" type="text" maxlength="8" placeholder="0931234L" autocomplete="off"/>
                        {field_error(v, "uai")}
                    </div>
                    <div class="field">
                        <label for="school-stage">"Niveau"</label>
                        <select id="school-stage" name="form[stage]" required>
                            <option value="primaire">"Primaire"</option>
                            <option value="secondaire">"Secondaire"</option>
                        </select>
                    </div>
                </div>
                <label class="checkbox"><input type="checkbox" name="form[usual_timetable]" value="on"/>" Horaires habituels du primaire (lundi, mardi, jeudi, vendredi : 8 h 30-11 h 30 et 13 h 30-16 h 30)"</label>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">{error}</p>
                </Show>
                <button type="submit" class="button button-primary">"Ajouter l'école"</button>
            </CheckedForm>
        </section>
    }
}
