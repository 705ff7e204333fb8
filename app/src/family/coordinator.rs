//! The coordinator's « Familles » page: the family events of the year with
//! each family's answer, a form for a new event, and the families' data
//! (the request to check it, the pick-up adults to approve).

use crate::components::{form_error, successes, CheckedForm, Field, Loaded, Page};
use crate::domain::model::FamilyEventKind;
use crate::family::api::{load_event_answers, CreateFamilyEvent, MarkEventAttendance};
use crate::family::details::pages::FamilyChecksSection;
use crate::family::events::{EventAnswers, FamilyEventsPage as PageData};
use crate::format;
use crate::i18n::{family_event_label, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn FamilyEventsPage() -> impl IntoView {
    let create = ServerAction::<CreateFamilyEvent>::new();
    let mark = ServerAction::<MarkEventAttendance>::new();
    let (created, marked) = (successes(create.value()), successes(mark.value()));
    let data = Resource::new(
        move || (created.get(), marked.get()),
        |_| load_event_answers(),
    );
    view! {
        <Page title="Rendez-vous des familles">
            <p class="lead">
                "Réunions, séances parents-enfants, temps forts : qui a répondu « Je viendrai » depuis son téléphone."
            </p>
            <Loaded resource=data render=move |page| view! { <EventsAndForm page create mark /> } />
            <FamilyChecksSection />
        </Page>
    }
}

#[component]
fn EventsAndForm(
    page: PageData,
    create: ServerAction<CreateFamilyEvent>,
    mark: ServerAction<MarkEventAttendance>,
) -> impl IntoView {
    let (coming, past): (Vec<EventAnswers>, Vec<EventAnswers>) = page
        .events
        .into_iter()
        .partition(|e| e.event.date > page.today);
    let error = form_error(mark.value());
    view! {
        <NewEventForm create today=page.today venues=page.venues groups=page.groups />
        <h2>"À venir"</h2>
        <EventList events=coming empty="Aucun rendez-vous à venir." attendance=None />
        <h2>"Passés depuis la rentrée"</h2>
        <p class="muted">
            "Après un rendez-vous, notez quelles familles sont venues : le bilan CAF les compte."
        </p>
        <Show when=move || error().is_some()>
            <p class="form-error" role="alert">
                {error}
            </p>
        </Show>
        <EventList
            events=past
            empty="Aucun rendez-vous passé cette année."
            attendance=Some((mark, page.families))
        />
    }
}

/// After an event: the action marking who came, and the structure's
/// families (guardian id, name) one may add.
type Marking = (ServerAction<MarkEventAttendance>, Vec<(String, String)>);

/// One family's « venu(e) » switch after an event.
#[component]
fn CameToggle(
    mark: ServerAction<MarkEventAttendance>,
    event: String,
    guardian: String,
    came: bool,
) -> impl IntoView {
    view! {
        <ActionForm action=mark>
            <input type="hidden" name="event" value=event />
            <input type="hidden" name="guardian" value=guardian />
            <input type="hidden" name="came" value=if came { "0" } else { "1" } />
            <button type="submit" class="button button-small" aria-pressed=came.to_string()>
                {if came { "✓ Venu(e)" } else { "Pas venu(e)" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn EventList(
    events: Vec<EventAnswers>,
    empty: &'static str,
    /// For past events: the action marking who came, and the families one
    /// may add.
    attendance: Option<Marking>,
) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {events
                .into_iter()
                .map(|e| {
                    let (yes, no) = e.counts();
                    let who = e
                        .event
                        .group
                        .clone()
                        .map(|g| format!("Groupe {g}"))
                        .unwrap_or_else(|| "Toutes les familles".to_string());
                    let place = e
                        .event
                        .venue
                        .clone()
                        .map(|v| format!(" · {v}"))
                        .unwrap_or_default();
                    let add_family = attendance
                        .as_ref()
                        .map(|(mark, families)| {
                            let listed: Vec<&str> = e
                                .answers
                                .iter()
                                .map(|a| a.guardian_id.0.as_str())
                                .collect();
                            let others: Vec<(String, String)> = families
                                .iter()
                                .filter(|(id, _)| !listed.contains(&id.as_str()))
                                .cloned()
                                .collect();
                            let event_id = e.event.id.0.clone();
                            let select_id = format!("came-{event_id}");
                            view! {
                                <ActionForm action=*mark>
                                    <input type="hidden" name="event" value=event_id />
                                    <input type="hidden" name="came" value="1" />
                                    <Field
                                        control=select_id.clone()
                                        label="Une autre famille est venue"
                                    >
                                        <select id=select_id name="guardian" required>
                                            <option value="">"—"</option>
                                            {others
                                                .into_iter()
                                                .map(|(id, name)| {
                                                    view! { <option value=id>{name}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </Field>
                                    <button type="submit" class="button button-small">
                                        "Noter sa venue"
                                    </button>
                                </ActionForm>
                            }
                        });
                    view! {
                        <li
                            class="card event-card"
                            data-event-id=e.event.id.to_string()
                            data-coming=yes.to_string()
                            data-not-coming=no.to_string()
                        >
                            <p class="event-kind">{family_event_label(e.event.kind, Locale::Fr)}</p>
                            <h3>{e.event.title.clone()}</h3>
                            <p class="session-time">
                                {format!(
                                    "{}, {}",
                                    format::day_month(e.event.date),
                                    format::time_range(e.event.start, e.event.end),
                                )}
                            </p>
                            <p class="muted">{format!("{who}{place}")}</p>
                            <p>
                                <strong>{answers_text(yes, no)}</strong>
                            </p>
                            {attendance
                                .is_some()
                                .then(|| {
                                    view! {
                                        <p data-came=e.came().to_string()>{came_text(e.came())}</p>
                                    }
                                })}
                            {(!e.answers.is_empty())
                                .then(|| {
                                    view! {
                                        <ul class="answers">
                                            {e
                                                .answers
                                                .iter()
                                                .map(|a| {
                                                    let children = if a.children.is_empty() {
                                                        String::new()
                                                    } else {
                                                        format!(" ({})", a.children.join(", "))
                                                    };
                                                    let (code, class, said) = match a.reply {
                                                        Some(true) => ("oui", "answer-yes", "viendra"),
                                                        Some(false) => ("non", "answer-no", "ne viendra pas"),
                                                        None => ("", "muted", "sans réponse"),
                                                    };
                                                    let toggle = attendance
                                                        .as_ref()
                                                        .map(|(mark, _)| {
                                                            view! {
                                                                <CameToggle
                                                                    mark=*mark
                                                                    event=e.event.id.0.clone()
                                                                    guardian=a.guardian_id.0.clone()
                                                                    came=a.attended
                                                                />
                                                            }
                                                        });
                                                    view! {
                                                        <li data-answer=code data-guardian=a.guardian.clone()>
                                                            <span>
                                                                {format!("{}{children} : ", a.guardian)}
                                                                <span class=class>{said}</span>
                                                            </span>
                                                            {toggle}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                            {add_family}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// « 3 familles sont venues ».
fn came_text(n: usize) -> String {
    match n {
        0 => "Aucune famille notée comme venue".to_string(),
        1 => "1 famille est venue".to_string(),
        n => format!("{n} familles sont venues"),
    }
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

/// A new event: for every family of the structure or one group's.
/// `EventForm::check` runs in the browser before sending and again on the
/// server, and says which field is wrong.
#[component]
fn NewEventForm(
    create: ServerAction<CreateFamilyEvent>,
    today: chrono::NaiveDate,
    venues: Vec<(String, String)>,
    groups: Vec<(String, String)>,
) -> impl IntoView {
    let error = form_error(create.value());
    let check = move |input: &CreateFamilyEvent| {
        crate::family::events::EventForm {
            kind: input.kind.clone(),
            title: input.title.clone(),
            date: input.date.clone(),
            start: input.start.clone(),
            end: input.end.clone(),
            venue: input.venue.clone(),
            group: input.group.clone(),
        }
        .check(today)
        .map(|_| ())
    };
    view! {
        <details class="new-event">
            <summary class="button button-primary">"Nouveau rendez-vous"</summary>
            <CheckedForm action=create check>
                <Field control="event-kind" label="Type">
                    <select id="event-kind" name="kind" required>
                        {FamilyEventKind::ALL
                            .iter()
                            .map(|k| {
                                view! {
                                    <option value=k
                                        .as_str()>{family_event_label(*k, Locale::Fr)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field
                    control="event-title"
                    label="Titre (les familles le liront)"
                    refused="event_title"
                >
                    <input
                        id="event-title"
                        name="title"
                        type="text"
                        required
                        minlength="3"
                        maxlength="120"
                    />
                </Field>
                <div class="field-row">
                    <Field control="event-date" label="Date" refused="event_date">
                        <input
                            id="event-date"
                            name="date"
                            type="date"
                            required
                            min=today.to_string()
                        />
                    </Field>
                    <Field control="event-start" label="Début">
                        <input id="event-start" name="start" type="time" required value="17:00" />
                    </Field>
                    <Field control="event-end" label="Fin" refused="event_end">
                        <input id="event-end" name="end" type="time" required value="18:30" />
                    </Field>
                </div>
                <Field control="event-venue" label="Lieu">
                    <select id="event-venue" name="venue">
                        <option value="">"À préciser"</option>
                        {venues
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id>{name}</option> })
                            .collect_view()}
                    </select>
                </Field>
                <Field control="event-group" label="Pour">
                    <select id="event-group" name="group">
                        <option value="">"Toutes les familles"</option>
                        {groups
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option value=id>
                                        {format!("Les familles du groupe {name}")}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Créer le rendez-vous"
                </button>
            </CheckedForm>
        </details>
    }
}
