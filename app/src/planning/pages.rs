use crate::components::{Loaded, Page};
use crate::domain::calendar::holiday_of_week;
use crate::domain::{GroupId, VenueId};
use crate::format;
use crate::planning::api::load_week;
use crate::planning::calendar::Calendar;
use crate::planning::planner::Filter;
use crate::planning::types::WeekPlan;
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The coordinator's home: the week's calendar, checked by the CLAS rules.
/// The address holds the week (`semaine`) and the filters (`lieu`, `groupe`),
/// so a week can be bookmarked and the page works without JavaScript.
#[component]
pub fn PlanningPage() -> impl IntoView {
    let query = use_query_map();
    let date = move || query.read().get("semaine");
    let plan = Resource::new(date, load_week);
    let filter = move || {
        let q = query.read();
        let pick = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        Filter {
            venue: pick("lieu").map(VenueId),
            group: pick("groupe").map(GroupId),
        }
    };
    view! {
        <Page title="Planning">
            <Loaded resource=plan render=move |plan| view! { <Week plan filter=filter()/> }/>
        </Page>
    }
}

#[component]
fn Week(plan: WeekPlan, filter: Filter) -> impl IntoView {
    let monday = plan.monday;
    let keep = {
        let mut q = String::new();
        if let Some(v) = &filter.venue {
            q.push_str(&format!("&lieu={v}"));
        }
        if let Some(g) = &filter.group {
            q.push_str(&format!("&groupe={g}"));
        }
        q
    };
    let prev = format!("/planning?semaine={}{keep}", monday - Duration::days(7));
    let next = format!("/planning?semaine={}{keep}", monday + Duration::days(7));
    let holiday = holiday_of_week(monday, &plan.context.holidays).map(|h| h.name.clone());
    let venues = plan.venues.clone();
    let groups: Vec<(GroupId, String)> = plan
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    let chosen_venue = filter.venue.clone().map(|v| v.0).unwrap_or_default();
    let chosen_group = filter.group.clone().map(|g| g.0).unwrap_or_default();
    view! {
        <div class="week-bar">
            <a class="button" href=prev>"← Semaine précédente"</a>
            <p class="week-title">{format!("Semaine du {}", format::full_date(monday))}</p>
            <a class="button" href=next>"Semaine suivante →"</a>
        </div>
        <Form method="get" action="/planning">
            <div class="week-filters">
                <div class="field">
                    <label for="week-date">"Aller à la date"</label>
                    <input id="week-date" name="semaine" type="date" value=monday.to_string()/>
                </div>
                <div class="field">
                    <label for="week-venue">"Lieu"</label>
                    <select id="week-venue" name="lieu">
                        <option value="">"Tous les lieux"</option>
                        {venues.into_iter().map(|(id, name)| {
                            let selected = id.0 == chosen_venue;
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="week-group">"Groupe"</label>
                    <select id="week-group" name="groupe">
                        <option value="">"Tous les groupes"</option>
                        {groups.into_iter().map(|(id, name)| {
                            let selected = id.0 == chosen_group;
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">"Afficher"</button>
            </div>
        </Form>
        {holiday.map(|h| view! { <p class="notice notice-info">{format!("{h} : pas d'école cette semaine.")}</p> })}
        <Calendar plan filter/>
    }
}
