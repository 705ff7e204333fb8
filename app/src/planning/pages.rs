use crate::components::{FindingBadge, Loaded, Page};
use crate::format;
use crate::planning::api::load_week;
use crate::planning::types::{CheckedSession, WeekPlan};
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The coordinator's home: the week's sessions day by day, with the rules'
/// findings, and each group's findings for the week.
#[component]
pub fn PlanningPage() -> impl IntoView {
    let query = use_query_map();
    let date = move || query.read().get("semaine");
    let plan = Resource::new(date, load_week);
    view! {
        <Page title="Planning">
            <Loaded resource=plan render=move |plan| view! { <Week plan/> }/>
        </Page>
    }
}

#[component]
fn Week(plan: WeekPlan) -> impl IntoView {
    let monday = plan.monday;
    let prev = format!("/planning?semaine={}", monday - Duration::days(7));
    let next = format!("/planning?semaine={}", monday + Duration::days(7));
    let days: Vec<_> = (0..6).map(|i| monday + Duration::days(i)).collect();
    let sessions = plan.sessions;
    view! {
        <div class="week-bar">
            <a class="button" href=prev>"← Semaine précédente"</a>
            <p class="week-title">{format!("Semaine du {}", format::full_date(monday))}</p>
            <a class="button" href=next>"Semaine suivante →"</a>
        </div>
        {plan.holiday.map(|h| view! { <p class="notice notice-info">{format!("{h} : pas d'école cette semaine.")}</p> })}
        <section aria-labelledby="groupes-titre" class="group-findings">
            <h2 id="groupes-titre">"Groupes"</h2>
            <ul class="cards">
                {plan.groups.into_iter().map(|(id, name, findings)| view! {
                    <li class="card">
                        <a href=format!("/groupes/{id}")>{name}</a>
                        <div class="badges">
                            {if findings.is_empty() { view! { <span class="badge badge-ok">"Conforme"</span> }.into_any() } else {
                                findings.into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view().into_any()
                            }}
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <div class="week">
            {days.into_iter().map(|day| {
                let of_day: Vec<CheckedSession> = sessions.iter().filter(|s| s.session.date == day).cloned().collect();
                view! {
                    <section class="day" aria-label=format::day_month(day)>
                        <h2 class="day-title">{format::day_month(day)}</h2>
                        {if of_day.is_empty() {
                            view! { <p class="muted">"Aucune séance"</p> }.into_any()
                        } else {
                            of_day.into_iter().map(|s| view! { <SessionBlock checked=s/> }).collect_view().into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn SessionBlock(checked: CheckedSession) -> impl IntoView {
    let s = checked.session;
    let label = format!(
        "{}, {}, {}",
        s.group_name,
        format::day_month(s.date),
        format::time_range(s.start, s.end)
    );
    let staff = if s.accompanists.is_empty() {
        "Aucun accompagnateur".to_string()
    } else {
        s.accompanists
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cancelled = s.status == crate::domain::model::SessionStatus::Cancelled;
    view! {
        <article class="session" class:session-cancelled=cancelled data-session-id=s.id.to_string() aria-label=label>
            <p class="session-time">{format::time_range(s.start, s.end)}</p>
            <p class="session-group"><a href=format!("/groupes/{}", s.group)>{s.group_name.clone()}</a></p>
            <p class="session-meta">{s.venue_name.clone()}</p>
            <p class="session-meta">{staff}</p>
            <p class="session-meta">{format!("{} enfants attendus", s.expected_children)}</p>
            {cancelled.then(|| view! { <p class="session-meta">{format!("Annulée : {}", s.cancel_reason.clone().unwrap_or_default())}</p> })}
            <div class="badges">
                {checked.findings.into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view()}
            </div>
        </article>
    }
}
