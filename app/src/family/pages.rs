use crate::components::{submit_error, Loaded, Page};
use crate::family::api::{load_child, load_my_children, ReportAbsence, WithdrawAbsence};
use crate::family::types::{AbsenceNotice, ChildCard, ChildPage, MonthAttendance};
use crate::format;
use crate::i18n::{attendance_label, Locale};
use crate::planning::types::SessionLine;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The parent's home: one card per child.
#[component]
pub fn MyChildrenPage() -> impl IntoView {
    let children = Resource::new(|| (), |_| load_my_children());
    view! {
        <Page title="Mes enfants">
            <Loaded resource=children render=move |list| view! { <ChildCards list/> }/>
        </Page>
    }
}

/// One card per child, with the next session.
#[component]
fn ChildCards(list: Vec<ChildCard>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"Aucun enfant n'est rattaché à votre compte."</p> }.into_any();
    }
    view! {
                            <ul class="cards">
                                {list.into_iter().map(|c| view! {
                                    <li class="card child-card" data-child-id=c.id.to_string()>
                                        <h2><a href=format!("/enfants/{}", c.id)>{format!("{} {}", c.first_name, c.last_name)}</a></h2>
                                        <p class="muted">{c.groups.join(", ")}</p>
                                        {match c.next {
                                            Some(s) => view! {
                                                <p>"Prochaine séance : " <strong>{format!("{}, {}", format::day_month(s.date), format::time_range(s.start, s.end))}</strong>
                                                   {format!(" · {}", s.venue_name)}</p>
                                            }.into_any(),
                                            None => view! { <p class="muted">"Pas de séance prévue."</p> }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
    .into_any()
}

/// A child's page: next sessions and the attendance history.
#[component]
pub fn ChildPageView() -> impl IntoView {
    let params = use_params_map();
    let report = ServerAction::<ReportAbsence>::new();
    let withdraw = ServerAction::<WithdrawAbsence>::new();
    // Read again after each absence reported or withdrawn.
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                report.version().get(),
                withdraw.version().get(),
            )
        },
        |(id, _, _)| load_child(id),
    );
    let actions = Absences { report, withdraw };
    view! {
        <main id="contenu" class="page">
            <Loaded resource=data error_heading="Fiche enfant" render=move |page| view! { <ChildDetail page actions/> }/>
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
fn ChildDetail(page: ChildPage, actions: Absences) -> impl IntoView {
    use crate::domain::calendar::{school_year_start, term_start};
    let year_start = school_year_start(page.today);
    let term = page.attendance_since(term_start(page.today));
    let year = page.attendance_since(year_start);
    let months = page.by_month(year_start);
    let coming = if page.guardian {
        view! { <ComingSessions child=page.id.to_string() first_name=page.first_name.clone() sessions=page.upcoming notices=page.notices open=page.takes_notices actions/> }.into_any()
    } else {
        view! { <crate::attendance::pages::SessionList sessions=page.upcoming empty="Pas de séance prévue dans les quatre semaines."/> }.into_any()
    };
    view! {
        <h1>{format!("{} {}", page.first_name, page.last_name)}</h1>
        <p class="muted">{page.groups.join(", ")}</p>
        <h2>"Prochaines séances"</h2>
        {coming}
        <h2>"Présence"</h2>
        <dl class="rates">
            <div>
                <dt>"Ce trimestre"</dt>
                <dd data-rate="term">{rate_text(term)}</dd>
            </div>
            <div>
                <dt>"Depuis la rentrée"</dt>
                <dd data-rate="year">{rate_text(year)}</dd>
            </div>
        </dl>
        <AttendanceChart months/>
        <ul class="history">
            {page.history.into_iter().map(|e| view! {
                <li data-session-id=e.session.to_string() data-status=e.status.as_str() class=format!("history-item status-{}", e.status.as_str())>
                    <span>{format!("{}, {}", format::day_month(e.date), format::time(e.start))}</span>
                    <span class="status">{attendance_label(e.status, Locale::Fr)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// « Venu(e) à 80 % des séances (8 sur 10) », or that nothing was marked.
fn rate_text((came, marked): (u32, u32)) -> String {
    match crate::domain::calendar::percent(came, marked) {
        Some(r) => format!("Venu(e) à {r} % des séances ({came} sur {marked})"),
        None => "Pas encore de séance marquée".to_string(),
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
    // Room for a whole school year (September to June), so that bars keep
    // their size as the year goes on.
    let width = STEP * months.len().max(10) as u32;
    let summary: Vec<String> = months
        .iter()
        .filter(|m| m.marked > 0)
        .map(|m| {
            let p = crate::domain::calendar::percent(m.came, m.marked).unwrap_or(0);
            format!("{} {} %", crate::format::month_short(m.month), p)
        })
        .collect();
    let label = if summary.is_empty() {
        "Présence par mois : pas encore de séance marquée.".to_string()
    } else {
        format!("Présence par mois : {}.", summary.join(", "))
    };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {width} {}", HEIGHT + 40) role="img" aria-label=label preserveAspectRatio="xMinYMin meet">
                <line x1="0" y1=HEIGHT x2=width y2=HEIGHT class="chart-axis"/>
                {months.into_iter().enumerate().map(|(i, m)| {
                    let x = i as u32 * STEP + (STEP - BAR) / 2;
                    let percent = crate::domain::calendar::percent(m.came, m.marked);
                    let h = percent.unwrap_or(0) * HEIGHT / 100;
                    let value = percent.map(|p| format!("{p} %")).unwrap_or_else(|| "–".to_string());
                    view! {
                        <g class="chart-month" data-month=m.month.to_string()>
                            <rect x=x y=HEIGHT - h width=BAR height=h class="chart-bar"/>
                            <text x=x + BAR / 2 y=HEIGHT + 16 text-anchor="middle" class="chart-label">{crate::format::month_short(m.month)}</text>
                            <text x=x + BAR / 2 y=HEIGHT + 32 text-anchor="middle" class="chart-value">{value}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="muted">"Part des séances où l'enfant est venu, mois par mois."</figcaption>
        </figure>
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
    if sessions.is_empty() {
        return view! { <p class="muted">"Pas de séance prévue dans les quatre semaines."</p> }
            .into_any();
    }
    let report_error = submit_error(actions.report.value());
    let withdraw_error = submit_error(actions.withdraw.value());
    view! {
        <Show when=move || report_error().or(withdraw_error()).is_some()>
            <p class="form-error" role="alert">{move || report_error().or(withdraw_error())}</p>
        </Show>
        <ul class="cards">
            {sessions.into_iter().map(|s| {
                let cancelled = s.status == crate::domain::model::SessionStatus::Cancelled;
                let notice = notices.iter().find(|n| n.session == s.id).map(|n| n.reason.clone());
                let when = format!("{}, {}", format::day_month(s.date), format::time_range(s.start, s.end));
                let (child, session) = (child.clone(), s.id.to_string());
                let takes_notice = open.contains(&s.id);
                let will_come = format!("Finalement, {first_name} viendra");
                let body = match (cancelled, notice) {
                    (true, _) => view! {
                        <p class="cancelled">{format!("Annulée : {}", s.cancel_reason.clone().unwrap_or_default())}</p>
                    }.into_any(),
                    (false, Some(reason)) => view! {
                        <p class="notice notice-info absence-reported">{format!("Absence signalée : {reason}")}</p>
                        {takes_notice.then(|| view! {
                            <ActionForm action=actions.withdraw>
                                <input type="hidden" name="child" value=child/>
                                <input type="hidden" name="session" value=session/>
                                <button type="submit" class="button">{will_come}</button>
                            </ActionForm>
                        })}
                    }.into_any(),
                    (false, None) if !takes_notice => ().into_any(),
                    (false, None) => {
                        let field = format!("motif-{session}");
                        view! {
                            <details class="absence-form">
                                <summary class="button">"Prévenir d'une absence"</summary>
                                <ActionForm action=actions.report>
                                    <input type="hidden" name="child" value=child/>
                                    <input type="hidden" name="session" value=session/>
                                    <div class="field">
                                        <label for=field.clone()>"Pourquoi ? (l'équipe le lira)"</label>
                                        <textarea id=field name="reason" required minlength="3" maxlength="300" rows="2"></textarea>
                                    </div>
                                    <button type="submit" class="button button-primary">"Envoyer"</button>
                                </ActionForm>
                            </details>
                        }.into_any()
                    }
                };
                view! {
                    <li class="card session-card" class:session-cancelled=cancelled data-session-id=s.id.to_string()>
                        <p class="session-time">{when}</p>
                        <p class="muted">{format!("{} · {}", s.group_name, s.venue_name)}</p>
                        {body}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
