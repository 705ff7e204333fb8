use crate::components::{Field, Loaded, Page};
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
            <crate::attendance::pages::RegistersToCheck />
            <crate::reports::dossier::pages::DossierReminders />
            <Loaded resource=plan render=move |plan| view! { <Week plan filter=filter() /> } />
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
    let venues: Vec<(String, String)> = plan
        .venues
        .iter()
        .map(|(id, n)| (id.0.clone(), n.clone()))
        .collect();
    let groups: Vec<(String, String)> = plan
        .groups
        .iter()
        .map(|g| (g.id.0.clone(), g.name.clone()))
        .collect();
    let chosen_venue = filter.venue.clone().map(|v| v.0).unwrap_or_default();
    let chosen_group = filter.group.clone().map(|g| g.0).unwrap_or_default();
    view! {
        <div class="week-bar">
            <a class="button" href=prev>
                "← Semaine précédente"
            </a>
            <p class="week-title">{format!("Semaine du {}", format::full_date(monday))}</p>
            <a class="button" href=next>
                "Semaine suivante →"
            </a>
        </div>
        <Form method="get" action="/planning">
            <div class="week-filters">
                <Field control="week-date" label="Aller à la date">
                    <input id="week-date" name="semaine" type="date" value=monday.to_string() />
                </Field>
                <FilterSelect
                    id="week-venue"
                    name="lieu"
                    label="Lieu"
                    all="Tous les lieux"
                    options=venues
                    chosen=chosen_venue
                />
                <FilterSelect
                    id="week-group"
                    name="groupe"
                    label="Groupe"
                    all="Tous les groupes"
                    options=groups
                    chosen=chosen_group
                />
                <button type="submit" class="button">
                    "Afficher"
                </button>
            </div>
        </Form>
        {holiday
            .map(|h| {
                view! {
                    <p class="notice notice-info">{format!("{h} : pas d'école cette semaine.")}</p>
                }
            })}
        <Calendar plan filter />
    }
}

/// One filter of the week: a choice among `options` (id, name), or all.
#[component]
fn FilterSelect(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <Field control=id label={label}>
            <select id=id name=name>
                <option value="">{all}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == chosen;
                        view! {
                            <option value=value selected=selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}
