use crate::attendance::api::{load_today, registers_to_check};
use crate::attendance::outbox::use_outbox;
use crate::attendance::register::SyncBar;
use crate::components::{Loaded, Page};
use crate::format;
use crate::planning::types::SessionLine;
use leptos::prelude::*;

/// The accompanist's home: today's sessions first, then tomorrow's.
#[component]
pub fn TodayPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_today());
    let outbox = use_outbox();
    view! {
        <Page title="Aujourd'hui">
            <SyncBar />
            <Loaded
                resource=data
                render=move |v| {
                    for sheet in v.sheets.clone() {
                        outbox.keep_sheet(sheet);
                    }
                    // Keep the registers on the tablet for when the network goes.
                    view! {
                        <p class="lead">{format::full_date(v.today)}</p>
                        <SessionList
                            sessions=v.sessions_today
                            empty="Pas de séance aujourd'hui."
                            registers=true
                        />
                        <h2>"Demain"</h2>
                        <SessionList
                            sessions=v.sessions_tomorrow
                            empty="Pas de séance demain."
                            registers=true
                        />
                        <h2>"Mes groupes"</h2>
                        <ul class="cards">
                            {v
                                .groups
                                .into_iter()
                                .map(|g| {
                                    view! {
                                        <li class="card">
                                            <a href=format!("/groupes/{}", g.id)>{g.name}</a>
                                            <span class="muted">
                                                {format!("{} · {} enfants", g.levels, g.enrolled)}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                }
            />
        </Page>
    }
}

/// A list of sessions as large cards.
#[component]
pub fn SessionList(
    sessions: Vec<SessionLine>,
    empty: &'static str,
    /// Link each session to its register (accompanists and coordinators).
    #[prop(optional)]
    registers: bool,
) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {sessions
                .into_iter()
                .map(|s| {
                    let cancelled = s.status == crate::domain::model::SessionStatus::Cancelled;
                    view! {
                        <li
                            class="card session-card"
                            class:session-cancelled=cancelled
                            data-session-id=s.id.to_string()
                        >
                            <p class="session-time">
                                {format!(
                                    "{}, {}",
                                    format::day_month(s.date),
                                    format::time_range(s.start, s.end),
                                )}
                            </p>
                            <p class="session-group">{s.group_name.clone()}</p>
                            <p class="muted">
                                {format!(
                                    "{} · {} enfants attendus",
                                    s.venue_name,
                                    s.expected_children,
                                )}
                            </p>
                            {cancelled
                                .then(|| {
                                    view! {
                                        <p class="cancelled">
                                            {format!(
                                                "Annulée : {}",
                                                s.cancel_reason.clone().unwrap_or_default(),
                                            )}
                                        </p>
                                    }
                                })}
                            {(registers && !cancelled)
                                .then(|| {
                                    view! {
                                        <a
                                            class="button button-primary session-register"
                                            href=format!("/appel/{}", s.id)
                                        >
                                            "Faire l'appel"
                                        </a>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// For coordinators: the registers where tablets disagreed, to check.
#[component]
pub fn RegistersToCheck() -> impl IntoView {
    let list = Resource::new(|| (), |_| registers_to_check());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = list.await.unwrap_or_default();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <section
                                class="notice notice-warning registers-to-check"
                                aria-labelledby="to-check-title"
                            >
                                <h2 id="to-check-title">"Registres à vérifier"</h2>
                                <p>
                                    "Des tablettes ont marqué les mêmes enfants différemment :"
                                </p>
                                <ul>
                                    {list
                                        .into_iter()
                                        .map(|r| {
                                            view! {
                                                <li>
                                                    <a href=format!(
                                                        "/appel/{}",
                                                        r.session,
                                                    )>
                                                        {format!("{}, {}", r.group_name, format::full_date(r.date))}
                                                    </a>
                                                    {format!(
                                                        " ({} enfant{})",
                                                        r.children,
                                                        if r.children > 1 { "s" } else { "" },
                                                    )}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
