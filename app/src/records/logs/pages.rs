//! « Suivi » (`/suivi`): the year's meetings with the schools (per child or
//! per group) and with partners, as the CAF's report asks for them, with a
//! form for each. Meetings with parents are on « Familles ».

use crate::components::{field_error, form_error, successes, CheckedForm, Field, Loaded, Page};
use crate::domain::model::LiaisonKind;
use crate::format;
use crate::records::logs::api::{load_logs, AddLiaison, AddPartnerMeeting};
use crate::records::logs::types::{LiaisonLine, LogsPage as PageData, PartnerMeetingLine};
use leptos::prelude::*;

pub fn liaison_label(kind: LiaisonKind) -> &'static str {
    match kind {
        LiaisonKind::Diagnostic => "Diagnostic",
        LiaisonKind::Start => "Démarrage de l'action",
        LiaisonKind::FollowUp => "Suivi en cours d'année",
        LiaisonKind::EndOfYear => "Bilan de fin d'année",
    }
}

#[component]
pub fn LogsPage() -> impl IntoView {
    let liaison = ServerAction::<AddLiaison>::new();
    let partner = ServerAction::<AddPartnerMeeting>::new();
    let (a, b) = (successes(liaison.value()), successes(partner.value()));
    let data = Resource::new(move || (a.get(), b.get()), |_| load_logs());
    view! {
        <Page title="Suivi avec l'école et les partenaires">
            <p class="lead">
                "Les rencontres avec les enseignants et les partenaires, que le bilan CAF demande. Les rencontres avec les parents sont dans « Familles »."
            </p>
            <Loaded resource=data render=move |page| view! { <Logs page liaison partner /> } />
        </Page>
    }
}

#[component]
fn Logs(
    page: PageData,
    liaison: ServerAction<AddLiaison>,
    partner: ServerAction<AddPartnerMeeting>,
) -> impl IntoView {
    let counts = page.counts();
    view! {
        <ul class="log-counts" aria-label=format!("Rencontres avec l'école en {}", page.year)>
            {counts
                .into_iter()
                .map(|(kind, n)| {
                    view! {
                        <li data-kind=kind.as_str()>
                            <strong>{n}</strong>
                            " "
                            {liaison_label(kind)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <div class="two-columns">
            <LiaisonFormCard page=page.clone() action=liaison />
            <PartnerFormCard today=page.today action=partner />
        </div>
        <h2>"Rencontres avec l'école"</h2>
        <LiaisonList liaisons=page.liaisons />
        <h2>"Rencontres avec les partenaires"</h2>
        <PartnerList meetings=page.partner_meetings />
    }
}

#[component]
fn LiaisonFormCard(page: PageData, action: ServerAction<AddLiaison>) -> impl IntoView {
    let error = form_error(action.value());
    let v = action.value();
    let today = page.today;
    let saved = move || matches!(v.get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>"Noter une rencontre avec l'école"</h2>
            <CheckedForm action check=move |input: &AddLiaison| input.form.check(today).map(|_| ())>
                <div class="field-row">
                    <Field control="liaison-kind" label="Rencontre" refused="liaison_kind">
                        <select id="liaison-kind" name="form[kind]" required>
                            <option value="">"—"</option>
                            {LiaisonKind::ALL
                                .iter()
                                .map(|k| {
                                    view! { <option value=k.as_str()>{liaison_label(*k)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field control="liaison-date" label="Date" refused="met_on">
                        <input
                            id="liaison-date"
                            name="form[met_on]"
                            type="date"
                            required
                            max=today.to_string()
                        />
                    </Field>
                </div>
                <div class="field-row">
                    <Field control="liaison-child" label="Au sujet de l'enfant">
                        <select id="liaison-child" name="form[child]">
                            <option value="">"—"</option>
                            {page
                                .children
                                .iter()
                                .map(|(id, name)| {
                                    view! { <option value=id.0.clone()>{name.clone()}</option> }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field control="liaison-group" label="ou du groupe">
                        <select id="liaison-group" name="form[group]">
                            <option value="">"—"</option>
                            {page
                                .groups
                                .iter()
                                .map(|(id, name)| {
                                    view! { <option value=id.0.clone()>{name.clone()}</option> }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                </div>
                {field_error(v, "liaison_about")}
                <Field control="liaison-participants" label="Participants" refused="participants">
                    <input
                        id="liaison-participants"
                        name="form[participants]"
                        type="text"
                        required
                        maxlength="300"
                        placeholder="Mme Robert (enseignante de CE2), la coordinatrice"
                    />
                </Field>
                <Field
                    control="liaison-objectives"
                    label={crate::form_messages::field_name(
                        "objectives_reviewed",
                        crate::i18n::use_locale(),
                    )}
                    refused="objectives_reviewed"
                >
                    <textarea
                        id="liaison-objectives"
                        name="form[objectives_reviewed]"
                        rows="2"
                        maxlength="1000"
                    ></textarea>
                </Field>
                <Field control="liaison-notes" label="Notes" refused="notes">
                    <textarea
                        id="liaison-notes"
                        name="form[notes]"
                        rows="3"
                        maxlength="2000"
                    ></textarea>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <Show when=saved>
                    <p class="form-success" role="status">
                        "Rencontre enregistrée."
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Enregistrer"
                </button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn PartnerFormCard(
    today: chrono::NaiveDate,
    action: ServerAction<AddPartnerMeeting>,
) -> impl IntoView {
    let error = form_error(action.value());
    let v = action.value();
    let saved = move || matches!(v.get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>"Noter une rencontre avec des partenaires"</h2>
            <CheckedForm
                action
                check=move |input: &AddPartnerMeeting| input.form.check(today).map(|_| ())
            >
                <Field control="partner-date" label="Date" refused="met_on">
                    <input
                        id="partner-date"
                        name="form[met_on]"
                        type="date"
                        required
                        max=today.to_string()
                    />
                </Field>
                <Field control="partner-names" label="Partenaires" refused="partners">
                    <input
                        id="partner-names"
                        name="form[partners]"
                        type="text"
                        required
                        maxlength="300"
                        placeholder="PRE, service jeunesse, médiathèque"
                    />
                </Field>
                <Field control="partner-notes" label="Notes" refused="notes">
                    <textarea
                        id="partner-notes"
                        name="form[notes]"
                        rows="3"
                        maxlength="2000"
                    ></textarea>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <Show when=saved>
                    <p class="form-success" role="status">
                        "Rencontre enregistrée."
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Enregistrer"
                </button>
            </CheckedForm>
        </section>
    }
}

#[component]
pub fn LiaisonList(liaisons: Vec<LiaisonLine>) -> impl IntoView {
    if liaisons.is_empty() {
        return view! { <p class="muted">"Aucune rencontre notée cette année."</p> }.into_any();
    }
    view! {
        <ul class="cards logs">
            {liaisons
                .into_iter()
                .map(|l| {
                    view! {
                        <li class="card" data-kind=l.kind.as_str()>
                            <p class="event-kind">{liaison_label(l.kind)}</p>
                            <h3>
                                {match &l.child {
                                    Some(c) => {
                                        view! {
                                            <a href=format!(
                                                "/inscriptions/{}",
                                                c.0,
                                            )>{l.about.clone()}</a>
                                        }
                                            .into_any()
                                    }
                                    None => view! { <span>{l.about.clone()}</span> }.into_any(),
                                }}
                            </h3>
                            <p class="session-time">{format::full_date(l.met_on)}</p>
                            <p>{format!("Avec : {}", l.participants)}</p>
                            {(!l.objectives_reviewed.is_empty())
                                .then(|| {
                                    view! {
                                        <p>
                                            {format!("Objectifs revus : {}", l.objectives_reviewed)}
                                        </p>
                                    }
                                })}
                            {(!l.notes.is_empty())
                                .then(|| view! { <p class="muted">{l.notes.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn PartnerList(meetings: Vec<PartnerMeetingLine>) -> impl IntoView {
    if meetings.is_empty() {
        return view! { <p class="muted">"Aucune rencontre notée cette année."</p> }.into_any();
    }
    view! {
        <ul class="cards logs">
            {meetings
                .into_iter()
                .map(|m| {
                    view! {
                        <li class="card partner-meeting">
                            <h3>{m.partners.clone()}</h3>
                            <p class="session-time">{format::full_date(m.met_on)}</p>
                            {(!m.notes.is_empty())
                                .then(|| view! { <p class="muted">{m.notes.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
