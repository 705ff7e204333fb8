use crate::components::{FindingBadge, Loaded, Page};
use crate::format;
use crate::planning::api::load_week;
use crate::planning::calendar::Calendar;
use crate::planning::types::WeekPlan;
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The coordinator's home: the week's calendar, with the rules' findings,
/// and each group's findings for the week.
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
    let groups = plan.groups.clone();
    view! {
        <div class="week-bar">
            <a class="button" href=prev>"← Semaine précédente"</a>
            <p class="week-title">{format!("Semaine du {}", format::full_date(monday))}</p>
            <a class="button" href=next>"Semaine suivante →"</a>
        </div>
        {plan.holiday.clone().map(|h| view! { <p class="notice notice-info">{format!("{h} : pas d'école cette semaine.")}</p> })}
        <Calendar plan/>
        <section aria-labelledby="groupes-titre" class="group-findings">
            <h2 id="groupes-titre">"Groupes cette semaine"</h2>
            <ul class="cards">
                {groups.into_iter().map(|(id, name, findings)| view! {
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
    }
}
