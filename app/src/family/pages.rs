use crate::components::{submit_error, successes, Field, Loaded};
use crate::family::api::{
    load_calendar_feed, load_child, load_family_events, load_my_children, AcceptContract,
    AnswerFamilyEvent, NewCalendarFeed, ReportAbsence, RevokeCalendarFeed, WithdrawAbsence,
};
use crate::family::details::pages::DetailsCheckNotice;
use crate::family::events::FamilyEvent;
use crate::family::types::{AbsenceNotice, ChildCard, ChildPage, Contract, MonthAttendance};
use crate::format;
use crate::i18n::catalogue::fill;
use crate::i18n::{attendance_label, families as t, family_event_label, use_locale, Locale};
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
            <h1>{t::my_children(l)}</h1>
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
        return view! { <p>{t::no_child_linked(l)}</p> }.into_any();
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
                                            {t::next_session_label(l)}
                                            <strong>
                                                {format!(
                                                    "{}{}{}",
                                                    format::day_month_in(s.date, l),
                                                    format::comma(l),
                                                    format::time_range_in(s.start, s.end, l),
                                                )}
                                            </strong> {format!(" · {}", s.venue_name)}
                                        </p>
                                    }
                                        .into_any()
                                }
                                None => {
                                    view! { <p class="muted">{t::no_session_planned(l)}</p> }
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
            <h2 id="rendez-vous">{t::family_events_title(l)}</h2>
            <p class="muted">{t::family_events_intro(l)}</p>
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
        return view! { <p class="muted">{t::no_event_planned(l)}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {list
                .into_iter()
                .map(|e| {
                    let when = format!(
                        "{}{}{}",
                        format::day_month_in(e.date, l),
                        format::comma(l),
                        format::time_range_in(e.start, e.end, l),
                    );
                    let place = [
                        e.venue.clone(),
                        e.group.clone().map(|g| format!("{} {g}", t::group_word(l))),
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
                        Some(true) => Some(t::answered_coming(l)),
                        Some(false) => Some(t::answered_not_coming(l)),
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
                            <h3 dir="auto">{e.title.clone()}</h3>
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
                                        {t::will_come(l)}
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
                                        {t::cannot_come(l)}
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
            <h2 id="agenda">{t::calendar_title(l)}</h2>
            <p>{t::calendar_intro(l)}</p>
            <Loaded
                resource=feed
                render=move |address| match address {
                    None => {
                        view! {
                            <ActionForm action=create>
                                <button type="submit" class="button button-primary">
                                    {t::calendar_create(l)}
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
                            <Field control="adresse-agenda" label={t::calendar_private_address(l)}>
                                <input
                                    id="adresse-agenda"
                                    class="feed-address"
                                    type="text"
                                    readonly
                                    value=url
                                />
                            </Field>
                            <p class="muted">{t::calendar_do_not_share(l)}</p>
                            <p>
                                <a class="button button-primary" href=webcal rel="external">
                                    {t::calendar_add(l)}
                                </a>
                            </p>
                            <div class="answer-buttons">
                                <ActionForm action=create>
                                    <button type="submit" class="button">
                                        {t::calendar_change(l)}
                                    </button>
                                </ActionForm>
                                <ActionForm action=revoke>
                                    <button type="submit" class="button button-quiet">
                                        {t::calendar_delete(l)}
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
    let l = use_locale();
    view! {
        <main id="contenu" class="page">
            <Loaded
                resource=data
                error_heading=t::child_page(l)
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
    let none_planned = t::no_session_four_weeks(l);
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
        <h2>{t::next_sessions(l)}</h2>
        {coming}
        <h2>{t::attendance(l)}</h2>
        <dl class="rates">
            <div>
                <dt>{t::this_term(l)}</dt>
                <dd data-rate="term">{rate_text(term, l)}</dd>
            </div>
            <div>
                <dt>{t::since_school_start(l)}</dt>
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
                                    "{}{}{}",
                                    format::day_month_in(e.date, l),
                                    format::comma(l),
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
    match crate::domain::calendar::percent(came, marked) {
        Some(r) => fill(
            t::attendance_rate(l),
            &[
                ("rate", &r.to_string()),
                ("came", &came.to_string()),
                ("marked", &marked.to_string()),
            ],
        ),
        None => t::no_session_marked(l).to_string(),
    }
}

/// The share of sessions attended, month by month, as bars: where people
/// would rather look than read. Drawn in SVG, readable on a phone and in
/// print; the figures are also written under each bar.
#[component]
fn AttendanceChart(months: Vec<MonthAttendance>) -> impl IntoView {
    const BAR: u32 = 28;
    const HEIGHT: u32 = 100;
    let l = use_locale();
    // Arabic names its months in whole words: wider columns. Right to
    // left, the year starts on the right.
    let (step, rtl) = match l {
        Locale::Ar => (50, true),
        Locale::Fr | Locale::En => (40, false),
    };
    // Room for a whole school year (September to June), so that bars keep
    // their size as the year goes on.
    let slots = months.len().max(10) as u32;
    let width = step * slots;
    let summary: Vec<String> = months
        .iter()
        .filter(|m| m.marked > 0)
        .map(|m| {
            let p = crate::domain::calendar::percent(m.came, m.marked).unwrap_or(0);
            format!("{} {p} %", format::month_short_in(m.month, l))
        })
        .collect();
    let label = if summary.is_empty() {
        t::attendance_by_month_none(l).to_string()
    } else {
        format!("{} {}.", t::attendance_by_month(l), summary.join(", "))
    };
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {width} {}", HEIGHT + 40)
                role="img"
                aria-label=label
                preserveAspectRatio=if rtl { "xMaxYMin meet" } else { "xMinYMin meet" }
                direction="ltr"
            >
                <line x1="0" y1=HEIGHT x2=width y2=HEIGHT class="chart-axis" />
                {months
                    .into_iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let slot = if rtl { slots - 1 - i as u32 } else { i as u32 };
                        let x = slot * step + (step - BAR) / 2;
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
            <figcaption class="muted">{t::attendance_chart_caption(l)}</figcaption>
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
            .map(|s| view! { <li dir="auto">{s.to_string()}</li> })
            .collect_view()
    };
    let status = match contract.accepted {
        Some((by, at)) => {
            let (day, time) = (
                format::day_month_in(at.date(), l),
                format::time_in(at.time(), l),
            );
            let text = fill(
                t::contract_accepted(l),
                &[("by", &by), ("day", &day), ("time", &time)],
            );
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
                        {t::contract_read_accept(l)}
                    </label>
                    <button type="submit" class="button button-primary">
                        {t::confirm(l)}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="contract" aria-labelledby="contrat">
            <h2 id="contrat">{format!("{} {}", t::contract_title(l), contract.school_year)}</h2>
            <p class="muted">{t::contract_intro(l)}</p>
            <h3>{t::contract_goals(l)}</h3>
            <ul>{lines(&contract.objectives)}</ul>
            <h3>{t::contract_commitments(l)}</h3>
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
        return view! { <p class="muted">{t::no_session_four_weeks(l)}</p> }.into_any();
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
                        "{}{}{}",
                        format::day_month_in(s.date, l),
                        format::comma(l),
                        format::time_range_in(s.start, s.end, l),
                    );
                    let (child, session) = (child.clone(), s.id.to_string());
                    let takes_notice = open.contains(&s.id);
                    let will_come = fill(t::will_come_after_all(l), &[("first_name", &first_name)]);
                    let body = match (cancelled, notice) {
                        (true, _) => {
                            view! {
                                <p class="cancelled">
                                    {t::cancelled_label(l)} " "
                                    <bdi>{s.cancel_reason.clone().unwrap_or_default()}</bdi>
                                </p>
                            }
                                .into_any()
                        }
                        (false, Some(reason)) => {
                            view! {
                                <p class="notice notice-info absence-reported">
                                    {t::absence_reported_label(l)} " " <bdi>{reason}</bdi>
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
                                    <summary class="button">{t::report_absence(l)}</summary>
                                    <ActionForm action=actions.report>
                                        <input type="hidden" name="child" value=child />
                                        <input type="hidden" name="session" value=session />
                                        <Field control=field.clone() label={t::absence_why(l)}>
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
                                            {t::send(l)}
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
