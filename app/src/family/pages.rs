use crate::components::{submit_error, successes, Field, Loaded};
use crate::family::api::{
    load_calendar_feed, load_child, load_family_events, load_my_children, AcceptContract,
    AnswerFamilyEvent, NewCalendarFeed, ReportAbsence, RevokeCalendarFeed, WithdrawAbsence,
};
use crate::family::details::pages::DetailsCheckNotice;
use crate::family::events::FamilyEvent;
use crate::family::types::{AbsenceNotice, ChildCard, ChildPage, Contract, MonthAttendance};
use crate::format;
use crate::i18n::{attendance_label, family_event_label, tr, use_locale, Locale};
use crate::messages::pages::HomeMessages;
use crate::planning::types::SessionLine;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The parent's home: the structure's request to check their data (first,
/// when there is one), the messages (unread first), one card per child, the
/// family events, and the calendar subscription.
#[component]
pub fn MyChildrenPage() -> impl IntoView {
    let l = use_locale();
    let children = Resource::new(|| (), |_| load_my_children());
    view! {
        <main id="contenu" class="page">
            <h1>{tr(l, "Mes enfants", "My children")}</h1>
            <DetailsCheckNotice />
            <HomeMessages />
            <Loaded resource=children render=move |list| view! { <ChildCards list /> } />
            <FamilyEvents />
            <CalendarSubscription />
        </main>
    }
}

/// One card per child, with the next session.
#[component]
fn ChildCards(list: Vec<ChildCard>) -> impl IntoView {
    let l = use_locale();
    if list.is_empty() {
        return view! {
            <p>
                {tr(
                    l,
                    "Aucun enfant n'est rattaché à votre compte.",
                    "No child is linked to your account.",
                )}
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="cards">
            {list
                .into_iter()
                .map(|c| {
                    view! {
                        <li class="card child-card" data-child-id=c.id.to_string()>
                            <h2>
                                <a href=format!(
                                    "/enfants/{}",
                                    c.id,
                                )>{format!("{} {}", c.first_name, c.last_name)}</a>
                            </h2>
                            <p class="muted">{c.groups.join(", ")}</p>
                            {match c.next {
                                Some(s) => {
                                    view! {
                                        <p>
                                            {tr(l, "Prochaine séance : ", "Next session: ")}
                                            <strong>
                                                {format!(
                                                    "{}, {}",
                                                    format::day_month_in(s.date, l),
                                                    format::time_range_in(s.start, s.end, l),
                                                )}
                                            </strong> {format!(" · {}", s.venue_name)}
                                        </p>
                                    }
                                        .into_any()
                                }
                                None => {
                                    view! {
                                        <p class="muted">
                                            {tr(l, "Pas de séance prévue.", "No session planned.")}
                                        </p>
                                    }
                                        .into_any()
                                }
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The family events the guardian is invited to, each with « Je viendrai »
/// and « Je ne pourrai pas venir ». Plain forms: they work without
/// JavaScript.
#[component]
fn FamilyEvents() -> impl IntoView {
    let l = use_locale();
    let answer = ServerAction::<AnswerFamilyEvent>::new();
    let events = Resource::new(move || answer.version().get(), |_| load_family_events());
    let error = submit_error(answer.value());
    view! {
        <section class="family-events" aria-labelledby="rendez-vous">
            <h2 id="rendez-vous">
                {tr(l, "Rendez-vous pour les familles", "Events for families")}
            </h2>
            <p class="muted">
                {tr(
                    l,
                    "Réunions, séances avec vos enfants, fêtes : dites à l'équipe si vous venez.",
                    "Meetings, sessions with your children, parties: tell the team whether you will come.",
                )}
            </p>
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
            <Loaded resource=events render=move |list| view! { <EventCards list answer /> } />
        </section>
    }
}

#[component]
fn EventCards(list: Vec<FamilyEvent>, answer: ServerAction<AnswerFamilyEvent>) -> impl IntoView {
    let l = use_locale();
    if list.is_empty() {
        return view! {
            <p class="muted">
                {tr(l, "Pas de rendez-vous prévu pour le moment.", "No event planned for now.")}
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="cards">
            {list
                .into_iter()
                .map(|e| {
                    let when = format!(
                        "{}, {}",
                        format::day_month_in(e.date, l),
                        format::time_range_in(e.start, e.end, l),
                    );
                    let place = [
                        e.venue.clone(),
                        e.group.clone().map(|g| format!("{} {g}", tr(l, "groupe", "group"))),
                    ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let reply = match e.reply {
                        Some(true) => "coming",
                        Some(false) => "not-coming",
                        None => "none",
                    };
                    let said = match e.reply {
                        Some(true) => {
                            Some(
                                tr(
                                    l,
                                    "Vous avez répondu : je viendrai.",
                                    "You answered: I will come.",
                                ),
                            )
                        }
                        Some(false) => {
                            Some(
                                tr(
                                    l,
                                    "Vous avez répondu : je ne pourrai pas venir.",
                                    "You answered: I cannot come.",
                                ),
                            )
                        }
                        None => None,
                    };
                    let (id, id_yes, id_no) = (
                        e.id.to_string(),
                        e.id.to_string(),
                        e.id.to_string(),
                    );
                    view! {
                        <li class="card event-card" data-event-id=id data-reply=reply>
                            <p class="event-kind">{family_event_label(e.kind, l)}</p>
                            <h3>{e.title.clone()}</h3>
                            <p class="session-time">{when}</p>
                            {(!place.is_empty()).then(|| view! { <p class="muted">{place}</p> })}
                            {said.map(|s| view! { <p class="notice notice-info">{s}</p> })}
                            <div class="answer-buttons">
                                <ActionForm action=answer>
                                    <input type="hidden" name="event" value=id_yes />
                                    <input type="hidden" name="coming" value="oui" />
                                    <button
                                        type="submit"
                                        class="button button-primary"
                                        aria-pressed=(e.reply == Some(true)).to_string()
                                    >
                                        {tr(l, "Je viendrai", "I will come")}
                                    </button>
                                </ActionForm>
                                <ActionForm action=answer>
                                    <input type="hidden" name="event" value=id_no />
                                    <input type="hidden" name="coming" value="non" />
                                    <button
                                        type="submit"
                                        class="button"
                                        aria-pressed=(e.reply == Some(false)).to_string()
                                    >
                                        {tr(l, "Je ne pourrai pas venir", "I cannot come")}
                                    </button>
                                </ActionForm>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The guardian's private calendar address: made, shown, replaced or
/// deleted here; a phone's calendar subscribes to it.
#[component]
fn CalendarSubscription() -> impl IntoView {
    let l = use_locale();
    let create = ServerAction::<NewCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let feed = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| load_calendar_feed(),
    );
    view! {
        <section class="calendar-feed" aria-labelledby="agenda">
            <h2 id="agenda">
                {tr(
                    l,
                    "Les séances dans l'agenda de votre téléphone",
                    "Sessions in your phone's calendar",
                )}
            </h2>
            <p>
                {tr(
                    l,
                    "Votre agenda (Google Agenda, Calendrier de l'iPhone…) peut afficher les séances de vos enfants et se mettre à jour tout seul. Une séance annulée y apparaît comme annulée.",
                    "Your calendar app (Google Calendar, iPhone Calendar…) can show your children's sessions and update itself. A cancelled session shows as cancelled.",
                )}
            </p>
            <Loaded
                resource=feed
                render=move |address| match address {
                    None => {
                        view! {
                            <ActionForm action=create>
                                <button type="submit" class="button button-primary">
                                    {tr(
                                        l,
                                        "Créer mon adresse d'agenda",
                                        "Create my calendar address",
                                    )}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Some(url) => {
                        let webcal = url
                            .replacen("https://", "webcal://", 1)
                            .replacen("http://", "webcal://", 1);
                        view! {
                            <Field
                                control="adresse-agenda"
                                label={tr(l, "Votre adresse privée", "Your private address")}
                            >
                                <input
                                    id="adresse-agenda"
                                    class="feed-address"
                                    type="text"
                                    readonly
                                    value=url
                                />
                            </Field>
                            <p class="muted">
                                {tr(
                                    l,
                                    "Ne la partagez pas : qui a cette adresse voit les séances de vos enfants. Si vous l'avez partagée par erreur, changez-la.",
                                    "Do not share it: whoever has this address sees your children's sessions. If you shared it by mistake, change it.",
                                )}
                            </p>
                            <p>
                                <a class="button button-primary" href=webcal rel="external">
                                    {tr(l, "Ajouter à mon agenda", "Add to my calendar")}
                                </a>
                            </p>
                            <div class="answer-buttons">
                                <ActionForm action=create>
                                    <button type="submit" class="button">
                                        {tr(
                                            l,
                                            "Changer d'adresse (l'ancienne ne marchera plus)",
                                            "Change the address (the old one stops working)",
                                        )}
                                    </button>
                                </ActionForm>
                                <ActionForm action=revoke>
                                    <button type="submit" class="button button-quiet">
                                        {tr(l, "Supprimer l'adresse", "Delete the address")}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                            .into_any()
                    }
                }
            />
        </section>
    }
}

/// A child's page: next sessions and the attendance history.
#[component]
pub fn ChildPageView() -> impl IntoView {
    let params = use_params_map();
    let report = ServerAction::<ReportAbsence>::new();
    let withdraw = ServerAction::<WithdrawAbsence>::new();
    let accept = ServerAction::<AcceptContract>::new();
    // Read again after each absence reported or withdrawn, and after the
    // contract is accepted (not after a refusal: the form keeps its text).
    let (reported, withdrawn, accepted) = (
        successes(report.value()),
        successes(withdraw.value()),
        successes(accept.value()),
    );
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                reported.get(),
                withdrawn.get(),
                accepted.get(),
            )
        },
        |(id, ..)| load_child(crate::domain::ChildId(id)),
    );
    let actions = Absences { report, withdraw };
    view! {
        <main id="contenu" class="page">
            <Loaded
                resource=data
                error_heading="Fiche enfant"
                render=move |page| view! { <ChildDetail page actions accept /> }
            />
        </main>
    }
}

/// The forms of a guardian's absence notices.
#[derive(Clone, Copy)]
struct Absences {
    report: ServerAction<ReportAbsence>,
    withdraw: ServerAction<WithdrawAbsence>,
}

#[component]
fn ChildDetail(
    page: ChildPage,
    actions: Absences,
    accept: ServerAction<AcceptContract>,
) -> impl IntoView {
    use crate::domain::calendar::{school_year_start, term_start};
    let l = use_locale();
    let year_start = school_year_start(page.today);
    let term = page.attendance_since(term_start(page.today));
    let year = page.attendance_since(year_start);
    let months = page.by_month(year_start);
    let none_planned = tr(
        l,
        "Pas de séance prévue dans les quatre semaines.",
        "No session planned in the next four weeks.",
    );
    let coming = if page.guardian {
        view! {
            <ComingSessions
                child=page.id.to_string()
                first_name=page.first_name.clone()
                sessions=page.upcoming
                notices=page.notices
                open=page.takes_notices
                actions
            />
        }
        .into_any()
    } else {
        view! { <crate::attendance::pages::SessionList sessions=page.upcoming empty=none_planned /> }
            .into_any()
    };
    let contract = page.contract.clone().map(|c| {
        view! { <ContractSection contract=c child=page.id.to_string() accept /> }
    });
    view! {
        <h1>{format!("{} {}", page.first_name, page.last_name)}</h1>
        <p class="muted">{page.groups.join(", ")}</p>
        <h2>{tr(l, "Prochaines séances", "Next sessions")}</h2>
        {coming}
        <h2>{tr(l, "Présence", "Attendance")}</h2>
        <dl class="rates">
            <div>
                <dt>{tr(l, "Ce trimestre", "This term")}</dt>
                <dd data-rate="term">{rate_text(term, l)}</dd>
            </div>
            <div>
                <dt>{tr(l, "Depuis la rentrée", "Since the start of the school year")}</dt>
                <dd data-rate="year">{rate_text(year, l)}</dd>
            </div>
        </dl>
        <AttendanceChart months />
        <ul class="history">
            {page
                .history
                .into_iter()
                .map(|e| {
                    view! {
                        <li
                            data-session-id=e.session.to_string()
                            data-status=e.status.as_str()
                            class=format!("history-item status-{}", e.status.as_str())
                        >
                            <span>
                                {format!(
                                    "{}, {}",
                                    format::day_month_in(e.date, l),
                                    format::time_in(e.start, l),
                                )}
                            </span>
                            <span class="status">{attendance_label(e.status, l)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {contract}
    }
}

/// « Venu(e) à 80 % des séances (8 sur 10) », or that nothing was marked.
fn rate_text((came, marked): (u32, u32), l: Locale) -> String {
    match (crate::domain::calendar::percent(came, marked), l) {
        (Some(r), Locale::Fr) => format!("Venu(e) à {r} % des séances ({came} sur {marked})"),
        (Some(r), Locale::En) => format!("Came to {r}% of sessions ({came} of {marked})"),
        (None, _) => tr(l, "Pas encore de séance marquée", "No session marked yet").to_string(),
    }
}

/// The share of sessions attended, month by month, as bars: where people
/// would rather look than read. Drawn in SVG, readable on a phone and in
/// print; the figures are also written under each bar.
#[component]
fn AttendanceChart(months: Vec<MonthAttendance>) -> impl IntoView {
    const BAR: u32 = 28;
    const STEP: u32 = 40;
    const HEIGHT: u32 = 100;
    let l = use_locale();
    // Room for a whole school year (September to June), so that bars keep
    // their size as the year goes on.
    let width = STEP * months.len().max(10) as u32;
    let summary: Vec<String> = months
        .iter()
        .filter(|m| m.marked > 0)
        .map(|m| {
            let p = crate::domain::calendar::percent(m.came, m.marked).unwrap_or(0);
            format!("{} {p} %", format::month_short_in(m.month, l))
        })
        .collect();
    let label = if summary.is_empty() {
        tr(
            l,
            "Présence par mois : pas encore de séance marquée.",
            "Attendance by month: no session marked yet.",
        )
        .to_string()
    } else {
        format!(
            "{} {}.",
            tr(l, "Présence par mois :", "Attendance by month:"),
            summary.join(", ")
        )
    };
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {width} {}", HEIGHT + 40)
                role="img"
                aria-label=label
                preserveAspectRatio="xMinYMin meet"
            >
                <line x1="0" y1=HEIGHT x2=width y2=HEIGHT class="chart-axis" />
                {months
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let x = i as u32 * STEP + (STEP - BAR) / 2;
                        let percent = crate::domain::calendar::percent(m.came, m.marked);
                        let h = percent.unwrap_or(0) * HEIGHT / 100;
                        let value = percent
                            .map(|p| format!("{p} %"))
                            .unwrap_or_else(|| "–".to_string());
                        view! {
                            <g class="chart-month" data-month=m.month.to_string()>
                                <rect x=x y=HEIGHT - h width=BAR height=h class="chart-bar" />
                                <text
                                    x=x + BAR / 2
                                    y=HEIGHT + 16
                                    text-anchor="middle"
                                    class="chart-label"
                                >
                                    {format::month_short_in(m.month, l)}
                                </text>
                                <text
                                    x=x + BAR / 2
                                    y=HEIGHT + 32
                                    text-anchor="middle"
                                    class="chart-value"
                                >
                                    {value}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption class="muted">
                {tr(
                    l,
                    "Part des séances où l'enfant est venu, mois par mois.",
                    "Share of sessions the child came to, month by month.",
                )}
            </figcaption>
        </figure>
    }
}

/// The contract of the school year: the objectives, what each side
/// commits to, and « J'ai lu et j'accepte » (or who accepted it, and when).
#[component]
fn ContractSection(
    contract: Contract,
    child: String,
    accept: ServerAction<AcceptContract>,
) -> impl IntoView {
    let l = use_locale();
    let error = submit_error(accept.value());
    let lines = |text: &str| {
        text.split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| view! { <li>{s.to_string()}</li> })
            .collect_view()
    };
    let status = match contract.accepted {
        Some((by, at)) => {
            let (day, time) = (
                format::day_month_in(at.date(), l),
                format::time_in(at.time(), l),
            );
            let text = match l {
                Locale::Fr => format!("Accepté par {by} le {day} à {time}."),
                Locale::En => format!("Accepted by {by} on {day} at {time}."),
            };
            view! {
                <p class="notice notice-success" data-contract="accepted">
                    {text}
                </p>
            }
            .into_any()
        }
        None => view! {
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
            <div class="contract-form" data-contract="to-accept">
                <ActionForm action=accept>
                    <input type="hidden" name="child" value=child />
                    <label class="checkbox">
                        <input type="checkbox" name="read" required />
                        {tr(
                            l,
                            "J'ai lu et j'accepte le contrat",
                            "I have read and accept the contract",
                        )}
                    </label>
                    <button type="submit" class="button button-primary">
                        {tr(l, "Valider", "Confirm")}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="contract" aria-labelledby="contrat">
            <h2 id="contrat">
                {format!(
                    "{} {}",
                    tr(l, "Le contrat d'accompagnement", "The support contract"),
                    contract.school_year,
                )}
            </h2>
            <p class="muted">
                {tr(
                    l,
                    "Il engage l'enfant, sa famille, l'équipe et l'école pour l'année.",
                    "It binds the child, the family, the team and the school for the year.",
                )}
            </p>
            <h3>{tr(l, "Les objectifs", "The goals")}</h3>
            <ul>{lines(&contract.objectives)}</ul>
            <h3>{tr(l, "Les engagements", "The commitments")}</h3>
            <ul>{lines(&contract.engagements)}</ul>
            {status}
        </section>
    }
}

/// A guardian's view of the coming sessions: each says whether the child is
/// expected, and lets the family report an absence (or withdraw it). Plain
/// forms: they work without JavaScript.
#[component]
fn ComingSessions(
    child: String,
    first_name: String,
    sessions: Vec<SessionLine>,
    notices: Vec<AbsenceNotice>,
    /// The sessions that still take a notice (not started).
    open: Vec<crate::domain::SessionId>,
    actions: Absences,
) -> impl IntoView {
    let l = use_locale();
    if sessions.is_empty() {
        return view! {
            <p class="muted">
                {tr(
                    l,
                    "Pas de séance prévue dans les quatre semaines.",
                    "No session planned in the next four weeks.",
                )}
            </p>
        }
        .into_any();
    }
    let report_error = submit_error(actions.report.value());
    let withdraw_error = submit_error(actions.withdraw.value());
    view! {
        <Show when=move || report_error().or(withdraw_error()).is_some()>
            <p class="form-error" role="alert">
                {move || report_error().or(withdraw_error())}
            </p>
        </Show>
        <ul class="cards">
            {sessions
                .into_iter()
                .map(|s| {
                    let cancelled = s.status == crate::domain::model::SessionStatus::Cancelled;
                    let notice = notices
                        .iter()
                        .find(|n| n.session == s.id)
                        .map(|n| n.reason.clone());
                    let when = format!(
                        "{}, {}",
                        format::day_month_in(s.date, l),
                        format::time_range_in(s.start, s.end, l),
                    );
                    let (child, session) = (child.clone(), s.id.to_string());
                    let takes_notice = open.contains(&s.id);
                    let will_come = match l {
                        Locale::Fr => format!("Finalement, {first_name} viendra"),
                        Locale::En => format!("{first_name} will come after all"),
                    };
                    let body = match (cancelled, notice) {
                        (true, _) => {
                            view! {
                                <p class="cancelled">
                                    {format!(
                                        "{} {}",
                                        tr(l, "Annulée :", "Cancelled:"),
                                        s.cancel_reason.clone().unwrap_or_default(),
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        (false, Some(reason)) => {
                            view! {
                                <p class="notice notice-info absence-reported">
                                    {format!(
                                        "{} {reason}",
                                        tr(l, "Absence signalée :", "Absence reported:"),
                                    )}
                                </p>
                                {takes_notice
                                    .then(|| {
                                        view! {
                                            <ActionForm action=actions.withdraw>
                                                <input type="hidden" name="child" value=child />
                                                <input type="hidden" name="session" value=session />
                                                <button type="submit" class="button">
                                                    {will_come}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        (false, None) if !takes_notice => ().into_any(),
                        (false, None) => {
                            let field = format!("motif-{session}");
                            view! {
                                <details class="absence-form">
                                    <summary class="button">
                                        {tr(l, "Prévenir d'une absence", "Report an absence")}
                                    </summary>
                                    <ActionForm action=actions.report>
                                        <input type="hidden" name="child" value=child />
                                        <input type="hidden" name="session" value=session />
                                        <Field
                                            control=field.clone()
                                            label={tr(
                                                l,
                                                "Pourquoi ? (l'équipe le lira)",
                                                "Why? (the team will read it)",
                                            )}
                                        >
                                            <textarea
                                                id=field
                                                name="reason"
                                                required
                                                minlength="3"
                                                maxlength="300"
                                                rows="2"
                                            ></textarea>
                                        </Field>
                                        <button type="submit" class="button button-primary">
                                            {tr(l, "Envoyer", "Send")}
                                        </button>
                                    </ActionForm>
                                </details>
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <li
                            class="card session-card"
                            class:session-cancelled=cancelled
                            data-session-id=s.id.to_string()
                        >
                            <p class="session-time">{when}</p>
                            <p class="muted">{format!("{} · {}", s.group_name, s.venue_name)}</p>
                            {body}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
