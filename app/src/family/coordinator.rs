//! The coordinator's « Familles » page: the family events of the year with
//! each family's answer, and a form for a new event.

use crate::components::{submit_error, successes, Loaded, Page};
use crate::domain::model::FamilyEventKind;
use crate::family::api::{load_event_answers, CreateFamilyEvent};
use crate::family::events::{EventAnswers, FamilyEventsPage as PageData};
use crate::format;
use crate::i18n::{family_event_label, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn FamilyEventsPage() -> impl IntoView {
    let create = ServerAction::<CreateFamilyEvent>::new();
    let created = successes(create.value());
    let data = Resource::new(move || created.get(), |_| load_event_answers());
    view! {
        <Page title="Rendez-vous des familles">
            <p class="lead">"Réunions, séances parents-enfants, temps forts : qui a répondu « Je viendrai » depuis son téléphone."</p>
            <Loaded resource=data render=move |page| view! { <EventsAndForm page create/> }/>
        </Page>
    }
}

#[component]
fn EventsAndForm(page: PageData, create: ServerAction<CreateFamilyEvent>) -> impl IntoView {
    let (coming, past): (Vec<EventAnswers>, Vec<EventAnswers>) = page
        .events
        .into_iter()
        .partition(|e| e.event.date >= page.today);
    view! {
        <NewEventForm create today=page.today venues=page.venues groups=page.groups/>
        <h2>"À venir"</h2>
        <EventList events=coming empty="Aucun rendez-vous à venir."/>
        <h2>"Passés depuis la rentrée"</h2>
        <EventList events=past empty="Aucun rendez-vous passé cette année."/>
    }
}

#[component]
fn EventList(events: Vec<EventAnswers>, empty: &'static str) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {events.into_iter().map(|e| {
                let (yes, no) = e.counts();
                let who = e.event.group.clone().map(|g| format!("Groupe {g}")).unwrap_or_else(|| "Toutes les familles".to_string());
                let place = e.event.venue.clone().map(|v| format!(" · {v}")).unwrap_or_default();
                view! {
                    <li class="card event-card" data-event-id=e.event.id.to_string() data-coming=yes.to_string() data-not-coming=no.to_string()>
                        <p class="event-kind">{family_event_label(e.event.kind, Locale::Fr)}</p>
                        <h3>{e.event.title.clone()}</h3>
                        <p class="session-time">{format!("{}, {}", format::day_month(e.event.date), format::time_range(e.event.start, e.event.end))}</p>
                        <p class="muted">{format!("{who}{place}")}</p>
                        <p><strong>{answers_text(yes, no)}</strong></p>
                        {(!e.answers.is_empty()).then(|| view! {
                            <ul class="answers">
                                {e.answers.iter().map(|a| {
                                    let children = if a.children.is_empty() { String::new() } else { format!(" ({})", a.children.join(", ")) };
                                    view! {
                                        <li data-answer=if a.coming { "oui" } else { "non" }>
                                            {format!("{}{children} : ", a.guardian)}
                                            <span class=if a.coming { "answer-yes" } else { "answer-no" }>{if a.coming { "viendra" } else { "ne viendra pas" }}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// « 5 viendront · 2 ne pourront pas venir », or that nobody answered.
fn answers_text(yes: usize, no: usize) -> String {
    if yes + no == 0 {
        return "Pas encore de réponse".to_string();
    }
    let coming = if yes > 1 { "viendront" } else { "viendra" };
    let not_coming = if no > 1 {
        "ne pourront pas venir"
    } else {
        "ne pourra pas venir"
    };
    format!("{yes} {coming} · {no} {not_coming}")
}

/// A new event: for every family of the structure or one group's. The
/// browser checks the fields' shape; the server checks them again with
/// `EventForm::check` and says which field is wrong.
#[component]
fn NewEventForm(
    create: ServerAction<CreateFamilyEvent>,
    today: chrono::NaiveDate,
    venues: Vec<(String, String)>,
    groups: Vec<(String, String)>,
) -> impl IntoView {
    let error = submit_error(create.value());
    view! {
        <details class="new-event">
            <summary class="button button-primary">"Nouveau rendez-vous"</summary>
            <ActionForm action=create>
                <div class="field">
                    <label for="event-kind">"Type"</label>
                    <select id="event-kind" name="kind" required>
                        {FamilyEventKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str()>{family_event_label(*k, Locale::Fr)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="event-title">"Titre (les familles le liront)"</label>
                    <input id="event-title" name="title" type="text" required minlength="3" maxlength="120"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="event-date">"Date"</label>
                        <input id="event-date" name="date" type="date" required min=today.to_string()/>
                    </div>
                    <div class="field">
                        <label for="event-start">"Début"</label>
                        <input id="event-start" name="start" type="time" required value="17:00"/>
                    </div>
                    <div class="field">
                        <label for="event-end">"Fin"</label>
                        <input id="event-end" name="end" type="time" required value="18:30"/>
                    </div>
                </div>
                <div class="field">
                    <label for="event-venue">"Lieu"</label>
                    <select id="event-venue" name="venue">
                        <option value="">"À préciser"</option>
                        {venues.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="event-group">"Pour"</label>
                    <select id="event-group" name="group">
                        <option value="">"Toutes les familles"</option>
                        {groups.into_iter().map(|(id, name)| view! { <option value=id>{format!("Les familles du groupe {name}")}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">{error}</p>
                </Show>
                <button type="submit" class="button button-primary">"Créer le rendez-vous"</button>
            </ActionForm>
        </details>
    }
}
